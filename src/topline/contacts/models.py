from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from topline.accounts.models import validate_time_zone
from topline.core.models import TenantModel


def external_id_unique(model: str):
    return models.UniqueConstraint(
        fields=["organization", "external_id"],
        condition=~Q(external_id=""),
        name=f"{model}_unique_external_id",
    )


class Company(TenantModel):
    name = models.CharField(max_length=200)
    domain = models.CharField(max_length=200, blank=True)
    industry = models.CharField(max_length=100, blank=True)
    country = models.CharField(max_length=100, blank=True)
    employees = models.PositiveIntegerField(null=True, blank=True)
    year_established = models.PositiveSmallIntegerField(null=True, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="subsidiaries"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # First-touch lead source and campaign, carried over when a lead converts.
    source = models.CharField(max_length=100, blank=True)
    campaign = models.CharField(max_length=200, blank=True)
    external_id = models.CharField(max_length=100, blank=True)

    class Meta:
        verbose_name_plural = "companies"
        indexes = [
            models.Index(fields=["organization", "name"], name="company_org_name"),
            # The list filtered by country, in name order; and the country choices.
            models.Index(fields=["organization", "country", "name"], name="company_org_country"),
        ]
        constraints = [external_id_unique("company")]

    def __str__(self) -> str:
        return self.name


class Channel(models.TextChoices):
    EMAIL = "email", "E-mail"
    PHONE = "phone", "Phone"
    SMS = "sms", "SMS"
    POST = "post", "Post"


class Contact(TenantModel):
    first_name = models.CharField(max_length=100, blank=True)
    last_name = models.CharField(max_length=100, blank=True)
    # The primary e-mail and phone; further ones are ContactPoint rows.
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    title = models.CharField(max_length=100, blank=True)
    company = models.ForeignKey(
        Company, null=True, blank=True, on_delete=models.SET_NULL, related_name="contacts"
    )
    country = models.CharField(max_length=100, blank=True)
    time_zone = models.CharField(max_length=64, default="UTC", validators=[validate_time_zone])
    preferred_channel = models.CharField(max_length=16, choices=Channel.choices, blank=True)
    do_not_contact = models.BooleanField(default=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source = models.CharField(max_length=100, blank=True)
    campaign = models.CharField(max_length=200, blank=True)
    external_id = models.CharField(max_length=100, blank=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["organization", "last_name", "first_name"], name="contact_org_name"
            ),
            models.Index(fields=["organization", "email"], name="contact_org_email"),
            # The contact list filtered by source, in name order; and its source choices.
            models.Index(
                fields=["organization", "source", "last_name", "first_name"],
                name="contact_org_source",
            ),
        ]
        constraints = [external_id_unique("contact")]

    def clean(self):
        # A record nobody can tell from another is a mistake (an empty form, `POST {}`).
        # A company is enough: the anonymised person behind a converted Olist lead.
        identity = (self.first_name, self.last_name, self.email, self.phone, self.external_id)
        if not any(identity) and self.company_id is None:
            raise ValidationError(
                "a contact needs a name, an e-mail address, a phone number, an external id "
                "or a company"
            )

    @property
    def name(self) -> str:
        full = f"{self.first_name} {self.last_name}".strip()
        return full or self.email or self.phone or f"Contact {self.external_id or self.pk}"

    def __str__(self) -> str:
        return self.name


class ContactPoint(TenantModel):
    """A further e-mail address or phone number of a contact."""

    class Kind(models.TextChoices):
        EMAIL = "email", "E-mail"
        PHONE = "phone", "Phone"

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="points")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    value = models.CharField(max_length=254)
    label = models.CharField(max_length=40, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["contact", "kind", "value"], name="contactpoint_unique")
        ]


class Purpose(models.TextChoices):
    MARKETING = "marketing", "Marketing"
    SALES = "sales", "Sales follow-up"
    SERVICE = "service", "Service messages"


class Consent(TenantModel):
    """Whether a contact agreed to be reached on one channel for one purpose, and when."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="consents")
    channel = models.CharField(max_length=16, choices=Channel.choices)
    purpose = models.CharField(max_length=16, choices=Purpose.choices)
    granted = models.BooleanField()
    recorded_at = models.DateTimeField()
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["contact", "channel", "purpose"], name="consent_unique_channel_purpose"
            )
        ]
