"""The cli stage family."""
