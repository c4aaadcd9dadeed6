import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError

from topline.accounts.models import Organization
from topline.analytics.metrics import metrics_report


def parse_day(value: str, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"{option} {value!r} is not a date (YYYY-MM-DD)") from exc


class Command(BaseCommand):
    help = "Print the revenue metrics of one organization for a period (bounds inclusive)."

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="organization slug")
        parser.add_argument("--from", dest="date_from", help="first day, YYYY-MM-DD")
        parser.add_argument("--to", dest="date_to", help="last day, YYYY-MM-DD")
        parser.add_argument("--json", dest="as_json", action="store_true", help="one JSON object")

    def handle(self, *args, org, date_from, date_to, as_json, **options):
        organization = Organization.objects.filter(slug=org).first()
        if organization is None:
            raise CommandError(f"no organization with slug {org!r}")
        start = parse_day(date_from, "--from") if date_from else None
        end = parse_day(date_to, "--to") if date_to else None
        if start and end and start > end:
            raise CommandError(f"--from {start} is after --to {end}")
        report = metrics_report(organization, start, end)
        if as_json:
            self.stdout.write(json.dumps(report, indent=2))
        else:
            self.stdout.write(render_text(report))


def render_text(report: dict) -> str:
    deals, leads = report["deals"], report["leads"]
    start, end = report["period"]["from"], report["period"]["to"]
    period = f"{start or 'first record'} .. {end or 'today'}" if start or end else "all time"
    lines = [
        f"{report['organization']}  {period}  ({report['currency']})",
        f"revenue            {report['revenue']}",
        f"customers          {report['customers']}",
        f"revenue/customer   {report['revenue_per_customer'] or 'n/a'}",
        f"sales growth YoY   {report['sales_growth_yoy'] or 'n/a'}",
        f"deals              won {deals['won']}, lost {deals['lost']}, open {deals['open']}, "
        f"win rate {deals['win_rate'] or 'n/a'}",
        f"leads              {leads['total']}, converted {leads['converted']}",
        "revenue by month:",
        *(f"  {month}  {total}" for month, total in report["revenue_by_month"].items()),
        "leads by source:",
        *(
            f"  {source:<20} {row['leads']:>7} leads {row['converted']:>6} converted"
            for source, row in leads["by_source"].items()
        ),
        "revenue by source:",
        *(f"  {source:<20} {total:>14}" for source, total in report["revenue_by_source"].items()),
        "open pipeline by stage:",
        *(
            f"  {row['pipeline'] + ' · ' + row['stage']:<28} {row['deals']:>6} deals "
            f"{row['amount']:>14}  weighted {row['weighted']}"
            for row in report["pipeline_by_stage"]
        ),
        "acquisition cost by source (spend / new customers = CAC):",
        *(
            f"  {source:<20} {row['spend']:>14} / {row['new_customers']:>5} = {row['cac'] or 'n/a'}"
            for source, row in report["cac_by_source"].items()
        ),
    ]
    return "\n".join(lines)
