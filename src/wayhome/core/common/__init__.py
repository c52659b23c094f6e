"""What every part of the core shares: dates and their conventions, strict models,
country codes, located problems, and the vocabularies (titles, degrees, roles)."""
