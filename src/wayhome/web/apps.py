from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "wayhome.web"
    label = "wayhome_web"
    verbose_name = "Wayhome web app"
