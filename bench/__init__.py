"""`make bench`: national-scale benchmarks (not tests: they print figures, see README)."""
