"""Reliability: other processes at once, faults, and kill -9 at seeded points."""
