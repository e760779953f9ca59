"""Import: a council's published minutes and agenda packs -> draft meeting files for review.

    extract (text of .txt/.md/.pdf/.docx) -> split (agenda, minutes, papers) -> parse each part
    -> assemble meetings (committee and people matched against the archive) -> stage the drafts
    -> check them with the archive's own validator -> move them into place -> the review report

Drafts carry `draft: true`, so nothing imported is published until a clerk has checked it. A draft
that fails the archive's checks stays in the imports folder, so an import never breaks the build.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..config import SiteConfig
from ..contentformat import scalar, write_meeting_file
from ..diagnostics import Diagnostics, SourcePos, relative_label
from ..load import load_source_file
from ..model import Committee
from ..validate.documents import DocumentLoader
from ..validate.meetings import read_meeting
from ..validate.registry import load_committees, load_topics
from .agenda import parse_agenda
from .documents import parse_document
from .drafts import ReviewNote, SourceSpan
from .extract import ExtractError, extract_text
from .mentions import find_cancellations
from .minutes import _declarations as declarations_in
from .minutes import parse_minutes
from .output import MeetingDraft, document_text, meeting_text
from .registry import (
    CommitteeDirectory,
    CommitteeMatch,
    PeopleDirectory,
    archive_people,
    bare_name,
    existing_meetings,
)
from .report import MeetingOutcome, render_report
from .split import split_pack
from .standalone import NOT_MINUTES, is_minutes, prepare, read_standalone
from .text import normalise_key, slugify, to_lines


@dataclass(frozen=True)
class ImportOptions:
    config: SiteConfig
    out: Path  # the content folder the drafts go into
    today: dt.date


@dataclass
class FileImport:
    source: Path
    report_path: Path | None = None
    report: str = ""
    error: str = ""
    meetings: list[MeetingOutcome] = field(default_factory=list)


def import_files(
    paths: list[Path], options: ImportOptions, people: PeopleDirectory | None = None
) -> list[FileImport]:
    """Import each file. `people` defaults to everyone the archive's meeting files name."""
    people = people if people is not None else archive_people(options.config.content_dir)
    committees = CommitteeDirectory.from_folder(options.config.content_dir / "committees")
    return [import_file(path, options, people, committees) for path in paths]


def import_file(
    path: Path, options: ImportOptions, people: PeopleDirectory, committees: CommitteeDirectory
) -> FileImport:
    result = FileImport(path)
    try:
        text = extract_text(path)
    except ExtractError as exc:
        result.error = f"{path}: error[import]: {exc}"
        return result
    council = tuple(name for name in (options.config.council_name, options.config.council_short_name) if name)
    lines = to_lines(text)
    pack = split_pack(lines, council)
    meetings, notes, new_committees = _assemble(pack, path, people, committees, council)
    reason = ""
    pack_minutes = [meeting.minutes for meeting in meetings if meeting.minutes and meeting.minutes.items]
    if not any(meeting.agenda for meeting in meetings) and len(pack_minutes) <= 1:
        # Not an agenda pack of the kind split.py knows: minutes published on their own, read by
        # general rules, unless the agenda-pack reader read them as completely.
        standalone = read_standalone(to_lines(prepare(text)))
        if standalone is None:
            reason = "the file has no text"
        elif not is_minutes(standalone):
            reason = NOT_MINUTES
        elif not standalone.items:
            reason = "no numbered or headed items were found"
        elif not pack_minutes or _completeness(standalone) > _completeness(pack_minutes[0]) + 2:
            found, standalone_notes, standalone_committees, reason = _assemble_standalone(
                standalone, path, people, committees, council
            )
            if found:
                meetings, notes, new_committees = (
                    found,
                    standalone_notes + [n for n in notes if not n.unplaced],
                    standalone_committees,
                )
    report_path = options.out / "imports" / f"{slugify(path.stem)}-report.md"
    label = relative_label(report_path, options.config.root)
    outcomes = _stage_and_write(meetings, new_committees, options, label)
    result.meetings = outcomes
    result.report_path = report_path
    result.report = render_report(
        path, len(lines), outcomes, notes, pack.furniture, new_committees, options.config.root
    )
    report_path.parent.mkdir(parents=True, exist_ok=True)
    report_path.write_text(result.report, encoding="utf-8")
    if not outcomes:
        result.error = (
            f"{path}: error[import]: no meeting could be read from this file"
            f"{': ' + reason if reason else ''}; nothing was written. See {relative_label(report_path, options.config.root)}"
        )
    return result


