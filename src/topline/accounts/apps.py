from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "topline.accounts"
    label = "accounts"
