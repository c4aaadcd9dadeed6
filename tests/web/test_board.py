"""The pipeline board and its move endpoint."""

import datetime as dt
import re

from django.urls import reverse

from tests.factories import company_make, deal_make, user_make
from tests.web.conftest import HTMX
from topline.deals import views as deal_views
from topline.deals.models import DealStageChange, Pipeline
from topline.deals.services import deal_create, pipeline_create, pipeline_default
from topline.sales.models import Order


def stage(org, name):
    return pipeline_default(organization=org).stages.get(name=name)


def head(body: str, stage) -> tuple[str, str]:
    """(count, total) shown in a column's header."""
    block = re.search(rf'id="col-head-{stage.pk}".*?</header>', body, re.S).group(0)
    count = re.search(r'class="count"[^>]*>(.*?)<', block).group(1)
    total = re.search(r'class="total"[^>]*>(.*?)<', block).group(1)
    return count, total


def test_the_board_shows_columns_with_count_total_and_cards(owner_client, org, other_org):
    deal_make(org, "Qualified", "1000", title="Alpha")
    deal_make(org, "Qualified", "2500", title="Beta")
    deal_make(org, "Proposal", "4000", title="Gamma")
    deal_make(other_org, "Qualified", "99000", title="Not ours")
    body = owner_client.get(reverse("board")).content.decode()
    assert head(body, stage(org, "Qualified")) == ("2", "3,500 USD")
    assert head(body, stage(org, "Proposal")) == ("1", "4,000 USD")
    assert head(body, stage(org, "Won")) == ("0", "0 USD")
    assert "Alpha" in body and "Gamma" in body and "Not ours" not in body
    assert body.index(">Beta<") < body.index(">Alpha<")  # biggest first
    assert "Sortable-1.15.7.min.js" in body and "board.js" in body


def test_it_filters_the_board_by_owner_and_close_period(owner_client, org, owner):
    rep = user_make(org)
    deal_make(org, "Qualified", "1000", owner=owner, close_date=dt.date(2024, 5, 1))
    deal_make(org, "Qualified", "2000", owner=rep, close_date=dt.date(2024, 6, 1))
    deal_make(org, "Qualified", "4000", owner=rep, close_date=dt.date(2024, 7, 1))
    qualified = stage(org, "Qualified")
    url = reverse("board")
    assert head(owner_client.get(url, {"owner": rep.pk}).content.decode(), qualified) == (
        "2",
        "6,000 USD",
    )
    period = {"close_from": "2024-05-15", "close_to": "2024-06-30"}
    assert head(owner_client.get(url, period).content.decode(), qualified) == ("1", "2,000 USD")


def test_it_shows_another_pipeline_of_the_organization(owner_client, org, other_org):
    maven = pipeline_create(
        organization=org, name="Maven", stages=[("Prospecting", 10, "open"), ("Won", 100, "won")]
    )
    prospecting = maven.stages.get(name="Prospecting")
    deal_create(organization=org, title="Maven deal", stage=prospecting, amount="700")
    deal_make(org, "Qualified", "1000", title="Sales deal")
    body = owner_client.get(reverse("board"), {"pipeline": maven.pk}).content.decode()
    assert head(body, prospecting) == ("1", "700 USD")
    assert "Maven deal" in body and "Sales deal" not in body
    theirs = pipeline_default(organization=other_org)
    fallback = owner_client.get(reverse("board"), {"pipeline": theirs.pk}).content.decode()
    assert "Sales deal" in fallback  # another organization's pipeline is not a choice


def test_a_column_shows_its_first_cards_and_links_to_the_rest(
    owner_client, org, owner, monkeypatch
):
    monkeypatch.setattr(deal_views, "BOARD_CARDS", 2)
    for amount in ("100", "200", "300", "400", "500"):
        deal_make(org, "Qualified", amount, title=f"Deal {amount}", owner=owner)
    qualified = stage(org, "Qualified")
    body = owner_client.get(reverse("board"), {"owner": owner.pk}).content.decode()
    assert "Deal 500" in body and "Deal 400" in body and "Deal 300" not in body
    assert head(body, qualified) == ("5", "1,500 USD")
    link = f"{reverse('deal_list')}?stage={qualified.pk}&amp;owner={owner.pk}"
    assert f'<a href="{link}">3 more →</a>' in body


def test_the_filters_swap_only_the_board_from_htmx(owner_client, org):
    headers = {**HTMX, "HX-Target": "board"}
    body = owner_client.get(reverse("board"), headers=headers).content.decode()
    assert body.lstrip().startswith('<div id="board"') and "<html" not in body


