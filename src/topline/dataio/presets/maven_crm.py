"""Maven "CRM Sales Opportunities": accounts -> companies, products -> products, sales agents
and managers -> users in teams, opportunities -> deals of a "Maven" pipeline with their stage
history, and each won deal -> an order on its close date."""

from __future__ import annotations

import contextlib
import datetime as dt
import zoneinfo
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.text import slugify

from topline.accounts.models import Role, Team, User
from topline.accounts.selectors import users_for_org
from topline.accounts.services import team_add_member, user_create
from topline.contacts.models import Company
from topline.contacts.services import company_create
from topline.dataio.batches import chunked, save_batch, save_one, unsaved
from topline.dataio.csvfiles import CsvFile, UnusableInput, folder_file
from topline.dataio.parse import Fields, parse_date
from topline.dataio.presets import load_config
from topline.dataio.report import ImportReport, RowError, errors_from
from topline.deals.models import Deal, DealStageChange, Pipeline, Stage
from topline.deals.services import deal_build, pipeline_create
from topline.sales.models import Order, OrderLine, Product
from topline.sales.services import LineInput, order_build, orders_save_bulk, product_create

CONFIG = load_config(__name__)
CURRENCY = CONFIG["currency"]
BATCH = 2000
PARTS = ("accounts", "products", "teams", "pipeline")


@dataclass
class Source:
    accounts: CsvFile
    products: CsvFile
    teams: CsvFile
    pipeline: CsvFile


def open_input(path: Path) -> Source:
    return Source(
        *(
            CsvFile(folder_file(path, CONFIG[part]["file"]), CONFIG[part]["columns"].values())
            for part in PARTS
        )
    )


def run(*, organization, source: Source, report: ImportReport) -> None:
    report.declare("companies", "products", "users", "teams", "deals", "stage changes", "orders")
    companies = _import_companies(organization, source.accounts, report)
    products = _import_products(organization, source.products, report)
    agents = _import_teams(organization, source.teams, report)
    _import_opportunities(organization, source.pipeline, report, companies, products, agents)


def product_key(name: str) -> str:
    """Products are matched on their name without spaces or case: `GTXPro` is `GTX Pro`."""
    return "".join(name.split()).casefold()


# -- accounts ---------------------------------------------------------------------------------


def _import_companies(org, file: CsvFile, report: ImportReport) -> dict[str, Company]:
    """Companies by account name. Parents are created before their subsidiaries."""
    columns = CONFIG["accounts"]["columns"]
    companies = {c.external_id: c for c in Company.objects.for_org(org).exclude(external_id="")}
    waiting: list[tuple[Fields, str, dict]] = []
    rows_of: dict[str, int] = {}
    for cells in file.rows():
        report.rows_read += 1
        f = Fields(cells)
        name = f.text(columns["name"], required=True)
        values = {
            "industry": f.text(columns["industry"]),
            "country": f.text(columns["country"]),
            "employees": f.integer(columns["employees"]),
            "year_established": f.integer(columns["year_established"]),
        }
        if name in rows_of:
            f.fail(columns["name"], f"{name!r} is already on row {rows_of[name]}")
        if f.errors:
            report.error("companies", f.errors)
            continue
        rows_of[name] = cells.row
        if name in companies:
            report.skipped("companies")
            continue
        waiting.append((f, name, values))

    while waiting:
        parent_of = {name: f.text(columns["parent"]) for f, name, _ in waiting}
        ready = [w for w in waiting if not parent_of[w[1]] or parent_of[w[1]] in companies]
        if not ready:
            break
        for f, name, values in ready:
            parent = companies.get(parent_of[name])
            company = save_one(
                lambda name=name, values=values, parent=parent: company_create(
                    organization=org, name=name, external_id=name, parent=parent, **values
                ),
                lambda exc, f=f: report.error(
                    "companies",
                    errors_from(exc, file=file.name, row=f.cells.row, columns=columns),
                ),
            )
            if company:
                companies[name] = company
                report.created("companies")
        waiting = [w for w in waiting if w not in ready]
    for f, _name, _values in waiting:
        parent = f.text(columns["parent"])
        f.fail(columns["parent"], f"{parent!r} is not an imported account")
        report.error("companies", f.errors)
    return companies


# -- products ---------------------------------------------------------------------------------


def _import_products(org, file: CsvFile, report: ImportReport) -> dict[str, Product]:
    columns = CONFIG["products"]["columns"]
    existing = {p.code: p for p in Product.objects.for_org(org)}
    products = {product_key(p.code): p for p in existing.values()}
    rows_of: dict[str, int] = {}
    for cells in file.rows():
        report.rows_read += 1
        f = Fields(cells)
        name = f.text(columns["code"], required=True)
        price = f.decimal(columns["price"], required=True)
        key = product_key(name)
        if key in rows_of:
            f.fail(columns["code"], f"{name!r} is already on row {rows_of[key]}")
        if f.errors:
            report.error("products", f.errors)
            continue
        rows_of[key] = cells.row
        if name in existing:
            report.skipped("products")
            continue
        product = save_one(
            lambda name=name, price=price, f=f: product_create(
                organization=org,
                code=name,
                name=name,
                price=price,
                series=f.text(columns["series"]),
            ),
            lambda exc, f=f: report.error(
                "products", errors_from(exc, file=file.name, row=f.cells.row, columns=columns)
            ),
        )
        if product:
            products[key] = product
            report.created("products")
    return products


