from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate

from topline.core.search import search_triggers_repair


def _repair_search_triggers(sender, using, **kwargs):
    search_triggers_repair(connections[using])


class CoreConfig(AppConfig):
    name = "topline.core"
    label = "core"

    def ready(self):
        # Sent once per app after migrate; core's own is enough, every migration has run.
        post_migrate.connect(_repair_search_triggers, sender=self, dispatch_uid="search-repair")
