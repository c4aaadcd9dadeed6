import datetime as dt

from tests.api.conftest import errors_of, listed
from tests.factories import contact_make, deal_make
from topline.activities.models import Activity
from topline.activities.services import activity_create


def test_it_logs_a_call_on_a_deal_and_its_contact(api, org, owner):
    contact = contact_make(org)
    deal = deal_make(org, contact=contact)
    response = api.post(
        "/activities",
        {
            "kind": "call",
            "subject": "Pricing",
            "occurred_at": "2024-05-03T09:30:00Z",
            "deal": deal.id,
            "contact": contact.id,
            "owner": owner.id,
        },
    )
    assert response.status_code == 201, response.content
    activity = Activity.objects.for_org(org).get(pk=response.json()["id"])
    assert (activity.deal, activity.contact, activity.owner) == (deal, contact, owner)
    assert activity.occurred_at == dt.datetime(2024, 5, 3, 9, 30, tzinfo=dt.UTC)


def test_it_names_what_an_activity_lacks(api, org):
    response = api.post("/activities", {"kind": "note", "body": "orphan"})
    assert response.status_code == 422
    assert errors_of(response) == {
        "company": "link the activity to a company, contact, lead or deal"
    }
    deal = deal_make(org)
    response = api.post("/activities", {"kind": "task", "subject": "Call", "deal": deal.id})
    assert errors_of(response) == {"due_at": "a task needs a due date"}
    response = api.post("/activities", {"kind": "note", "deal": deal.id})
    assert errors_of(response) == {"body": "write a subject or a body"}
    response = api.post("/activities", {"kind": "fax", "deal": deal.id})
    assert list(errors_of(response)) == ["kind"]
    assert not Activity.objects.for_org(org).exists()


def test_it_marks_a_task_done_and_nothing_else(api, org):
    deal = deal_make(org)
    task = activity_create(
        organization=org,
        kind="task",
        subject="Send quote",
        due_at=dt.datetime(2024, 5, 10, tzinfo=dt.UTC),
        deal=deal,
    )
    response = api.patch(f"/activities/{task.id}", {"subject": "Changed"})
    assert response.status_code == 422 and "subject" in errors_of(response)
    response = api.patch(f"/activities/{task.id}", {"done": False})
    assert response.status_code == 422 and "done" in errors_of(response)
    response = api.patch(f"/activities/{task.id}", {"done": True})
    assert response.status_code == 200 and response.json()["done"] is True
    task.refresh_from_db()
    assert (task.done, task.subject) == (True, "Send quote")


def test_it_filters_by_record_kind_done_and_day(api, org):
    deal, other = deal_make(org), deal_make(org)

    def log(kind, day, record, **fields):
        at = dt.datetime(2024, 5, day, 12, tzinfo=dt.UTC)
        return activity_create(
            organization=org, kind=kind, subject=f"{kind} {day}", occurred_at=at, deal=record,
            **fields,
        )  # fmt: skip

    log("note", 1, deal)
    log("call", 2, deal)
    log("task", 3, other, due_at=dt.datetime(2024, 6, 1, tzinfo=dt.UTC))
    assert listed(api, "/activities", "subject", deal=deal.id) == ["call 2", "note 1"]
    assert listed(api, "/activities", "subject", kind="task") == ["task 3"]
    assert listed(api, "/activities", "subject", done="false", kind="call") == ["call 2"]
    assert listed(api, "/activities", "subject", date_from="2024-05-02", date_to="2024-05-02") == [
        "call 2"
    ]
