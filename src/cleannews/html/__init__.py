"""The html stage family."""
