"""Logging a note, call or task from a record page."""

import datetime as dt
import zoneinfo

import pytest
from django.urls import reverse

from tests.factories import company_make, contact_make, deal_make, lead_make
from tests.web.conftest import HTMX
from topline.activities.models import Activity


def add(client, record_type, record, **data):
    url = reverse("activity_add", args=[record_type, record.pk])
    return client.post(url, data, headers=HTMX)


@pytest.fixture
def records(org):
    company = company_make(org, name="Northwind")
    contact = contact_make(org, company=company)
    deal = deal_make(org, company=company, contact=contact)
    return {"company": company, "contact": contact, "deal": deal, "lead": lead_make(org)}


@pytest.mark.parametrize("record_type", ["company", "contact", "lead", "deal"])
def test_a_note_goes_to_the_top_of_the_timeline(owner_client, org, owner, records, record_type):
    response = add(
        owner_client, record_type, records[record_type], kind="note", body="Met at the fair"
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith('<li class="activity kind-note')  # for hx-swap="afterbegin"
    assert 'id="activity-form"' in body and 'hx-swap-oob="true"' in body  # a fresh form
    activity = Activity.objects.for_org(org).get()
    assert (activity.kind, activity.body, activity.owner) == ("note", "Met at the fair", owner)
    assert getattr(activity, record_type) == records[record_type]
    page = owner_client.get(reverse(f"{record_type}_detail", args=[records[record_type].pk]))
    assert "Met at the fair" in page.content.decode()


def test_a_call_on_a_deal_is_also_on_its_contact_and_company(owner_client, org, records):
    add(owner_client, "deal", records["deal"], kind="call", subject="Discovery call")
    activity = Activity.objects.for_org(org).get()
    assert (activity.deal, activity.contact, activity.company) == (
        records["deal"],
        records["contact"],
        records["company"],
    )
    company_page = owner_client.get(reverse("company_detail", args=[records["company"].pk]))
    assert "Discovery call" in company_page.content.decode()


def test_a_task_needs_a_due_time_read_in_the_users_time_zone(owner_client, org, owner, records):
    owner.time_zone = "America/New_York"
    owner.save()
    refused = add(owner_client, "contact", records["contact"], kind="task", subject="Send deck")
    assert refused["HX-Retarget"] == "#activity-form" and refused["HX-Reswap"] == "outerHTML"
    assert "a task needs a due date" in refused.content.decode()
    assert not Activity.objects.for_org(org).exists()
    add(
        owner_client,
        "contact",
        records["contact"],
        kind="task",
        subject="Send deck",
        due_at="2024-07-01T09:00",
    )
    task = Activity.objects.for_org(org).get()
    assert task.due_at == dt.datetime(2024, 7, 1, 13, 0, tzinfo=zoneinfo.ZoneInfo("UTC"))  # EDT+4


def test_an_empty_note_is_refused_beside_its_field(owner_client, org, records):
    response = add(owner_client, "lead", records["lead"], kind="note")
    assert "write a subject or a body" in response.content.decode()
    assert not Activity.objects.for_org(org).exists()


def test_a_task_is_marked_done(owner_client, org, records):
    add(
        owner_client,
        "deal",
        records["deal"],
        kind="task",
        subject="Call back",
        due_at="2024-07-01T09:00",
    )
    task = Activity.objects.for_org(org).get()
    response = owner_client.post(reverse("activity_done", args=[task.pk]), headers=HTMX)
    assert "Done" in response.content.decode()
    task.refresh_from_db()
    assert task.done


def test_without_javascript_it_returns_to_the_record(owner_client, org, records):
    url = reverse("activity_add", args=["company", records["company"].pk])
    response = owner_client.post(url, {"kind": "note", "body": "Plain post"})
    assert response["Location"] == reverse("company_detail", args=[records["company"].pk])
    assert Activity.objects.for_org(org).filter(body="Plain post").exists()


def test_without_javascript_a_refused_activity_says_why_by_label(owner_client, org, records):
    url = reverse("activity_add", args=["company", records["company"].pk])
    response = owner_client.post(url, {"kind": "task", "subject": "Call back"}, follow=True)
    assert "Not added: Due: a task needs a due date." in response.content.decode()
    assert not Activity.objects.for_org(org).filter(subject="Call back").exists()


@pytest.mark.parametrize("record_type", ["company", "contact", "lead", "deal"])
def test_an_outsider_cannot_log_on_a_record(client, org, outsider, records, record_type):
    client.force_login(outsider)
    response = add(client, record_type, records[record_type], kind="note", body="Hello")
    assert response.status_code == 404
    assert not Activity.objects.for_org(org).exists()


def test_an_outsider_cannot_complete_a_task(client, org, owner_client, records, outsider):
    add(
        owner_client,
        "deal",
        records["deal"],
        kind="task",
        subject="Call back",
        due_at="2024-07-01T09:00",
    )
    task = Activity.objects.for_org(org).get()
    client.force_login(outsider)
    assert client.post(reverse("activity_done", args=[task.pk])).status_code == 404
    task.refresh_from_db()
    assert not task.done
