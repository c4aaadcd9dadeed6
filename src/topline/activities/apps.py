from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "topline.activities"
    label = "activities"
