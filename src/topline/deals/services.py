"""Writes for pipelines and deals. A stage move always writes a DealStageChange row and,
for a win, publishes `deal.won` after commit (sales turns it into an order)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from topline.core.dates import check_business_dates
from topline.core.events import publish
from topline.core.money import MoneyError, to_micros
from topline.deals.models import Deal, DealStageChange, Pipeline, Stage

DEFAULT_STAGES = [
    ("Lead in", 10, Stage.Kind.OPEN),
    ("Qualified", 25, Stage.Kind.OPEN),
    ("Proposal", 50, Stage.Kind.OPEN),
    ("Negotiation", 75, Stage.Kind.OPEN),
    ("Won", 100, Stage.Kind.WON),
    ("Lost", 0, Stage.Kind.LOST),
]


@transaction.atomic
def pipeline_create(*, organization, name: str, stages, is_default: bool = False) -> Pipeline:
    """stages: (name, probability, kind) in board order."""
    pipeline = Pipeline.objects.create(organization=organization, name=name, is_default=is_default)
    Stage.objects.bulk_create(
        Stage(
            organization=organization,
            pipeline=pipeline,
            name=stage_name,
            order=index,
            probability=probability,
            kind=kind,
        )
        for index, (stage_name, probability, kind) in enumerate(stages)
    )
    return pipeline


def pipeline_default(*, organization) -> Pipeline:
    """The organization's default pipeline, created with the standard stages on first use."""
    pipeline = Pipeline.objects.for_org(organization).filter(is_default=True).first()
    if pipeline is None:
        pipeline = pipeline_create(
            organization=organization, name="Sales", stages=DEFAULT_STAGES, is_default=True
        )
    return pipeline


def _today(organization) -> dt.date:
    return timezone.localdate(timezone=_zone(organization))


def _zone(organization):
    import zoneinfo

    return zoneinfo.ZoneInfo(organization.time_zone)


def _amount_micros(amount) -> int:
    try:
        micros = to_micros(amount)
    except MoneyError as exc:
        raise ValidationError({"amount": str(exc)}) from exc
    if micros < 0:
        raise ValidationError({"amount": "must not be negative"})
    return micros


def deal_build(
    *,
    organization,
    title: str,
    stage: Stage,
    amount=0,
    currency: str = "",
    company=None,
    contact=None,
    owner=None,
    engaged_on=None,
    close_date=None,
    source: str = "",
    campaign: str = "",
    external_id: str = "",
) -> Deal:
    """A validated, unsaved deal: the one check shared by deal_create and bulk importers.
    A deal created already won or lost is closed today unless a close date is given."""
    errors = {}
    for field, obj in (("stage", stage), ("company", company), ("contact", contact)):
        if obj is not None and obj.organization_id != organization.id:
            errors[field] = "belongs to another organization"
    currency = (currency or organization.currency).upper()
    if currency != organization.currency:
        # One currency per organization until exchange rates exist: a won deal becomes an
        # order, and orders are in the organization's currency.
        errors["currency"] = f"must be the organization's currency ({organization.currency})"
    if errors:
        raise ValidationError(errors)
    amount_micros = _amount_micros(amount)
    if stage.kind != Stage.Kind.OPEN and close_date is None:
        close_date = _today(organization)
    check_business_dates(engaged_on=engaged_on, close_date=close_date)
    deal = Deal(
        organization=organization,
        title=title,
        pipeline_id=stage.pipeline_id,
        stage=stage,
        company=company,
        contact=contact,
        owner=owner,
        amount_micros=amount_micros,
        currency=currency,
        engaged_on=engaged_on,
        close_date=close_date,
        source=source,
        campaign=campaign,
        external_id=external_id,
    )
    deal.full_clean(exclude=["organization", "pipeline", "stage"], validate_constraints=False)
    return deal


@transaction.atomic
def deal_create(*, by=None, at: dt.datetime | None = None, **fields) -> Deal:
    deal = deal_build(**fields)
    deal.save()
    DealStageChange.objects.create(
        organization_id=deal.organization_id,
        deal=deal,
        from_stage=None,
        to_stage=deal.stage,
        changed_at=at or timezone.now(),
        changed_by=by,
    )
    if deal.stage.kind == Stage.Kind.WON:
        publish("deal.won", deal_id=deal.id)
    return deal


DEAL_UPDATE_FIELDS = {
    "title", "company", "contact", "owner", "engaged_on", "close_date", "source", "campaign",
}  # fmt: skip


def deal_update(*, deal: Deal, amount=None, **fields) -> Deal:
    unknown = set(fields) - DEAL_UPDATE_FIELDS
    if unknown:
        raise TypeError(f"unknown fields: {', '.join(sorted(unknown))}")
    for field in ("company", "contact"):
        obj = fields.get(field)
        if obj is not None and obj.organization_id != deal.organization_id:
            raise ValidationError({field: "belongs to another organization"})
    check_business_dates(engaged_on=fields.get("engaged_on"), close_date=fields.get("close_date"))
    for name, value in fields.items():
        setattr(deal, name, value)
    if amount is not None:
        micros = _amount_micros(amount)
        # `lines` are sales.DealLine rows: with product lines, the amount is their sum.
        if micros != deal.amount_micros and deal.lines.exists():
            raise ValidationError(
                {"amount": "this deal's amount is the sum of its product lines: change the lines"}
            )
        deal.amount_micros = micros
    deal.full_clean(exclude=["organization", "pipeline", "stage"], validate_constraints=False)
    deal.save()
    return deal


@transaction.atomic
def deal_move_stage(
    *, deal: Deal, stage: Stage, by=None, at: dt.datetime | None = None, close_date=None
) -> Deal:
    """Move a deal to another stage of its pipeline, recording the change.

    Closing (won or lost) sets the close date to the given day, else today in the
    organization's time zone.
    """
    deal = Deal.objects.for_org(deal.organization_id).select_for_update().get(pk=deal.pk)
    if stage.pipeline_id != deal.pipeline_id:
        raise ValidationError({"stage": "is not a stage of this deal's pipeline"})
    if stage.id == deal.stage_id:
        return deal
    check_business_dates(close_date=close_date)
    previous = deal.stage
    deal.stage = stage
    if stage.kind != Stage.Kind.OPEN:
        deal.close_date = close_date or _today(deal.organization)
    deal.save(update_fields=["stage", "close_date", "updated_at"])
    DealStageChange.objects.create(
        organization_id=deal.organization_id,
        deal=deal,
        from_stage=previous,
        to_stage=stage,
        changed_at=at or timezone.now(),
        changed_by=by,
    )
    # Both run inside this transaction (sales makes or removes the deal's order): a failure
    # there undoes the move, so a deal is never won without its order.
    if stage.kind == Stage.Kind.WON:
        publish("deal.won", deal_id=deal.id)
    elif previous.kind == Stage.Kind.WON:
        publish("deal.unwon", deal_id=deal.id)
    return deal
