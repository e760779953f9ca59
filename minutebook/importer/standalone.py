"""Minutes published on their own (not inside an agenda pack), as any council prints them.

The agenda-pack reader (split.py, minutes.py) knows one family of layouts: a heading "Minutes of
the ... meeting of ...", labelled attendance lists and "88. Title" items. Parish, town and community
councils, and councils abroad, print minutes in many other ways. This reader takes a document that is
minutes and nothing else, and reads it by general rules:

- the heading: the lines above the attendance (or above the first item). The date is the first date
  printed there; the body is the line that names a council, board or committee ("Milburn Parish
  Council - 3rd September 2019", "TINTERN COMMUNITY COUNCIL", "# Town of North Star",
  "Minutes of Haresfield Parish Council Meeting"). No body printed, no body read: the meeting is then
  held back for review, not guessed.
- attendance: labelled lists ("Present", "PRESENT IN THE CHAIR", "MEMBERS PRESENT", "Those
  Attending", "In Attendance", "OFFICIALS IN ATTENDANCE", "Apologies", "Clerk"), lists in a table
  ("Kenny Combe KC  Dick Noble DN"), names run together ("P Moran A Armstrong"), and running prose
  ("Board members present were supervisors A, B and C, treasurer D, and clerk E").
- items: numbered headings in sequence ("1. Title", "**1 Title**", "19.09.01 Title", "2564. Title:
  text", "3\\. TITLE"), else Markdown headings ("## CALL TO ORDER"), else "Heading: text" paragraphs.
  A number out of sequence is text of the item before, so lists inside an item stay in it.
- apologies in an item ("Apologies for absence were received from ...", "An apology ... was received
  from ...", or the names under an "Apologies" item); the chair ("(Chair)", "(in the chair)",
  "Chairman Cllr X", "chaired by X", "Chair X called the meeting to order").
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, field

from ..validate.minutes import RESULT_ONLY, decisions_in_prose, reads_as_decision, sentence_spans
from .body import to_markdown
from .decisions import decisions_apart
from .drafts import ItemDraft, MinutesDraft, ReviewNote, SourceSpan, VoteDraft
from .text import (
    MONTHS,
    Line,
    clean,
    find_date,
    find_time,
    join_wrapped,
    split_run_together,
    split_top_level,
)

# ---- text clean-up before reading: front matter, HTML fragments, Markdown escapes -------------------

_TAG = re.compile(r"<(?:/?(?:h[1-6]|p|div|li|ul|ol|tr|table|section|article)\b[^>]*|br\s*/?)>", re.IGNORECASE)
_ANY_TAG = re.compile(r"</?[a-zA-Z][^>]*>")


def prepare(text: str) -> str:
    """Text as extracted -> text this reader can cut into lines. Nothing is dropped but markup."""
    lines = text.split("\n")
    # YAML front matter of a static site's post: not part of the minutes as published.
    if lines and lines[0].strip().lstrip("\ufeff") == "---":
        for index in range(1, min(len(lines), 60)):
            if lines[index].strip() == "---":
                lines = [""] * (index + 1) + lines[index + 1 :]
                break
    text = "\n".join(lines)
    if re.search(r"<(?:br|h\d|p|div)\b", text, re.IGNORECASE):
        text = _TAG.sub("\n", text)
        text = _ANY_TAG.sub("", text)
        text = html.unescape(text)
    text = text.replace("&nbsp;", " ").replace("\u00a0", " ")
    text = re.sub(r"\\([.\-*_#()\[\]$&])", r"\1", text)  # Markdown escapes: "3\. TITLE", "\$300"
    text = re.sub(
        r"(?m)^(\s*>?\s*)\[![a-z]+\][-+]?\s*", r"\1", text
    )  # Markdown call-outs: "> [!abstract]- Present:"
    text = re.sub(
        r"(?m)^\s*\|(.*?)\|?\s*$",
        lambda m: m.group(1).replace("|", " ").strip() if not re.fullmatch(r"[-:| ]*", m.group(1)) else "",
        text,
    )  # table rows
    text = re.sub(r"(?m)^\s*(?:>\s?)+", "", text)  # block quotes
    text = re.sub(r"(?m)\\\s*$", "", text)  # Markdown hard line breaks
    text = re.sub(r"(?m)^<!--.*?-->\s*$", "", text)
    # "... were made. 72/17 Use of social media ...": minutes run together in one paragraph
    text = re.sub(r"(?<=[.!?)])[ \t]+(?=\d{1,4}/\d{2}[ \t]+[A-Z][a-z])", "\n", text)
    return text


# ---- attendance ----------------------------------------------------------------------------------

_ATTENDANCE = re.compile(
    r"^(?:roll\s+call\s*[-–—:]?\s*)?(?P<label>present\s+in\s+the\s+chair|in\s+the\s+chair|(?:council\s+|board\s+)?members\s+present(?:\s+were)?|councillors\s+present|those\s+(?:present|attending|in\s+attendance)(?:\s+were)?"
    r"|remote(?:ly)?\s+(?:attendance|present|attending)|attending\s+remotely|presennol|yn\s+bresennol|ymddiheuriadau|absennol"
    r"|officials?\s+in\s+attendance|officers?\s+(?:present|in\s+attendance)|also\s+(?:present|in\s+attendance)|in\s+attendance|members\s+of\s+the\s+public|public\s+participation"
    r"|regrets|staff(?=\s*:)|apolog(?:y|ies)(?:\s+for\s+absence)?(?:\s+(?:received|were\s+received\s+from))?|absent|(?:parish\s+|town\s+)?clerk(?:\s+to\s+the\s+council)?(?=\s*[:\-–—])|present(?:\s*\([^)]*\))?|sederunt|attendance(?:\s+notes)?)"
    r"(?![\w-])\s*(?:[:\-–—]\s*|\s+(?=[A-Z]))?(?P<rest>.*)$",
    re.IGNORECASE,
)
_LABEL_KIND = (
    ("in the chair", "chair"),
    ("remote", "remote"),
    ("presennol", "members"),
    ("ymddiheuriadau", "apologies"),
    ("absennol", "absent"),
    ("public", "public"),
    ("apolog", "apologies"),
    ("regrets", "apologies"),
    ("staff", "officers"),
    ("absent", "absent"),
    ("official", "officers"),
    ("officer", "officers"),
    ("clerk", "officers"),
    ("also", "other_members"),
    ("in attendance", "invited"),
    ("member", "members"),
    ("councillor", "members"),
    ("those", "members"),
    ("present", "members"),
    ("sederunt", "members"),
    ("attendance", "members"),
)
_INLINE_LABEL = re.compile(
    r"\s*\b(In attendance|Also present|Apologies|Members of the public|Minute (?:taker|secretary)|Clerk)\s*[:\-–—]\s*",
    re.IGNORECASE,
)
_NONE = re.compile(
    r"^(?:none|nil|no apologies|none received|no apologies (?:were )?received|n/?a|-)\.?$", re.IGNORECASE
)
_OFFICER_ROLE = re.compile(
    r"^(?:the\s+)?(?:parish\s+|town\s+|township\s+|deputy\s+|assistant\s+)?(?:clerks?|treasurers?|rfo|proper officer|secretary to the council)\b",
    re.IGNORECASE,
)
_TABLE_NAME = re.compile(
    r"(?P<name>[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){1,3}?)\s*(?P<org>[({]\s*[A-Z]{2,4}\s*[)}])?\s+(?P<initials>[A-Z][A-Za-z]?[A-Z]?[a-z]?)(?=\s|$)"
)
_SENTENCE = re.compile(
    r"\b(?:was|were|is|are|had|has|have|welcomed|chaired|took the chair|noted|reported|apolog\w*)\b|^(?:the|at the outset|at this)\b",
    re.IGNORECASE,
)
_CHAIR_IN_NAME = re.compile(
    r"\((?:in\s+the\s+)?chair(?:man|person)?\)|\s[-–]\s*chair(?:man|person)?\b|^\s*chair(?:man|person)?\b|\bin the chair\b",
    re.IGNORECASE,
)


@dataclass
class Attendance:
    lists: dict[str, list[str]] = field(default_factory=dict)
    officers: list[str] = field(default_factory=list)
    initials: dict[str, str] = field(default_factory=dict)  # "KC" -> "Kenny Combe"
    chair: str = ""

    def add(self, kind: str, name: str) -> None:
        name = name.strip(" ,.;:")
        if not name or _NONE.match(name):
            return
        if kind == "officers":
            if name not in self.officers:
                self.officers.append(name)
            return
        names = self.lists.setdefault(kind, [])
        if name not in names:
            names.append(name)


def _tidy(name: str) -> str:
    name = re.sub(r"\s*\{[^}]*\}", "", name)  # "{SBC}"
    bracket = re.search(r"\s*\((?P<initials>[A-Z][A-Za-z]{0,3})\)", name)
    if bracket:
        words = [
            w
            for w in re.sub(r"\([^)]*\)", "", name).split()
            if w[:1].isupper() and w.lower().strip(".") not in _NOT_A_NAME_END
        ]
        if len(words) >= 2 and bracket.group("initials")[0] == words[0][0]:
            name = (
                name[: bracket.start()] + name[bracket.end() :]
            )  # "Rob Boyd (RB)": initials; "Collins (J)" is kept
    name = re.sub(r",?\s+(?:EDC|SBC|MCC|CCC|GCC|SDC)\b\.?", "", name)  # "A Armstrong, EDC"
    name = re.sub(r"\s*(?:e[’']?mail|tel(?:ephone)?)\s*:.*$", "", name, flags=re.IGNORECASE)
    name = re.sub(r"\s+(?:MSP|MP|AM|MS)$", "", name)
    name = re.sub(r"\s*\((?:councillors?|members?|cllrs?)\)", "", name, flags=re.IGNORECASE)
    name = re.sub(
        r"^[A-Z][a-z]+\s+(?=(?:District|County|Borough)\s+(?:Councillor|Cllr))", "", name
    )  # "Eden District Councillor"
    name = re.sub(r"\s+(?:and|&)$", "", name.strip(" ,.;:"))
    return " ".join(name.split()).strip(" ,.;:")


_PERSON_TITLE = r"(?:(?:County|District|Borough|Town|Parish|Community|City)\s+)?(?:Councillor|Cllr)\.?|Mrs|Mr|Ms|Miss|Dr|Rev(?:d)?|Prof"
_SPLIT_BEFORE_TITLE = re.compile(
    r"(?<=[a-z’'])\s+(?=(?:[A-Z][a-z]+\s+)?(?:(?:County|District|Borough)\s+)?(?:Councillor|Cllr)s?\b|(?:Mrs|Mr|Ms|Miss|Dr)\.?\s+[A-Z])"
)
_NOT_A_NAME_END = {
    "county",
    "district",
    "borough",
    "town",
    "parish",
    "community",
    "city",
    "chairman",
    "chair",
    "cllr",
    "cllrs",
    "councillor",
    "councillors",
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "and",
    "the",
}


def _split_before_titles(text: str) -> str:
    """'P Moran District Councillor A Armstrong' -> 'P Moran, District Councillor A Armstrong'; but
    'Chairman Cllr Mrs Shewell' and 'County Cllr Webb' stay whole."""

    def replace(match: re.Match) -> str:
        before = text[: match.start()].split()
        if not before or before[-1].lower().strip(".,") in _NOT_A_NAME_END:
            return match.group(0)
        following = text[match.end() :].split()
        if (following and following[0] in ("Eden",)) or (
            before[-1][:1].isupper()
            and following
            and following[0] in ("District", "County", "Borough")
            and len(before) >= 1
            and before[-1] in ("Eden",)
        ):
            return match.group(0)
        return ", "

    return _SPLIT_BEFORE_TITLE.sub(replace, text)


def _names(text: str) -> list[str]:
    """A printed list of people -> the names, as printed (titles kept, roles and initials dropped)."""
    text = " ".join(text.split()).lstrip("-–—:• ")
    text = re.sub(r"\s*[-–—]\s*\d{1,2}\.?$", "", text)  # "... and Mayor Gray – 4.": the count present
    text = re.sub(r"\s+(?:and|&)\s+the\s+clerk\b.*$|,?\s+the\s+clerk\b\.?", "", text, flags=re.IGNORECASE)
    text = re.sub(
        r"\b(?:plus|and)\s+(?:\w+\s+)?(?:members? of the public|guests?)\b.*$", "", text, flags=re.IGNORECASE
    )
    # A list the page wrapped after its last "&" ("... Cobb, Ashman &" / "the Clerk."): the connector
    # ends nothing, and left in place it would glue itself to the last name.
    text = re.sub(r"(?:\s*(?:,|&|\band\b))+\s*$", "", text)
    if not text:
        return []
    table = list(_TABLE_NAME.finditer(text))
    if len(table) >= 2 and sum(len(m.group(0)) for m in table) >= 0.9 * len(text) and "," not in text:
        return [m.group("name") for m in table]
    text = re.sub(r"\)\s+(?=[A-Z])", "), ", text)  # "D Richardson (Chair) N Cresswell"
    text = re.sub(
        r"(?<=[a-z]{2})\.\s+(?=(?:Cllr|Councillor|Mr|Mrs|Ms|Dr)\b)", ", ", text
    )  # "Cllr Hutchison. Cllr Gill Pidgeon"
    text = re.sub(
        r"(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+[A-Z][\w .]*?\s+as\s+[^,]+", "", text
    )  # a visitor "as Broadband Representative"
    text = _split_before_titles(text)  # "P Moran District Councillor A Armstrong"
    text = re.sub(
        r"\s+[-–—]\s*(?:chair(?:man|person)?)\b", " (Chair)", text, flags=re.IGNORECASE
    )  # "Claire Cann – Chair"
    text = re.sub(r"\s+(?:a|ac|a[’']r)\s+(?=[A-Z])", ", ", text)  # Welsh "a" / "a'r" (and)
    result: list[str] = []
    shared = ""
    for piece in split_top_level(text, (", ", "; ", " and ", " & ")):
        piece = piece.strip().rstrip(".,;:").strip()
        if re.fullmatch(
            r"(?i:presiding|chair(?:man|person)?|in the chair|cathaoirleach|an cathaoirleach|mayor|cadeirydd)",
            piece,
        ):
            if result and "(Chair)" not in result[-1]:
                result[-1] += " (Chair)"  # "Mayor Katz, Presiding"; "Councillor A. Byrne, Cathaoirleach"
            continue
        plural = re.match(
            r"^(?:(?:County|District)\s+)?(?P<title>Councillors|Cllrs|Commissioners|Supervisors|Trustees|Cynghorwyr|Aldermen)\.?\s+",
            piece,
            re.IGNORECASE,
        )
        if plural:
            word = plural.group("title").lower()
            shared = {"cllrs": "Cllr", "councillors": "Councillor", "cynghorwyr": "Cynghorydd"}.get(
                word, plural.group("title")[:-1]
            )
            piece = piece[plural.end() :]
        elif re.match(rf"^(?:chair(?:man|person)?\s+)?(?:{_PERSON_TITLE})\s", piece, re.IGNORECASE):
            shared = ""
        if not piece:
            continue
        chair = re.match(r"^chair(?:man|person)?\s+(?=[A-Z])", piece, re.IGNORECASE)
        if chair:
            piece = piece[chair.end() :] + " (Chair)"
        if shared and re.fullmatch(
            r"(?:[A-Z]\.\s*)?[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)?(?:\s*\([^)]*\))?", piece
        ):
            piece = f"{shared} {piece}"
        for name in split_run_together([piece]):
            name = _tidy(name)
            if (
                name
                and not re.fullmatch(r"[A-Z]{2,4}", name)
                and not re.fullmatch(r"(?i:the\s+)?(?i:clerk|chair(?:man)?)", name)
                and re.search(r"[A-Z]", name)
                and not re.match(r"^\d", name)
                and not re.search(
                    r"(?i:members?\s+of\s+the\s+public|\bpublic\b|\bpresent\b|\bguests?\b)", name
                )
            ):
                result.append(name)
    return result


def _table_initials(text: str, attendance: Attendance) -> None:
    for match in _TABLE_NAME.finditer(" ".join(text.split())):
        initials = match.group("initials")
        words = match.group("name").split()
        if initials[0] == words[0][0] and len(initials) >= 2:
            attendance.initials[initials] = match.group("name")


_ROLE_BEFORE_NAME = re.compile(
    r"(?:\b[A-Z][\w]*(?:[-–][A-Z][\w]*)*\s+)*?\b[A-Z]?[\w]*(?:Chief|Administrator|Clerk|Treasurer|Manager|Director|Officer|Attorney|Engineer|Secretary)(?:[-–][A-Z][\w]*)*\s+(?=[A-Z][a-z])"
)


def _read_attendance_block(kind: str, texts: list[str], attendance: Attendance) -> None:
    joined = " ".join(join_wrapped(texts))
    if kind == "officers":
        # "Staff: Fire Chief-MLEO-CEMC Will Bateman and Municipal Administrator-Clerk-Treasurer Kris
        # Croskery-Hodgins": the role printed before the name is not part of it
        joined = _ROLE_BEFORE_NAME.sub("", re.sub(r"(?<=\w)[-–]\s+(?=[A-Z])", "-", joined))
    # An inline label starts another list: "... Alistair Shaw In attendance: Gordon MacKay."
    pieces = _INLINE_LABEL.split(joined)
    segments = [(kind, pieces[0])]
    for index in range(1, len(pieces) - 1, 2):
        label = pieces[index].lower()
        segments.append((_kind_of(label), pieces[index + 1]))
    for segment_kind, text in segments:
        if segment_kind in ("public", "ignore"):
            continue
        _table_initials(text, attendance)
        # "Clerk J Connelly", "Clerk Mrs J Todd": an officer inside the members' list
        for officer in re.finditer(
            r"(?<!the )(?<!The )\b(?:Parish\s+)?Clerk(?!\.)\s*(?:[:\-–—]\s*)?(?P<name>(?:Mrs?|Ms|Miss|Dr)?\.?\s*(?:[A-Z]\.?\s+)*[A-Z][\w'’\-]+(?:\s+(?!(?:Mrs?|Ms|Miss|Dr|Eden|County|District|Councillor|Cllr)\b)[A-Z][\w'’\-]+)?)",
            text,
        ):
            attendance.add("officers", _tidy(officer.group("name")))
        parts = re.split(
            r"(?<!the )(?<!The )\b(?:Parish\s+)?Clerk(?!\.)\s*(?:[:\-–—]\s*)?(?:Mrs?|Ms|Miss|Dr)?\.?\s*(?:[A-Z]\.?\s+)*[A-Z][\w'’\-]+(?:\s+(?!(?:Mrs?|Ms|Miss|Dr|Eden|County|District|Councillor|Cllr)\b)[A-Z][\w'’\-]+)?",
            text,
            maxsplit=1,
        )
        if (
            len(parts) == 2
            and segment_kind == "members"
            and re.match(r"^\W*(?:Mrs?|Ms|Miss|Dr)\.?\s", parts[1])
            and re.match(r"^\W*(?:Councillors|Cllrs)\b", parts[0])
        ):
            parts[1] = (
                ""  # "Councillors A, B and C Clerk D  Mr E, Mr F": the people after the clerk are the public
            )
        text = ", ".join(part for part in parts if part.strip())
        text = re.split(r"\b(?:Members of the public|Public)\b\s*[-–:]", text, flags=re.IGNORECASE)[0]
        target = "officers" if segment_kind == "officers" else segment_kind
        if segment_kind == "officers":
            bracketed = re.findall(r"\(((?:Mr|Mrs|Ms|Miss|Dr)\.?\s[^)]+)\)", text)
            if bracketed:
                for name in bracketed:
                    attendance.add("officers", _tidy(name))
                continue
            if ";" in text:
                for piece in text.split(";"):
                    name = _tidy(piece.split(",")[0])
                    if name and re.search(r"[A-Z]", name):
                        attendance.add("officers", name)
                continue
        names = _names(text)
        if segment_kind == "chair" and names and not attendance.chair:
            attendance.chair = names[0]
        for name in names:
            if re.search(
                r"\((?:parish\s+|town\s+)?clerk(?:\s*(?:&|and|/)\s*rfo)?\)|\b(?:parish\s+)?clerk$",
                name,
                re.IGNORECASE,
            ):
                attendance.add(
                    "officers",
                    re.sub(r"\s*\([^)]*\)|\s*[-–,]?\s*(?:parish\s+)?clerk$", "", name, flags=re.IGNORECASE),
                )
                continue
            if _CHAIR_IN_NAME.search(name) and not attendance.chair:
                attendance.chair = name
            attendance.add(target if target != "chair" else "members", name)


_OFFICER_NAMED = re.compile(
    r"\b(?i:the\s+)?(?i:(?:parish|town|township|deputy|assistant)\s+)?(?i:clerk|treasurer|rfo)(?i:\s+(?:to\s+the\s+council|and\s+rfo|&\s+rfo))?\s*[:\-–—,]?\s*(?P<name>(?:(?:Mrs?|Ms|Miss|Dr)\.?\s+)?(?:[A-Z]\.?\s+)*[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){0,2})"
    r"|(?P<name2>(?:(?:Mrs?|Ms|Miss|Dr)\.?\s+)?[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){0,2})\s*[(,–-]\s*(?i:(?:parish|town)\s+)?(?i:clerk|treasurer|rfo)\b"
)


def _officers_among_invited(text: str, attendance: Attendance) -> None:
    """'In attendance: The clerk: Tom Brindley': of those in attendance, only those named with an
    officer's role are read (as officers); guests and the public are not scored or kept."""
    text = " ".join(text.split())
    for match in _OFFICER_NAMED.finditer(text):
        name = _tidy(match.group("name") or match.group("name2"))
        if name and not re.fullmatch(r"(?i:the|clerk|and|rfo)", name):
            attendance.add("officers", name)
    # Council staff by their posts: "J Palmer – Chief Executive", "T Skerman – Group Manager Strategic
    # Planning"; "Group Manager: Asset Management (Mr C Thew)"
    for match in _STAFF_DASH.finditer(text):
        attendance.add("officers", _tidy(match.group("name")))
    for match in _STAFF_BRACKET.finditer(text):
        attendance.add("officers", _tidy(match.group("name")))


