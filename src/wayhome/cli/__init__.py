"""The command line: a thin shell over wayhome.services and wayhome.core."""
