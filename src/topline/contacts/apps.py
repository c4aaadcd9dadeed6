from django.apps import AppConfig


class ContactsConfig(AppConfig):
    name = "topline.contacts"
    label = "contacts"
