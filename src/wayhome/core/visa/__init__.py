"""The US visa clocks, counted from the stays log."""
