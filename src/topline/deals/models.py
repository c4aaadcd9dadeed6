from django.conf import settings
from django.db import models
from django.db.models import Q

from topline.contacts.models import Company, Contact
from topline.core.models import TenantModel


class Pipeline(TenantModel):
    name = models.CharField(max_length=100)
    is_default = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "name"], name="pipeline_unique_name"),
            models.UniqueConstraint(
                fields=["organization"], condition=Q(is_default=True), name="pipeline_one_default"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Stage(TenantModel):
    class Kind(models.TextChoices):
        OPEN = "open", "Open"
        WON = "won", "Won"
        LOST = "lost", "Lost"

    pipeline = models.ForeignKey(Pipeline, on_delete=models.CASCADE, related_name="stages")
    name = models.CharField(max_length=100)
    order = models.PositiveSmallIntegerField()
    # Chance, in percent, that a deal in this stage is won: weights the forecast.
    probability = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.OPEN)

    class Meta:
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["pipeline", "name"], name="stage_unique_name"),
            models.CheckConstraint(condition=Q(probability__lte=100), name="stage_probability"),
        ]

    def __str__(self) -> str:
        return self.name


class Deal(TenantModel):
    title = models.CharField(max_length=200)
    pipeline = models.ForeignKey(Pipeline, on_delete=models.PROTECT, related_name="deals")
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="deals")
    company = models.ForeignKey(
        Company, null=True, blank=True, on_delete=models.SET_NULL, related_name="deals"
    )
    contact = models.ForeignKey(
        Contact, null=True, blank=True, on_delete=models.SET_NULL, related_name="deals"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    amount_micros = models.BigIntegerField(default=0)
    currency = models.CharField(max_length=3)
    engaged_on = models.DateField(null=True, blank=True)
    # Expected close date while open; the actual one once won or lost.
    close_date = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=100, blank=True)
    campaign = models.CharField(max_length=200, blank=True)
    external_id = models.CharField(max_length=100, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["organization", "stage", "close_date"], name="deal_org_stage"),
            models.Index(fields=["organization", "close_date"], name="deal_org_close"),
            # One rep's deals: the list filtered by owner, and the board's per-stage count and
            # total for one owner from the index alone.
            models.Index(
                fields=["organization", "owner", "stage", "amount_micros"],
                name="deal_org_owner_stage",
            ),
            # A customer's deals on the company and contact pages, latest close first.
            models.Index(fields=["organization", "company", "close_date"], name="deal_org_co"),
            models.Index(fields=["organization", "contact", "close_date"], name="deal_org_ct"),
            # The board: per-stage count and total read from the index alone, and each
            # column's biggest deals first without sorting the stage.
            models.Index(
                fields=["organization", "stage", "amount_micros"], name="deal_org_stage_amount"
            ),
            models.Index(fields=["organization", "amount_micros"], name="deal_org_amount"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "external_id"],
                condition=~Q(external_id=""),
                name="deal_unique_external_id",
            )
        ]

    def __str__(self) -> str:
        return self.title


class DealStageChange(TenantModel):
    """One move of a deal between stages: the history that cycle times and backtests replay."""

    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.ForeignKey(
        Stage, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    to_stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["changed_at", "id"]
        indexes = [models.Index(fields=["organization", "changed_at"], name="dsc_org_at")]
