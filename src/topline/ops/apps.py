from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Running Topline: the serve and createuser commands and the demo data generator."""

    name = "topline.ops"
    label = "ops"
