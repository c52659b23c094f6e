"""Importers of files users already have (case logs, reference lists)."""
