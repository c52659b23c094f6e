"""The root URL configuration: the app under its namespace."""

from django.urls import include, path

urlpatterns = [path("", include("wayhome.web.urls"))]

handler400 = "wayhome.web.views.common.bad_request"
handler403 = "wayhome.web.views.common.forbidden"
handler404 = "wayhome.web.views.common.not_found"
handler500 = "wayhome.web.views.common.server_error"
