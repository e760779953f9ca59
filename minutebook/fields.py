"""Typed readers for YAML mappings that report each wrong field with its line and a fix."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import SplitResult, urlsplit

from .diagnostics import Diagnostics, SourcePos, did_you_mean
from .load import Key, YamlData
from .slugs import MAX_WRITTEN_SLUG

T = TypeVar("T")

_TIME = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_MUNICIPAL_YEAR = re.compile(r"^(\d{4})/(\d{2})$")


class Missing:
    """Marks a field that was absent or invalid (already reported)."""


MISSING = Missing()


@dataclass
class Fields:
    """A view of one YAML mapping at `path` inside `doc`, collecting problems into `diagnostics`."""

    doc: YamlData
    path: Key
    value: dict[Any, Any]
    diagnostics: Diagnostics
    what: str

    @classmethod
    def of(cls, doc: YamlData, path: Key, value: Any, diagnostics: Diagnostics, what: str) -> Fields | None:
        if value is None:
            value = {}
        if not isinstance(value, dict):
            diagnostics.error(
                doc.pos(*path),
                "type",
                f"{what} should be a set of 'name: value' lines, not {describe(value)}",
            )
            return None
        return cls(doc, path, value, diagnostics, what)

    def pos(self, *keys: Any) -> SourcePos:
        return self.doc.pos(*self.path, *keys)

    def check_known(self, allowed: set[str]) -> None:
        for key in self.value:
            if key not in allowed:
                hint = did_you_mean(str(key), allowed) or "allowed here: " + ", ".join(sorted(allowed))
                self.key_error(key, "unknown-field", f"'{key}' is not a field of {self.what}", hint)

    def has(self, key: str) -> bool:
        return self.value.get(key) is not None

    def blank(self, key: str) -> bool:
        """The key is written with nothing after it ('draft:'), which YAML reads as no value."""
        return key in self.value and self.value[key] is None

    def blank_privacy(self, key: str, what: str, hint: str) -> bool:
        """A privacy field written blank is an error, never read as 'not private': a clerk who
        typed 'draft:' meant something, and guessing 'publish' would fail open."""
        if not self.blank(key):
            return False
        self.error(
            key,
            "blank-privacy",
            f"'{key}:' has no value, so it is not clear whether {what} may be published",
            hint,
        )
        return True

    def error(self, key: Any, code: str, message: str, hint: str = "") -> None:
        self.diagnostics.error(self.pos(key), code, message, hint)

    def key_error(self, key: Any, code: str, message: str, hint: str = "") -> None:
        self.diagnostics.error(self.doc.key_pos(*self.path, key), code, message, hint)

    def _missing(self, key: str, required: bool, example: str) -> Missing | None:
        if required:
            hint = f"add a line like '{key}: {example}'" if example else f"add '{key}:'"
            self.diagnostics.error(self.pos(), "missing-field", f"{self.what} has no '{key}'", hint)
            return MISSING
        return None

    def text(self, key: str, required: bool = False, example: str = "") -> str | Missing | None:
        value = self.value.get(key)
        if value is None or value == "":
            return self._missing(key, required, example)
        if isinstance(value, (dict, list)):
            self.error(
                key,
                "type",
                f"'{key}' should be text, not {describe(value)}",
                "write it on one line, in quotes if it contains ': '",
            )
            return MISSING
        raw = self.doc.raw_text(*self.path, key)
        return (raw if raw is not None else str(value)).strip()

    def flag(self, key: str) -> bool:
        value = self.value.get(key)
        if value is None:
            return False
        if not isinstance(value, bool):
            self.error(key, "type", f"'{key}' should be true or false, not {describe(value)}")
            return False
        return value

    def integer(self, key: str, required: bool = False, example: str = "") -> int | Missing | None:
        value = self.value.get(key)
        if value is None:
            return self._missing(key, required, example)
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(key, "type", f"'{key}' should be a whole number, not {describe(value)}")
            return MISSING
        return value

    def date(self, key: str, required: bool = False) -> dt.date | Missing | None:
        value = self.value.get(key)
        if value is None:
            return self._missing(key, required, "2020-02-13")
        return read_date(value, self.pos(key), key, self.diagnostics, self.doc.raw_text(*self.path, key))

    def time(self, key: str) -> dt.time | Missing | None:
        if self.value.get(key) is None:
            return None
        raw = self.doc.raw_text(*self.path, key) or str(self.value[key])
        match = _TIME.match(raw.strip())
        if not match:
            self.error(
                key,
                "time",
                f"'{key}: {raw}' is not a time",
                'write a 24-hour time in quotes, like "10:00" or "14:30"',
            )
            return MISSING
        return dt.time(int(match.group(1)), int(match.group(2)))

    def choice(self, key: str, choices: tuple[str, ...], required: bool = False) -> str | Missing | None:
        value = self.text(key, required, choices[0])
        if value is None or isinstance(value, Missing):
            return value
        if value not in choices:
            hint = did_you_mean(value, choices) or "use one of: " + ", ".join(choices)
            self.error(key, "choice", f"'{key}: {value}' is not allowed", hint)
            return MISSING
        return value

    def slug(self, key: str, required: bool = False, example: str = "") -> str | Missing | None:
        value = self.text(key, required, example)
        if isinstance(value, str) and not _SLUG.match(value):
            self.error(
                key,
                "slug",
                f"'{value}' is not a valid {key}",
                "use lower-case letters, digits and hyphens, like 'scrutiny-board-2'",
            )
            return MISSING
        if isinstance(value, str) and len(value) > MAX_WRITTEN_SLUG:
            # Longer would not fit in a file name of the published site.
            self.error(
                key,
                "slug",
                f"the {key} is {len(value)} characters long; at most {MAX_WRITTEN_SLUG} fit in an address",
                "shorten it to a few words",
            )
            return MISSING
        return value

    def items(self, key: str) -> list[tuple[int, Any]]:
        """(index, value) for each entry of a list; a single value counts as a one-entry list."""
        value = self.value.get(key)
        if value is None:
            return []
        if isinstance(value, dict):
            self.error(
                key,
                "type",
                f"'{key}' should be a list (lines starting with '- '), not a set of 'name: value' lines",
            )
            return []
        if not isinstance(value, list):
            return [(-1, value)]
        return list(enumerate(value))

    def item_pos(self, key: str, index: int) -> SourcePos:
        return self.pos(key) if index < 0 else self.pos(key, index)

    def item_raw(self, key: str, index: int) -> str | None:
        return self.doc.raw_text(*self.path, key) if index < 0 else self.doc.raw_text(*self.path, key, index)

    def text_list(self, key: str) -> list[tuple[str, SourcePos]]:
        result = []
        for index, value in self.items(key):
            pos = self.item_pos(key, index)
            if value is None or isinstance(value, (dict, list)):
                self.diagnostics.error(
                    pos, "type", f"each entry of '{key}' should be one line of text, not {describe(value)}"
                )
                continue
            raw = self.item_raw(key, index)
            result.append(((raw if raw is not None else str(value)).strip(), pos))
        return result

    def child(self, key: str | int, what: str) -> Fields | None:  # int: minute numbers
        return Fields.of(self.doc, (*self.path, key), self.value.get(key), self.diagnostics, what)

    def each_mapping(
        self, key: str, what: str, accept_text: Callable[[str], dict] | None = None
    ) -> list[Fields]:
        result = []
        for index, value in self.items(key):
            path = self.path + ((key,) if index < 0 else (key, index))
            if accept_text and isinstance(value, str):
                value = accept_text(value)
            fields = Fields.of(self.doc, path, value, self.diagnostics, what)
            if fields:
                result.append(fields)
        return result


# Dates the archive accepts. Feeds, calendars and municipal years count days and years on from
# a date, which Python cannot do past the year 9999; a year like 9999 or 0202 is a typing slip.
FIRST_YEAR, LAST_YEAR = 1800, 2200


def read_date(
    value: Any, pos: SourcePos, key: str, diagnostics: Diagnostics, raw: str | None = None
) -> dt.date | Missing:
    text = (raw or str(value)).strip()
    date = value.date() if isinstance(value, dt.datetime) else value
    if not isinstance(date, dt.date):
        try:
            date = dt.date.fromisoformat(text)
        except ValueError:
            if re.match(r"^\d{4}-\d{1,2}-\d{1,2}$", text):
                diagnostics.error(
                    pos,
                    "date",
                    f"'{key}: {text}' is not a real date",
                    "check the day and month: write YYYY-MM-DD, like 2020-02-13",
                )
            else:
                diagnostics.error(
                    pos,
                    "date",
                    f"'{key}: {text}' is not a date in the form YYYY-MM-DD",
                    "write the date like 2020-02-13",
                )
            return MISSING
    if not FIRST_YEAR <= date.year <= LAST_YEAR:
        diagnostics.error(
            pos,
            "date-range",
            f"'{key}: {date.isoformat()}' is not between the years {FIRST_YEAR} and {LAST_YEAR}",
            "check the year, which is probably mistyped",
        )
        return MISSING
    return date


def parse_municipal_year(text: str) -> int | None:
    """'2019/20' -> 2019; None when the text is not a municipal year."""
    match = _MUNICIPAL_YEAR.match(text.strip())
    if not match:
        return None
    start = int(match.group(1))
    if (start + 1) % 100 != int(match.group(2)):
        return None
    return start


def describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a set of 'name: value' lines"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    text = str(value)
    return f"'{text[:60]}...'" if len(text) > 60 else f"'{text}'"


def present(value: T | Missing | None) -> T | None:
    """Collapse Missing (already reported) to None for optional use."""
    return None if isinstance(value, Missing) else value


def address_parts(text: str) -> SplitResult | None:
    """A web address split into its parts, or None where it cannot be ('https://[' raises)."""
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 (an unreadable port or host raises only when asked for)
        return parts
    except ValueError:
        return None
