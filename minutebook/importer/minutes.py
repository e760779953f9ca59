"""Minutes (of the meeting, or of the previous meeting inside an agenda pack) -> a MinutesDraft."""

from __future__ import annotations

import re

from .agenda import part_span
from .body import to_markdown
from .drafts import DeclarationDraft, ItemDraft, MinutesDraft, ReviewNote, SourceSpan
from .registry import PeopleDirectory
from .split import MINUTES_END, MINUTES_START, Part
from .text import Line, find_date, find_time, join_wrapped, minute_number, split_names, split_run_together
from .votes import find_votes

_ATTENDANCE_LABEL = re.compile(
    r"^(?P<label>present|members(?: present)?|councillors(?: present)?|co-?opted members?(?: present)?|cabinet members?(?: present)?"
    r"|other members?(?: present)?|also present|also in attendance|in attendance|invited|by invitation|employees(?: \(by directorate\))?"
    r"|officers?(?: \(by directorate\))?(?: present| in attendance)?|apologies(?: for absence)?|substitutes?)\s*:\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_LIST_FOR_LABEL = (
    ("co", "co_opted"),
    ("cabinet", "cabinet_members"),
    ("other", "other_members"),
    ("also present", "other_members"),
    ("invit", "invited"),
    ("in attendance", "invited"),
    ("employees", "officers"),
    ("officer", "officers"),
    ("apolog", "apologies"),
    ("substitute", "members"),
    ("present", "members"),
    ("member", "members"),
    ("councillor", "members"),
)
_BUSINESS = re.compile(r"^(?P<kind>public|private|confidential|exempt)\s+business\.?$", re.IGNORECASE)
# "88. Title", "88) Title", "23/045 Title", "PC.45/23 Title", "Minute 45 - Title"
_HEADING = re.compile(
    r"^(?:minute\s+)?(?P<prefix>[A-Z]{1,5}[.\s]?)?(?P<number>\d{1,4}(?:/\d{1,4})?)(?P<dot>[.):]?)\s+(?:[-–]\s+)?(?P<title>\S.*?)\s*$",
    re.IGNORECASE,
)
_APOLOGY_SENTENCE = re.compile(
    r"apologies(?: for absence)? (?:were|was) (?:received|submitted|noted) (?:from|on behalf of) (?P<names>.+?)\.?$",
    re.IGNORECASE,
)
_EXCLUSION = re.compile(r"Schedule\s+12A", re.IGNORECASE)
_PARAGRAPHS = re.compile(
    r"paragraphs?\s+(?P<list>\d(?:\s*(?:,|and|&)\s*\d)*)\s+of\s+Part\s+(?:1|I|One)\b", re.IGNORECASE
)
_MINUTE_REFS = re.compile(
    r"\bminutes?\s+(?:(?:no\.?|number)\s+)?(?P<list>\d{1,4}(?:/\d{1,4})?(?:\s*(?:,|and|&)\s*\d{1,4}(?:/\d{1,4})?)*)",
    re.IGNORECASE,
)


def parse_minutes(part: Part, people: PeopleDirectory) -> MinutesDraft:
    lines = part.lines
    review: list[ReviewNote] = []
    start_index = next((i for i, line in enumerate(lines) if MINUTES_START.match(line.clean)), 0)
    header_lines, index = _header_lines(lines, start_index)
    header = " ".join(header_lines)
    committee_name, date, start, venue = _read_header(header)
    found = find_date(header)
    if found and found.weekday_mismatch:
        review.append(
            ReviewNote(
                f"the minutes print {found.weekday} for {found.date:%d %B %Y}, which was a {found.date:%A}",
                SourceSpan(lines[start_index].number, lines[start_index].number),
            )
        )
    for line in lines[:start_index]:
        if not line.blank:
            review.append(
                ReviewNote(
                    "printed above the minutes' heading",
                    SourceSpan(line.number, line.number),
                    line.clean,
                    unplaced=True,
                )
            )

    attendance_lines: list[Line] = []
    while index < len(lines) and not _is_first_heading(lines[index]):
        attendance_lines.append(lines[index])
        index += 1
    attendance, officers = _attendance(attendance_lines, review)

    year = date.year if date else None
    items, end, private_markers = _items(lines[index:], year, review)
    items = _apply_private(items, private_markers, year, review)
    names_present = [name for group, names in attendance.items() if group != "apologies" for name in names]
    declarations = _declarations(items, names_present, people, year, review)
    apologies_in_items = _apologies_from_items(items)
    if apologies_in_items and not attendance.get("apologies"):
        attendance["apologies"] = apologies_in_items
    items = tuple(_with_votes(item, names_present, people, review) for item in items)
    return MinutesDraft(
        committee_name=committee_name,
        date=date,
        start=start,
        end=end,
        venue=venue,
        attendance=attendance,
        officers=officers,
        items=items,
        declarations=tuple(declarations),
        span=part_span(part),
        review=tuple(review),
    )


