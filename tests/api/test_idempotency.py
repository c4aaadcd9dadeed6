import datetime as dt

from tests.api.conftest import errors_of
from tests.factories import deal_make, lead_make
from topline.api.models import IdempotencyKey
from topline.contacts.models import Company
from topline.deals.models import DealStageChange
from topline.deals.services import pipeline_default


def key(value):
    return {"Idempotency-Key": value}


def test_a_retried_create_returns_the_first_result_and_creates_nothing(api, org):
    first = api.post("/companies", {"name": "Globex"}, headers=key("k-1"))
    again = api.post("/companies", {"name": "Globex"}, headers=key("k-1"))
    assert first.status_code == again.status_code == 201
    assert again.content == first.content
    assert again["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first
    assert Company.objects.for_org(org).count() == 1


def test_another_key_creates_another_record(api, org):
    api.post("/companies", {"name": "Globex"}, headers=key("k-1"))
    api.post("/companies", {"name": "Globex"}, headers=key("k-2"))
    api.post("/companies", {"name": "Globex"})
    assert Company.objects.for_org(org).count() == 3


def test_a_key_reused_for_another_request_is_refused(api, org):
    api.post("/companies", {"name": "Globex"}, headers=key("k-1"))
    response = api.post("/companies", {"name": "Initech"}, headers=key("k-1"))
    assert response.status_code == 422
    assert errors_of(response) == {"Idempotency-Key": "was already used for a different request."}
    response = api.post("/contacts", {"last_name": "Globex"}, headers=key("k-1"))
    assert list(errors_of(response)) == ["Idempotency-Key"]
    assert Company.objects.for_org(org).count() == 1


def test_a_refused_request_stores_nothing_so_it_can_be_corrected(api, org):
    assert api.post("/companies", {"name": ""}, headers=key("k-1")).status_code == 422
    assert not IdempotencyKey.objects.for_org(org).exists()
    assert api.post("/companies", {"name": "Globex"}, headers=key("k-1")).status_code == 201


def test_keys_belong_to_one_organization(api, outsider_api, org, other_org):
    mine = api.post("/companies", {"name": "Globex"}, headers=key("k-1"))
    theirs = outsider_api.post("/companies", {"name": "Globex"}, headers=key("k-1"))
    assert theirs.status_code == 201 and "Idempotent-Replayed" not in theirs
    assert theirs.json()["id"] != mine.json()["id"]
    assert Company.objects.for_org(other_org).count() == 1


def test_a_key_expires_after_a_day(api, org):
    api.post("/companies", {"name": "Globex"}, headers=key("k-1"))
    IdempotencyKey.objects.for_org(org).update(
        created_at=dt.datetime.now(dt.UTC) - dt.timedelta(hours=25)
    )
    response = api.post("/companies", {"name": "Globex"}, headers=key("k-1"))
    assert response.status_code == 201 and "Idempotent-Replayed" not in response
    assert Company.objects.for_org(org).count() == 2
    assert IdempotencyKey.objects.for_org(org).count() == 1  # the expired one was purged


def test_a_retried_conversion_converts_once(api, org):
    lead = lead_make(org, company_name="Initech")
    first = api.post(f"/leads/{lead.id}/convert", {}, headers=key("c-1"))
    again = api.post(f"/leads/{lead.id}/convert", {}, headers=key("c-1"))
    assert first.status_code == again.status_code == 200
    assert again.json() == first.json()
    assert Company.objects.for_org(org).count() == 1


def test_a_retried_move_moves_once(api, org):
    deal = deal_make(org)
    won = pipeline_default(organization=org).stages.get(name="Won")
    for _ in range(2):
        response = api.post(f"/deals/{deal.id}/move", {"stage": won.id}, headers=key("m-1"))
        assert response.status_code == 200
    assert DealStageChange.objects.for_org(org).filter(deal=deal).count() == 2  # create + move


def test_an_overlong_key_is_refused(api, org):
    response = api.post("/companies", {"name": "Globex"}, headers=key("k" * 256))
    assert response.status_code == 422
    assert list(errors_of(response)) == ["Idempotency-Key"]
    assert not Company.objects.for_org(org).exists()


def test_a_retry_with_its_keys_in_another_order_is_the_same_request(api, org):
    first = api.post("/companies", {"name": "Globex", "country": "US"}, headers=key("k-1"))
    again = api.post("/companies", raw='{"country":"US",  "name":"Globex"}', headers=key("k-1"))
    assert again.status_code == 201 and again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()


def test_the_loser_of_a_race_gets_the_winners_response_and_writes_nothing(api, org, monkeypatch):
    from topline.api import idempotency

    winner = api.post("/companies", {"name": "Globex"}, headers=key("k-1"))
    # The loser looked the key up before the winner committed, so it saw nothing.
    real, lookups = idempotency._stored, []

    def stale_then_real(organization, value):
        lookups.append(value)
        return None if len(lookups) == 1 else real(organization, value)

    monkeypatch.setattr(idempotency, "_stored", stale_then_real)
    loser = api.post("/companies", {"name": "Globex"}, headers=key("k-1"))
    assert loser.status_code == 201 and loser.json() == winner.json()
    assert loser["Idempotent-Replayed"] == "true"
    assert Company.objects.for_org(org).count() == 1
