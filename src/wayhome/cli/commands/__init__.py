"""The `wayhome` commands, one module per group; :mod:`wayhome.cli.root` puts them
together. A command imports what it uses when it runs (the rules, the database,
an exporter), so a command on a file never loads Django and only `serve` loads
the web app.
"""
