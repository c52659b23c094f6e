"""The WSGI application, served by waitress (`wayhome serve`)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wayhome.web.settings")
application = get_wsgi_application()
