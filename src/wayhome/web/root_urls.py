"""The root URL configuration: the app under its namespace."""

from django.urls import include, path

urlpatterns = [path("", include("wayhome.web.urls"))]

handler404 = "wayhome.web.views.common.not_found"