_STAFF_POST = r"(?:Chief\s+Executive|Chief\s+Financial\s+Officer|(?:\w+\s+){0,3}?(?:Manager|Director|Officer|Advisor|Adviser|Secretary|Planner|Engineer|Accountant|Administrator|Solicitor))\b"
_STAFF_DASH = re.compile(
    rf"(?P<name>\b(?:(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+)?(?:[A-Z]\.?\s?){{1,2}}\s*[A-Z][\w'’\-]+)\s*[–—-]\s*(?:Acting\s+)?{_STAFF_POST}"
)
_STAFF_BRACKET = re.compile(
    rf"(?:Acting\s+)?{_STAFF_POST}[^()]{{0,90}}\((?P<name>(?:Mr|Mrs|Ms|Miss|Dr)\.?\s[^)]{{2,40}})\)"
)


def _name_and_role_cells(line: Line) -> str:
    """A row of a two-column table of those present, 'Watson Robinson<TAB>Convenor': the name, marked
    (Chair) when the role is the chair's; other roles ('Member', 'Councillor', 'Secretary') set aside."""
    cells = [cell.strip(" *") for cell in line.text.split("\t") if cell.strip(" *")]
    if (
        "\t" not in line.text.strip()
        or len(cells) != 2
        or not re.fullmatch(
            r"(?:(?:Mr|Mrs|Ms|Miss|Dr|Cllr|Councillor)\.?\s+)?[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){1,3}",
            cells[0],
        )
    ):
        return line.clean
    chair = re.fullmatch(r"(?i:convenor|convener|chair(?:man|person)?|presiding)(?:\s*,.*)?", cells[1])
    return f"{cells[0]} (Chair)," if chair else f"{cells[0]},"


