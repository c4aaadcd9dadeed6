"""Benchmark: `topline import online-retail` of all 541,909 lines into a fresh SQLite database.

    uv run python benchmarks/import_online_retail.py [--data FOLDER] [--runs N]

Runs the real command in a fresh TOPLINE_HOME and prints lines/s, CPU time and memory: the
importer's peak RSS (ru_maxrss) and, as it may fork worker processes, the peak summed over
the process tree, as RSS (counts shared pages once per process) and PSS (shares them out).
As a floor it times a bare sqlite3 executemany of the same lines, already parsed, into a
table shaped like sales_orderline (same columns and indexes, same PRAGMAs, no foreign keys).
The load average is printed too: on a shared machine, wall time moves with it.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import re
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
LINES = 541_909

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


def floor(data: Path, home: Path) -> float:
    """Seconds for executemany + commit alone; the CSV is parsed beforehand, untimed."""
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
    return elapsed


def _tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        pid = todo.pop()
        pids.append(pid)
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as handle:
                    todo.extend(int(child) for child in handle.read().split())
        except OSError:
            pass
    return pids


def _memory_kb(pids: list[int]) -> tuple[int, int]:
    """(RSS, PSS) summed over the processes, from /proc/<pid>/smaps_rollup."""
    rss = pss = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/smaps_rollup") as handle:
                for line in handle:
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1])
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1])
        except OSError:
            pass
    return rss, pss


def import_once(data: Path, home: Path) -> dict:
    env = dict(os.environ, TOPLINE_HOME=str(home))
    env.pop("DATABASE_URL", None)  # always SQLite
    command = [sys.executable, "-m", "topline.cli"]
    subprocess.run([*command, "migrate", "-v0"], check=True, env=env, cwd=REPO)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(
        [*command, "import", "online-retail", str(data), "--org", "bench"],
        env=env,
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    peak_rss = peak_pss = 0
    while process.poll() is None:
        rss, pss = _memory_kb(_tree(process.pid))
        peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
        time.sleep(0.1)
    wall = time.perf_counter() - started
    out = process.stdout.read()
    if process.returncode:
        raise SystemExit(f"import failed:\n{out}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    report = re.search(r"([\d,]+) rows read in ([\d.]+) s", out)
    if not report or " 0\n" not in out.split("order lines")[1][:40]:
        raise SystemExit(f"unexpected import output:\n{out}")
    return {
        "import_seconds": float(report[2]),
        "wall_seconds": wall,
        "cpu_seconds": (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime),
        # ru_maxrss of children: the largest single process (the importer), KiB on Linux.
        "max_process_rss_mb": after.ru_maxrss / 1024,
        "peak_tree_rss_mb": peak_rss / 1024,
        "peak_tree_pss_mb": peak_pss / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    for run in range(1, args.runs + 1):
        with tempfile.TemporaryDirectory(prefix="topline-bench-") as tmp:
            load = os.getloadavg()[0]
            r = import_once(args.data, Path(tmp))
            print(
                f"run {run} (load average {load:.2f}, {os.cpu_count()} CPUs): "
                f"{LINES:,} lines in {r['import_seconds']:.1f} s = "
                f"{LINES / r['import_seconds']:,.0f} lines/s "
                f"(process start to exit {r['wall_seconds']:.1f} s, CPU {r['cpu_seconds']:.1f} s "
                f"in all processes); peak RSS {r['max_process_rss_mb']:.0f} MB for the importer, "
                f"{r['peak_tree_rss_mb']:.0f} MB RSS / {r['peak_tree_pss_mb']:.0f} MB PSS "
                "summed over its processes",
                flush=True,
            )
    with tempfile.TemporaryDirectory(prefix="topline-bench-") as tmp:
        seconds = floor(args.data, Path(tmp))
    print(
        f"floor (bare sqlite3 executemany, same columns and indexes): {LINES:,} lines in "
        f"{seconds:.1f} s = {LINES / seconds:,.0f} lines/s"
    )


if __name__ == "__main__":
    main()
