"""The metadata stage family."""
