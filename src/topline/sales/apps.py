from django.apps import AppConfig


class SalesConfig(AppConfig):
    name = "topline.sales"
    label = "sales"

    def ready(self):
        from topline.sales import handlers  # noqa: F401  (subscribes to deal events)