def _kind_of(label: str) -> str:
    label = label.lower()
    if label.startswith("minute"):
        return "ignore"
    if "clerk" in label:
        return "officers"
    return next((kind for needle, kind in _LABEL_KIND if needle in label), "members")


_PROSE_PRESENT = re.compile(
    r"(?:(?:board\s+)?(?:members|commissioners|council\s*members|trustees|supervisors|councillors|directors)\s+present\s+were|those\s+(?:present|in\s+attendance)\s+(?:are|were)|those\s+in\s+attendance\s+(?:are|were)|also\s+present\s+(?:were|was)|in\s+attendance\s*:)\s+(?P<list>[^.]+(?:\.\s*(?=(?-i:[a-z]))[^.]+)*)",
    re.IGNORECASE,
)
_ROLE_WORD = re.compile(
    r"^(?P<role>(?:town\s+)?supervisors?|(?:vice[- ]?)?chair(?:man|person)?|(?:vice\s+)?mayor|councillors?|council\s*members?|commissioners?|trustees?|(?:deputy\s+|assistant\s+)?treasurers?(?:\s+elect)?|(?:town\s+|deputy\s+|county\s+|city\s+)?clerks?(?:\s+in\s+training|\s+to\s+the\s+(?:board|council))?|guests?|weed\s+inspector|fire\s+chief|(?:\w+\s+)?(?:inspector|chief|officer|engineer|attorney|manager|administrator))\s+",
    re.IGNORECASE,
)


_PROSE_WERE_PRESENT = re.compile(
    r"\b(?:County\s+|City\s+|Town\s+)?(?:Commissioners|Councilmembers|Trustees|Councillors|Supervisors)\s+(?P<list>[A-Z][^.]{5,300}?)\s+were\s+present\b(?!\s+(?:by|via|remotely))"
)
_PROSE_ALSO_PRESENT = re.compile(
    r"(?:^|(?<=[.:]\s))(?P<list>[A-Z][^.]{3,200}?)\s+(?:were|was)\s+also\s+present\b"
)


def _prose_attendance(text: str, attendance: Attendance) -> bool:
    found = False
    text = " ".join(text.split())
    for match in _PROSE_ALSO_PRESENT.finditer(text):
        # staff named with their roles: "County Manager Jaime Laughter and Clerk to the Board Trisha Hogan"
        for piece in re.split(r",\s*(?:and\s+)?|\s+and\s+", match.group("list")):
            role = _ROLE_WORD.match(piece.strip())
            name = piece.strip()[role.end() :] if role else ""
            if (
                role
                and re.search(r"treasurer|clerk|attorney|manager|administrator", role.group("role"), re.I)
                and re.fullmatch(r"[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*){0,3}", name)
            ):
                attendance.add("officers", name)
    for match in _PROSE_WERE_PRESENT.finditer(text):
        # "County Commissioners A, B, and C were present for the Organizational Meeting"
        found = True
        for piece in re.split(r",\s*(?:and\s+)?|\s+and\s+", match.group("list")):
            piece = piece.strip()
            if re.fullmatch(r"[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*){0,3}", piece):
                attendance.add("members", piece)
    for match in _PROSE_PRESENT.finditer(text):
        found = True
        kind = "other" if match.group(0).lower().startswith("also") else "members"
        for piece in re.split(r",\s*(?:and\s+)?|\s+and\s+", match.group("list")):
            piece = piece.strip()
            excused = re.search(r"\s*\((?i:excused(?:\s+absen(?:t|ce))?|absent\s+excused)\)$", piece)
            if excused:  # "Trustee Sterdivant (Excused Absent)": an apology inside the list
                attendance.add("apologies", piece[: excused.start()])
                continue
            role = _ROLE_WORD.match(piece)
            if role:
                word = role.group("role").lower()
                kind = (
                    "officers"
                    if re.search(
                        r"treasurer|clerk|(?:county|city|town)\s+(?:attorney|manager|administrator)", word
                    )
                    else "members"
                    if re.match(
                        r"(?:town\s+)?supervisor|(?:vice[- ]?)?chair|(?:vice\s+)?mayor|council|trustee|commissioner",
                        word,
                    )
                    else "other"
                )
                piece = piece[role.end() :]
                if re.fullmatch(r"chair(?:man|person)?", word) and re.fullmatch(
                    r"[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*){0,3}", piece
                ):
                    piece += " (Chair)"
            if not re.fullmatch(r"[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*){0,3}(?: \(Chair\))?", piece):
                continue
            if kind == "members":
                attendance.add("members", piece)
            elif kind == "officers":
                attendance.add("officers", piece)
    return found


# ---- heading: date and body ------------------------------------------------------------------------

_BODY_LINE = re.compile(
    r"\b(?:(?:parish|town|community|city|county|district|borough|village|municipal|regional|shire)\s+council|council|committee|board\s+of\s+\w+|town\s+board|township|cyngor|comhairle)\b|^(?:town|city|village|township)\s+of\s+[A-Z]",
    re.IGNORECASE,
)
_US_DATE = re.compile(
    r"\b(?P<month>January|February|March|April|May|June|July|August|September|October|November|December)\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\s*,\s*(?P<year>\d{4})\b",
    re.IGNORECASE,
)
_WELSH_MONTHS = {
    "ionawr": "January",
    "chwefror": "February",
    "mawrth": "March",
    "ebrill": "April",
    "mai": "May",
    "mehefin": "June",
    "gorffennaf": "July",
    "awst": "August",
    "medi": "September",
    "hydref": "October",
    "tachwedd": "November",
    "rhagfyr": "December",
}


def read_date(text: str) -> dt.date | None:
    text = re.sub(
        r"(\d)\s+(st|nd|rd|th)\b", r"\1\2", text, flags=re.IGNORECASE
    )  # "3 rd September", "15 TH SEPTEMBER"
    text = re.sub(
        r"(\d)(st|nd|rd|th)?\s+day\s+of\s+", r"\1\2 ", text, flags=re.IGNORECASE
    )  # "this 5th day of January"
    # Welsh: "9fed Medi 2020", "yr 11eg Mawrth 2020"
    text = re.sub(
        r"\b(\d{1,2})(?:af|ail|ydd|ed|fed|eg|ain|fed)?\s+(" + "|".join(_WELSH_MONTHS) + r")\b",
        lambda m: f"{m.group(1)} {_WELSH_MONTHS[m.group(2).lower()]}",
        text,
        flags=re.IGNORECASE,
    )
    text = re.sub(r"(?<=\d)[Oo](?=\d)|(?<=\d\d)[Oo]\b|\b2[Oo](?=\d\d)", "0", text)  # "2O24"
    found = find_date(text)
    us = _US_DATE.search(text)
    if us and (not found or us.start() < found.start):
        try:
            return dt.date(int(us.group("year")), MONTHS[us.group("month").lower()], int(us.group("day")))
        except ValueError:
            pass
    return found.date if found else None


_NAMED_BODY = re.compile(
    r"(?P<body>(?i:cyngor\s+(?:cymuned|tref|sir|dinas))\s+[A-Z][\w'’\-]+(?:\s+(?:a|ac)\s+[A-Z][\w'’\-]+)?"
    r"|(?i:municipal|metropolitan)\s+(?i:district)\s+(?i:of)\s+[A-Z][\w'’\-]+(?:[\s-][A-Z][\w'’\-]+)*"
    r"|(?i:council|board|commission)\s+(?i:of\s+the)\s+(?i:city|town|county|village|borough)\s+(?i:of)\s+[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)?"
    r"|(?:\b(?!(?i:of|the|at|held|in|on|meeting|minutes|proceedings|draft)\b)[A-Z][\w'’&\-]*\s+(?:(?i:and|&)\s+)?){1,5}"
    r"(?:(?i:parish|town|community|city|county|district|borough|village|regional|shire|city\s+and\s+county)\s+)(?i:council)\b)"
)


_VENUE = re.compile(
    r"\b(?:committee\s+room|council\s+(?:chamber|house|offices?)|board\s+room|town\s+hall|village\s+hall|civic\s+(?:centre|center))\b",
    re.IGNORECASE,
)


def read_body(header: list[str]) -> str:
    """The council or committee the heading names, as printed; '' when it names none."""
    candidates = []
    for text in header:
        text = text.strip(" *#")
        named = _NAMED_BODY.search(text)
        if named and len(text.split()) > 10:
            candidates.append((2, named.group("body").strip()))
        minutes_of = re.match(
            r"^minutes\s+of\s+(?:the\s+|an?\s+)?(?P<body>.+?)(?:\s+(?:annual\s+|ordinary\s+|special\s+|general\s+|extraordinary\s+|monthly\s+)*meeting\b.*|\s+held\b.*|\s*$)",
            text,
            re.IGNORECASE,
        )
        if minutes_of:
            body = minutes_of.group("body")
            if re.match(
                r"^(?:(?:a|an|the)\s+)?(?:(?:annual|ordinary|special|general|extraordinary|monthly|adjourned)\s+)*(?:general\s+)?meeting\b",
                body,
                re.IGNORECASE,
            ):
                body = (
                    re.sub(r"^.*?\bmeeting\s+of\s+(?:the\s+)?", "", body, flags=re.IGNORECASE)
                    if re.search(r"\bmeeting\s+of\b", body, re.IGNORECASE)
                    else ""
                )
            body = re.sub(r"\s+held\b.*$", "", body, flags=re.IGNORECASE)
            if (
                body
                and not re.search(r"\babove\b|^council$", body, re.IGNORECASE)
                and _BODY_LINE.search(body)
            ):
                candidates.append((0, body))
            continue
        if _VENUE.search(text):
            continue
        if (
            _BODY_LINE.search(text)
            and len(text.split()) <= 10
            and not re.match(r"^(?:held|present|apolog|to\s*:|from\s*:|venue|place)", text, re.IGNORECASE)
        ):
            body = re.split(
                r"\s+[-–—]\s+|\s+minutes\b|\s+a\.?g\.?m\.?\b|,", text, maxsplit=1, flags=re.IGNORECASE
            )[0]
            body = re.sub(r"^minutes\s+", "", body, flags=re.IGNORECASE).strip(" *#:")
            if body and _BODY_LINE.search(body) and not read_date(body):
                candidates.append((1, body))
    candidates.sort(key=lambda c: c[0])
    return candidates[0][1] if candidates else ""


