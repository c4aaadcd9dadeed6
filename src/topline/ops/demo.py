"""The demo organization: two-plus years of leads, deals, orders, activities and marketing spend,
written through the product's own services by a seeded generator, so the same seed and the same
day always give the same figures. (Marketing spend has no service yet: its rows are validated
and bulk-inserted here.)"""

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from topline.accounts.models import Organization, Role, User
from topline.accounts.services import organization_create, user_create
from topline.activities.models import Activity
from topline.activities.services import activity_create
from topline.analytics.models import MarketingSpend
from topline.contacts.models import Company, Contact
from topline.contacts.services import company_update
from topline.core.money import from_micros, to_micros
from topline.deals.models import Deal, DealStageChange, Stage
from topline.deals.services import deal_move_stage, deal_update, pipeline_default
from topline.leads.models import Lead
from topline.leads.services import lead_build, lead_convert
from topline.sales.models import Product
from topline.sales.services import (
    LineInput,
    deal_line_add,
    order_build,
    orders_save_bulk,
    product_create,
)

DEMO_SLUG = "demo"
DEMO_NAME = "Demo Co"
DEMO_USERNAME = "demo"
DEMO_PASSWORD = "demo-password"
REP_USERNAME = "rep"
DEFAULT_SEED = 2024


@dataclass(frozen=True)
class Source:
    name: str
    share: float  # of the month's leads
    convert: float  # chance a lead becomes a deal
    win: float  # chance a deal in negotiation is won
    size: float  # pushes deals towards the bigger plans
    spend: int  # monthly marketing spend, in currency units
    campaigns: tuple[str, ...]


SOURCES = (
    Source("organic_search", 0.25, 0.15, 0.60, 1.0, 1800, ("seo-content", "comparison-pages")),
    Source("paid_search", 0.22, 0.16, 0.52, 0.9, 5200, ("brand-keywords", "competitor-keywords")),
    Source("social", 0.16, 0.11, 0.45, 0.7, 2600, ("linkedin-ads", "product-launch")),
    Source("email", 0.12, 0.18, 0.55, 0.8, 700, ("newsletter", "nurture-sequence")),
    Source("referral", 0.13, 0.28, 0.72, 1.3, 1200, ("partner-program", "customer-referral")),
    Source("events", 0.12, 0.21, 0.62, 1.6, 0, ("saas-connect", "revops-summit", "growth-expo")),
)
# Events happen in three months a year; their leads and their (lumpy) spend fall there.
EVENT_MONTHS = {3: "saas-connect", 6: "revops-summit", 10: "growth-expo"}
EVENT_COST = 16000
# Lead volume by calendar month: summer and December are quiet.
SEASON = {1: 1.05, 2: 1.0, 3: 1.1, 4: 1.05, 5: 1.0, 6: 0.95,
          7: 0.85, 8: 0.8, 9: 1.1, 10: 1.15, 11: 1.1, 12: 0.8}  # fmt: skip
MONTHLY_GROWTH = 1.025

PLANS = [
    ("TL-STARTER", "Starter plan (annual)", "Plans", "2400"),
    ("TL-GROWTH", "Growth plan (annual)", "Plans", "7200"),
    ("TL-ENTERPRISE", "Enterprise plan (annual)", "Plans", "24000"),
]
ADD_ONS = [
    ("SEATS-10", "Extra seats (10)", "Add-ons", "1200"),
    ("ONBOARDING", "Onboarding package", "Services", "3500"),
    ("TRAINING", "Training day", "Services", "1800"),
    ("SUPPORT-PLUS", "Premium support (annual)", "Add-ons", "4800"),
    ("INTEGRATION", "Integration setup", "Services", "2900"),
]
# Chance that a deal in each open stage moves on to the next one rather than being lost.
ADVANCE = {"Lead in": 0.85, "Qualified": 0.8, "Proposal": 0.85}
LOST_REASONS = ["Chose a competitor", "No budget this year", "Went quiet", "Timing: revisit later"]

FIRST_NAMES = ["Ada", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hugo", "Ines", "Jonas",
               "Kira", "Liam", "Maya", "Noah", "Olga", "Priya", "Quinn", "Rosa", "Sami", "Tara",
               "Uma", "Victor", "Wen", "Yusuf", "Zoe"]  # fmt: skip
LAST_NAMES = ["Adams", "Brown", "Costa", "Dubois", "Evans", "Fischer", "Garcia", "Hansen", "Ito",
              "Jensen", "Kowalski", "Lopez", "Murphy", "Nakamura", "Okafor", "Patel", "Rossi",
              "Silva", "Tanaka", "Novak", "Weber", "Young"]  # fmt: skip
