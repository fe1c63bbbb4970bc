"""The structure stage family."""
