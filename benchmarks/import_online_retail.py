"""Benchmark: `topline import online-retail` of all 541,909 lines into a fresh SQLite database.

    uv run python benchmarks/import_online_retail.py [--data FOLDER] [--floor-only]

Prints the import's lines/s, wall and CPU time and peak RSS, and as a floor the time of a bare
sqlite3 executemany of the same lines into a table shaped like sales_orderline (same columns
and indexes, same PRAGMAs), with the CSV already parsed. The machine's load average is printed
too: on a shared machine, wall time moves with it.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data" / "uci_online_retail"

FLOOR_SCHEMA = """
CREATE TABLE line (
    id integer PRIMARY KEY AUTOINCREMENT, created_at datetime NOT NULL,
    updated_at datetime NOT NULL, line_no integer unsigned NOT NULL,
    product_code varchar(64) NOT NULL, product_name varchar(200) NOT NULL,
    quantity decimal NOT NULL, unit_price_micros bigint NOT NULL, discount decimal NOT NULL,
    total_micros bigint NOT NULL, order_id bigint NOT NULL, organization_id bigint NOT NULL,
    product_id bigint NULL);
CREATE UNIQUE INDEX line_unique_no ON line (order_id, line_no);
CREATE INDEX line_order ON line (order_id);
CREATE INDEX line_org ON line (organization_id);
CREATE INDEX line_product ON line (product_id);
"""


def floor(data: Path, home: Path) -> dict:
    """Parse the CSV into rows first (not timed), then time executemany + commit alone."""
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(" ")
    orders, products, rows = {}, {}, []
    line_no: dict[int, int] = {}
    for path in sorted(data.glob("*.csv")):
        with open(path, newline="", encoding="utf-8") as handle:
            for r in csv.DictReader(handle):
                order = orders.setdefault(r["InvoiceNo"], len(orders) + 1)
                product = products.setdefault(r["StockCode"], len(products) + 1)
                line_no[order] = line_no.get(order, 0) + 1
                quantity, price = Decimal(r["Quantity"]), Decimal(r["UnitPrice"])
                micros = int(price * 1_000_000)
                rows.append(
                    (now, now, line_no[order], r["StockCode"], r["Description"], str(quantity),
                     micros, "0", int(quantity * micros), order, 1, product)
                )  # fmt: skip
    db = sqlite3.connect(home / "floor.sqlite3", isolation_level=None)
    db.executescript(
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-64000;"
    )
    db.executescript(FLOOR_SCHEMA)
    started = time.perf_counter()
    db.execute("BEGIN")
    db.executemany(
        "INSERT INTO line (created_at, updated_at, line_no, product_code, product_name, quantity,"
        " unit_price_micros, discount, total_micros, order_id, organization_id, product_id)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        rows,
    )
    db.execute("COMMIT")
    elapsed = time.perf_counter() - started
    db.close()
    return {"lines": len(rows), "seconds": elapsed}


def import_in_this_process(data: Path) -> dict:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "topline.settings")
    django.setup()
    from topline.dataio.runner import import_run

    cpu = time.process_time()
    report = import_run(preset="online-retail", path=data, org_slug="bench")
    cpu = time.process_time() - cpu
    if report.errors:
        raise SystemExit(f"{len(report.errors)} row errors, first: {report.errors[0]}")
    return {
        "lines": report.kind("order lines").created,
        "seconds": report.elapsed,
        "cpu_seconds": cpu,
        # ru_maxrss is in KiB on Linux: the peak of this whole process, Django included.
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--floor-only", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="topline-bench-") as tmp:
        home = Path(tmp)
        print(f"load average before: {os.getloadavg()[0]:.2f} ({os.cpu_count()} CPUs)")
        if not args.floor_only:
            env = dict(os.environ, TOPLINE_HOME=str(home))
            env.pop("DATABASE_URL", None)  # always SQLite
            subprocess.run(
                [sys.executable, "-m", "topline.cli", "migrate", "-v0", "--skip-checks"],
                check=True,
                env=env,
                cwd=REPO,
            )
            os.environ.update(TOPLINE_HOME=str(home))
            os.environ.pop("DATABASE_URL", None)
            result = import_in_this_process(args.data)
            print(
                f"import: {result['lines']:,} lines in {result['seconds']:.1f} s = "
                f"{result['lines'] / result['seconds']:,.0f} lines/s "
                f"(CPU {result['cpu_seconds']:.1f} s), peak RSS {result['peak_rss_mb']:.0f} MB"
            )
        result = floor(args.data, home)
        print(
            f"floor (bare sqlite3 executemany, same columns and indexes): {result['lines']:,} "
            f"lines in {result['seconds']:.1f} s = {result['lines'] / result['seconds']:,.0f} "
            "lines/s"
        )
        print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