NAME_PARTS = ["North", "Blue", "Bright", "Cedar", "Delta", "Ember", "Frontier", "Granite", "Harbor",
              "Iron", "Juniper", "Keystone", "Lumen", "Maple", "Nimbus", "Orbit", "Pioneer",
              "Quarry", "River", "Summit", "Tidal", "Union", "Vertex", "Willow", "Acorn", "Beacon",
              "Cobalt", "Falcon", "Glacier", "Horizon", "Kestrel", "Lantern", "Meridian", "Oak",
              "Prairie", "Redwood", "Sterling", "Thistle", "Atlas", "Copper"]  # fmt: skip
NAME_KINDS = ["Logistics", "Labs", "Foods", "Health", "Software", "Retail", "Energy", "Media",
              "Capital", "Robotics", "Studios", "Supply", "Analytics", "Outdoors", "Freight",
              "Dental", "Design", "Farms", "Motors", "Textiles"]  # fmt: skip
NAME_FORMS = ["{} {}", "{} {} Inc", "{} {} Ltd", "{} {} Group", "{} {} GmbH", "{} {} & Co"]
# What a company record says about the customer; the demo's companies are spread over these.
COUNTRIES = {
    "United States": 40, "United Kingdom": 14, "Germany": 10, "Canada": 8, "France": 7,
    "Netherlands": 6, "Australia": 6, "Spain": 5, "Sweden": 4,
}  # fmt: skip
INDUSTRIES = [
    "Software", "Retail", "Manufacturing", "Healthcare", "Logistics", "Financial services",
    "Education", "Hospitality", "Construction", "Media",
]  # fmt: skip
HEADCOUNTS = [6, 12, 25, 48, 90, 180, 350, 800, 2000]
LANDING_PAGES = ["/", "/pricing", "/demo", "/features/pipeline", "/blog/forecasting", "/compare"]


@dataclass
class Customer:
    company: Company | None
    contact: Contact
    first_order: dt.date
    plan: Product  # the plan it bought first, renewed now and then


@dataclass
class Sale:
    day: dt.date
    customer: Customer
    lines: list[LineInput]


@dataclass
class DemoSummary:
    first_day: dt.date
    last_day: dt.date
    leads: int = 0
    deals: int = 0
    won: int = 0
    orders: int = 0
    activities: int = 0


def demo_ensure(
    *, seed: int = DEFAULT_SEED, leads: int = 3000
) -> tuple[Organization, DemoSummary | None]:
    """The demo organization with its users and data, made once: an existing one is kept
    (and comes back with no summary)."""
    org = Organization.objects.filter(slug=DEMO_SLUG).first()
    if org is not None:
        return org, None
    with transaction.atomic():
        org = organization_create(name=DEMO_NAME, slug=DEMO_SLUG)
        owner = user_create(
            username=DEMO_USERNAME,
            password=DEMO_PASSWORD,
            organization=org,
            role=Role.OWNER,
            email="demo@example.com",
            first_name="Dana",
            last_name="Demo",
        )
        rep = user_create(
            username=REP_USERNAME,
            password=DEMO_PASSWORD,
            organization=org,
            role=Role.REP,
            email="rep@example.com",
            first_name="Riley",
            last_name="Park",
        )
        summary = demo_generate(organization=org, users=[owner, rep], seed=seed, leads=leads)
    return org, summary


def demo_generate(
    *,
    organization: Organization,
    users: list[User],
    seed: int = DEFAULT_SEED,
    today: dt.date | None = None,
    leads: int = 3000,
) -> DemoSummary:
    """Fill an organization with `leads` leads from Jan 1 two years back up to `today`,
    and all that follows from them, in one transaction: a failure leaves nothing half made."""
    with transaction.atomic():
        return _Generator(organization, users, random.Random(seed), today, leads).run()


