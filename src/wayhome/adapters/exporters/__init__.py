"""Exporters: the plan as a calendar (RFC 5545), a chart (SVG, PNG) and a PDF."""
