from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "topline.api"
    label = "api"