# -- sales teams ------------------------------------------------------------------------------


def _import_teams(org, file: CsvFile, report: ImportReport) -> dict[str, User]:
    """Agents (role rep) and managers (role manager) become users of the organization; each
    agent joins a team named after the manager and one named after the regional office."""
    columns = CONFIG["teams"]["columns"]
    members = {user.username: user for user in users_for_org(org)}
    teams_before = set(Team.objects.for_org(org).values_list("kind", "name"))
    teams: set[tuple[str, str]] = set()
    people: dict[str, User] = {}
    agents: dict[str, User] = {}

    def person(f: Fields, column: str, role: str) -> User | None:
        full_name = f.text(column)
        if full_name not in people:
            user = _member(org, full_name, role, members, report, f, column)
            if user is None:
                return None
            people[full_name] = user
        return people[full_name]

    for cells in file.rows():
        report.rows_read += 1
        f = Fields(cells)
        for key in ("agent", "manager", "office"):
            f.text(columns[key], required=True)
        if f.text(columns["agent"]) in agents:
            f.fail(columns["agent"], "is already listed")
        if f.errors:
            report.error("users", f.errors)
            continue
        agent = person(f, columns["agent"], Role.REP)
        manager = person(f, columns["manager"], Role.MANAGER)
        if agent is None or manager is None:
            continue
        agents[f.text(columns["agent"])] = agent
        for kind, column in ((Team.Kind.MANAGER, "manager"), (Team.Kind.OFFICE, "office")):
            name = f.text(columns[column])
            teams.add((kind.value, name))
            for user in (agent, manager):
                team_add_member(organization=org, name=name, kind=kind, user=user)
    report.created("teams", len(teams - teams_before))
    report.skipped("teams", len(teams & teams_before))
    return agents


def _member(org, full_name, role, members, report, f: Fields, column) -> User | None:
    """The organization's user for a person's name, created on first import. Usernames are
    global, so a name taken by someone outside this organization gets the org slug appended:
    an import never makes another tenant's user a member here."""
    base = slugify(full_name)
    for username in (base, f"{base}-{org.slug}"):
        if username in members:
            report.skipped("users")
            return members[username]
    username = base if not User.objects.filter(username=base).exists() else f"{base}-{org.slug}"
    first_name, _, last_name = full_name.partition(" ")
    user = save_one(
        lambda: user_create(
            username=username,
            password=None,
            organization=org,
            role=role,
            first_name=first_name,
            last_name=last_name,
        ),
        lambda exc: report.error(
            "users", errors_from(exc, file=f.cells.file.name, row=f.cells.row, columns={})
        ),
    )
    if user:
        members[username] = user
        report.created("users")
    return user


# -- opportunities ----------------------------------------------------------------------------


@dataclass
class _Opportunity:
    row: int
    deal: Deal
    new_deal: bool
    changes: list[DealStageChange] = field(default_factory=list)
    order: tuple[Order, list[OrderLine]] | None = None


def _pipeline(org) -> dict[str, Stage]:
    """The Maven pipeline's stages by the value the file uses, creating the pipeline once."""
    spec = CONFIG["pipeline"]
    pipeline = Pipeline.objects.for_org(org).filter(name=spec["name"]).first()
    if pipeline is None:
        pipeline = pipeline_create(
            organization=org,
            name=spec["name"],
            stages=[(s["name"], s["probability"], s["kind"]) for s in spec["stages"]],
        )
    by_name = {stage.name: stage for stage in pipeline.stages.all()}
    missing = [s["name"] for s in spec["stages"] if s["name"] not in by_name]
    if missing:
        raise UnusableInput(f"pipeline {spec['name']!r} exists without stage(s) {missing}")
    return {s["value"]: by_name[s["name"]] for s in spec["stages"]}


def _snapshot_date(file: CsvFile) -> dt.date:
    """The last date in the file: when the data was taken. Deals with no date of their own
    (Prospecting) are known to exist from then."""
    columns = CONFIG["pipeline"]["columns"]
    last = dt.date.min
    for cells in file.rows():
        for column in (columns["engaged_on"], columns["close_date"]):
            with contextlib.suppress(ValueError):  # bad dates are reported row by row later
                last = max(last, parse_date(cells[column]))
    return last if last > dt.date.min else dt.date.today()


def _history(deal: Deal, steps: list[tuple[Stage, dt.date | None]], zone) -> list:
    """The deal's stage changes from the dates the file gives (a step without a date did not
    happen: a deal won with no engage date goes straight to Won), each at the start of its
    day in the organization's time zone."""
    changes, previous = [], None
    for stage, day in steps:
        if day is None:
            continue
        at = dt.datetime.combine(day, dt.time(), tzinfo=zone)
        changes.append(
            DealStageChange(
                organization_id=deal.organization_id,
                deal=deal,
                from_stage=previous,
                to_stage=stage,
                changed_at=at,
            )
        )
        previous = stage
    return changes


