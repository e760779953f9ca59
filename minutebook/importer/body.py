"""The text of a minute item or a paper -> Markdown, keeping every word.

PDF text loses the structure Markdown needs: lists come as '- 1) ...' with bold markers, nested
points as indented '- a) ...', a sentence broken by a page turn as two paragraphs. This puts it back.
"""

from __future__ import annotations

import re

from .text import Line

_BULLET = re.compile(r"^(?P<indent>[ \t]*)(?:[-•▪◦●*]|\uf0b7)\s+(?P<text>.*)$")
_NUMBERED = re.compile(
    r"^(?P<indent>[ \t]*)(?P<label>\(?(?P<mark>\d{1,2}|[a-z]|[ivx]{1,4})[.)])\s+(?P<text>\S.*)$"
)
# "Proposed: Cllr A", "For (3): Councillors ...": each stays on its own line, as a point.
VOTE_LABEL = re.compile(
    r"^(?:proposed|moved|mover|seconded|seconder|for|in favour|against|abst(?:ain(?:ed|ing)?|entions?))(?:\s+by)?(?:\s*\(\d+\))?\s*:",
    re.IGNORECASE,
)
_TERMINAL = re.compile(r"[.:;!?)\"'’”]$")


def to_markdown(lines: list[Line]) -> str:
    blocks: list[tuple[str, list[str]]] = []  # ("paragraph" | "list", Markdown lines)
    gap = False  # a blank line since the last text
    nesting = ""  # the marker of nested points made from plain lines under a point
    rows: list[str] = []  # tab-separated rows of a table being read
    for line in [*lines, Line(0, "", "")]:
        if "\t" in line.text.strip(" "):
            rows.append(line.text.strip(" "))
            continue
        if rows:
            blocks.append(("table", [table(rows)]))
            rows = []
            gap = True
        raw = re.sub(r"^\s*#{1,6}\s+", "", line.text.replace("**", "").replace("__", "").rstrip())
        if not raw.strip():
            gap = bool(blocks)
            continue
        entry = _list_entry(raw)
        if entry is not None or gap:
            nesting = ""
        last_kind, last = blocks[-1] if blocks and blocks[-1][0] != "table" else ("", [])
        if entry is not None:
            if last_kind == "list":
                last.append(_level_fixed(entry, last))  # points separated by blank lines are still one list
            else:
                blocks.append(("list", [entry]))
        else:
            text = " ".join(raw.split())
            broken = last and not _TERMINAL.search(last[-1]) and text[:1].islower()
            if last_kind == "list" and not gap and (last[-1].rstrip().endswith(":") or nesting):
                if not nesting:
                    nesting = " " * (len(last[-1]) - len(last[-1].lstrip()) + 4) + "- "
                last.append(nesting + text)  # names listed under a point ending in ':': nested points
                continue
            elif (
                last
                and (not gap or broken)
                and not (last_kind == "list" and VOTE_LABEL.match(last[-1].lstrip("- ")))
            ):
                last[-1] += " " + text  # the same paragraph, or a sentence broken across a page
            else:
                blocks.append(("paragraph", [text]))
        gap = False
    return "\n\n".join("\n".join(block) for _, block in blocks)


def _list_entry(raw: str) -> str | None:
    """A list line as Markdown: '- 1) text' -> '1. text'; ' - a) text' (nested) -> '    a) text'.
    A letter or roman numeral keeps its label as printed: made a Markdown list, it would be
    renumbered 1, 2 (the site shows resolution points with their labels as text)."""
    if VOTE_LABEL.match(raw.strip()):
        return f"- {raw.strip()}"
    bullet = _BULLET.match(raw)
    numbered = _NUMBERED.match(bullet.group("text") if bullet else raw)
    marker = bullet or numbered
    if marker is None:
        return None
    indent = len(marker.group("indent").expandtabs(4))
    level = 1 if indent > 0 else 0
    if numbered:
        mark = numbered.group("mark")
        number = int(mark) if mark.isdigit() else _letter_number(mark)
        if number is None:
            return None
        if not mark.isdigit():
            return "    " * level + f"{numbered.group('label')} {numbered.group('text').strip()}"
        return "    " * level + f"{number}. {numbered.group('text').strip()}"
    return "    " * level + f"- {marker.group('text').strip()}"  # no number: the marker is a bullet


def _letter_number(mark: str) -> int | None:
    roman = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}
    if len(mark) == 1 and mark not in "ivx":
        return ord(mark) - ord("a") + 1
    return roman.get(mark)


def table(rows: list[str]) -> str:
    """Tab-separated rows -> a Markdown table whose first row is the header."""
    cells = [[cell.strip().replace("|", "\\|") for cell in row.split("\t")] for row in rows]
    width = max(len(row) for row in cells)
    cells = [row + [""] * (width - len(row)) for row in cells]
    header = [cell or " " for cell in cells[0]]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * width]
    lines += ["| " + " | ".join(row) + " |" for row in cells[1:]]
    return "\n".join(lines)


def _level_fixed(entry: str, previous: list[str]) -> str:
    """' - 2) text' right after '- 1) text': the PDF indented a point that continues the list; not nested."""
    nested = re.match(r"^    (\d+)\. ", entry)
    last_top = re.match(r"^(\d+)\. ", previous[-1])
    if nested and last_top and int(last_top.group(1)) == int(nested.group(1)) - 1:
        return entry[4:]
    return entry
