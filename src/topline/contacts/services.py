"""Writes for companies and contacts. Every write validates with full_clean(), so the UI,
the API and the importers refuse the same bad input with the same field-named errors."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from topline.contacts.models import Company, Consent, Contact, ContactPoint

COMPANY_FIELDS = {
    "name", "domain", "industry", "country", "employees", "year_established", "parent",
    "owner", "source", "campaign", "external_id",
}  # fmt: skip
CONTACT_FIELDS = {
    "first_name", "last_name", "email", "phone", "title", "company", "country", "time_zone",
    "preferred_channel", "do_not_contact", "owner", "source", "campaign", "external_id",
}  # fmt: skip


def _check_fields(fields: dict, allowed: set[str]) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"unknown fields: {', '.join(sorted(unknown))}")


def _same_org(org, **related) -> None:
    for field, obj in related.items():
        if obj is not None and getattr(obj, "organization_id", org.id) != org.id:
            raise ValidationError({field: "belongs to another organization"})


def strip_text(fields: dict) -> None:
    """Text without surrounding spaces, as the forms (which strip) already send it: a name
    or phone of spaces is no name or phone, whether it came from a form, the API or a file."""
    for name, value in fields.items():
        if isinstance(value, str):
            fields[name] = value.strip()


def _full_clean(instance, errors: dict) -> None:
    """full_clean(), reporting `errors` (found first) with its own, all at once."""
    try:
        instance.full_clean(validate_constraints=False)
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, messages)
    if errors:
        raise ValidationError(errors)


def _company_errors(company: Company) -> dict:
    """The company rules the model cannot state: a name that is more than spaces (the form's
    "required"), and a parent that is not the company itself or one of its subsidiaries."""
    errors = {}
    if not company.name:
        errors["name"] = ["This field is required."]
    if company.pk is None or company.parent_id is None:
        return errors
    if company.parent_id == company.pk:
        errors["parent"] = ["A company cannot be its own parent."]
        return errors
    # Walk up from the new parent: reaching this company would close a loop.
    companies = Company.objects.for_org(company.organization_id)
    seen, ancestor = set(), company.parent_id
    while ancestor is not None and ancestor not in seen:
        if ancestor == company.pk:
            errors["parent"] = [
                f"{company.parent} is a subsidiary of {company.name or 'this company'}, "
                "so it cannot also be its parent."
            ]
            break
        seen.add(ancestor)
        ancestor = companies.filter(pk=ancestor).values_list("parent_id", flat=True).first()
    return errors


def company_create(*, organization, **fields) -> Company:
    _check_fields(fields, COMPANY_FIELDS)
    _same_org(organization, parent=fields.get("parent"))
    strip_text(fields)
    company = Company(organization=organization, **fields)
    _full_clean(company, _company_errors(company))
    company.save()
    return company


def company_update(*, company: Company, **fields) -> Company:
    _check_fields(fields, COMPANY_FIELDS)
    _same_org(company.organization, parent=fields.get("parent"))
    strip_text(fields)
    for name, value in fields.items():
        setattr(company, name, value)
    _full_clean(company, _company_errors(company))
    company.save()
    return company


def contact_create(*, organization, extra_emails=(), extra_phones=(), **fields) -> Contact:
    _check_fields(fields, CONTACT_FIELDS)
    _same_org(organization, company=fields.get("company"))
    strip_text(fields)
    with transaction.atomic():
        contact = Contact(organization=organization, **fields)
        contact.full_clean(validate_constraints=False)
        contact.save()
        for kind, values in (("email", extra_emails), ("phone", extra_phones)):
            for value in values:
                contact_point_add(contact=contact, kind=kind, value=value)
    return contact


def contact_update(*, contact: Contact, **fields) -> Contact:
    _check_fields(fields, CONTACT_FIELDS)
    _same_org(contact.organization, company=fields.get("company"))
    strip_text(fields)
    for name, value in fields.items():
        setattr(contact, name, value)
    contact.full_clean(validate_constraints=False)
    contact.save()
    return contact


def contact_point_add(*, contact: Contact, kind: str, value: str, label: str = "") -> ContactPoint:
    point = ContactPoint(
        organization_id=contact.organization_id,
        contact=contact,
        kind=kind,
        value=value,
        label=label,
    )
    point.full_clean(exclude=["organization", "contact"], validate_constraints=False)
    if kind == "email":
        from django.core.validators import validate_email

        validate_email(value)
    point.save()
    return point


def consent_set(
    *, contact: Contact, channel: str, purpose: str, granted: bool, note: str = ""
) -> Consent:
    consent, _ = Consent.objects.for_org(contact.organization_id).update_or_create(
        contact=contact,
        channel=channel,
        purpose=purpose,
        defaults={
            "organization_id": contact.organization_id,
            "granted": granted,
            "recorded_at": timezone.now(),
            "note": note,
        },
    )
    return consent
