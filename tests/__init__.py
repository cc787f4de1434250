"""mskio test suite."""
