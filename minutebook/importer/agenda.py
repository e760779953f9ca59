"""An agenda (the front pages of an agenda pack) -> an AgendaDraft."""

from __future__ import annotations

import re

from .drafts import AgendaDraft, AgendaItemDraft, ReviewNote, SourceSpan
from .registry import PeopleDirectory
from .split import Part
from .text import Line, clean, find_date, find_time, join_wrapped, split_names

_LABEL = re.compile(
    r"^(?P<label>time and date|date and time|date|time|place|venue|location)\s*:?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_BUSINESS = re.compile(
    r"^(?P<kind>public|private|confidential|exempt)\s+business\b\s*(?P<rest>.*)$", re.IGNORECASE
)
_ITEM = re.compile(r"^(?P<number>\d{1,3})[.)]\s+(?P<title>\S.*)$")
_PAGES = re.compile(r"\s*\((?:Pages?)\s+(?P<pages>[\d\s\-–]+)\)\s*$", re.IGNORECASE)
_SUBITEM = re.compile(r"^(?:[-•]\s*)?\(?(?P<letter>[a-z]|[ivx]+)\)\s+(?P<text>.+)$")
_PAPER = re.compile(
    r"^(?:joint\s+)?(?:briefing\s+note|report|presentation|verbal\s+(?:update|report)|note|cover\s+note)\s+(?:of|from|by)\b",
    re.IGNORECASE,
)
_DATE_ONLY = re.compile(
    r"^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+\d{1,2}\w*\s+\w+,?\s+\d{4}\.?$",
    re.IGNORECASE,
)
_MEMBERSHIP = re.compile(
    r"^(?P<label>membership|members|co-?opted members?|by invitation|substitutes?)\s*:\s*(?P<rest>.+)$",
    re.IGNORECASE,
)
_URL = re.compile(r"<?(https?://[^\s>]+)>?")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE_LINE = re.compile(r"^(?:telephone|tel|phone)\s*[:.]?\s*(?P<phone>.+)$", re.IGNORECASE)
_EMAIL_LINE = re.compile(r"^e-?mail\s*[:.]?\s*(?P<email>.+)$", re.IGNORECASE)
_CONTACT_NOTE = re.compile(
    r"person to contact .*? is (?P<name>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)+)(?:, (?P<service>[A-Z][\w ]+?)(?:,|$))?",
    re.IGNORECASE,
)
_RUN_TOGETHER = re.compile(r"\*{2,4}(?=\d{1,3}\.\s)|(?<=Business)\*\*(?=\S)")


