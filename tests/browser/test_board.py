"""The pipeline board in a real browser: drag a deal to another stage, see the columns change
and stay changed after a reload; win a deal and see its revenue on the dashboard."""

import os
from decimal import Decimal

import pytest
from django.db import connections
from django.urls import reverse
from playwright.sync_api import expect, sync_playwright

from tests.factories import deal_make, org_make, user_make
from topline.deals.models import DealStageChange
from topline.deals.services import pipeline_default
from topline.sales.models import Order

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "correct-horse-42"  # the factories' password


@pytest.fixture
def page(monkeypatch, tmp_path):
    if not os.path.exists(CHROMIUM):
        pytest.fail(
            f"the browser tests drive Debian's Chromium at {CHROMIUM}: apt-get install chromium"
        )
    # Playwright's sync API runs an event loop in this thread; the ORM calls the test makes
    # beside it are still plain synchronous ones.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1500, "height": 900})
        context.set_default_timeout(15_000)
        yield context.new_page()
        context.close()
        browser.close()
        # The test's ORM calls inside Playwright's greenlet ran on a connection of their own
        # (asgiref keys connections by context); left open, PostgreSQL refuses to drop the
        # test database at the end of the run.
        connections.close_all()


def drag(page, card, column) -> None:
    """Drag with the mouse, in small steps, as SortableJS expects from a person."""
    card.scroll_into_view_if_needed()
    box = card.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    target = column.bounding_box()
    page.mouse.move(target["x"] + target["width"] / 2, target["y"] + 30, steps=20)
    page.mouse.move(target["x"] + target["width"] / 2, target["y"] + 40, steps=5)
    page.mouse.up()


def test_dragging_deals_moves_them_and_a_win_shows_on_the_dashboard(live_server, page, tmp_path):
    org = org_make("Board Co")
    user = user_make(org)
    stages = {s.name: s for s in pipeline_default(organization=org).stages.all()}
    qualified, proposal, won = stages["Qualified"], stages["Proposal"], stages["Won"]
    deal_make(org, "Qualified", "1000", title="Alpha renewal")
    beta = deal_make(org, "Qualified", "2500", title="Beta expansion")
    gamma = deal_make(org, "Proposal", "4000", title="Gamma new business")

    def count(stage):
        return page.locator(f"#col-head-{stage.pk} .count")

    def total(stage):
        return page.locator(f"#col-head-{stage.pk} .total")

    def column(stage):
        return page.locator(f".cards[data-stage='{stage.pk}']")

    page.goto(live_server.url + reverse("login"))
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    revenue = page.locator('[data-metric="revenue"]')
    page.goto(live_server.url + reverse("dashboard"))
    expect(revenue).to_have_text("0")

    page.goto(live_server.url + reverse("board"))
    expect(count(qualified)).to_have_text("2")
    expect(total(qualified)).to_have_text("3,500 USD")
    expect(count(proposal)).to_have_text("1")
    page.screenshot(path=tmp_path / "1-board.png", full_page=True)

    drag(page, page.locator(f"#deal-{beta.pk}"), column(proposal))
    expect(count(qualified)).to_have_text("1")
    expect(total(qualified)).to_have_text("1,000 USD")
    expect(count(proposal)).to_have_text("2")
    expect(total(proposal)).to_have_text("6,500 USD")
    page.screenshot(path=tmp_path / "2-moved.png", full_page=True)

    page.reload()
    expect(column(proposal).locator(f"#deal-{beta.pk}")).to_be_visible()
    expect(count(qualified)).to_have_text("1")
    expect(total(proposal)).to_have_text("6,500 USD")
    move = DealStageChange.objects.for_org(org).get(deal=beta, from_stage=qualified)
    assert (move.to_stage, move.changed_by) == (proposal, user)

    drag(page, page.locator(f"#deal-{gamma.pk}"), column(won))
    expect(count(won)).to_have_text("1")
    expect(total(won)).to_have_text("4,000 USD")
    expect(count(proposal)).to_have_text("1")
    page.screenshot(path=tmp_path / "3-won.png", full_page=True)

    page.goto(live_server.url + reverse("dashboard"))
    expect(revenue).to_have_text("4,000")
    page.screenshot(path=tmp_path / "4-dashboard.png", full_page=True)
    order = Order.objects.for_org(org).get(deal=gamma)
    assert Decimal(order.total_micros) / 10**6 == 4000
