from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from topline.contacts.models import Company, Contact
from topline.core.models import TenantModel
from topline.deals.models import Deal


class Lead(TenantModel):
    class Status(models.TextChoices):
        NEW = "new", "New"
        WORKING = "working", "Working"
        QUALIFIED = "qualified", "Qualified"
        CONVERTED = "converted", "Converted"
        DISQUALIFIED = "disqualified", "Disqualified"

    first_name = models.CharField(max_length=100, blank=True)
    last_name = models.CharField(max_length=100, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    company_name = models.CharField(max_length=200, blank=True)
    # The channel the lead came from (first touch) and the campaign: kept through conversion.
    source = models.CharField(max_length=100, blank=True)
    campaign = models.CharField(max_length=200, blank=True)
    landing_page = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.NEW)
    score = models.SmallIntegerField(default=0)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The day of first contact: the lead's date in every metric.
    captured_on = models.DateField()
    converted_on = models.DateField(null=True, blank=True)
    converted_contact = models.ForeignKey(
        Contact, null=True, blank=True, on_delete=models.SET_NULL, related_name="leads"
    )
    converted_company = models.ForeignKey(
        Company, null=True, blank=True, on_delete=models.SET_NULL, related_name="leads"
    )
    converted_deal = models.ForeignKey(
        Deal, null=True, blank=True, on_delete=models.SET_NULL, related_name="leads"
    )
    external_id = models.CharField(max_length=100, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["organization", "captured_on"], name="lead_org_captured"),
            models.Index(fields=["organization", "source", "captured_on"], name="lead_org_source"),
            models.Index(fields=["organization", "status"], name="lead_org_status"),
            # The lead list sorted by score (hottest first).
            models.Index(fields=["organization", "score"], name="lead_org_score"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "external_id"],
                condition=~Q(external_id=""),
                name="lead_unique_external_id",
            )
        ]

    def clean(self):
        # An empty form or `POST {}` is a mistake, not a lead.
        identity = (
            self.first_name, self.last_name, self.email, self.phone, self.company_name,
            self.external_id,
        )  # fmt: skip
        if not any(identity):
            raise ValidationError(
                "a lead needs a name, an e-mail address, a phone number, a company name "
                "or an external id"
            )

    @property
    def name(self) -> str:
        full = f"{self.first_name} {self.last_name}".strip()
        return (
            full
            or self.company_name
            or self.email
            or self.phone
            or f"Lead {self.external_id or self.pk}"
        )

    def __str__(self) -> str:
        return self.name
