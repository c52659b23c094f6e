"""The views, one module per area of the app: each checks who asks
(wayhome.web.ownership), parses its form, calls a service and renders. No view imports
an adapter (an import-linter contract in pyproject.toml keeps it so)."""
