from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    name = "topline.analytics"
    label = "analytics"
