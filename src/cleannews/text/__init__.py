"""The text stage family."""