_BODY_IN_SENTENCE = re.compile(
    r"\b(?:meeting|session)\s+of\s+the\s+(?P<body>[A-Z][\w'’\-]*\s+(?:(?:[A-Z][\w'’\-]*|of)\s+){0,4}?(?:Council|Board(?:\s+of\s+[A-Z]\w+)?|Commission|Committee)(?:\s+of\s+[A-Z][\w'’]+(?:\s+[A-Z][\w'’]+)?\s+County)?)\s+(?:was|were|met|held|called|convened|took)\b"
    r"|\b[Tt]he\s+(?P<body2>(?:Board|Council)\s+of\s+[A-Z]\w+\s+of\s+[A-Z][\w'’]+(?:\s+[A-Z][\w'’]+)?(?:\s+County)?)\s+met\b"
)
_GENERIC_WORDS = {
    "organizational",
    "organisational",
    "annual",
    "general",
    "extraordinary",
    "ordinary",
    "the",
    "of",
    "and",
    "a",
    "council",
    "board",
    "committee",
    "commission",
    "township",
    "town",
    "city",
    "county",
    "district",
    "regional",
    "parish",
    "community",
    "special",
    "regular",
    "adjourned",
    "meeting",
    "trustees",
    "commissioners",
    "minutes",
}


def _proper_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z'’]+", text.lower()) if w not in _GENERIC_WORDS}


def specific_body(body: str, header: list[str], opening: str) -> str:
    """The body named in full where the heading names it only in part: the opening sentence "A regular
    meeting of the Township of Nipissing Council was held" for the heading "TOWNSHIP OF NIPISSING";
    a heading line "Hawke's Bay Regional Council" that ends with the heading's "Regional Council". Only
    a name that contains the heading's place (or the heading's whole name) is taken; else the heading's."""
    if not body:
        return body
    bare = re.sub(
        r"\b(?:extraordinary|ordinary|special|regular|adjourned|annual|meeting|of|the|a|an)\b",
        "",
        body,
        flags=re.I,
    )
    if " ".join(bare.split()).lower() == "council":
        # "Minutes of Extraordinary Meeting of Council": which council, only if a heading line names
        # one that is not the venue's ("Venue / Council Chambers / Hawke's Bay Regional Council")
        for position, text in enumerate(header):
            if (
                re.fullmatch(
                    r"(?:[A-Z][\w'’\-]*\s+){1,4}(?:District|City|Regional|County|Borough|Town|Parish|Community)\s+Council",
                    text.strip(" *#"),
                )
                and not any(
                    re.search(r"^venue\b|\bchambers?\b|^held\s+at\b", earlier, re.IGNORECASE)
                    for earlier in header[max(0, position - 4) : position]
                )
                and not _VENUE.search(text)
            ):
                return text.strip(" *#")
        return ""
    sentence = _BODY_IN_SENTENCE.search(" ".join(opening.split()))
    if sentence:
        named = sentence.group("body") or sentence.group("body2")
        place = _proper_words(body)
        words = set(re.findall(r"[a-z'’]+", body.lower()))
        if (
            len(named) > len(body)
            and not set(re.findall(r"[a-z'’]+", named.lower())) <= words
            and ((place and place <= _proper_words(named)) or (not place and body.lower() in named.lower()))
        ):
            return named
    if not _proper_words(body):
        # "TRANSYLVANIA COUNTY" / "ORGANIZATIONAL MEETING OF THE BOARD OF COMMISSIONERS": the place on a
        # line of its own, the board named after it
        board = re.sub(r"^.*?\bmeeting\s+of\s+(?:the\s+)?", "", body, flags=re.IGNORECASE)
        if re.match(r"^board\s+of\s+\w+$", board, re.IGNORECASE):
            county = next(
                (
                    text.strip(" *#")
                    for text in header[:6]
                    if re.fullmatch(
                        r"(?:[A-Z][\w'’\-]*\s+){1,3}(?:COUNTY|County|TOWNSHIP|Township)", text.strip(" *#")
                    )
                ),
                "",
            )
            if county:
                return f"{county} {board}"
        tail = re.sub(
            r"^(?:(?:special|regular|adjourned|annual|extraordinary|ordinary)\s+)+",
            "",
            body,
            flags=re.IGNORECASE,
        ).lower()
        for text in header:
            text = text.strip(" *#")
            if (
                text.lower().endswith(tail)
                and len(text) > len(tail)
                and len(text.split()) <= 8
                and not read_date(text)
                and _proper_words(text)
            ):
                return text
    return body


# ---- items -------------------------------------------------------------------------------------------

_NUMBERED = re.compile(
    r"^(?:item\s+(?:no\.?\s*)?|minute\s+(?:no\.?\s*)?)?(?P<number>\d{1,4}(?:\.\d{1,2}){0,2}|\d{1,4}/\d{2,4})(?:(?P<dot>[.):])\s*|\s*[-–—]\s+|\s+|(?<=\d{3})(?=(?-i:[A-Z][a-z])))(?P<title>[A-Za-z(‘'\"“].*)$",
    re.IGNORECASE,
)
_NUMBER_ALONE = re.compile(r"^(?:item\s+)?(?P<number>\d{1,3})[.):]?$", re.IGNORECASE)
_ITEM_UNDER = re.compile(r"^\(\s*item\s+(?:no\.?\s*)?(?P<number>\d{1,3}[a-z]?)\s*\)$", re.IGNORECASE)
_LABEL_ITEM = re.compile(r"^(?P<title>[A-Z][^:.!?]{1,70}?)\s*:\s*(?P<rest>.*)$")
_NOT_TITLE = re.compile(
    r"^(?:https?|e[’']?mail|tel|note|nb|ps|re|cllr|councillor|mr|mrs|ms|dr|the\s+\w+\s+(?:said|asked|reported))\b",
    re.IGNORECASE,
)


@dataclass
class _Heading:
    index: int
    number: str
    title: str
    rest: str = ""
    joined: int = 0  # lines after the heading's own that its title or text took (a wrapped heading)


def _last_number(number: str) -> int:
    if "/" in number:  # "107/20": minute 107 of 2020
        return int(number.split("/")[0])
    if "-" in number:  # "R2024-138": resolution 138 of 2024
        return int(re.findall(r"\d+", number)[-1])
    return int(re.sub(r"\D", "", number.split(".")[-1]) or 0)


_RUN_IN = re.compile(
    r"\s(?!(?:January|February|March|April|May|June|July|August|September|October|November|December)\b)(?=(?:No|The|It|There|All|Members|Councillors|Cllrs?|[A-Z][a-z]+|[A-Z]{2,3})\s+(?:[\w'’]+\s+){0,3}?(?:had|has|have|was|were|is|are|made|agreed|confirmed|noted|asked|advised|reported|resolved|declared|received)\b)"
)


def _title_and_rest(title: str) -> tuple[str, str]:
    """'Police Report: Attached. No presence.' -> ('Police Report', 'Attached. No presence.');
    'Apologies for absence Apologies had been received from ...' -> the title, then the text."""
    match = re.match(r"^(?P<title>[^:]{2,90}?)\s*:\s*(?P<rest>\S.*)?$", title)
    if match and match.group("title").isupper() and (match.group("rest") or "").isupper():
        return title.strip(" *"), ""  # "REMOVAL OF GRANT: COMMUNITY ACCESS": one heading
    if (
        match
        and len(match.group("title").split()) <= 14
        and not re.search(r"\d{1,2}[.:]\d{2}\s*(?:am|pm)?$", match.group("title"))
    ):
        return match.group("title").strip(" *-–"), (match.group("rest") or "").strip()
    if len(title.split()) > 6:
        run_in = _RUN_IN.search(title, 8)
        if run_in and len(title[: run_in.start()].split()) <= 12:
            return title[: run_in.start()].strip(" *"), title[run_in.start() :].strip()
    return title.strip(" *"), ""


def _numbered_headings(lines: list[Line], start: int) -> list[_Heading]:
    """The longest run of numbered lines in sequence (1, 2, 3 ... or 2564, 2565 ...; a gap of up to two
    numbers only at an emphasised heading). A numbered list inside an item, a year or an amount at
    the start of a line is not in the run, so it stays text."""
    candidates: list[
        tuple[_Heading, int, str | None, bool, bool]
    ] = []  # heading, value, prefix, emphasised, can start
    for index in range(start, len(lines)):
        line = lines[index]
        text = line.clean
        alone = _NUMBER_ALONE.match(text)
        if alone:
            # "1." on its own line, the title on the next: PDF text of a table of minutes
            title_index = next(
                (j for j in range(index + 1, min(index + 4, len(lines))) if not lines[j].blank), None
            )
            if (
                title_index is not None
                and not _NUMBERED.match(lines[title_index].clean)
                and not _NUMBER_ALONE.match(lines[title_index].clean)
                and len(lines[title_index].clean) <= 120
            ):
                title, rest = _title_and_rest(lines[title_index].clean)
                value = int(alone.group("number"))
                candidates.append(
                    (
                        _Heading(title_index, alone.group("number"), title, rest),
                        value,
                        None,
                        True,
                        value < 100,
                    )
                )
            continue
        under = _ITEM_UNDER.match(text)
        if under:
            # "Title" then "(Item 5)" under it
            previous = next(
                (j for j in range(index - 1, max(start - 1, index - 4), -1) if not lines[j].blank), None
            )
            if previous is not None:
                value = _last_number(under.group("number"))
                candidates.append(
                    (
                        _Heading(previous, under.group("number"), lines[previous].clean.strip(" *"), ""),
                        value,
                        None,
                        True,
                        True,
                    )
                )
            continue
        match = _NUMBERED.match(text)
        if not match:
            continue
        number = match.group("number")
        parts = number.split(".")
        if len(parts) >= 2 and len(parts[-1]) == 4:  # a year: "5.2021"
            continue
        value = _last_number(number)
        raw_title = match.group("title").strip()
        emphasised = (
            line.text.lstrip("#> ").startswith("**")
            or bool(re.match(r"^#{1,4}\s", line.text))
            or raw_title[:12].isupper()
        )
        prefix = (
            ".".join(parts[:-1])
            if len(parts) > 1
            else ("/" + number.split("/")[1] if "/" in number else None)
        )
        can_start = bool(
            match.group("dot") or emphasised or len(parts) > 1 or value >= 100 or "/" in number
        ) and not (20 < value < 100 and len(parts) == 1 and "/" not in number)
        joined = 0
        if re.search(
            r"\b(?:by|of|to|the|and|for|from|on|in|with|a|an|&)$", raw_title, re.IGNORECASE
        ) and index + 1 < len(lines):
            following = lines[index + 1].clean
            if following and not _NUMBERED.match(following) and len(following.split()) <= 14:
                raw_title = (
                    f"{raw_title} {following}"  # "... matters raised by" / "members of the public ...: text"
                )
                joined = 1
        title, rest = _title_and_rest(raw_title)
        # A title the PDF wrapped: "... ON THE COST OF LIVING CRISIS ON 5" / "APRIL"
        if raw_title.isupper() and index + 1 < len(lines):
            following = lines[index + 1].clean
            if (
                following
                and following.isupper()
                and len(following.split()) <= 4
                and not _NUMBERED.match(following)
                and not joined
            ):
                title = f"{title} {following}"
                joined = 1
        # A title the line broke after its first words: "5.         Confirmation" / "of Minutes" (the
        # number set apart from its title as in a table's cell, the continuation in lower case)
        if not joined and index + 1 < len(lines) and not rest:
            following = lines[index + 1].clean
            if (
                following
                and len(following.split()) <= 12
                and not following.endswith((".", ":"))
                and not _NUMBERED.match(following)
                and not _ATTENDANCE.match(following)
                and following[:1].islower()
                and re.match(r"^\d{1,4}\.?\s{3,}\S", line.text.strip())  # the number set apart, as in a table
                and sum(len(word) for word in following.split()) >= 3 * len(following.split())
            ):
                title = f"{title} {following}"
                joined = 1
        # The line the heading took is not its item's text as well: a PDF that wraps "Amount spent to
        # date on" / "capital £3,009.00" would otherwise give the second line twice.
        candidates.append(
            (_Heading(index, number, title, rest, joined), value, prefix, emphasised, can_start)
        )
    chain = _longest_run(candidates, weak_starts=False)
    if len(chain) < 3:
        # "1 Request of ...", "2 Accept bid ...": numbers with no full stop and no emphasis, taken
        # only when at least three follow in sequence
        weak = _longest_run(candidates, weak_starts=True)
        if len(weak) >= 3 and len(weak) > len(chain):
            chain = weak
    return chain


