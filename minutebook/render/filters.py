"""How dates, times, sizes and addresses are written on the pages (GOV.UK style: '13 February 2020', '10am')."""

from __future__ import annotations

import datetime as dt
import posixpath

from ..model import municipal_year_label


def long_date(value: dt.date) -> str:
    return f"{value.strftime('%A')} {value.day} {value.strftime('%B %Y')}"


def short_date(value: dt.date) -> str:
    return f"{value.day} {value.strftime('%B %Y')}"


def clock(value: dt.time) -> str:
    """'10:00' -> '10am', '12:10' -> '12:10pm', '14:30' -> '2:30pm' (GOV.UK style)."""
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    if value.hour == 12 and value.minute == 0:
        return "midday"
    if value.minute == 0:
        return f"{hour}{suffix}"
    return f"{hour}:{value.minute:02d}{suffix}"


def file_size(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def municipal_year(value: int) -> str:
    return municipal_year_label(value)


def relative_url(target: str, current: str) -> str:
    """A link from page `current` to `target` (site paths like 'meetings/2020/', '' for the home
    page), so the site works at a domain root, under a sub-path, or from any static server."""
    target_path, _, fragment = target.partition("#")
    if current.endswith("/") or current == "":
        base = current.rstrip("/") or "."
    else:
        base = posixpath.dirname(current) or "."
    relative = _relative_path(target_path.rstrip("/") or ".", base)
    if target_path == "" or target_path.endswith("/"):
        relative = "./" if relative == "." else relative + "/"
    return relative + (f"#{fragment}" if fragment else "")


def _relative_path(path: str, start: str) -> str:
    """posixpath.relpath for site paths, without its trips to the file system for the current
    folder: pages have tens of links each, and large archives tens of thousands of pages."""
    to = [part for part in posixpath.normpath(path).split("/") if part != "."]
    base = [part for part in posixpath.normpath(start).split("/") if part != "."]
    if ".." in to or ".." in base or path.startswith("/") or start.startswith("/"):
        return posixpath.relpath(path, start)
    common = 0
    while common < min(len(to), len(base)) and to[common] == base[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + to[common:]) or "."


FILTERS = {
    "long_date": long_date,
    "short_date": short_date,
    "clock": clock,
    "file_size": file_size,
    "municipal_year": municipal_year,
}
