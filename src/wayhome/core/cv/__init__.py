"""The home-country CV: procedure numbers, publications, teaching, contacts."""
