from django.apps import AppConfig


class SosConfig(AppConfig):
    name = "sos"
    verbose_name = "Organisation"