_RESOLUTION_CLAUSE = re.compile(
    r"^(?:Receives|Notes|Agrees|Approves|Adopts|Confirms|Endorses|Requests|Authori[sz]es|Delegates|Appoints|Instructs|Directs|Accepts|Supports|Resolves|Recommends|Declines|Rescinds)\b"
)


def _longest_run(candidates: list, weak_starts: bool) -> list[_Heading]:
    # The numbered clauses of a resolution ("That Council: 1. Receives and notes ...", "2. Agrees ...")
    # are its text, not items.
    candidates = [c for c in candidates if not _RESOLUTION_CLAUSE.match(c[0].title)]
    best: list[tuple[int, int]] = []  # (length of the best run ending here, previous candidate or -1)
    for i, (_heading, value, prefix, emphasised, can_start) in enumerate(candidates):
        can_start = can_start or (weak_starts and value < 20 and prefix is None)
        length, previous = (1, -1) if can_start else (0, -1)
        for j in range(i - 1, -1, -1):
            _, v, p, _, _ = candidates[j]
            if best[j][0] == 0 or p != prefix:
                continue
            follows = (
                value == v + 1
                or (v + 1 < value <= v + 3 and (emphasised or value >= 100))
                or (prefix is not None and v + 1 < value <= v + 5)
            )
            if follows and best[j][0] + 1 > length:
                length, previous = best[j][0] + 1, j
        best.append((length, previous))
    if not best or max(length for length, _ in best) == 0:
        return []
    end = max(range(len(best)), key=lambda i: (best[i][0], -i))
    chain = []
    while end != -1:
        chain.append(candidates[end][0])
        end = best[end][1]
    return list(reversed(chain))


_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,3}(?:\s+of\s+\d{1,3})?$", re.IGNORECASE)


def _without_page_furniture(lines: list[Line]) -> list[Line]:
    """Page numbers and the running header or footer printed beside them on every page of a PDF
    ("01/13/2025" / "2"; "Adjourned Regular Meeting" / "1" / "Alameda City Council") are blanked:
    they are not text of the minutes, and a page number alone on its line would read as an item
    number. A line is furniture only when it repeats (three times or more) next to page numbers; a
    page number before the first line of text is the first page's."""
    counts: dict[str, int] = {}
    for line in lines:
        if not line.blank and len(line.clean) <= 80:
            counts[line.clean] = counts.get(line.clean, 0) + 1
    content = [i for i, line in enumerate(lines) if not line.blank]
    drop: set[int] = set()
    for position, index in enumerate(content):
        if not _PAGE_NUMBER.match(lines[index].clean):
            continue
        near = content[max(0, position - 3) : position] + content[position + 1 : position + 4]
        running = [
            j for j in near if counts.get(lines[j].clean, 0) >= 3 and not _PAGE_NUMBER.match(lines[j].clean)
        ]
        if running:
            drop.add(index)
            drop.update(running)
    if content and re.fullmatch(r"1", lines[content[0]].clean) and drop:
        drop.add(content[0])
    return [Line(line.number, "", "") if i in drop else line for i, line in enumerate(lines)]


def _running_lines(lines: list[Line]) -> list[str]:
    """The running header or footer lines _without_page_furniture blanks (they may name the body)."""
    kept = _without_page_furniture(lines)
    return list(
        dict.fromkeys(
            line.clean for line, after in zip(lines, kept, strict=True) if after.blank and not line.blank
        )
    )


def _table_of_contents(lines: list[Line]) -> tuple[int, int] | None:
    """A table of contents near the top ("Table of Contents" / "1. Prayer  1" ...): from its heading to
    the last line ending in a page number before the list of those present."""
    start = next(
        (
            i
            for i, line in enumerate(lines[:80])
            if re.fullmatch(r"(?:table\s+of\s+)?contents", line.clean, re.IGNORECASE)
        ),
        None,
    )
    if start is None:
        return None
    label = next(
        (i for i in range(start + 1, min(len(lines), start + 300)) if _ATTENDANCE.match(lines[i].clean)), None
    )
    if label is None:
        return None
    ends = [i for i in range(start + 1, label) if re.search(r"\S\s{2,}\d{1,3}\s*$", lines[i].text)]
    return (start, ends[-1]) if ends else None


_CAPS_NOT_TITLE = re.compile(
    r"^(?:MINUTES|AGENDA|CARRIED|LOST|RESOLVED|MOTION\s+\w+|APPROVED|ADOPTED|ATTEST)\W*$|^(?:NOW,?\s+THEREFORE|WHEREAS|BE\s+IT)\b"
)


def _caps_headings(lines: list[Line], start: int) -> list[_Heading]:
    """Unnumbered headings in capitals on a line of their own after a blank line ("CALL TO ORDER",
    "CONSENT AGENDA", "ADJOURNMENT"), a wrapped one continued on the next line in capitals."""
    headings: list[_Heading] = []
    index = start
    while index < len(lines):
        text = lines[index].clean
        if (
            (index == 0 or lines[index - 1].blank)
            and _caps_line(text)
            and not _CAPS_NOT_TITLE.match(text)
            and not _ATTENDANCE.match(text)
            and not read_date(text)
        ):
            title, joined = text, 0
            while (
                index + joined + 1 < len(lines)
                and _caps_line(lines[index + joined + 1].clean)
                and len(title.split()) < 16
            ):
                joined += 1
                title = f"{title} {lines[index + joined].clean}"
            headings.append(_Heading(index, "", title.strip(" :"), "", joined))
            index += joined + 1
            continue
        index += 1
    return headings


_BRACKETED = re.compile(r"^\((?P<number>\*?\d{2}-\d{3,4}[A-Z]?(?:\s+[A-Z]{2,4})?)\)\s+(?P<text>\S.*)$")
_STATEMENT = re.compile(
    r"^(?:\S+\s+){0,10}?(?:announced|moved|requested|stated|said|noted|commented|discussed|made|gave|read|presented|introduced|inquired|asked|thanked|welcomed|congratulated|spoke|urged|reported|recommended|suggested|expressed|provided|called|stated)\b"
)
_OUTCOME_END = re.compile(
    r"[\s*]*(?:(?:Not\s+)?(?:Approved|Adopted|Accepted|Continued|Introduced|Not\s+introduced|Withdrawn|Denied)[.;]?(?:\s+and)?[\s*]*)$",
    re.IGNORECASE,
)


def _bracketed_headings(lines: list[Line], start: int, caps: list[_Heading]) -> list[_Heading]:
    """Paragraphs with running numbers in brackets ("(06-534) Proclamation declaring ...", "(*06-536)
    Minutes of ...", "(06-532 CC) Conference with ..."), under section headings in capitals. A paragraph
    that titles its business is an item, titled by its text (its outcome, "Approved.", left as text); a
    paragraph that is a statement ("(06-544) Mayor Johnson announced ...") is an item of its section,
    titled by the section's heading. A section heading is an item of its own only when unnumbered
    text follows it."""
    section: dict[int, _Heading] = {h.index: h for h in caps}
    headings: list[_Heading] = []
    current: _Heading | None = None
    index = start
    while index < len(lines):
        if index in section:
            current = section[index]
            following = next(
                (j for j in range(index + 1 + current.joined, len(lines)) if not lines[j].blank), None
            )
            if following is None or not _BRACKETED.match(lines[following].clean):
                headings.append(current)
            index += 1 + current.joined
            continue
        match = (
            _BRACKETED.match(lines[index].clean) if (index == 0 or lines[index - 1].blank or True) else None
        )
        if not match:
            index += 1
            continue
        paragraph = [match.group("text")]
        end = index + 1
        while (
            end < len(lines)
            and not lines[end].blank
            and not _BRACKETED.match(lines[end].clean)
            and end not in section
        ):
            paragraph.append(lines[end].clean)
            end += 1
        text = " ".join(paragraph)
        if _STATEMENT.match(text) and current is not None:
            headings.append(
                _Heading(index, match.group("number").lstrip("*"), current.title, match.group("text"))
            )
        elif _STATEMENT.match(text):
            pass
        else:
            title = _OUTCOME_END.sub("", text).rstrip(" .;")
            outcome = text[len(_OUTCOME_END.sub("", text)) :].strip()
            headings.append(
                _Heading(index, match.group("number").lstrip("*"), title, outcome, end - index - 1)
            )
        index = end
    return headings


