from django.apps import AppConfig


class LeadsConfig(AppConfig):
    name = "topline.leads"
    label = "leads"
