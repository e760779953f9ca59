"""Reading the open data of a built site: the records of every year's file of a dataset, joined
as a data user would join them."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any


def year_files(site: Path, filename: str) -> list[Path]:
    """data/<year>/<filename> of every year, oldest first."""
    return sorted((site / "data").glob(f"[0-9][0-9][0-9][0-9]/{filename}"))


def records(site: Path, name: str) -> list[dict[str, Any]]:
    """The `name` list (meetings, items, resolutions, attendance) of the whole archive."""
    return [
        record
        for path in year_files(site, f"{name}.json")
        for record in json.loads(path.read_text(encoding="utf-8"))[name]
    ]


def csv_rows(site: Path, filename: str) -> list[dict[str, str]]:
    """The rows of a CSV (attendance.csv, decisions.csv...) of the whole archive."""
    rows: list[dict[str, str]] = []
    for path in year_files(site, filename):
        with open(path, encoding="utf-8", newline="") as handle:
            rows += csv.DictReader(handle)
    return rows