def test_the_board_costs_one_query_per_column(owner_client, org, django_assert_max_num_queries):
    for _ in range(10):
        deal_make(org, "Qualified", "100", company=company_make(org), owner=user_make(org))
        deal_make(org, "Won", "100", company=company_make(org))
    # session, user, membership, pipeline, stages, totals, the cards of the two columns
    # that have deals, and the pipelines and owners to filter by.
    with django_assert_max_num_queries(10):
        owner_client.get(reverse("board"))


def move(client, deal, to, **filters):
    return client.post(
        reverse("deal_move", args=[deal.pk]), {"stage": to.pk, **filters}, headers=HTMX
    )


def test_moving_a_card_writes_the_stage_change_and_redraws_the_headers(owner_client, org, owner):
    beta = deal_make(org, "Qualified", "2500", title="Beta")
    deal_make(org, "Qualified", "1000", title="Alpha")
    qualified, proposal = stage(org, "Qualified"), stage(org, "Proposal")
    response = move(owner_client, beta, proposal)
    assert response.status_code == 200
    body = response.content.decode()
    assert head(body, qualified) == ("1", "1,000 USD")
    assert head(body, proposal) == ("1", "2,500 USD")
    assert body.count('hx-swap-oob="true"') == 2 * 6 + 1  # head and foot of 6 columns, the card
    change = DealStageChange.objects.for_org(org).get(deal=beta, from_stage=qualified)
    assert (change.to_stage, change.changed_by) == (proposal, owner)
    beta.refresh_from_db()
    assert beta.stage == proposal


def test_the_redrawn_headers_keep_the_boards_filters(owner_client, org, owner):
    rep = user_make(org)
    mine = deal_make(org, "Qualified", "100", owner=owner)
    deal_make(org, "Qualified", "900", owner=rep)
    body = move(owner_client, mine, stage(org, "Proposal"), owner=owner.pk).content.decode()
    assert head(body, stage(org, "Qualified")) == ("0", "0 USD")  # the rep's deal is filtered out


def test_a_win_on_the_board_creates_an_order_after_commit(
    owner_client, org, django_capture_on_commit_callbacks
):
    company = company_make(org, name="Northwind")
    gamma = deal_make(org, "Proposal", "4000", title="Gamma", company=company)
    with django_capture_on_commit_callbacks(execute=True):
        body = move(owner_client, gamma, stage(org, "Won")).content.decode()
    assert head(body, stage(org, "Won")) == ("1", "4,000 USD")
    order = Order.objects.for_org(org).get(deal=gamma)
    assert (order.total_micros, order.company) == (4_000_000_000, company)
    gamma.refresh_from_db()
    assert gamma.close_date is not None


def test_a_move_to_another_pipelines_stage_is_refused(owner_client, org):
    deal = deal_make(org, "Qualified", "100")
    other = pipeline_create(organization=org, name="Other", stages=[("Open", 10, "open")])
    response = move(owner_client, deal, other.stages.get())
    assert response.status_code == 400
    assert "not a stage of this deal" in response.content.decode()
    deal.refresh_from_db()
    assert deal.stage.name == "Qualified"


def test_an_outsider_cannot_move_a_deal_or_use_their_stage(client, org, other_org, outsider):
    deal = deal_make(org, "Qualified", "100")
    client.force_login(outsider)
    assert move(client, deal, stage(org, "Won")).status_code == 404
    mine = deal_make(other_org, "Qualified", "100")
    assert move(client, mine, stage(org, "Won")).status_code == 400  # not their stage
    deal.refresh_from_db()
    assert deal.stage.name == "Qualified"


def test_the_deal_page_moves_a_deal_and_returns_to_it(owner_client, org, owner):
    deal = deal_make(org, "Qualified", "100")
    response = owner_client.post(
        reverse("deal_move", args=[deal.pk]), {"stage": stage(org, "Lost").pk}
    )
    assert response["Location"] == reverse("deal_detail", args=[deal.pk])
    page = owner_client.get(response["Location"]).content.decode()
    assert "Qualified → <strong>Lost</strong>" in page


def test_a_move_is_a_post(owner_client, org):
    deal = deal_make(org, "Qualified", "100")
    assert owner_client.get(reverse("deal_move", args=[deal.pk])).status_code == 405


def test_an_organization_with_only_an_imported_pipeline_sees_it(owner_client, org):
    maven = pipeline_create(organization=org, name="Maven", stages=[("Engaging", 40, "open")])
    deal_create(organization=org, title="Imported deal", stage=maven.stages.get(), amount="5")
    body = owner_client.get(reverse("board")).content.decode()
    assert "Imported deal" in body
    assert list(Pipeline.objects.for_org(org)) == [maven]  # no empty default pipeline made