def _import_opportunities(org, file, report, companies, products, agents) -> None:
    columns = CONFIG["pipeline"]["columns"]
    stages = _pipeline(org)
    engaging = stages[CONFIG["pipeline"]["engaged_stage"]]
    zone = zoneinfo.ZoneInfo(org.time_zone)
    snapshot = _snapshot_date(file)
    prefix = CONFIG["pipeline"]["order_prefix"]
    deal_ids = dict(
        Deal.objects.for_org(org).exclude(external_id="").values_list("external_id", "id")
    )
    order_numbers = set(Order.objects.for_org(org).values_list("number", flat=True))
    deals_with_order = set(
        Order.objects.for_org(org).filter(deal__isnull=False).values_list("deal_id", flat=True)
    )
    rows_of: dict[str, int] = {}

    def opportunity(cells) -> _Opportunity | None:
        f = Fields(cells)
        external_id = f.text(columns["external_id"], required=True)
        stage = stages.get(f.text(columns["stage"], required=True))
        if stage is None and f.text(columns["stage"]):
            f.fail(columns["stage"], f"is not one of {', '.join(stages)}")
        agent = f.text(columns["owner"], required=True)
        owner = agents.get(agent)
        if agent and owner is None:
            f.fail(columns["owner"], f"{agent!r} is not in the sales teams file")
        product_name = f.text(columns["product"], required=True)
        product = products.get(product_key(product_name))
        if product_name and product is None:
            f.fail(columns["product"], f"{product_name!r} is not in the products file")
        account = f.text(columns["company"])
        company = companies.get(account) if account else None
        if account and company is None:
            f.fail(columns["company"], f"{account!r} is not an imported account")
        closed = stage is not None and stage.kind != Stage.Kind.OPEN
        won = stage is not None and stage.kind == Stage.Kind.WON
        engaged_on = f.date(columns["engaged_on"])
        close_date = f.date(columns["close_date"], required=closed)
        close_value = f.decimal(columns["close_value"], required=won)
        if external_id in rows_of:
            f.fail(
                columns["external_id"], f"{external_id!r} is already on row {rows_of[external_id]}"
            )
        if f.errors:
            report.error("deals", f.errors)
            return None
        rows_of[external_id] = cells.row

        try:
            if external_id in deal_ids:
                item = _Opportunity(
                    cells.row, Deal(id=deal_ids[external_id], organization=org), False
                )
            else:
                amount = close_value if won else Decimal(product.price_micros) / 10**6
                deal = deal_build(
                    organization=org,
                    title=f"{product.name} for {account}" if account else product.name,
                    stage=stage,
                    amount=amount,
                    company=company,
                    owner=owner,
                    engaged_on=engaged_on,
                    close_date=close_date if closed else None,
                    external_id=external_id,
                )
                item = _Opportunity(cells.row, deal, True)
                steps = [(engaging, engaged_on), (stage, close_date)] if closed else []
                item.changes = _history(deal, steps or [(stage, engaged_on or snapshot)], zone)
            number = prefix + external_id
            has_order = number in order_numbers or item.deal.id in deals_with_order
            if won and not has_order:
                item.order = order_build(
                    organization=org,
                    number=number,
                    ordered_on=close_date,
                    lines=[LineInput(quantity=1, unit_price=close_value, product=product)],
                    company=company,
                    deal=item.deal,
                )
            elif won:
                report.skipped("orders")
        except ValidationError as exc:
            report.error("deals", errors_from(exc, file=file.name, row=cells.row, columns=columns))
            return None
        if not item.new_deal:
            report.skipped("deals")
        return item

    def save(items: list[_Opportunity]) -> None:
        new = [item for item in items if item.new_deal]
        unsaved(item.deal for item in new)
        Deal.objects.bulk_create([item.deal for item in new])
        changes = []
        for item in new:
            unsaved(item.changes)
            for change in item.changes:
                change.deal = item.deal
                changes.append(change)
        DealStageChange.objects.bulk_create(changes)
        orders = [item.order for item in items if item.order]
        for item in items:
            if item.order:
                order, lines = item.order
                unsaved([order, *lines])
                order.deal = item.deal
        orders_save_bulk(orders)

    def refused(item: _Opportunity, exc) -> None:
        report.error(
            "deals", [RowError(file.name, item.row, "-", f"refused by the database: {exc}")]
        )

    for chunk in chunked(file.rows(), BATCH):
        report.rows_read += len(chunk)
        items = [item for cells in chunk if (item := opportunity(cells))]
        for item in save_batch(items, save, refused):
            if item.new_deal:
                report.created("deals")
                report.created("stage changes", len(item.changes))
                deal_ids[item.deal.external_id] = item.deal.id
            if item.order:
                report.created("orders")
                order_numbers.add(item.order[0].number)
