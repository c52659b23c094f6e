"""The local web app (Django): a thin shell over wayhome.services and the core."""