class _Generator:
    def __init__(self, org, users, rng, today, lead_count):
        self.org = org
        self.users = users
        self.rng = rng
        self.today = today or timezone.localdate()
        self.lead_count = lead_count
        self.start = dt.date(self.today.year - 2, 1, 1)
        self.summary = DemoSummary(first_day=self.start, last_day=self.today)
        self.customers: list[Customer] = []
        self.sales: list[Sale] = []  # repeat purchases, made orders in bulk at the end
        self.first_moves: dict[int, dt.datetime] = {}  # deal id -> when it was created
        self.used_company_names: set[str] = set()
        # Company facts and creation times draw from their own generator, so adding them
        # left the leads, deals and orders of a seed as they were.
        self.facts = random.Random(rng.getrandbits(32))
        self.created: dict[type, dict[int, dt.datetime]] = {Lead: {}, Contact: {}, Company: {}}

    def run(self) -> DemoSummary:
        pipeline = pipeline_default(organization=self.org)
        self.stages = {stage.name: stage for stage in pipeline.stages.all()}
        self.plans = [self._product(*row) for row in PLANS]
        self.add_ons = [self._product(*row) for row in ADD_ONS]
        for lead, source in self._leads():
            self._work_lead(lead, source)
        self._backdate_first_moves()
        self._backdate_creation()
        self._repeat_sales()
        self._save_orders()
        self._marketing_spend()
        return self.summary

    def _product(self, code, name, series, price):
        return product_create(
            organization=self.org, code=code, name=name, series=series, price=price
        )

    # Leads ------------------------------------------------------------------------------------
    def _months(self) -> list[dt.date]:
        months, day = [], self.start
        while day <= self.today:
            months.append(day)
            day = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return months

    def _leads(self):
        """All leads, bulk-inserted, each with its source. Volume grows month on month."""
        months = self._months()
        weights = [SEASON[m.month] * MONTHLY_GROWTH**i for i, m in enumerate(months)]
        # The current month is only partly over.
        weights[-1] *= self.today.day / 30
        scale = self.lead_count / sum(weights)
        built = []
        for month, weight in zip(months, weights, strict=True):
            last_day = min(self.today, _month_end(month))
            for _ in range(round(weight * scale)):
                source = self._pick_source(month)
                day = month + dt.timedelta(days=self.rng.randint(0, (last_day - month).days))
                built.append((self._lead(source, day), source))
        Lead.objects.bulk_create([lead for lead, _ in built], batch_size=500)
        for lead, _ in built:
            self.created[Lead][lead.pk] = _at(lead.captured_on, self.facts)
        self.summary.leads = len(built)
        return built

    def _pick_source(self, month: dt.date) -> Source:
        weights = [
            s.share * (3 if month.month in EVENT_MONTHS else 0) if s.name == "events" else s.share
            for s in SOURCES
        ]
        return self.rng.choices(SOURCES, weights)[0]

    def _campaign(self, source: Source, day: dt.date) -> str:
        if source.name == "events":
            return f"{EVENT_MONTHS[day.month]}-{day.year}"
        return self.rng.choice(source.campaigns)

    def _lead(self, source: Source, day: dt.date) -> Lead:
        rng = self.rng
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        company = self._company_name() if rng.random() < 0.85 else ""
        domain = _domain(company) if company else "mail.example"
        n = rng.randint(1, 999)
        return lead_build(
            organization=self.org,
            first_name=first,
            last_name=last,
            email=f"{first}.{last}{n}@{domain}".lower(),
            phone=f"+1 555 {rng.randint(100, 999)} {rng.randint(1000, 9999)}",
            company_name=company,
            source=source.name,
            campaign=self._campaign(source, day),
            landing_page=rng.choice(LANDING_PAGES),
            score=rng.randint(5, 95),
            owner=rng.choice(self.users),
            captured_on=day,
            status=self._open_status(day),
        )

    def _company_name(self) -> str:
        """A name no other lead of the demo has (4,800 to choose from)."""
        while True:
            form = self.rng.choice(NAME_FORMS)
            name = form.format(self.rng.choice(NAME_PARTS), self.rng.choice(NAME_KINDS))
            if name not in self.used_company_names:
                self.used_company_names.add(name)
                return name

    def _open_status(self, day: dt.date) -> str:
        age = (self.today - day).days
        if age < 14:
            return Lead.Status.NEW
        if age < 60:
            return self.rng.choice([Lead.Status.WORKING, Lead.Status.QUALIFIED])
        return Lead.Status.DISQUALIFIED if self.rng.random() < 0.8 else Lead.Status.WORKING

    # Deals ------------------------------------------------------------------------------------
    def _work_lead(self, lead: Lead, source: Source) -> None:
        rng = self.rng
        convert_on = lead.captured_on + dt.timedelta(days=rng.randint(1, 21))
        if convert_on > self.today or rng.random() >= source.convert:
            if rng.random() < 0.15:
                kind = Activity.Kind.EMAIL if rng.random() < 0.6 else Activity.Kind.CALL
                self._activity(kind, "First touch", lead.captured_on, lead=lead, owner=lead.owner)
            return
        if self.facts.random() < 0.6:  # the touch that turned into a deal, on the lead
            kind = Activity.Kind.EMAIL if self.facts.random() < 0.6 else Activity.Kind.CALL
            self._activity(kind, "First touch", lead.captured_on, lead=lead, owner=lead.owner)
        plan, lines = self._pick_lines(source)
        lead = lead_convert(
            lead=lead,
            on=convert_on,
            deal_stage=self.stages["Lead in"],
            deal_title=f"{lead.company_name or lead.name}: {plan.name.split()[0]}",
        )
        deal = lead.converted_deal
        if lead.converted_company is not None:
            self._describe(lead.converted_company)
        # The deal's amount is the sum of its product lines; when the deal is won, sales turns
        # them into its order, in the same transaction.
        for line in lines:
            deal_line_add(
                deal=deal,
                product=line.product,
                quantity=line.quantity,
                unit_price=line.unit_price,
                discount=line.discount,
            )
        self.summary.deals += 1
        self.first_moves[deal.id] = _at(convert_on, rng)
        for record in (lead.converted_contact, lead.converted_company):
            if record is not None:
                self.created[type(record)][record.pk] = self.first_moves[deal.id]
        record = {"deal": deal, "contact": lead.converted_contact, "owner": lead.owner}
        self._activity(Activity.Kind.CALL, "Discovery call", convert_on, **record)
        deal = self._advance(deal, source, convert_on, record)
        if deal.stage_id == self.stages["Won"].id:
            self.summary.won += 1
            self.customers.append(
                Customer(lead.converted_company, lead.converted_contact, deal.close_date, plan)
            )

    def _pick_lines(self, source: Source) -> tuple[Product, list[LineInput]]:
        """A plan, at a discount now and then, and up to two add-ons."""
        rng = self.rng
        plan = rng.choices(self.plans, [3 / source.size, 2.5, 1 * source.size])[0]
        lines = [_line(plan, 1, discount=rng.choice(["0", "0", "0.05", "0.1", "0.15"]))]
        for add_on in rng.sample(self.add_ons, rng.choice([0, 1, 1, 2])):
            lines.append(_line(add_on, rng.randint(1, 3)))
        return plan, lines

    def _advance(self, deal, source: Source, day: dt.date, record: dict):
        """Walk the deal through the stages until it closes or reaches today."""
        rng = self.rng
        stage = self.stages["Lead in"]
        while True:
            last, day = day, day + dt.timedelta(days=rng.randint(3, 24))
            if day > self.today:
                deal_update(deal=deal, close_date=day + dt.timedelta(days=rng.randint(7, 45)))
                due = _at(day, rng)
                self._activity(Activity.Kind.TASK, "Follow up", last, due_at=due, **record)
                return deal
            if stage.name in ADVANCE:
                moves_on = rng.random() < ADVANCE[stage.name]
                stage = self._next_stage(stage) if moves_on else self.stages["Lost"]
            else:  # negotiation
                stage = self.stages["Won" if rng.random() < source.win else "Lost"]
            deal = deal_move_stage(
                deal=deal, stage=stage, by=record["owner"], at=_at(day, rng), close_date=day
            )
            self._stage_activity(stage, day, record)
            if stage.kind != Stage.Kind.OPEN:
                return deal

    def _backdate_first_moves(self) -> None:
        """lead_convert stamps a new deal's first stage row with the current time; the demo
        replays the past, so those rows move back to the moment of conversion."""
        rows = list(
            DealStageChange.objects.for_org(self.org).filter(
                deal_id__in=self.first_moves, from_stage=None
            )
        )
        for row in rows:
            row.changed_at = self.first_moves[row.deal_id]
        DealStageChange.objects.for_org(self.org).bulk_update(rows, ["changed_at"], batch_size=500)

    def _backdate_creation(self) -> None:
        """Records are stamped with the time they are written; the demo replays two years,
        so each one moves back to when it came in: a lead to its capture, what a conversion
        made to the conversion, a deal to its first stage row (_backdate_first_moves)."""
        self.created[Deal] = self.first_moves
        for model, moments in self.created.items():
            rows = list(model.objects.for_org(self.org).filter(pk__in=moments).only("pk"))
            for row in rows:
                row.created_at = moments[row.pk]
            model.objects.for_org(self.org).bulk_update(rows, ["created_at"], batch_size=500)

    def _describe(self, company: Company) -> None:
        """What a rep fills in once the company is a real prospect."""
        facts = self.facts
        company_update(
            company=company,
            domain=_domain(company.name),
            country=facts.choices(list(COUNTRIES), list(COUNTRIES.values()))[0],
            industry=facts.choice(INDUSTRIES),
            employees=facts.choice(HEADCOUNTS),
        )

    def _next_stage(self, stage: Stage) -> Stage:
        return next(s for s in self.stages.values() if s.order == stage.order + 1)

    def _stage_activity(self, stage: Stage, day: dt.date, record: dict) -> None:
        if stage.name == "Proposal":
            self._activity(Activity.Kind.MEETING, "Proposal walkthrough", day, **record)
        elif stage.kind == Stage.Kind.WON:
            self._activity(Activity.Kind.NOTE, "Signed. Kick-off booked.", day, **record)
        elif stage.kind == Stage.Kind.LOST and self.rng.random() < 0.5:
            self._activity(Activity.Kind.NOTE, self.rng.choice(LOST_REASONS), day, **record)

    def _activity(self, kind, subject, day, **fields) -> None:
        activity_create(
            organization=self.org,
            kind=kind,
            subject=subject,
            occurred_at=_at(day, self.rng),
            **fields,
        )
        self.summary.activities += 1

    # Orders and spend -------------------------------------------------------------------------
    def _repeat_sales(self) -> None:
        """Customers come back for renewals and add-ons at their own pace until they leave."""
        rng = self.rng
        for customer in self.customers:
            mean_gap = rng.gammavariate(3, 20)  # days between purchases, per customer
            churn = rng.betavariate(1.2, 12)  # chance to leave after each purchase
            day = customer.first_order
            while rng.random() >= churn:
                day += dt.timedelta(days=max(7, round(rng.expovariate(1 / mean_gap))))
                if day > self.today:
                    break
                if rng.random() < 0.3:
                    lines = [_line(customer.plan, 1)]
                else:
                    picks = rng.sample(self.add_ons, rng.choice([1, 1, 2]))
                    lines = [_line(p, rng.randint(1, 2)) for p in picks]
                self.sales.append(Sale(day, customer, lines))

    def _save_orders(self) -> None:
        """Repeat orders, numbered by date. Won deals got their orders when they were won."""
        self.sales.sort(key=lambda sale: sale.day)  # stable: same-day sales keep their order
        built = [
            order_build(
                organization=self.org,
                number=f"SO-{10001 + i}",
                ordered_on=sale.day,
                lines=sale.lines,
                company=sale.customer.company,
                contact=None if sale.customer.company else sale.customer.contact,
            )
            for i, sale in enumerate(self.sales)
        ]
        orders_save_bulk(built)
        self.summary.orders = self.summary.won + len(built)

    def _marketing_spend(self) -> None:
        rows = []
        for i, month in enumerate(self._months()):
            end = min(self.today, _month_end(month))
            part = Decimal((end - month).days + 1) / _month_end(month).day
            for source in SOURCES:
                if source.name == "events":
                    if month.month not in EVENT_MONTHS:
                        continue
                    budget = {f"{EVENT_MONTHS[month.month]}-{month.year}": EVENT_COST}
                else:
                    share = source.spend * MONTHLY_GROWTH**i / len(source.campaigns)
                    budget = dict.fromkeys(source.campaigns, share)
                for campaign, base in budget.items():
                    amount = Decimal(base * self.rng.uniform(0.85, 1.15)) * part
                    rows.append(self._spend(source.name, campaign, month, end, amount))
        MarketingSpend.objects.bulk_create(rows)

    def _spend(self, source, campaign, start, end, amount) -> MarketingSpend:
        spend = MarketingSpend(
            organization=self.org,
            source=source,
            campaign=campaign,
            period_start=start,
            period_end=end,
            amount_micros=to_micros(amount.quantize(Decimal("0.01"))),
            currency=self.org.currency,
        )
        spend.full_clean(exclude=["organization"])
        return spend


def _line(product: Product, quantity: int, discount: str = "0") -> LineInput:
    return LineInput(
        product=product,
        quantity=quantity,
        unit_price=from_micros(product.price_micros),
        discount=discount,
    )


def _month_end(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)


def _domain(company: str) -> str:
    """'Northwind Labs GmbH' -> 'northwind-labs-gmbh.example' (a reserved name: never real)."""
    return f"{slugify(company)}.example"


def _at(day: dt.date, rng: random.Random) -> dt.datetime:
    """A moment in office hours on that day, in UTC."""
    return dt.datetime.combine(
        day, dt.time(rng.randint(8, 17), rng.choice([0, 15, 30, 45])), tzinfo=dt.UTC
    )