def parse_agenda(part: Part, people: PeopleDirectory, council_names: tuple[str, ...]) -> AgendaDraft:
    lines = _expand(part.lines)
    review: list[ReviewNote] = []
    council = {name.lower() for name in council_names}
    heading: list[str] = []
    date = start = None
    venue, webcast, remote, place_note = "", "", False, ""
    index = 0
    # The heading: committee name, "Time and Date", "Place", until the business starts.
    while index < len(lines) and not _BUSINESS.match(lines[index].clean):
        line = lines[index]
        label = _LABEL.match(line.clean)
        if label:
            value = label.group("rest") or _next_text(lines, index)
            if not label.group("rest"):
                index = _next_index(lines, index)
            kind = label.group("label").lower()
            if kind in ("place", "venue", "location"):
                url = _URL.search(value)
                webcast = url.group(1) if url else ""
                remote = bool(
                    re.search(r"\bremote(?:ly)?\b|\bvirtual(?:ly)?\b|\bonline\b", value, re.IGNORECASE)
                )
                venue = "" if remote else value
                if remote:
                    place_note = f"Place: {value}"  # the printed words are kept in the notes
            else:
                found = find_date(value)
                date = found.date if found else date
                start = find_time(value) or start
                if found and found.weekday_mismatch:
                    review.append(
                        ReviewNote(
                            f"the agenda prints {found.weekday} for {found.date:%d %B %Y}, which was a {found.date:%A}",
                            SourceSpan(line.number, line.number),
                        )
                    )
        elif (
            not line.blank
            and line.clean.lower() not in council
            and line.clean.lower() not in ("agenda", "notice of meeting")
        ):
            heading.append(line.clean)
        index += 1

    items: list[AgendaItemDraft] = []
    private = False
    published = None
    issued_by = ""
    notes_start = len(lines)
    pending: list[Line] = []  # lines not yet known to belong to an item or to the issuer
    while index < len(lines):
        line = lines[index]
        text = line.clean
        business = _BUSINESS.match(text)
        item = _ITEM.match(text)
        if business:
            private = business.group("kind").lower() != "public"
            if business.group("rest"):
                pending.append(line)
        elif _DATE_ONLY.match(text) and items:
            found = find_date(text)
            published = found.date if found else None
            issuer = [p for p in pending if not p.blank]
            if issuer:
                issued_by = issuer[-1].clean
                pending = [p for p in pending if p is not issuer[-1]]
            notes_start = index + 1
            break
        elif item and (not items or int(item.group("number")) > items[-1].number):
            _flush(items, pending, review)
            title = item.group("title")
            pages = _PAGES.search(title)
            items.append(
                AgendaItemDraft(
                    int(item.group("number")),
                    _PAGES.sub("", title).strip(),
                    pages.group("pages").strip() if pages else "",
                    private=private,
                )
            )
        elif text.lower() in ("nil", "none") and private:
            pass
        elif not line.blank:
            pending.append(line)
        index += 1
    _flush(items, pending, review)

    membership, contact, notes = _notes(lines[notes_start:], people)
    notes = "\n\n".join(text for text in (place_note, notes) if text)
    if not items:
        review.append(
            ReviewNote(
                "no numbered agenda items were found; add them under 'agenda: items:'", part_span(part)
            )
        )
    committee_name = " ".join(heading)
    return AgendaDraft(
        committee_name=committee_name,
        date=date,
        start=start,
        venue=venue,
        remote=remote,
        webcast=webcast,
        items=tuple(items),
        published=published,
        issued_by=issued_by,
        contact=contact,
        membership=membership,
        notes=notes,
        span=part_span(part),
        review=tuple(review),
    )


def part_span(part: Part) -> SourceSpan:
    return SourceSpan(part.first_line, part.last_line)


def _expand(lines: list[Line]) -> list[Line]:
    """'Public Business**1. Apologies****2. Declarations' (a PDF that lost its line breaks) -> one item per line."""
    result = []
    for line in lines:
        if _RUN_TOGETHER.search(line.text):
            for piece in _RUN_TOGETHER.split(line.text):
                result.append(Line(line.number, piece, clean(piece)))
        else:
            result.append(line)
    return result


def _next_index(lines: list[Line], index: int) -> int:
    index += 1
    while index < len(lines) and lines[index].blank:
        index += 1
    return index


def _next_text(lines: list[Line], index: int) -> str:
    following = _next_index(lines, index)
    return lines[following].clean if following < len(lines) else ""


def _flush(items: list[AgendaItemDraft], pending: list[Line], review: list[ReviewNote]) -> None:
    """Lines after an item's title: its sub-items (a), b)), the paper it introduces, a description."""
    if not pending:
        return
    if not items:
        for line in pending:
            review.append(
                ReviewNote(
                    "text before the first agenda item",
                    SourceSpan(line.number, line.number),
                    line.clean,
                    unplaced=True,
                )
            )
        pending.clear()
        return
    item = items[-1]
    subitems, paper, description = (
        list(item.subitems),
        item.paper,
        [item.description] if item.description else [],
    )
    for line in pending:
        text = re.sub(r"^[-•]\s+", "", line.clean)
        sub = _SUBITEM.match(text)
        if sub:
            subitems.append(sub.group("text"))
        elif _PAPER.match(text) and not paper:
            paper = text
        else:
            description.append(text)
    items[-1] = AgendaItemDraft(
        item.number, item.title, item.pages, paper, " ".join(description), tuple(subitems), item.private
    )
    pending.clear()