_ABOVE_COUNCIL = re.compile(r"\b(?:of|by)\s+the\s+(?:above(?:[- ]named)?\s+)?council\b", re.IGNORECASE)


def _completeness(minutes) -> int:
    """How much of a meeting a reading found: items, people, and a date and body."""
    people = sum(len(names) for names in minutes.attendance.values()) + sum(
        len(names) for names in minutes.officers.values()
    )
    votes = [vote for item in minutes.items for vote in item.votes]
    moved = sum(1 for vote in votes if vote.moved) - sum(
        1 for vote in votes if not vote.moved
    )  # a vote with no mover is mostly a guess
    return len(minutes.items) + people + moved + (5 if minutes.date and minutes.committee_name else 0)


def _assemble_standalone(
    minutes, path: Path, people: PeopleDirectory, committees: CommitteeDirectory, council: tuple[str, ...]
):
    """Standalone minutes -> the meeting, notes, new committees, and the reason when no meeting."""
    notes: list[ReviewNote] = []
    new_committees: dict[str, CommitteeMatch] = {}
    committee_name = minutes.committee_name
    if minutes.date is None:
        return [], notes, new_committees, "no date of the meeting could be read from its heading"
    if not committee_name:
        # Not guessed, not even from the archive's own council name: "the above Council" refers to a
        # letterhead this file does not have.
        above = (
            " (it prints 'the above Council': the council's name was on a letterhead this file does not have)"
            if _ABOVE_COUNCIL.search(minutes_heading_text(minutes))
            else ""
        )
        return (
            [],
            notes,
            new_committees,
            f"its heading names no council or committee{above}; add the name to the first line of the file and import it again",
        )
    match = committees.match(committee_name)
    if match is None:
        return [], notes, new_committees, f"'{committee_name}' could not be made into a committee"
    if not match.known:
        new_committees[match.slug] = match
    elif match.how == "close":
        notes.append(
            ReviewNote(
                f"'{committee_name}' was taken to be the committee '{match.name}' ({match.slug}); check",
                minutes.span,
            )
        )
    present = [name for group, names in minutes.attendance.items() if group != "apologies" for name in names]
    review: list[ReviewNote] = []
    declarations = declarations_in(list(minutes.items), present, people, minutes.date.year, review)
    minutes = dataclasses.replace(
        minutes,
        committee_name=committee_name,
        declarations=tuple(declarations),
        review=minutes.review + tuple(review),
    )
    meeting = MeetingDraft(
        match.slug,
        minutes.date,
        f"{minutes.date.isoformat()}-{match.slug}",
        f"imported from {path.name}, minutes ({minutes.span})",
    )
    meeting.minutes = minutes
    meeting.new_people += _unknown_people(minutes, people)
    return [meeting], notes, new_committees, ""


def minutes_heading_text(minutes) -> str:
    return " ".join(note.message for note in minutes.review)


def read_minutes(path: Path, people: PeopleDirectory, council: tuple[str, ...] = ()) -> list:
    """The minutes a file holds, read but not written: each MinutesDraft that has a date and a body.
    For measuring the import (scripts/bench_import.py) without writing drafts."""
    text = extract_text(path)
    pack = split_pack(to_lines(text), council)
    found = []
    for part in pack.parts:
        if part.kind == "minutes":
            minutes = parse_minutes(part, people)
            if minutes.date and minutes.committee_name and minutes.items:
                found.append(minutes)
    if len(found) <= 1 and not any(
        part.kind == "agenda" and not _headed_minutes(part) and parse_agenda(part, people, council).date
        for part in pack.parts
    ):
        standalone = read_standalone(to_lines(prepare(text)))
        if (
            standalone
            and is_minutes(standalone)
            and standalone.date
            and standalone.committee_name
            and (not found or _completeness(standalone) > _completeness(found[0]) + 2)
        ):
            found = [standalone]
    return found


