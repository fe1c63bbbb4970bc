"""The filters stage family."""
