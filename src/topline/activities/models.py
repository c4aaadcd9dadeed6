from django.conf import settings
from django.db import models

from topline.contacts.models import Company, Contact
from topline.core.models import TenantModel
from topline.deals.models import Deal
from topline.leads.models import Lead


class Activity(TenantModel):
    """A note, call, e-mail, meeting or task on the timeline of a company, contact, lead or deal."""

    class Kind(models.TextChoices):
        NOTE = "note", "Note"
        CALL = "call", "Call"
        EMAIL = "email", "E-mail"
        MEETING = "meeting", "Meeting"
        TASK = "task", "Task"

    kind = models.CharField(max_length=8, choices=Kind.choices)
    subject = models.CharField(max_length=200, blank=True)
    body = models.TextField(blank=True)
    occurred_at = models.DateTimeField()
    due_at = models.DateTimeField(null=True, blank=True)
    done = models.BooleanField(default=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    company = models.ForeignKey(
        Company, null=True, blank=True, on_delete=models.CASCADE, related_name="activities"
    )
    contact = models.ForeignKey(
        Contact, null=True, blank=True, on_delete=models.CASCADE, related_name="activities"
    )
    lead = models.ForeignKey(
        Lead, null=True, blank=True, on_delete=models.CASCADE, related_name="activities"
    )
    deal = models.ForeignKey(
        Deal, null=True, blank=True, on_delete=models.CASCADE, related_name="activities"
    )

    class Meta:
        verbose_name_plural = "activities"
        indexes = [
            models.Index(fields=["organization", "occurred_at"], name="activity_org_at"),
            models.Index(fields=["organization", "company", "occurred_at"], name="activity_org_co"),
            models.Index(fields=["organization", "contact", "occurred_at"], name="activity_org_ct"),
            models.Index(fields=["organization", "lead", "occurred_at"], name="activity_org_lead"),
            models.Index(fields=["organization", "deal", "occurred_at"], name="activity_org_deal"),
        ]
