from django.db import models
from django.db.models import F, Q

from topline.core.models import TenantModel


class MarketingSpend(TenantModel):
    """Money spent on one lead source (and campaign) over a period: the numerator of CAC."""

    source = models.CharField(max_length=100)
    campaign = models.CharField(max_length=200, blank=True)
    period_start = models.DateField()
    period_end = models.DateField()
    amount_micros = models.BigIntegerField()
    currency = models.CharField(max_length=3)

    class Meta:
        indexes = [
            models.Index(fields=["organization", "source", "period_start"], name="spend_org_src")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="spend_period_order"
            ),
            models.CheckConstraint(condition=Q(amount_micros__gte=0), name="spend_not_negative"),
        ]
