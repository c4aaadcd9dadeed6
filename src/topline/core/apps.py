from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "topline.core"
    label = "core"
