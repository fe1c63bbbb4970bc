"""The input stage family."""
