"""The output stage family."""
