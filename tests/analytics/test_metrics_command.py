import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from topline.sales.services import LineInput, order_create


def run(*args) -> str:
    out = StringIO()
    call_command("metrics", *args, stdout=out)
    return out.getvalue()


def test_it_prints_one_json_object_for_the_period(org):
    order_create(
        organization=org, number="A", ordered_on=dt.date(2024, 5, 31), lines=[LineInput(2, "0.10")]
    )
    order_create(
        organization=org, number="B", ordered_on=dt.date(2024, 6, 1), lines=[LineInput(1, "0.05")]
    )
    report = json.loads(
        run("--org", org.slug, "--from", "2024-05-01", "--to", "2024-05-31", "--json")
    )
    assert report["revenue"] == "0.2"
    assert report["revenue_by_month"] == {"2024-05": "0.2"}
    everything = json.loads(run("--org", org.slug, "--json"))
    assert everything["revenue"] == "0.25"  # exact: 0.1 + 0.05 would not be as floats


def test_it_prints_a_readable_summary_without_json(org):
    order_create(
        organization=org, number="A", ordered_on=dt.date(2024, 5, 31), lines=[LineInput(3, "7")]
    )
    text = run("--org", org.slug)
    assert "revenue            21" in text
    assert "2024-05  21" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--org", "nope"], "no organization with slug 'nope'"),
        (["--from", "2024-13-01"], "--from '2024-13-01' is not a date"),
        (
            ["--from", "2024-02-01", "--to", "2024-01-01"],
            "--from 2024-02-01 is after --to 2024-01-01",
        ),
    ],
)
def test_it_names_what_is_wrong_with_the_arguments(org, args, message):
    if args[0] != "--org":
        args = ["--org", org.slug, *args]
    with pytest.raises(CommandError, match=message.replace("(", r"\(")):
        run(*args)


def test_the_summary_names_its_period(org):
    assert run("--org", org.slug).splitlines()[0] == f"{org.slug}  all time  (USD)"
    bounded = run("--org", org.slug, "--from", "2024-01-01").splitlines()[0]
    assert bounded == f"{org.slug}  2024-01-01 .. today  (USD)"
