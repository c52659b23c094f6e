"""Persistence (Django ORM): the stored profile, progress and sign-in tokens.

Every row has an owner. In local mode there is one account; a hosted mode
later adds accounts, not a rewrite. Queries go through :func:`owned` in the
web app and through this package's functions for the command line.
"""