def _notes(lines: list[Line], people: PeopleDirectory) -> tuple[dict[str, list[str]], dict[str, str], str]:
    """The printed notes, the membership and the contact block after the agenda items."""
    membership: dict[str, list[str]] = {}
    contact: dict[str, str] = {}
    paragraphs: list[str] = []
    phones, emails, contact_names = [], [], []
    for text in _paragraphs(lines):
        member_line = _MEMBERSHIP.match(text)
        if member_line:
            _membership(member_line.group("label").lower(), member_line.group("rest"), membership, people)
            continue
        paragraphs.append(text)
        phone = _PHONE_LINE.match(text)
        email = _EMAIL_LINE.match(text)
        if phone:
            phones = [p.strip() for p in re.split(r"\s*/\s*(?=\d)", phone.group("phone"))]
            if len(phones) > 1 and len(phones[1]) < len(phones[0]):  # "(024) 7683 3237/3111"
                phones[1] = phones[0][: len(phones[0]) - len(phones[1])] + phones[1]
        elif email:
            emails = _EMAIL.findall(email.group("email"))
        elif re.fullmatch(r"[A-Z][\w'’-]+ [A-Z][\w'’-]+(?:\s*/\s*[A-Z][\w'’-]+ [A-Z][\w'’-]+)*", text):
            contact_names = [n.strip() for n in text.split("/")]
        note = _CONTACT_NOTE.search(text)
        if note and not contact:
            contact["name"] = note.group("name")
            if note.group("service"):
                contact["service"] = note.group("service").strip()
    if contact_names and "name" not in contact:
        contact["name"] = contact_names[0]
    if "name" in contact:
        first = contact["name"].split()[0].lower()
        position = next((i for i, n in enumerate(contact_names) if n.split()[0].lower() == first), 0)
        if phones:
            contact["phone"] = phones[min(position, len(phones) - 1)]
        matching = [e for e in emails if e.lower().startswith(first)]
        if matching or emails:
            contact["email"] = (matching or emails)[0]
    notes = "\n\n".join(
        re.sub(r"^(?:notes?\s*:\s*|[-•]\s+)", "", text, flags=re.IGNORECASE) for text in paragraphs
    )
    return membership, contact, notes


def _paragraphs(lines: list[Line]) -> list[str]:
    """Lines -> paragraphs. A numbered note the PDF broke across a blank line is joined again."""
    paragraphs: list[str] = []
    current: list[str] = []

    def close() -> None:
        if current:
            paragraphs.append(" ".join(current))
            current.clear()

    for line in lines:
        text = line.clean
        standalone = bool(_MEMBERSHIP.match(text) or _PHONE_LINE.match(text) or _EMAIL_LINE.match(text))
        if line.blank or standalone:
            close()
        if standalone:
            paragraphs.append(text)
        elif not line.blank:
            current.append(text)
    close()
    joined: list[str] = []
    for paragraph in paragraphs:
        previous = joined[-1] if joined else ""
        numbered_note = re.match(r"^(?:notes?\s*:\s*)?[-•]?\s*\d+\)", previous, re.IGNORECASE)
        if (
            numbered_note
            and re.search(r"[\w,]$", previous)
            and not re.match(r"^(?:[-•]\s*)?\d+\)", paragraph)
        ):
            joined[-1] = f"{previous} {paragraph}"
        else:
            joined.append(paragraph)
    return joined


_MEMBERSHIP_ROLES = {"co-opted member": "co_opted", "co-opted": "co_opted", "by invitation": "by_invitation"}


def _membership(label: str, text: str, membership: dict[str, list[str]], people: PeopleDirectory) -> None:
    default = (
        "co_opted"
        if "co" in label and "opted" in label
        else "by_invitation"
        if "invitation" in label
        else "members"
    )
    for name in split_names(text):
        role_match = re.search(r"\s*\((?P<role>[^()]*)\)\s*$", name)
        group = _MEMBERSHIP_ROLES.get(role_match.group("role").strip().lower()) if role_match else None
        if group and role_match:
            name = name[: role_match.start()].strip()
        group = group or default
        if group != "members" and name.startswith("Councillor ") and people.is_councillor(name) is not True:
            bare = name.removeprefix("Councillor ")
            # A co-opted member is not a councillor; nor is anyone the archive knows without the title.
            if group == "co_opted" or people.is_councillor(bare) is False:
                name = bare
        membership.setdefault(group, []).append(name)
    for group, names in membership.items():
        membership[group] = join_wrapped(names)
