"""Where the shipped scenarios, locales and schema are, installed or in a checkout.

A wheel carries them under ``simtrain/_data/``; an editable install or a checkout finds them beside
the package. Nothing else in simtrain needs to know which.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def _data_root() -> Path:
    bundled = _PACKAGE / "_data"
    if (bundled / "locales").is_dir():
        return bundled
    return _PACKAGE.parent


def locales_dir() -> Path:
    return _data_root() / "locales"


def scenarios_dir() -> Path:
    return _data_root() / "scenarios"


def schema_file() -> Path:
    return _data_root() / "schema" / "scenario.schema.json"
