from django.db import models

from topline.core.models import TenantModel


class IdempotencyKey(TenantModel):
    """The first response to a POST sent with an Idempotency-Key, replayed for 24 hours so
    a retried create returns the same record instead of making a second one."""

    key = models.CharField(max_length=255)
    # SHA-256 of method, path and body: the same key with another request is refused.
    fingerprint = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField()
    response_body = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "key"], name="idempotency_unique_key")
        ]
        indexes = [models.Index(fields=["organization", "created_at"], name="idempotency_org_at")]
