"""Import presets: one module per public data format, each with its column mapping kept in a
TOML file beside it. A preset module offers `CURRENCY`, `open_input(path)` (raises
UnusableInput) and `run(organization=, source=, report=)`."""

import importlib
import tomllib
from pathlib import Path
from types import ModuleType

PRESETS = {
    "maven-crm": "maven_crm",
    "olist-funnel": "olist_funnel",
    "online-retail": "online_retail",
    "cdnow": "cdnow",
}


def preset_module(name: str) -> ModuleType:
    return importlib.import_module(f"{__name__}.{PRESETS[name]}")


def load_config(module_name: str) -> dict:
    """The mapping file beside a preset module: presets/<module>.toml."""
    path = Path(__file__).with_name(module_name.rsplit(".", 1)[-1] + ".toml")
    with open(path, "rb") as handle:
        return tomllib.load(handle)