def _headed_minutes(part) -> bool:
    """A part taken for an agenda whose own heading says it is minutes ("Minutes of Regional Council
    Meeting - 30 January 2019", "MINUTES / TRANSYLVANIA COUNTY BOARD OF COMMISSIONERS"): the agenda
    reader found an agenda's date in it, but it is minutes, read by the standalone reader."""
    heading = [line.clean for line in part.lines if not line.blank][:4]
    return any(re.match(r"^\W*minutes\b", text, re.IGNORECASE) for text in heading)


def _assemble(
    pack, path: Path, people: PeopleDirectory, committees: CommitteeDirectory, council: tuple[str, ...]
):
    """Parts -> meetings keyed by (committee, date); papers attached to the agenda they follow."""
    meetings: dict[tuple[str, dt.date], MeetingDraft] = {}
    notes: list[ReviewNote] = []
    new_committees: dict[str, CommitteeMatch] = {}
    agenda_meeting: MeetingDraft | None = None
    last_meeting: MeetingDraft | None = None
    documents = []

    def meeting_for(
        committee_name: str, date: dt.date | None, what: str, span: SourceSpan
    ) -> MeetingDraft | None:
        if date is None:
            notes.append(
                ReviewNote(
                    f"the {what} prints no date the import could read, so no meeting file was written for it; its text is below",
                    span,
                    unplaced=True,
                )
            )
            return None
        match = committees.match(committee_name) if committee_name else None
        if match is None:
            notes.append(
                ReviewNote(
                    f"the {what} does not name its committee, so no meeting file was written for it",
                    span,
                    unplaced=True,
                )
            )
            return None
        if not match.known:
            new_committees[match.slug] = match
        key = (match.slug, date)
        if key not in meetings:
            meetings[key] = MeetingDraft(
                match.slug, date, f"{date.isoformat()}-{match.slug}", f"imported from {path.name}"
            )
            if match.how == "close":
                notes.append(
                    ReviewNote(
                        f"'{committee_name}' was taken to be the committee '{match.name}' ({match.slug}); check",
                        span,
                    )
                )
        meeting = meetings[key]
        meeting.source += f", {what} ({span})"
        return meeting

    for part in pack.parts:
        if part.kind == "agenda":
            agenda = parse_agenda(part, people, council)
            meeting = meeting_for(agenda.committee_name, agenda.date, "agenda", agenda.span)
            if meeting:
                meeting.agenda = agenda
                meeting.new_people += _unknown(
                    [(name, group) for group, names in agenda.membership.items() for name in names],
                    [],
                    people,
                )
                agenda_meeting = last_meeting = meeting
            else:
                notes.extend(_verbatim(part))
        elif part.kind == "minutes":
            minutes = parse_minutes(part, people)
            meeting = meeting_for(minutes.committee_name, minutes.date, "minutes", minutes.span)
            if meeting:
                meeting.minutes = minutes
                meeting.new_people += _unknown_people(minutes, people)
                last_meeting = last_meeting or meeting
            else:
                notes.extend(_verbatim(part))
        else:
            documents.append((part, parse_document(part, council)))
    for part, document in documents:
        owner = agenda_meeting or last_meeting
        if owner is None:
            owner = meeting_for(document.to, document.date, "paper", document.span)
        if owner is None:
            notes.extend(_verbatim(part))
            continue
        _attach(owner, document)
        owner.new_people += _unknown(
            [
                (author.replace(", ", " (", 1) + ")" if ", " in author else author, "officers")
                for author in document.authors
            ],
            [],
            people,
        )
    for meeting in list(meetings.values()):
        for committee_name, date, quote in find_cancellations(meeting):
            match = (
                committees.match(committee_name)
                if committee_name
                else CommitteeMatch(meeting.committee, "", True, "exact")
            )
            key = (match.slug, date)
            if match.known and key not in meetings:
                meetings[key] = MeetingDraft(
                    match.slug,
                    date,
                    f"{date.isoformat()}-{match.slug}",
                    f"imported from {path.name}: {quote!r}",
                    cancelled=True,
                )
    return list(meetings.values()), notes, new_committees