def _caps_line(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return (
        len(letters) >= 4
        and all(c.isupper() for c in letters)
        and len(text.split()) <= 14
        and not text.endswith((",", ";"))
        and not re.match(r"^[\d(]", text)
    )


def _markdown_headings(lines: list[Line], start: int) -> list[_Heading]:
    headings = []
    for index in range(start, len(lines)):
        match = re.match(r"^#{2,4}\s+(?P<title>\S.*?)\s*#*\s*$", lines[index].text)
        if match:
            title = clean(match.group("title"))
            numbered = _NUMBERED.match(title)
            headings.append(
                _Heading(
                    index,
                    numbered.group("number") if numbered else "",
                    numbered.group("title") if numbered else title,
                )
            )
    return headings


_RESOLUTION_LINE = re.compile(
    r"^(?P<number>R?\d{4}-\d{2,4})\s+(?P<movers>(?:[A-Z]\.\s*)+[A-Z][\w'’\-]+\s*[,/]\s*(?:[A-Z]\.\s*)+[A-Z][\w'’\-]+)\s*[:;]?$"
)
_RESULT_LINE = re.compile(r"^(?:carried|defeated|lost|approved|adopted|motion\s+\w+)\W*$", re.IGNORECASE)


def _bold_headings(lines: list[Line], start: int) -> list[_Heading]:
    """Unnumbered headings set in bold on a line of their own (Word, web pages); a resolution's running
    number with its mover and seconder on a line of their own ("R2024-138 D. Yemm, S. Foote:"), an
    item that prints no title."""
    headings = []
    for index in range(start, len(lines)):
        raw = lines[index].text.strip()
        resolution = _RESOLUTION_LINE.match(lines[index].clean)
        if resolution:
            headings.append(_Heading(index, resolution.group("number"), "", resolution.group("movers")))
            continue
        if _RESULT_LINE.match(lines[index].clean) or read_date(lines[index].clean):
            continue  # "Carried."; "MARCH 3, 2025 – REGULAR MEETING" is the heading's date
        if (
            re.fullmatch(r"\*\*[^*]{2,90}\*\*:?", raw)
            and not _ATTENDANCE.match(lines[index].clean)
            and len(lines[index].clean.split()) <= 12
        ):
            title, rest = _title_and_rest(lines[index].clean)
            numbered = _NUMBERED.match(title)
            number = ""
            if numbered and numbered.group("dot"):  # "**39. APOLOGIES FOR ABSENCE**"
                number, title = numbered.group("number"), numbered.group("title").strip()
            headings.append(_Heading(index, number, title.rstrip(":"), rest))
    return headings


def _label_headings(lines: list[Line], start: int) -> list[_Heading]:
    headings = []
    for index in range(start, len(lines)):
        line = lines[index]
        if (
            index > start
            and not lines[index - 1].blank
            and not lines[index - 1].clean.endswith((".", ":"))
            and not line.text.startswith("**")
        ):
            continue  # the middle of a paragraph
        match = _LABEL_ITEM.match(line.clean)
        if not match or _NOT_TITLE.match(match.group("title")) or _ATTENDANCE.match(line.clean):
            continue
        title = match.group("title").strip()
        if len(title.split()) > 8 or title.endswith((" the", " of", " and", " to", " a")):
            continue
        headings.append(_Heading(index, "", title, match.group("rest").strip()))
    return headings


# ---- apologies and chair inside items ----------------------------------------------------------------

_APOLOGY = re.compile(
    r"\bapolog(?:y|ies)(?:\s+for\s+(?:(?:his|her|their)\s+)?(?:absence|inability\s+to\s+attend(?:\s+the\s+meeting)?))?\s+(?:(?:was|were|had\s+been|have\s+been)\s+)?(?:received|submitted|noted|tendered|given|accepted)(?:\s+and\s+(?:accepted|noted))?\s+(?:from|on\s+behalf\s+of|for)\s+(?P<names>.+?)(?:\.(?=(?-i:\s+[A-Z][a-z]*\s+[a-z]))|\.\s*$|$)",
    re.IGNORECASE,
)
_CHAIRED_BY = re.compile(
    r"(?i:chaired\s+by|(?:the\s+)?chair\s+was\s+taken\s+(?:initially\s+)?by)\s+(?i:the\s+outgoing\s+chair,?\s+)?(?P<name>(?:(?:Cllr|Councillor|Mr|Mrs|Ms|Dr)\.?\s+)?[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*){0,2})"
    r"|(?P<name2>(?:(?:Cllr|Councillor|Mr|Mrs|Ms|Dr)\.?\s+)?[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*){0,2})\s+(?i:took\s+the\s+chair)"
    r"|(?P<name4>(?:(?:Cllr|Councillor|Mr|Mrs|Ms|Dr)\.?\s+)?[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*){0,2})\s+(?i:chaired\s+the\s+meeting|called\s+the\s+(?:\w+\s+){0,3}meeting\s+to\s+order)"
    r"|\b(?i:chair(?:man|person)?|supervisor|mayor|president)\s+(?P<name3>[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){0,2})\s+called\s+the\s+(?:\w+\s+){0,3}meeting\s+to\s+order"
    r"|\b(?i:meeting\s+(?:\w+\s+){0,8}?was\s+called\s+to\s+order\s+by)\s+(?i:chair(?:man|person)?|supervisor|mayor|president)\s+(?P<name5>[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){0,2})",
)


_WELSH_APOLOGY = re.compile(
    r"\bderbyniwyd\s+ymddiheuriadau\s+(?:gan|oddi\s+wrth)\s+(?:y\s+|yr\s+)?(?P<names>.+?)(?:\.(?=(?-i:\s+[A-Z][a-z]*\s+[a-z]))|\.\s*$|$)",
    re.IGNORECASE,
)


_APOLOGY_FROM = re.compile(
    r"\bapolog(?:y|ies)\s+(?:for\s+absence\s+)?from\s+(?P<names>(?-i:[A-Z])[^.]*?(?:\.(?=\s*[A-Z]\b)[^.]*?)*)\s+(?:(?:was|were|had\s+been|have\s+been)\s+)?(?:noted|received|accepted)\b",
    re.IGNORECASE,
)


def _apologies_in(text: str) -> list[str]:
    names = []
    # "an apology for lateness from Councillor Kerr": not an apology for absence
    text = re.sub(
        r"\s+and\s+an?\s+apolog(?:y|ies)\s+for\s+lateness\s+from\s+.*?(?=\s+(?:be|were|was)\s+(?:accepted|noted|received)\b)",
        "",
        " ".join(text.split()),
        flags=re.IGNORECASE,
    )
    for match in _APOLOGY_FROM.finditer(" ".join(text.split())):
        names += _names(match.group("names"))
    for match in _WELSH_APOLOGY.finditer(" ".join(text.split())):
        names += _names(match.group("names"))
    for match in _APOLOGY.finditer(" ".join(text.split())):
        listed = re.split(r"\s+(?:who|due to|as|because)\b", match.group("names"))[0]
        names += _names(listed)
    # "That the apologies for absence from Mr Mohi be accepted": the verb is not part of the name
    return [re.sub(r"\s+be$", "", name) for name in names]


# ---- motions: mover and seconder, as printed --------------------------------------------------------

_WORD = r"(?!(?:That|The|This|These|To|And|In|On|For|Of|With|Be|It|Carried|Motion|Seconded|Second|Resolved|Agreed|Approved|All|Vote|Yeas|Nays|Unanimously|Carried)\b)[A-Z][\w'’\-]*"
_ANY_NAME = rf"(?:(?:Councillor|Cllr|Cr|Mr|Mrs|Ms|Dr|Supervisor|Trustee|Alderman|Commissioner|Mayor)\.?\s+){{0,2}}(?:(?:[A-Z]\.\s*)|{_WORD}\s+){{0,3}}{_WORD}"
_MOTIONS = (
    # "Proposed by RW seconded by HP", "Motion by Janet Keough, second by Gary Mantay", "Approved by Cllr Evans, seconded Cllr Hillard"
    re.compile(
        rf"(?i:proposed|moved|motion(?:\s+made)?|approved|adopted)\s+(?i:by)\s+(?P<mover>{_ANY_NAME})[,;]?\s+(?i:and\s+)?(?i:seconded|second)(?:\s+(?i:by))?\s+(?P<seconder>{_ANY_NAME})"
    ),
    # "Supervisor Dick Dillon makes a motion to ..., Supervisor Gary Mantay seconds the motion"; "Gary makes a motion ..., Dick second"
    re.compile(
        rf"(?P<mover>{_ANY_NAME})\s+(?i:makes?|made)\s+a\s+motion\b[^.]*?[,;]\s*(?P<seconder>{_ANY_NAME})\s+(?i:seconds?|seconded)\b"
    ),
    # "Gary motion to accept, Dick seconds"; "Dick made the motion to approve ... and Jan seconds the motion"
    re.compile(
        rf"(?P<mover>{_ANY_NAME})\s+(?:(?i:makes?|made)\s+(?i:a|the)\s+)?(?i:motion)\b[^.;]{{0,160}}?(?:[,;.]|\s+(?i:and))\s*(?P<seconder>{_ANY_NAME})\s+(?i:seconds?|seconded)\b"
    ),
    # "These were moved as correct by Esme Clark and Robert Preston"
    re.compile(
        rf"(?i:moved\s+as\s+(?:a\s+)?correct(?:\s+record)?\s+by)\s+(?P<mover>{_ANY_NAME})\s+(?i:and)\s+(?P<seconder>{_ANY_NAME})"
    ),
    # "Cllr Brown proposed acceptance of the Minutes seconded by Cllr Hand"
    re.compile(
        rf"(?P<mover>{_ANY_NAME})\s+(?i:proposed|moved)\b[^.;]{{0,120}}?[,;]?\s+(?i:(?:and\s+)?seconded\s+by)\s+(?P<seconder>{_ANY_NAME})"
    ),
    # Welsh: "Cynigiwyd gan y Cyng. A. Jones, eiliwyd gan y Cyng. B. Evans"
    re.compile(
        rf"(?i:cynigiwyd\s+gan)\s+(?:(?i:y|yr)\s+)?(?P<mover>(?:Cyng\.?\s+|Cynghorydd\s+)?{_ANY_NAME})[,;]?\s+(?i:ac?\s+)?(?i:eiliwyd\s+gan)\s+(?:(?i:y|yr)\s+)?(?P<seconder>(?:Cyng\.?\s+|Cynghorydd\s+)?{_ANY_NAME})"
    ),
    # "Proposed: Cllr A  Seconded: Cllr B"
    re.compile(
        rf"(?i:proposed|moved)\s*[:\-–]\s*(?P<mover>{_ANY_NAME})[,;.]?\s+(?i:seconded)\s*[:\-–]\s*(?P<seconder>{_ANY_NAME})"
    ),
)
_COUNTED = re.compile(
    r"(?i:motion|amendment|recommendation)\s+(?i:passed|carried|failed|lost|defeated)\s*\((?P<for>\d+)\s+(?i:to)\s+(?P<against>\d+)\)"
    r"|\((?i:y)\s*[-–]\s*(?P<for2>\d+)(?:\s*;\s*(?i:n)\s*[-–]\s*(?P<against2>\d+))?\)"
)
_CARRIED = re.compile(
    r"\b(?:carried|passed|approved|agreed|adopted|c?h?y?cytunwyd|chytunwyd|gytunwyd|pasiwyd|derbyniwyd)\b",
    re.IGNORECASE,
)
_LOST = re.compile(r"\b(?:lost|defeated|fell|not carried|failed)\b", re.IGNORECASE)


def motions_in(body: str) -> list[VoteDraft]:
    """Each motion whose mover and seconder are printed, with the sentence that holds it as its text."""
    text = " ".join(re.sub(r"\n\s*\n", " ¶ ", body).split())  # a paragraph's end ends a name
    votes = []
    taken: list[tuple[int, int]] = []
    starts = sorted(m.start() for pattern in _MOTIONS for m in pattern.finditer(text))
    for pattern in _MOTIONS:
        for match in pattern.finditer(text):
            if any(start <= match.start() < end for start, end in taken):
                continue
            taken.append((match.start(), match.end()))
            sentence_start = max(text.rfind(". ", 0, match.start()), text.rfind(" ¶ ", 0, match.start()))
            sentence_start = sentence_start + 2 if sentence_start >= 0 else 0
            ends = [end for end in (text.find(". ", match.end()), text.find(" ¶ ", match.end())) if end >= 0]
            sentence = text[sentence_start : min(ends) + 1 if ends else len(text)].strip(" ¶")
            after = text[match.end() : match.end() + 200]
            window = sentence + " " + after[:80]
            sides: dict = {}
            counted = _COUNTED.search(after)
            if counted:
                sides = {
                    key.rstrip("2"): int(value)
                    for key, value in counted.groupdict().items()
                    if value is not None
                }
                window = counted.group(0)
            result = "lost" if _LOST.search(window) else "carried" if _CARRIED.search(window) else ""
            before, following = _around(text, match, starts)
            if not result:
                # "... to approve the transfer. The new dates are ... Motion carried.": the result is
                # the first sentence after the motion that only gives one, before any other motion.
                for later in following:
                    if RESULT_ONLY.match(later):
                        result = "lost" if _LOST.search(later) else "carried"
                        break
            if not sides:
                sides = _roll_call(" ".join([sentence, *following]))
            if not result and before and _PROPOSED_ONLY.match(sentence) and reads_as_decision(before):
                # "The minutes ... were approved. Proposed by RW seconded by HP.": the motion is the
                # decision the sentence before it records.
                result = "carried"
            counted_for = _counts_for(sides)
            if not result and counted_for is not None and counted_for > _counts_against(sides):
                result = "carried"  # "(Y-5)", "vote: Gary aye, Dick aye, Jan aye": more for than against
            that = re.match(
                r"^[\s;:,.¶]*(?:(?i:and\s+resolved:?|resolved:?)\s*)?[“\"']?(?P<motion>(?i:that)\b[^.]*(?:\.(?=\S)[^.]*)*\.?)",
                after,
            )
            motion = (
                (that.group("motion").strip() if that else sentence)
                .replace(" ¶ ", " ")
                .replace("¶", "")
                .strip()
            )
            votes.append(
                (
                    match.start(),
                    VoteDraft(
                        "motion",
                        motion,
                        _tidy(match.group("mover")),
                        _tidy(match.group("seconder")),
                        sides,
                        result,
                    ),
                )
            )
    votes.sort(key=lambda pair: pair[0])
    return _with_recorded_sides(body, votes)


_PROPOSED_ONLY = re.compile(r"^\W*(?:\w+\s+[-–—]\s+)?(?:proposed|moved|seconded)\b", re.IGNORECASE)
# A roll call printed in a sentence: "vote: Gary aye, Dick aye, Jan aye", "by a vote of Janet Keough yea,
# Dick Dillon yea, and Gary Mantay yea", "Dick, aye".
_ROLL_CALL = re.compile(
    r"(?P<name>(?:[A-Z][\w'’\-]*\s+){0,2}[A-Z][\w'’\-]*),?\s+(?P<vote>aye|yea|yes|nay|no|abstain(?:ed)?)\b"
)
_ROLL_KEY = {"aye": "for", "yea": "for", "yes": "for", "nay": "against", "no": "against"}


def _around(text: str, match: re.Match, starts: list[int]) -> tuple[str, list[str]]:
    """The sentence before a motion's sentence, and up to three sentences after it, within its paragraph
    and before the next motion."""
    start = text.rfind(" ¶ ", 0, match.start())
    start = start + 3 if start >= 0 else 0
    end = text.find(" ¶ ", match.end())
    end = end if end >= 0 else len(text)
    later = [s for s in starts if s > match.start()]
    paragraph = text[start:end]
    spans = sentence_spans(paragraph)
    here = next((i for i, (a, b) in enumerate(spans) if a <= match.start() - start < b), None)
    if here is None:
        return "", []
    before = paragraph[spans[here - 1][0] : spans[here - 1][1]].strip() if here else ""
    following = []
    for a, b in spans[here + 1 : here + 4]:
        if later and start + a >= later[0]:
            break
        following.append(paragraph[a:b].strip())
    return before, following


def _roll_call(text: str) -> dict:
    """Names and how each voted, when a sentence prints a roll call ("vote: Gary aye, Dick aye")."""
    marker = re.search(r"\b(?:vote|roll\s+call)\b", text, re.IGNORECASE)
    if not marker:
        return {}
    sides: dict[str, list[str]] = {}
    for found in _ROLL_CALL.finditer(text, marker.end()):
        name = re.sub(r"^(?:and|of|vote|Vote)\s+", "", found.group("name")).strip()
        if name.lower() in ("and", "of", "vote", "the"):
            continue
        sides.setdefault(_ROLL_KEY.get(found.group("vote").lower(), "abstain"), []).append(name)
    return sides


def _counts_for(sides: dict) -> int | None:
    value = sides.get("for")
    return len(value) if isinstance(value, list) else value


def _counts_against(sides: dict) -> int:
    value = sides.get("against", 0)
    return len(value) if isinstance(value, list) else value


_SIDE_LABEL = re.compile(
    r"^\W*(?P<label>for(?:\s+the\s+(?:motion|amendment))?|in\s+favou?r|against|abstain(?:ed|ing)?|abstentions?|yeas?|ayes?|nays?|noes?|recused)"
    r"\s*(?:\((?P<count>\d+)\))?\s*(?:[:\-–]\s*(?P<rest>.*?))?\W*$",
    re.IGNORECASE,
)
_SIDE_KEY = (
    ("for", "for"),
    ("in favo", "for"),
    ("yea", "for"),
    ("aye", "for"),
    ("against", "against"),
    ("nay", "against"),
    ("noe", "against"),
    ("abst", "abstain"),
)


_NAME_ONLY = re.compile(
    r"(?:(?:Councillor|Cllr|Mayor|Mr|Mrs|Ms|Dr|Cr)\.?\s+)?(?:[A-Z]\.\s*)*[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){0,2}(?:\s*\([A-Z]\))?"
)


def _split_run_on_names(text: str) -> str:
    """'Councillor Abel Councillor Baker' / 'J. Morgan A. Hopkins' (names one a line, joined) -> comma-separated."""
    text = re.sub(r"(?<=[a-z’'])\s+(?=(?:Councillor|Cllr|Mayor|Cr)\b)", ", ", text)
    return re.sub(r"(?<=[a-z’'])\s+(?=[A-Z]\.\s*[A-Z])", ", ", text)


def _with_recorded_sides(body: str, votes: list[tuple[int, VoteDraft]]) -> list[VoteDraft]:
    """A recorded vote under a motion: 'For (5)' or 'Yeas:' and the names under it, one a line or in a
    list; 'Against: Councillors A and B'; a count alone. Given to the motion printed before it."""
    if not votes:
        return []
    sides_of: dict[int, dict] = {}
    seen = ""
    current_key, current_vote = None, None
    for line in body.split("\n"):
        seen = " ".join(f"{seen} {line}".split())
        before = [i for i, (start, _) in enumerate(votes) if start < len(seen)]
        text = line.strip().strip("|*> ").strip()
        label = _SIDE_LABEL.match(text) if len(text) <= 200 else None
        if (
            label
            and before
            and (
                label.group("count")
                or label.group("rest") is not None
                or text.rstrip(":").lower() == label.group("label").lower()
            )
        ):
            current_vote = before[-1]
            current_key = next(
                key for needle, key in _SIDE_KEY if label.group("label").lower().startswith(needle)
            )
            sides = sides_of.setdefault(current_vote, {})
            rest = (label.group("rest") or "").strip()
            if rest and not rest.isdigit() and rest.lower() not in ("none", "nil", "0"):
                sides[current_key] = _names(rest)
            elif rest.isdigit():
                sides[current_key] = int(rest)
            elif label.group("count"):
                sides[current_key] = int(label.group("count"))
            if rest.lower() in ("none", "nil", "0"):
                sides[current_key] = 0
            continue
        if current_key and current_vote is not None and text:
            names = _names(_split_run_on_names(text))
            if names and all(_NAME_ONLY.fullmatch(name) for name in names):
                sides = sides_of[current_vote]
                if not isinstance(sides.get(current_key), list):
                    sides[current_key] = []
                sides[current_key].extend(names)
                continue
        if text:
            current_key = None
    result = []
    for index, (_, vote) in enumerate(votes):
        sides = dict(vote.sides)
        for key, value in sides_of.get(index, {}).items():
            sides[key] = value if value != [] else sides.get(key, 0)
        result.append(VoteDraft(vote.kind, vote.motion, vote.moved, vote.seconded, sides, vote.result))
    return result


# ---- private business -------------------------------------------------------------------------------

_EXCLUDES = re.compile(
    r"schedule\s+12a|admission\s+to\s+meetings\)?\s+act,?\s+1960|1960\s+act|exclu(?:de|ded|sion\s+of)\s+(?:the\s+)?(?:press\s+and\s+(?:the\s+)?public|public\s+and\s+(?:the\s+)?press)"
    r"|(?:rise\s+and\s+)?go\s+into\s+(?:council,\s+)?in\s+closed\s+session|in\s+camera",
    re.IGNORECASE,
)
_PRIVATE_TITLE = re.compile(
    r"\b(?:in\s+closed\s+session|closed\s+session|confidential|exempt\s+(?:items?|business|information)|private\s+(?:business|session)|in\s+camera|part\s+(?:2|ii|b)\b)",
    re.IGNORECASE,
)
_READMITTED = re.compile(
    r"re-?admitted|resumed\s+in\s+public|returned\s+to\s+(?:the\s+)?public|rise\s+and\s+report|open\s+session\s+resumed",
    re.IGNORECASE,
)
_SCHEDULE_PARAGRAPHS = re.compile(
    r"paragraphs?\s+(?P<list>\d(?:\s*(?:,|and|&)\s*\d)*)\s+of\s+part\s+(?:1|i|one)\s+of\s+schedule\s+12a",
    re.IGNORECASE,
)


def _private(items: list[ItemDraft], review: list[ReviewNote]) -> list[ItemDraft]:
    """Items taken in private: their title says so, or they follow an exclusion of the public (Schedule 12A,
    the Public Bodies (Admission to Meetings) Act 1960, "go into Council, In Closed Session"). The
    paragraphs of Schedule 12A are read when cited; without them the item is flagged, not guessed."""
    result = []
    excluded, grounds = False, ""
    paragraphs: tuple[int, ...] = ()
    for item in items:
        private = excluded or bool(_PRIVATE_TITLE.search(item.title))
        if private and not excluded:
            grounds = grounds or "its title"
        exclusion = _EXCLUDES.search(item.body) or _EXCLUDES.search(item.title)
        if exclusion:
            cited = _SCHEDULE_PARAGRAPHS.search(item.body)
            paragraphs = (
                tuple(sorted({int(n) for n in re.findall(r"\d", cited.group("list"))})) if cited else ()
            )
            grounds = exclusion.group(0)
        if private:
            if paragraphs:
                item = ItemDraft(item.number, item.title, item.body, item.span, paragraphs, item.votes)
            else:
                review.append(
                    ReviewNote(
                        f"item {item.number} ('{item.title}') was taken in private ({grounds}); no paragraphs of Schedule 12A are cited, so it is not marked private in the draft: add 'private:' by hand",
                        item.span,
                    )
                )
        if _READMITTED.search(item.body):
            excluded = False
        elif exclusion:
            excluded = True
        result.append(item)
    return result


# ---- the reader ----------------------------------------------------------------------------------------

_REMOTE = re.compile(
    r"\b(?:held|took place|conducted|meeting)\b[^.]{0,60}?\b(?:via|by|on|over|using|through|trwy)\s+(?:a\s+)?(?:zoom|microsoft\s+teams|teams|skype|teleconferenc\w*|telephone\s+conferenc\w*|video\s*conferenc\w*|phone)\b"
    r"|\bheld\s+remotely\b|\bremote\s+meeting\b|\bo\s+bell\b|\bheld\s+a\s+zoom\s+meeting\b|\bvia\s+teleconference\b",
    re.IGNORECASE,
)
_VENUE_IN = re.compile(
    r"\b(?:held\s+)?(?:in|at)\s+(?:the\s+)?(?P<venue>(?-i:[A-Z])[\w'’&\-]*(?:(?:,\s*|\s+)(?:(?-i:[A-Z0-9])[\w'’&\-]*|of|the|and))*)",
    re.IGNORECASE,
)


def read_venue(header: list[str]) -> str:
    """'... at 7.00pm in Ayton Community Hall' -> 'Ayton Community Hall'; '' when none is printed."""
    for text in header:
        for match in _VENUE_IN.finditer(text.strip(" *#")):
            venue = re.split(
                r",?\s+(?:on|at)\s+(?=(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|\d))",
                match.group("venue"),
            )[0].strip(" ,")
            venue = re.sub(r"\s+(?:of|the|and)$", "", venue)
            if (
                venue
                and not re.match(
                    r"^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Attendance|Zoom)\b",
                    venue,
                )
                and not read_date(venue)
            ):
                return venue
    return ""


def read_standalone(lines: list[Line]) -> MinutesDraft | None:
    review: list[ReviewNote] = []
    running = _running_lines(lines)
    lines = _without_page_furniture(lines)
    contents = _table_of_contents(lines)
    if contents:
        review.append(
            ReviewNote(
                "a table of contents printed before the minutes is not read (the items are read where the minutes print them)",
                SourceSpan(lines[contents[0]].number, lines[contents[1]].number),
            )
        )
        lines = [
            Line(line.number, "", "") if contents[0] <= i <= contents[1] else line
            for i, line in enumerate(lines)
        ]
    content = [line for line in lines if not line.blank]
    if not content:
        return None
    first_index = lines.index(content[0])
    # The attendance block: labelled lines near the top (the first 60 lines of text).
    label_index = None
    seen = 0
    for index in range(first_index, len(lines)):
        text = lines[index].clean
        seen += bool(text)
        if seen > 60:
            break
        if _ATTENDANCE.match(text) and not _NUMBERED.match(text):
            label_index = index
            break
    numbered = _numbered_headings(lines, first_index)
    markdown = _markdown_headings(lines, first_index)
    labelled = _label_headings(lines, label_index if label_index is not None else first_index)
    # The document's own heading (its first lines, up to a blank line) holds no item heading
    heading_end = next((i for i in range(first_index, len(lines)) if lines[i].blank), first_index + 1)
    after_heading = max(first_index + 1, min(heading_end, first_index + 8))
    bold = _bold_headings(lines, (label_index + 1) if label_index is not None else after_heading)
    caps = _caps_headings(lines, (label_index + 1) if label_index is not None else after_heading)
    bracketed = _bracketed_headings(
        lines, (label_index + 1) if label_index is not None else first_index + 1, caps
    )
    if len(numbered) >= 3:
        headings = numbered
    elif len(markdown) >= 3:
        headings = markdown
    elif sum(1 for h in bracketed if h.number) >= 3:
        headings = bracketed
    elif len(caps) >= 4 and len(caps) >= len(bold) and len(caps) >= len(labelled) / 2:
        headings = caps
    elif len(bold) >= 3 and len(bold) >= len(labelled) / 2:
        headings = bold
    elif len(labelled) >= 3:
        headings = labelled
    else:
        headings = numbered or markdown or labelled
    # Labels found after the first item are not the heading's attendance.
    first_item = headings[0].index if headings else len(lines)
    if headings is labelled and label_index is not None:
        # Attendance labels come before the items; "Heading:" items follow them.
        headings = [h for h in headings if not _ATTENDANCE.match(lines[h.index].clean)]
        first_item = headings[0].index if headings else len(lines)
    header_end = label_index if label_index is not None and label_index < first_item else first_item
    header = [
        lines[i].clean for i in range(first_index, min(header_end, first_index + 15)) if not lines[i].blank
    ]
    header_text = " ".join(header)
    date = read_date(header_text) or read_date(
        " ".join(line.clean for line in lines[first_index : first_index + 40])
    )
    body = specific_body(
        read_body(header),
        header + running + [line.clean for line in lines if 0 < len(line.clean.split()) <= 5],
        " ".join(line.clean for line in lines[first_index : first_index + 25]),
    )
    start = find_time(header_text)

    attendance = Attendance()
    placed: set[int] = set(range(first_index, min(header_end, first_index + 15)))  # the heading
    if label_index is not None and label_index < first_item:
        blocks: list[tuple[str, list[str]]] = []
        closed = False
        for index in range(label_index, first_item):
            line = lines[index]
            if line.blank or re.fullmatch(r"[.\-_=*]{5,}", line.clean):
                closed = closed or bool(blocks and blocks[-1][1])
                placed.add(index)
                continue
            label = _ATTENDANCE.match(line.clean)
            if label and not re.match(r"^(?:the\s+)", line.clean, re.IGNORECASE):
                blocks.append(
                    (_kind_of(label.group("label")), [label.group("rest")] if label.group("rest") else [])
                )
                closed = False
                placed.add(index)
            elif (
                blocks
                and not closed
                and not _SENTENCE.search(line.clean)
                and len(blocks[-1][1]) < (30 if blocks[-1][0] in ("invited", "officers") else 12)
            ):
                blocks[-1][1].append(_name_and_role_cells(line))
                placed.add(index)
            else:
                closed = True
                found_apologies = _apologies_in(line.clean)
                for name in found_apologies:
                    attendance.add("apologies", name)
                if found_apologies:
                    placed.add(index)
                chaired = _CHAIRED_BY.search(line.clean)
                if chaired:
                    attendance.chair = attendance.chair or next(g for g in chaired.groups() if g)
                    placed.add(index)
        for kind, texts in blocks:
            if kind == "remote":
                names = [n for text in texts for n in _names(text)]
                if names:
                    review.append(
                        ReviewNote(
                            f"{len(names)} attended remotely ({', '.join(names[:6])}{', ...' if len(names) > 6 else ''}); the meeting format has no list for remote attendance yet, so they are not in the draft",
                            None,
                        )
                    )
                continue
            if kind in ("public", "absent"):
                continue
            if kind == "invited":
                _officers_among_invited(" ".join(texts), attendance)
                continue
            _read_attendance_block(kind, texts, attendance)

    # Items
    items: list[ItemDraft] = []
    used: set[int] = set()
    for position, heading in enumerate(headings):
        end = headings[position + 1].index if position + 1 < len(headings) else len(lines)
        body_lines = []
        if heading.rest:
            body_lines.append(Line(lines[heading.index].number, heading.rest, heading.rest))
        body_lines += lines[heading.index + 1 + heading.joined : end]
        number = _last_number(heading.number) if heading.number else position + 1
        while number in used:
            number += 1000  # a number printed twice: kept apart, flagged below
        if heading.number and _last_number(heading.number) in used:
            review.append(
                ReviewNote(
                    f"item number {heading.number} is printed twice; the second one ('{heading.title}') needs its number checked",
                    SourceSpan(lines[heading.index].number, lines[heading.index].number),
                )
            )
        used.add(number)
        last = body_lines[-1].number if body_lines else lines[heading.index].number
        item_text = decisions_apart(to_markdown(body_lines), prose=False)  # formulas run into a paragraph
        items.append(
            ItemDraft(number, heading.title, item_text, SourceSpan(lines[heading.index].number, last))
        )
    # Decisions in prose are set apart only where the site will read them: in minutes that print no
    # formal mark (RESOLVED, AGREED, "Resolved:"). Votes are read from the final text.
    prose = decisions_in_prose(item.body for item in items)
    finished = []
    for item in items:
        text = decisions_apart(item.body, prose) if prose else item.body
        finished.append(ItemDraft(item.number, item.title, text, item.span, votes=tuple(motions_in(text))))
    items = finished

    items = _private(items, review)
    printed = [h.number for h in headings if h.number]
    if printed and any(not number.isdigit() for number in printed):
        review.append(
            ReviewNote(
                f"the minutes number their items {printed[0]} to {printed[-1]}; the draft numbers them by the last part ({items[0].number} to {items[-1].number}): check the numbers",
                None,
            )
        )
    elif not printed and items:
        review.append(
            ReviewNote(
                f"the items are not numbered in the minutes; the draft numbers them 1 to {len(items)} in order",
                None,
            )
        )

    # Nothing dropped silently: lines above the first item that no field took are listed for review.
    for index in range(first_index, first_item):
        if (
            index not in placed
            and not lines[index].blank
            and not re.fullmatch(r"[.\-_=*#]{3,}|items?(?:\s+action)?", lines[index].clean, re.IGNORECASE)
        ):
            review.append(
                ReviewNote(
                    "printed above the first item, and not read into any field",
                    SourceSpan(lines[index].number, lines[index].number),
                    lines[index].clean,
                    unplaced=True,
                )
            )
    opening_text = (
        header_text
        + " "
        + " ".join(lines[i].clean for i in range(first_index, min(first_item, first_index + 20)))
        + " "
        + (items[0].body[:400] if items else "")
    )
    remote = bool(_REMOTE.search(opening_text))
    if remote:
        review.append(
            ReviewNote(
                "the minutes say the meeting was held remotely (the draft says `remote: true`); if some attended in person, it was hybrid: check",
                None,
            )
        )

    # Attendance printed as the first items: "1. Those Attending: Cllr A (Chairman), Cllr B, Mrs C (Clerk)"
    if not attendance.lists.get("members"):
        for item, heading in zip(items[:3], headings[:3], strict=False):
            label = _ATTENDANCE.match(f"{item.title}: {heading.rest}" if heading.rest else item.title)
            if (
                label
                and _kind_of(label.group("label")) in ("members", "chair")
                and not re.search(r"apolog", item.title, re.IGNORECASE)
            ):
                first = heading.rest or next((p for p in item.body.split("\n\n") if p.strip()), "")
                first = re.split(r"(?<=\.)\s+(?=[A-Z][a-z]+\s+[a-z])", " ".join(first.split()))[
                    0
                ]  # up to the end of the list
                _read_attendance_block("members", [first], attendance)

    # Attendance written as prose in the first items, or before them.
    opening = " ".join(line.clean for line in lines[first_index:first_item])
    opening += " " + " ".join(item.body for item in items[:3])
    if not attendance.lists.get("members"):
        _prose_attendance(opening, attendance)
    if not attendance.chair:
        chaired = _CHAIRED_BY.search(" ".join(opening.split()))
        if chaired:
            attendance.chair = next(g for g in chaired.groups() if g)
    # Apologies in an "Apologies" item
    if not attendance.lists.get("apologies"):
        for item in items:
            if not re.search(r"apolog|absence", item.title, re.IGNORECASE):
                continue
            found = _apologies_in(item.body)
            if not found:
                first = next((p for p in item.body.split("\n\n") if p.strip()), "").strip()
                if (
                    first
                    and not _NONE.match(first)
                    and len(first.split()) <= 25
                    and not re.search(r"\b(?:was|were|is|are|had|has)\b", first)
                ):
                    found = _names(first)
            for name in found:
                attendance.add("apologies", name)
            break
    if not attendance.lists.get("apologies"):
        for name in _apologies_in(opening):
            attendance.add("apologies", name)

    # The chair: marked among the members
    members = attendance.lists.get("members", [])
    chair = attendance.chair.strip()
    if chair:
        chair = attendance.initials.get(chair, chair)
        chair_key = _surname(chair)
        matched = False
        for position, name in enumerate(members):
            if _CHAIR_IN_NAME.search(name):
                matched = True
                break
            if chair_key and _surname(name) == chair_key:
                members[position] = f"{name} (Chair)"
                matched = True
                break
        if not matched:
            review.append(
                ReviewNote(
                    f"the minutes name '{attendance.chair}' as chair, who is not in the list of those present; check",
                    None,
                )
            )

    result = dict(attendance.lists)
    result.pop("other", None)
    officers = {"": attendance.officers} if attendance.officers else {}
    if date is None:
        review.append(ReviewNote("no date of the meeting could be read from the heading", None))
    if not body:
        review.append(
            ReviewNote(
                f"the heading names no council or committee the import could read: '{header_text[:200]}'",
                None,
            )
        )
    if not result.get("members") and not result.get("apologies"):
        review.append(ReviewNote(NOT_MINUTES, None))
    span = SourceSpan(lines[first_index].number, lines[-1].number)
    return MinutesDraft(
        committee_name=body,
        date=date,
        start=start,
        end=None,
        venue=read_venue(header),
        attendance=result,
        officers=officers,
        items=tuple(items),
        declarations=(),
        span=span,
        review=tuple(review),
        remote=remote,
    )


NOT_MINUTES = "no list of those present was found, so this is not read as minutes"


def is_minutes(minutes: MinutesDraft) -> bool:
    """Minutes record who was there: without a list of those present (or their apologies) a document
    with a date and numbered paragraphs (a report, an agenda) is not taken for a meeting's minutes."""
    return not any(note.message == NOT_MINUTES for note in minutes.review)


def _surname(name: str) -> str:
    name = re.sub(r"\([^)]*\)", "", name)
    words = [
        w
        for w in re.split(r"[\s.]+", name)
        if w
        and w[0].isupper()
        and w.lower()
        not in ("cllr", "councillor", "mr", "mrs", "ms", "dr", "chairman", "chair", "county", "supervisor")
    ]
    return words[-1].lower() if words else ""
