"""Olist "Marketing Funnel": each marketing-qualified lead -> a lead; each closed deal converts
its lead on the won date (leads.services.lead_convert) into a contact, a company for the
seller and a won deal in the default pipeline.

What the deals file has and Topline keeps: seller_id (the company's external_id),
business_segment (its industry). What has no field yet and is left out: sdr_id, sr_id,
lead_type, lead_behaviour_profile, has_company, has_gtin, average_stock, business_type,
declared_product_catalog_size, declared_monthly_revenue (a self-declared figure, not the
deal's value: the deal amount stays 0).
"""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from topline.contacts.models import Company
from topline.contacts.services import company_create
from topline.dataio.batches import chunked, save_batch, save_one, unsaved
from topline.dataio.csvfiles import CsvFile, folder_file
from topline.dataio.parse import Fields
from topline.dataio.presets import load_config
from topline.dataio.report import ImportReport, RowError, errors_from
from topline.deals.models import DealStageChange, Stage
from topline.deals.services import deal_update, pipeline_default
from topline.leads.models import Lead
from topline.leads.services import lead_build, lead_convert

CONFIG = load_config(__name__)
CURRENCY = CONFIG["currency"]
LEADS = CONFIG["leads"]["columns"]
DEALS = CONFIG["deals"]["columns"]


@dataclass
class Source:
    leads: CsvFile
    deals: CsvFile


def open_input(path: Path) -> Source:
    return Source(
        *(
            CsvFile(folder_file(path, CONFIG[part]["file"]), CONFIG[part]["columns"].values())
            for part in ("leads", "deals")
        )
    )


def run(*, organization, source: Source, report: ImportReport) -> None:
    report.declare("leads", "companies", "conversions")
    _import_leads(organization, source.leads, report)
    _convert_leads(organization, source.deals, report)


def _import_leads(org, file: CsvFile, report: ImportReport) -> None:
    existing = set(
        Lead.objects.for_org(org).exclude(external_id="").values_list("external_id", flat=True)
    )
    rows_of: dict[str, int] = {}

    def build(cells) -> tuple[int, Lead] | None:
        f = Fields(cells)
        external_id = f.text(LEADS["external_id"], required=True)
        captured_on = f.date(LEADS["captured_on"], required=True)
        if external_id in rows_of:
            reason = f"{external_id!r} is already on row {rows_of[external_id]}"
            f.fail(LEADS["external_id"], reason)
        if f.errors:
            report.error("leads", f.errors)
            return None
        rows_of[external_id] = cells.row
        if external_id in existing:
            report.skipped("leads")
            return None
        try:
            lead = lead_build(
                organization=org,
                external_id=external_id,
                captured_on=captured_on,
                landing_page=f.text(LEADS["landing_page"]),
                source=f.text(LEADS["source"]),
            )
        except ValidationError as exc:
            report.error("leads", errors_from(exc, file=file.name, row=cells.row, columns=LEADS))
            return None
        return cells.row, lead

    def save(items: list[tuple[int, Lead]]) -> None:
        unsaved(lead for _, lead in items)
        Lead.objects.bulk_create([lead for _, lead in items])

    def refused(item, exc) -> None:
        reason = f"refused by the database: {exc}"
        report.error("leads", [RowError(file.name, item[0], "-", reason)])

    for chunk in chunked(file.rows(), CONFIG["leads"]["batch"]):
        report.rows_read += len(chunk)
        items = [item for cells in chunk if (item := build(cells))]
        report.created("leads", len(save_batch(items, save, refused)))


def _convert_leads(org, file: CsvFile, report: ImportReport) -> None:
    """Convert each closed deal's lead, one lead_convert call (and savepoint) per deal."""
    won = pipeline_default(organization=org).stages.filter(kind=Stage.Kind.WON).first()
    zone = zoneinfo.ZoneInfo(org.time_zone)
    companies = {c.external_id: c for c in Company.objects.for_org(org).exclude(external_id="")}
    rows_of: dict[str, int] = {}

    def convert(cells, leads: dict[str, Lead]) -> None:
        f = Fields(cells)
        mql_id = f.text(DEALS["lead"], required=True)
        won_at = f.datetime(DEALS["won_at"], zone, required=True)
        seller = f.text(DEALS["seller"])
        lead = leads.get(mql_id)
        if mql_id and lead is None:
            f.fail(DEALS["lead"], f"{mql_id!r} is not a lead of this organization")
        if mql_id in rows_of:
            f.fail(DEALS["lead"], f"{mql_id!r} is already on row {rows_of[mql_id]}")
        if f.errors:
            report.error("conversions", f.errors)
            return
        rows_of[mql_id] = cells.row
        if lead.status == Lead.Status.CONVERTED:
            report.skipped("conversions")
            return

        def work() -> Lead:
            company = companies.get(seller) if seller else None
            if seller and company is None:
                company = company_create(
                    organization=org,
                    name=f"Seller {seller}",
                    industry=f.text(DEALS["industry"]),
                    external_id=seller,
                    source=lead.source,
                    campaign=lead.campaign,
                )
                report.created("companies")
            converted = lead_convert(
                lead=lead, on=won_at.date(), company=company, deal_stage=won, deal_amount=0
            )
            deal = converted.converted_deal
            # The sales cycle runs from first contact, not from the day of the import.
            deal_update(deal=deal, engaged_on=lead.captured_on)
            # lead_convert stamps the deal's stage history with the time of the call; this
            # history is the record of when the deal was won, so it carries the won time.
            DealStageChange.objects.for_org(org).filter(deal=deal).update(changed_at=won_at)
            if company is not None:
                companies[seller] = company
            return converted

        def failed(exc) -> None:
            report.error(
                "conversions", errors_from(exc, file=file.name, row=cells.row, columns=DEALS)
            )

        counts = report.kind("companies").created
        if save_one(work, failed):
            report.created("conversions")
        else:
            report.kind("companies").created = counts  # rolled back with the rest

    for chunk in chunked(file.rows(), CONFIG["deals"]["batch"]):
        report.rows_read += len(chunk)
        wanted = {cells[DEALS["lead"]].strip() for cells in chunk}
        leads = {
            lead.external_id: lead
            for lead in Lead.objects.for_org(org).filter(external_id__in=wanted)
        }
        with transaction.atomic():
            for cells in chunk:
                convert(cells, leads)