def _unknown_people(minutes, people: PeopleDirectory) -> list[tuple[str, str, str]]:
    """(name as printed, its list, a close known name) for each person the archive does not know."""
    present = [name for names in minutes.attendance.values() for name in names]
    written = [(name, group) for group, names in minutes.attendance.items() for name in names]
    written += [(name, "officers") for names in minutes.officers.values() for name in names]
    written += [(d.member, "members") for d in minutes.declarations]
    written += [
        (name, "members") for item in minutes.items for vote in item.votes for name in _vote_names(vote)
    ]
    return _unknown(written, present, people)


def _unknown(
    written: list[tuple[str, str]], present: list[str], people: PeopleDirectory
) -> list[tuple[str, str, str]]:
    unknown: dict[str, tuple[str, str, str]] = {}
    for name, group in written:
        found = people.match(name, present)
        if found.person is None and bare_name(name) not in unknown:
            unknown[bare_name(name)] = (name, group, found.suggestion)
    return list(unknown.values())


def _vote_names(vote) -> list[str]:
    names = [vote.moved, vote.seconded] + [
        n for side in vote.sides.values() if isinstance(side, list) for n in side
    ]
    return [name for name in names if name]


def _attach(meeting: MeetingDraft, document) -> None:
    """A paper belongs to the agenda item it prints ('Agenda Item 4'), or whose title it matches,
    or else to the next item that introduces a paper."""
    name = f"{slugify(document.title)}.md"
    taken = {n for n, _ in meeting.documents}
    stem, count = name[:-3], 2
    while name in taken:
        name, count = f"{stem}-{count}.md", count + 1
    item_number = None
    if meeting.agenda:
        items = meeting.agenda.items
        numbers = {item.number for item in items}
        linked = {n for n, names in meeting.item_documents.items() if names}
        if document.agenda_item in numbers:
            item_number = document.agenda_item
        else:
            title = normalise_key(document.title)
            scored = sorted(
                (
                    (_title_score(title, normalise_key(item.title), document.kind), item.number)
                    for item in items
                    if item.paper and item.number not in linked
                ),
                reverse=True,
            )
            if scored and scored[0][0] >= 0.5:
                item_number = scored[0][1]
            else:
                free = [item.number for item in items if item.paper and item.number not in linked]
                item_number = free[0] if free else None
        if (
            item_number is not None
            and document.kind == "work-programme"
            and document.title == "Work Programme"
        ):
            # an untitled work programme takes the title of its agenda item
            document = dataclasses.replace(
                document, title=next(item.title for item in items if item.number == item_number)
            )
    meeting.documents.append((name, document))
    if item_number is not None:
        meeting.item_documents.setdefault(item_number, []).append(name)


def _title_score(document_title: str, item_title: str, kind: str) -> float:
    if kind == "work-programme" and "work programme" in item_title:
        return 1.0
    if item_title and (item_title in document_title or document_title in item_title):
        return 0.9
    return difflib.SequenceMatcher(None, document_title, item_title).ratio()


def _verbatim(part) -> list[ReviewNote]:
    text = "\n".join(line.text for line in part.lines).strip()
    return (
        [
            ReviewNote(
                "not placed in any meeting", SourceSpan(part.first_line, part.last_line), text, unplaced=True
            )
        ]
        if text
        else []
    )


