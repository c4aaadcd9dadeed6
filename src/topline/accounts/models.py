import functools
import zoneinfo

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models

from topline.core.models import TenantModel, TimestampedModel


@functools.cache
def _time_zones() -> frozenset[str]:
    # available_timezones() walks the tz database on disk (~16 ms a call): read it once.
    # "localtime" and "posixrules" are files of the host's tz database, not zones.
    return frozenset(zoneinfo.available_timezones() - {"localtime", "posixrules"})


def validate_time_zone(value: str) -> None:
    if value not in _time_zones():
        raise ValidationError(f"{value!r} is not an IANA time zone (e.g. Europe/London)")


class Organization(TimestampedModel):
    """The tenant. Every tenant-owned row points here."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=60, unique=True)
    currency = models.CharField(max_length=3, default="USD")
    time_zone = models.CharField(max_length=64, default="UTC", validators=[validate_time_zone])
    fiscal_year_start_month = models.PositiveSmallIntegerField(default=1)

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    time_zone = models.CharField(max_length=64, default="UTC", validators=[validate_time_zone])

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Role(models.TextChoices):
    OWNER = "owner", "Owner"
    ADMIN = "admin", "Admin"
    MANAGER = "manager", "Sales manager"
    REP = "rep", "Sales rep"


class Membership(TimestampedModel):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.REP)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "user"], name="membership_unique")
        ]


class Team(TenantModel):
    """A group of users: a manager's team or a regional office."""

    class Kind(models.TextChoices):
        MANAGER = "manager", "Manager's team"
        OFFICE = "office", "Office"

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.MANAGER)
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="teams", blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "kind", "name"], name="team_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name


class ApiToken(TimestampedModel):
    """A personal API token bound to one organization. Only its SHA-256 is stored."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=12)
    key_hash = models.CharField(max_length=64, unique=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