def _header_lines(lines: list[Line], start: int) -> tuple[list[str], int]:
    """The 'Minutes of the Meeting of ... held at ... on ...' heading, however many lines it takes."""
    header = [lines[start].clean]
    index = start + 1
    while index < len(lines):
        text = lines[index].clean
        if lines[index].blank or _ATTENDANCE_LABEL.match(text) or _BUSINESS.match(text):
            break
        wrapped = re.search(r"(?:\b(?:in|at|the|of|on|and|held)|,)$", header[-1], re.IGNORECASE)
        if (
            not wrapped
            and not re.match(r"^(?:held|on|at|in)\b", text, re.IGNORECASE)
            and find_date(" ".join(header))
        ):
            break
        header.append(text)
        index += 1
    return header, index


def _read_header(header: str):
    body = MINUTES_START.sub("", header).strip()
    body = re.sub(r"^(?:the\s+)", "", body, flags=re.IGNORECASE)
    parts = re.split(r"\s+held\b", body, maxsplit=1, flags=re.IGNORECASE)
    committee = parts[0].strip(" ,.")
    rest = parts[1] if len(parts) > 1 else body
    found = find_date(rest) if len(parts) > 1 else find_date(body)
    if len(parts) == 1 and found:  # "Minutes of the Planning Committee, 14 March 2023"
        committee = body[: found.start].strip(" ,.-")
    if re.match(r"^(?:the\s+)?above(?:[- ]named)?\s+council$", committee, re.IGNORECASE):
        committee = ""  # "Minutes of a meeting of the above Council": the name was on a letterhead
    venue = ""
    venue_match = re.search(
        r"\b(?:in|at)\s+(?:the\s+)?(?P<venue>[A-Z][\w'’&-]*(?:(?:,\s*|\s+)(?:[A-Z0-9][\w'’&-]*|and|of|the|on-\w+))*)",
        rest,
    )
    if venue_match and not re.match(
        r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b", venue_match.group("venue")
    ):
        venue = venue_match.group("venue").strip(" ,")
    return committee, found.date if found else None, find_time(rest), venue


def _is_first_heading(line: Line) -> bool:
    match = _HEADING.match(line.clean)
    return bool(
        match
        and not line.clean.lower().startswith(("councillor", "mr", "mrs"))
        and (match.group("dot") or "/" in match.group("number") or line.text.lstrip("# ").startswith("**"))
    )


