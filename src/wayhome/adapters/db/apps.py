from django.apps import AppConfig


class DbConfig(AppConfig):
    name = "wayhome.adapters.db"
    label = "wayhome"
    verbose_name = "Wayhome"
    default_auto_field = "django.db.models.BigAutoField"
