import datetime as dt
import json
import re

from django.urls import reverse

from tests.factories import company_make
from topline.analytics.metrics import metrics_report
from topline.sales.services import LineInput, order_create


def metric(html: str, name: str) -> str:
    match = re.search(rf'data-metric="{name}">([^<]*)<', html)
    assert match, f"no {name} on the page"
    return match.group(1)


def test_it_shows_the_same_figures_as_the_metrics_report(owner_client, org):
    acme = company_make(org, name="Acme", source="referral")
    order_create(
        organization=org, number="1", ordered_on=dt.date(2024, 3, 5), company=acme,
        lines=[LineInput(1200, "10.25")],
    )  # fmt: skip  # 12,300
    order_create(
        organization=org, number="2", ordered_on=dt.date(2023, 3, 5), company=acme,
        lines=[LineInput(1, "10000")],
    )  # fmt: skip
    url = reverse("dashboard") + "?from=2024-01-01&to=2024-12-31"
    html = owner_client.get(url).content.decode()
    assert metric(html, "revenue") == "12,300"
    assert metric(html, "customers") == "1"
    # (12,300 − 10,000) / 10,000 = 23%
    assert metric(html, "sales_growth_yoy") == "23.0%"
    assert metric(html, "win_rate") == "n/a"  # no closed deals: undefined, not 0
    charts = json.loads(re.search(r'id="chart-data"[^>]*>(.*?)</script>', html, re.S).group(1))
    report = metrics_report(org, dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert charts["months"] == list(report["revenue_by_month"]) == ["2024-03"]
    assert charts["revenue"] == ["12300"]
    assert charts["revenue_prior_year"] == ["10000"]
    assert charts["sources"] == ["referral"]


def test_it_picks_named_periods_and_answers_htmx_with_the_report_only(owner_client, org):
    response = owner_client.get(
        reverse("dashboard") + "?period=all", headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="report">')
    assert "<html" not in html


def test_it_shows_an_outsider_only_their_own_organization(outsider_client, org):
    order_create(
        organization=org, number="1", ordered_on=dt.date(2024, 3, 5), lines=[LineInput(1, "777")]
    )
    html = outsider_client.get(reverse("dashboard")).content.decode()
    assert metric(html, "revenue") == "0"


def test_it_sends_anonymous_visitors_to_sign_in(client):
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
