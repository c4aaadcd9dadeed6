from django.apps import AppConfig


class DataioConfig(AppConfig):
    name = "topline.dataio"
    label = "dataio"