def _stage_and_write(
    meetings: list[MeetingDraft],
    new_committees: dict[str, CommitteeMatch],
    options: ImportOptions,
    report_label: str,
) -> list[MeetingOutcome]:
    """Write each draft to a staging folder, check it with the archive's validator, then move it
    into place. Never overwrites: a meeting already in the archive is reported, not replaced."""
    config = options.config
    existing = existing_meetings(options.out)
    imports = options.out / "imports"
    imports.mkdir(parents=True, exist_ok=True)
    diagnostics_root = Diagnostics()
    known = load_committees(config.content_dir / "committees", config.root, diagnostics_root)
    if options.out.resolve() != config.content_dir.resolve():
        known |= (
            load_committees(options.out / "committees", config.root, diagnostics_root)
            if (options.out / "committees").is_dir()
            else {}
        )
    topics = {
        topic.slug: topic
        for topic in load_topics(config.content_dir / "topics.yaml", config.root, diagnostics_root)
    }
    for slug, match in new_committees.items():
        known.setdefault(
            slug, Committee(slug, match.name, match.name, "", SourcePos(f"committees/{slug}.yaml"))
        )
    outcomes = []
    for meeting in meetings:
        year = str(meeting.date.year)
        final_file = options.out / "meetings" / year / f"{meeting.folder}.md"
        outcome = MeetingOutcome(meeting, relative_label(final_file, config.root))
        outcomes.append(outcome)
        clash = existing.get((meeting.committee, meeting.date.isoformat()))
        if clash or final_file.exists() or (final_file.parent / meeting.folder).exists():
            outcome.skipped = f"not written: the archive already has this meeting ({relative_label(clash or final_file, config.root)}); nothing was changed. To compare, import into a scratch folder with --out"
            continue
        with tempfile.TemporaryDirectory(dir=imports, prefix=".staging-") as staging_text:
            staging = Path(staging_text)
            staged_file = staging / "meetings" / year / f"{meeting.folder}.md"
            write_meeting_file(staged_file, meeting_text(meeting, report_label))
            for name, document in meeting.documents:
                path = staged_file.parent / meeting.folder / name
                path.parent.mkdir(exist_ok=True)
                path.write_text(document_text(document), encoding="utf-8")
            diagnostics = Diagnostics()
            source = load_source_file(staged_file, outcome.label, diagnostics)
            if source is not None:
                read_meeting(
                    source,
                    known,
                    topics,
                    DocumentLoader(staging, options.today, topics, diagnostics),
                    config.municipal_year_start_month,
                    options.today,
                    diagnostics,
                )
            outcome.diagnostics = [d for d in diagnostics.sorted()]
            if diagnostics.errors:
                held = imports / f"{meeting.folder}.md"
                target = (
                    held if not held.exists() else imports / f"{meeting.folder}-{dt.datetime.now():%H%M%S}.md"
                )
                shutil.move(str(staged_file), target)
                if (staged_file.parent / meeting.folder).is_dir():
                    shutil.move(str(staged_file.parent / meeting.folder), imports / meeting.folder)
                outcome.held_back = relative_label(target, config.root)
                continue
            final_file.parent.mkdir(parents=True, exist_ok=True)
            if (staged_file.parent / meeting.folder).is_dir():
                os.replace(staged_file.parent / meeting.folder, final_file.parent / meeting.folder)
            os.replace(staged_file, final_file)
            outcome.written = True
            outcome.documents = [
                relative_label(final_file.parent / meeting.folder / name, config.root)
                for name, _ in meeting.documents
            ]
    for slug, match in new_committees.items():
        path = options.out / "committees" / f"{slug}.yaml"
        if not path.exists() and any(o.written and o.meeting.committee == slug for o in outcomes):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(
                f"# Written by an import: check the name and add a short_name and description.\nname: {scalar(match.name)}\n",
                encoding="utf-8",
            )
    return outcomes


__all__ = ["FileImport", "ImportOptions", "import_files"]
