"""An offline check of JSON-LD against the schema.org vocabulary (tests/fixtures/schemaorg, made
by scripts/schemaorg_vocabulary.py): every @type exists, every property exists and applies to the
node's type or one of its parents, and every value has a type the property allows."""

from __future__ import annotations

import datetime as dt
import json
from functools import cached_property
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

VOCABULARY = Path(__file__).resolve().parent.parent / "fixtures" / "schemaorg" / "vocabulary.json"
SCHEMA = "https://schema.org"
TEXT_TYPES = {"Text", "URL"}


class _ScriptParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._inside = False

    def handle_starttag(self, tag, attrs) -> None:
        self._inside = tag == "script" and dict(attrs).get("type") == "application/ld+json"
        if self._inside:
            self.blocks.append("")

    def handle_endtag(self, tag) -> None:
        self._inside = False

    def handle_data(self, data) -> None:
        if self._inside:
            self.blocks[-1] += data


def json_ld_blocks(html: str) -> list[dict[str, Any]]:
    """The JSON-LD blocks of a page, parsed as a browser would find them (up to '</script')."""
    parser = _ScriptParser()
    parser.feed(html)
    return [json.loads(block) for block in parser.blocks]


def _is_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
        return len(text) == 10
    except ValueError:
        return False


def _is_datetime(text: str) -> bool:
    try:
        return dt.datetime.fromisoformat(text).tzinfo is not None
    except ValueError:
        return False


def _is_url(text: str) -> bool:
    parts = urlsplit(text)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


class Vocabulary:
    def __init__(self, path: Path = VOCABULARY):
        data = json.loads(path.read_text(encoding="utf-8"))
        self.types: dict[str, list[str]] = data["types"]
        self.properties: dict[str, dict[str, list[str]]] = data["properties"]
        self.members: dict[str, list[str]] = data["members"]

    def ancestors(self, name: str) -> set[str]:
        found, todo = set(), [name]
        while todo:
            current = todo.pop()
            if current not in found:
                found.add(current)
                todo += self.types.get(current, [])
        return found

    @cached_property
    def data_types(self) -> set[str]:
        return {
            name
            for name in self.types
            if self.ancestors(name) & {"Text", "Date", "DateTime", "Number", "Boolean", "Time"}
        }

    def problems(self, node: Any, where: str = "$") -> list[str]:
        """Everything wrong with a JSON-LD node (and the nodes inside it)."""
        if not isinstance(node, dict):
            return [f"{where}: a node must be an object"]
        if "@context" in node and node["@context"] != SCHEMA:
            return [f"{where}: @context is {node['@context']!r}, not {SCHEMA!r}"]
        kind = node.get("@type")
        if kind not in self.types or kind in self.data_types:
            return [f"{where}: @type {kind!r} is not a schema.org type"]
        lineage = self.ancestors(kind)
        found = []
        for key, value in node.items():
            if key.startswith("@"):
                if key == "@id" and not _is_url(value):
                    found.append(f"{where}.@id: {value!r} is not a full address")
                continue
            spec = self.properties.get(key)
            if spec is None:
                found.append(f"{where}.{key}: no such schema.org property")
                continue
            if not lineage & set(spec["domains"]):
                found.append(
                    f"{where}.{key}: not a property of {kind} (it applies to {', '.join(spec['domains'])})"
                )
            for index, each in enumerate(value if isinstance(value, list) else [value]):
                found += self._value_problems(each, spec["ranges"], f"{where}.{key}[{index}]")
        return found

    def _value_problems(self, value: Any, ranges: list[str], where: str) -> list[str]:
        if isinstance(value, dict):
            if not self.ancestors(value.get("@type", "")) & set(ranges):
                return [f"{where}: a {value.get('@type')} is not allowed (expected {', '.join(ranges)})"]
            return self.problems(value, where)
        if isinstance(value, bool):
            return [] if "Boolean" in ranges else [f"{where}: a boolean is not allowed"]
        if isinstance(value, (int, float)):
            return (
                [] if {"Number", "Integer", "Float"} & set(ranges) else [f"{where}: a number is not allowed"]
            )
        if value.startswith(f"{SCHEMA}/") and value.removeprefix(f"{SCHEMA}/") in self.members:
            member = value.removeprefix(f"{SCHEMA}/")
            ok = any(self.ancestors(kind) & set(ranges) for kind in self.members[member])
            return [] if ok else [f"{where}: {member} is not one of {', '.join(ranges)}"]
        checks = [
            ("Date", _is_date),
            ("DateTime", _is_datetime),
            ("URL", _is_url),
            ("Text", lambda _: True),
        ]
        for data_type, check in checks:
            if data_type in ranges and check(value):
                return []
        # schema.org lets a URL stand for any thing (an entity described elsewhere).
        if _is_url(value) and any(r not in self.data_types for r in ranges):
            return []
        return [f"{where}: {value!r} is not a {' or '.join(ranges)}"]
