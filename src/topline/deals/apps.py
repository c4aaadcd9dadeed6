from django.apps import AppConfig


class DealsConfig(AppConfig):
    name = "topline.deals"
    label = "deals"
