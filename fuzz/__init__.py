"""Long fuzz runs and the memory soak, outside the normal test run (see FUZZING.md)."""