def _attendance(
    lines: list[Line], review: list[ReviewNote]
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    blocks: list[tuple[str, list[Line]]] = []
    for line in lines:
        text = line.clean
        if line.blank:
            continue
        label = _ATTENDANCE_LABEL.match(text)
        if _BUSINESS.match(text):
            continue
        if label:
            kind = next(name for needle, name in _LIST_FOR_LABEL if needle in label.group("label").lower())
            blocks.append((kind, []))
            if label.group("rest"):
                blocks[-1][1].append(Line(line.number, label.group("rest"), label.group("rest")))
        elif blocks:
            blocks[-1][1].append(line)
        else:
            review.append(
                ReviewNote(
                    "text between the minutes' heading and the attendance",
                    SourceSpan(line.number, line.number),
                    text,
                    unplaced=True,
                )
            )
    attendance: dict[str, list[str]] = {}
    officers: dict[str, list[str]] = {}
    for kind, block in blocks:
        if kind == "officers":
            _officers(block, officers, review)
            continue
        names: list[str] = []
        for entry in join_wrapped([line.clean for line in block]):
            names.extend(split_names(entry, split_and=kind != "invited"))
        for name in names:
            if name not in attendance.get(kind, []):
                attendance.setdefault(kind, []).append(name)
    return attendance, officers


_OFFICER_WITH_DIRECTORATE = re.compile(r"^(?P<name>.+?),\s*(?P<group>[A-Z][\w'’& ]*?)\s+Directorate$")
_DIRECTORATE_LINE = re.compile(
    r"^(?P<group>[A-Z][\w'’&\- ]*?[a-z)])\s+(?P<names>(?:[A-Z]{1,3}|Mrs?|Ms|Dr)\s+[A-Z].*)$"
)


def _officers(block: list[Line], officers: dict[str, list[str]], review: list[ReviewNote]) -> None:
    """'People A Brennan, J Gregg' / 'J Gregg, People Directorate' / 'J Bloggs (Head of Planning)'."""
    groups: list[tuple[str, list[str]]] = []
    for line in block:
        text = line.clean
        with_directorate = _OFFICER_WITH_DIRECTORATE.match(text)
        group_line = _DIRECTORATE_LINE.match(text)
        if with_directorate:
            groups.append((with_directorate.group("group").strip(), [with_directorate.group("name")]))
        elif (
            group_line
            and "," not in group_line.group("group")
            and len(group_line.group("group").split()) <= 5
        ):
            groups.append((group_line.group("group").strip(), [group_line.group("names")]))
        elif groups:
            groups[-1][1].append(text)
        else:
            groups.append(("", [text]))
    for group, texts in groups:
        names = split_run_together(split_names(" ".join(join_wrapped(texts)).strip(" ,")))
        for name in names:
            existing = officers.setdefault(group, [])
            if name in existing:
                review.append(
                    ReviewNote(
                        f"'{name}' is printed twice among the officers{f' ({group})' if group else ''}; listed once",
                        SourceSpan(block[0].number, block[-1].number),
                    )
                )
                continue
            existing.append(name)


def _items(lines: list[Line], year: int | None, review: list[ReviewNote]):
    """Cut the minutes at item headings. A heading's number follows the one before, so a numbered
    list inside an item ('1. Continue to monitor ...') is not taken for a heading."""
    items: list[tuple[int, str, list[Line], Line]] = []
    private_markers: list[int] = []
    private = False
    end = None
    before: list[Line] = []
    joined: set[int] = set()  # lines a wrapped heading took
    for position, line in enumerate(lines):
        if position in joined:
            continue
        text = line.clean
        if MINUTES_END.match(text):
            end = find_time(text)
            continue
        business = _BUSINESS.match(text)
        if business:
            private = business.group("kind").lower() != "public"
            continue
        heading = _HEADING.match(text)
        number = _minute_number(heading, year) if heading else None
        expected = items[-1][0] + 1 if items else None
        bold = line.text.lstrip("# ").startswith("**")
        is_heading = (
            heading is not None
            and number is not None
            and (
                (expected is None and (heading.group("dot") or "/" in heading.group("number") or bold))
                or number == expected
                or (
                    expected is not None
                    and expected < number <= expected + 5
                    and (bold or "/" in heading.group("number"))
                )
            )
        )
        if (
            is_heading
            and heading is not None
            and number is not None
            and not text.lower().startswith(("councillor", "mr ", "mrs "))
        ):
            title = heading.group("title").strip()
            # A title the PDF wrapped ("... Education, Employment and" / "Training (NEET)."): the next
            # line, directly under it, finishes it when the title ends on a word that cannot end one.
            following = lines[position + 1] if position + 1 < len(lines) else None
            if (
                following is not None
                and not following.blank
                and re.search(r"\b(?:and|or|of|to|the|for|from|on|in|with|by|a|an|&)$", title, re.IGNORECASE)
                and not _HEADING.match(following.clean)
                and len(following.clean.split()) <= 8
            ):
                title = f"{title} {following.clean.strip(' *')}"
                joined.add(position + 1)
            items.append((number, title, [], line))
            if private:
                private_markers.append(number)
            continue
        if items:
            items[-1][2].append(line)
        elif not line.blank:
            before.append(line)
    for line in before:
        review.append(
            ReviewNote(
                "text before the first minute item",
                SourceSpan(line.number, line.number),
                line.clean,
                unplaced=True,
            )
        )
    drafts = []
    for number, title, body, heading_line in items:
        last = body[-1].number if body else heading_line.number
        drafts.append(ItemDraft(number, title, to_markdown(body), SourceSpan(heading_line.number, last)))
    if not drafts:
        review.append(
            ReviewNote("no numbered minute items were found; the minutes' text is listed below", None)
        )
    return drafts, end, private_markers


def _minute_number(heading: re.Match, year: int | None) -> int | None:
    return minute_number(heading.group("number"), year)


def _apply_private(
    items: list[ItemDraft], markers: list[int], year: int | None, review: list[ReviewNote]
) -> list[ItemDraft]:
    """Mark items taken in private, with the paragraphs of Schedule 12A the exclusion resolution cites."""
    paragraphs: dict[int, tuple[int, ...]] = {}
    general: tuple[int, ...] = ()
    for item in items:
        if not _EXCLUSION.search(item.body):
            continue
        cited = _PARAGRAPHS.search(item.body)
        numbers = tuple(sorted({int(n) for n in re.findall(r"\d", cited.group("list"))})) if cited else ()
        refs = _MINUTE_REFS.search(item.body)
        targets = (
            [minute_number(n, year) for n in re.findall(r"\d{1,4}(?:/\d{1,4})?", refs.group("list"))]
            if refs
            else []
        )
        for target in targets:
            if target is not None:
                paragraphs[target] = numbers
        if not targets:
            general = numbers
    result = []
    for item in items:
        grounds = paragraphs.get(item.number) or (general if item.number in markers else ())
        if item.number in markers and not grounds:
            review.append(
                ReviewNote(
                    f"minute {item.number} was taken in private, but no exclusion resolution citing paragraphs of Schedule 12A was found; add 'private: paragraphs: [...]' under items: {item.number}",
                    item.span,
                )
            )
        grounds = tuple(p for p in grounds if 1 <= p <= 7)
        result.append(
            ItemDraft(item.number, item.title, item.body, item.span, grounds, item.votes) if grounds else item
        )
    return result


_DECLARED = re.compile(
    r"(?P<who>(?:Councillors?|Cllrs?\.?|Mr|Mrs|Ms|Dr)\s+[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*)*(?:(?:,\s*|\s+and\s+)(?:Councillor\s+)?[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*)*)*)"
    r"\s+declared\s+(?:an?\s+|the\s+following\s+)?(?P<nature>[\w\- ]*?)\s*interests?\b(?P<rest>[^.]*(?:\.(?!\s+[A-Z])[^.]*)*)",
)
_ITEM_REFS = re.compile(
    r"\b(?:minutes?|items?|agenda\s+items?)\s+(?P<list>\d{1,4}(?:/\d{1,4})?(?:\s*(?:,|and|&)\s*\d{1,4}(?:/\d{1,4})?)*)",
    re.IGNORECASE,
)
_WITHDREW = re.compile(
    r"withdrew|left the (?:meeting|room|chamber)|took no part|did not take part", re.IGNORECASE
)


def _declarations(
    items: list[ItemDraft],
    present: list[str],
    people: PeopleDirectory,
    year: int | None,
    review: list[ReviewNote],
) -> list[DeclarationDraft]:
    numbers = {item.number for item in items}
    declarations = []
    for item in items:
        for match in _DECLARED.finditer(item.body.replace("\n", " ")):
            refs = [
                minute_number(n, year)
                for ref in _ITEM_REFS.finditer(match.group("rest"))
                for n in re.findall(r"\d{1,4}(?:/\d{1,4})?", ref.group("list"))
            ]
            listed = tuple(n for n in refs if n in numbers)
            if len(listed) < len(refs):
                review.append(
                    ReviewNote(
                        f"a declaration in minute {item.number} names item(s) {', '.join(str(n) for n in refs if n not in numbers)}, which are not minute numbers of this meeting (agenda item numbers?); add the minute numbers by hand",
                        item.span,
                    )
                )
            if not refs and "declaration" not in item.title.lower():
                listed = (item.number,)  # "declared an interest in this item"
            nature = match.group("nature").strip()
            nature = (
                "" if nature.lower() in ("", "an") else f"{nature[:1].upper()}{nature[1:].lower()} interest"
            )
            for who in split_names(match.group("who")):
                found = people.match(who, present)
                member = found.person.name if found.person else who
                if not found.person:
                    review.append(
                        ReviewNote(
                            f"the member declaring an interest, '{who}', is not among those present nor in the archive; check the name",
                            item.span,
                        )
                    )
                declarations.append(
                    DeclarationDraft(member, listed, nature, bool(_WITHDREW.search(match.group("rest"))))
                )
    return declarations


def _apologies_from_items(items: list[ItemDraft]) -> list[str]:
    names: list[str] = []
    for item in items:
        if "apolog" not in item.title.lower():
            continue
        for paragraph in item.body.split("\n\n"):
            sentence = _APOLOGY_SENTENCE.search(" ".join(paragraph.split()))
            if sentence:
                names.extend(split_names(sentence.group("names")))
    return names


def _with_votes(
    item: ItemDraft, present: list[str], people: PeopleDirectory, review: list[ReviewNote]
) -> ItemDraft:
    votes, notes = find_votes(item, present, people)
    review.extend(notes)
    if not votes:
        return item
    return ItemDraft(item.number, item.title, item.body, item.span, item.private_paragraphs, tuple(votes))
