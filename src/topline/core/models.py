"""Base models: timestamps and the tenant guard every organization-owned row shares."""

from django.db import models


class UnscopedQueryError(RuntimeError):
    """A tenant-owned table was queried without saying which organization."""


class TenantQuerySet(models.QuerySet):
    """A queryset that refuses to run until it is scoped with `for_org()`.

    Related managers (company.deals) are scoped by their parent row, which was itself
    loaded through a scoped query, so they count as scoped.
    """

    _scoped = False

    def for_org(self, org):
        qs = self.filter(organization=org)
        qs._scoped = True
        return qs

    def _clone(self):
        clone = super()._clone()
        clone._scoped = self._scoped
        return clone

    def _guard(self):
        if not self._scoped:
            raise UnscopedQueryError(
                f"{self.model.__name__} queried without an organization: use .for_org(org)"
            )

    def _fetch_all(self):
        if self._result_cache is None:
            self._guard()
        super()._fetch_all()

    def count(self):
        self._guard()
        return super().count()

    def exists(self):
        self._guard()
        return super().exists()

    def aggregate(self, *args, **kwargs):
        self._guard()
        return super().aggregate(*args, **kwargs)

    def iterator(self, *args, **kwargs):
        self._guard()
        return super().iterator(*args, **kwargs)

    def update(self, **kwargs):
        self._guard()
        return super().update(**kwargs)

    def delete(self):
        self._guard()
        return super().delete()


class TenantManager(models.Manager.from_queryset(TenantQuerySet)):
    def get_queryset(self):
        qs = super().get_queryset()
        if getattr(self, "instance", None) is not None:  # a related manager: company.deals
            qs._scoped = True
        return qs


class TimestampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class TenantModel(TimestampedModel):
    """A row owned by one organization. `objects` must be scoped; `_base_manager` is not,
    so foreign-key access and deletion cascades from an already-scoped row keep working."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="+", db_index=True
    )

    objects = TenantManager()

    class Meta:
        abstract = True
