"""A paper from an agenda pack (briefing note, report, work programme) -> a DocumentDraft:
its printed header as fields, its text as Markdown with numbered sections as headings and
tab-separated rows as tables."""

from __future__ import annotations

import re

from .agenda import part_span
from .body import table, to_markdown
from .drafts import DocumentDraft, ReviewNote
from .split import Part
from .text import Line, find_date

_HEADER = re.compile(
    r"^(?P<key>to|from|date|subject|title|report of|report author)\s*:\s*(?P<value>.*)$", re.IGNORECASE
)
_KIND = re.compile(r"^(?P<kind>briefing\s+note|report|cover\s+report)$", re.IGNORECASE)
_AGENDA_ITEM = re.compile(r"^agenda\s+item\s+(?P<number>\d+)", re.IGNORECASE)
_SECTION = re.compile(r"^(?P<number>\d{1,2})\.?\s+(?P<title>[A-Z“\"'‘][^.]{0,120})$")
_NUMBERED_PARAGRAPH = re.compile(r"^[-•]\s+(?P<number>\d{1,2}\.\d{1,2}(?:\.\d{1,2})?)\s+")
_AUTHOR_START = re.compile(r"^(?:authors?|report of|name)\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)
_JOB_TITLE = re.compile(r"^job\s+title\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)
_CONTACT = re.compile(r"^contact(?:\s+details)?\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)


def parse_document(part: Part, council_names: tuple[str, ...]) -> DocumentDraft:
    council = {name.lower() for name in council_names}
    lines = [line for line in part.lines]
    fields: dict[str, str] = {}
    kind = ""
    agenda_item = None
    body_start = 0
    review: list[ReviewNote] = []
    letterhead: list[Line] = []
    # The header: the council's name, "Briefing note", "To:", "From:", "Date:", "Subject:".
    for index, line in enumerate(lines):
        text = line.clean
        if line.blank or text.lower() in council:
            body_start = index + 1
            continue
        header = _HEADER.match(text)
        kind_line = _KIND.match(text)
        item = _AGENDA_ITEM.match(text)
        if header and header.group("key").lower() not in fields:
            key = header.group("key").lower()
            value = header.group("value").strip()
            if key == "to":  # "To: the Board 13th July 2017": a date printed on the same line
                found = find_date(value)
                if found and found.end == len(value.rstrip(". ")):
                    fields.setdefault("date", value[found.start : found.end])
                    value = value[: found.start].strip(" ,")
            fields[key] = value
        elif kind_line and not kind:
            kind = kind_line.group("kind").lower()
        elif item and agenda_item is None:
            agenda_item = int(item.group("number"))
        elif find_date(text) and len(text) < 40 and "date" not in fields and fields:
            fields["date"] = text  # a date printed alone under "To:"
        elif not fields and not kind and _header_follows(lines, index):
            letterhead.append(line)  # a letterhead above "Briefing note": kept, at the top of the text
        else:
            break
        body_start = index + 1
    body_lines = letterhead + lines[body_start:]
    authors, contact, body_lines = _sign_off(body_lines)
    title = fields.get("subject") or fields.get("title") or ""
    if body_lines and body_lines[0].clean.lower().startswith("please see page 2 onwards"):
        kind = "work-programme"
    if not kind:  # no "Briefing note" line: the paper's first heading says what it is
        opening = " ".join(line.clean for line in body_lines[:12])
        purpose = re.search(r"purpose of (?:the|this) (note|report)", opening, re.IGNORECASE)
        kind = (
            {"note": "briefing note", "report": "report"}.get(purpose.group(1).lower(), "") if purpose else ""
        )
    if re.search(r"\bwork\s+programme\b", title, re.IGNORECASE):
        kind = "work-programme"
    if not title:
        title = (
            "Work Programme"
            if kind == "work-programme"
            else next((line.clean for line in body_lines if not line.blank), "Document")[:80]
        )
        review.append(
            ReviewNote(f"the paper prints no title; it is called '{title}' for now", part_span(part))
        )
    date_text = fields.get("date", "")
    found = find_date(date_text) if date_text else None
    return DocumentDraft(
        title=title,
        kind={"briefing note": "briefing-note", "report": "report", "cover report": "report"}.get(
            kind, kind or "other"
        ),
        to=fields.get("to", ""),
        sender=fields.get("from", "") or fields.get("report of", ""),
        date=found.date if found else None,
        date_text="" if found else date_text,
        authors=tuple(authors),
        contact=tuple(contact),
        body=_document_markdown(body_lines),
        span=part_span(part),
        agenda_item=agenda_item,
        review=tuple(review),
    )


def _header_follows(lines: list[Line], index: int) -> bool:
    following = [line.clean for line in lines[index + 1 : index + 6] if not line.blank][:2]
    return any(_HEADER.match(text) or _KIND.match(text) for text in following)


def _sign_off(lines: list[Line]) -> tuple[list[str], list[str], list[Line]]:
    """Authors and contact details printed at the end of a note, taken out of the body only when
    they are the last thing on the page (an appendix may follow them, and stays in the body)."""
    authors: list[str] = []
    contact: list[str] = []
    start = None
    for index, line in enumerate(lines):
        if _AUTHOR_START.match(line.clean) and not line.clean.lower().startswith("name of"):
            start = index
            break
    if start is None:
        return authors, contact, lines
    end = start
    pending_name = ""
    mode = "authors"
    for index in range(start, len(lines)):
        text = lines[index].clean
        if lines[index].blank:
            continue
        author = _AUTHOR_START.match(text)
        job = _JOB_TITLE.match(text)
        contact_line = _CONTACT.match(text)
        if author and mode != "contact-done":
            rest = author.group("rest").strip()
            mode = "authors"
            if rest and "," in rest:
                authors.append(rest)
            elif rest:
                pending_name = rest
        elif job:
            authors.append(
                f"{pending_name}, {job.group('rest').strip()}" if pending_name else job.group("rest").strip()
            )
            pending_name = ""
        elif contact_line:
            mode = "contact"
            if contact_line.group("rest").strip():
                contact.append(contact_line.group("rest").strip())
        elif mode == "authors" and re.match(r"^[A-Z][\w'’-]+ [A-Z][\w'’-]+,", text):
            authors.append(text)
        elif mode == "contact" and (re.search(r"@|\btel\b|\d{4}", text, re.IGNORECASE)):
            contact.append(text)
        elif re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)? \w+ \d{4}\.?", text) and mode == "contact":
            contact.append(text)  # the date a note was signed off
        else:
            break
        end = index + 1
    if pending_name:
        authors.append(pending_name)
    if any(not line.blank for line in lines[end:]):
        # Something follows the sign-off (an appendix): keep the sign-off in the body as printed too.
        return authors, contact, lines
    return authors, contact, lines[:start]


def _document_markdown(lines: list[Line]) -> str:
    """Numbered sections ('1 Purpose of the Note') become headings; '- 1.1 Text' a paragraph '1.1 Text';
    runs of tab-separated rows become tables with their first row as the header."""
    out: list[str] = []
    pending: list[Line] = []
    expected_section = 1
    index = 0

    def flush() -> None:
        if pending:
            out.append(to_markdown(pending))
            pending.clear()

    while index < len(lines):
        line = lines[index]
        if "\t" in line.text:
            rows = []
            while index < len(lines) and "\t" in lines[index].text:
                rows.append(lines[index].text)
                index += 1
            flush()
            out.append(table(rows))
            continue
        section = _SECTION.match(line.clean)
        if (
            section
            and int(section.group("number")) in (expected_section, expected_section + 1)
            and not line.text.lstrip().startswith(("-", "•"))
        ):
            flush()
            out.append(f"## {section.group('number')} {section.group('title').strip()}")
            expected_section = int(section.group("number")) + 1
            index += 1
            continue
        paragraph = _NUMBERED_PARAGRAPH.match(line.text.strip())
        if paragraph:
            # "- 1.1 Text" is a numbered paragraph that the PDF turned into a bullet
            flush()
            text = line.text.strip()[paragraph.start("number") :]
            pending.append(Line(line.number, text, text))
            pending.append(Line(line.number, "", ""))
            index += 1
            continue
        pending.append(line)
        index += 1
    flush()
    return "\n\n".join(block for block in out if block.strip())
