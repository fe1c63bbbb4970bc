"""The rules stage family."""
