"""Stage 2: raw files -> the model, collecting every problem rather than stopping at the first.

Meeting files are read in worker processes. Each file's reading is work keyed by its text and
everything its checks depend on (products.py), so a build handed earlier work takes an unchanged
file's result and problems as they were: exactly those of reading it again.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..clock import Clock
from ..config import SiteConfig
from ..diagnostics import Diagnostic, Diagnostics, SourcePos, relative_label
from ..load import load_source_file
from ..model import Committee, Meeting, Person, Topic, meeting_order
from ..parallel import map_chunks
from ..products import Reuse, fresh, key_of
from ..progress import Track, untracked
from .documents import DocumentLoader
from .files import content_files
from .meetings import MeetingResult, read_meeting
from .registry import load_committees, load_people, load_topics


@dataclass(frozen=True)
class ValidatedSite:
    committees: tuple[Committee, ...]
    meetings: tuple[Meeting, ...]  # published ones only, oldest first
    people: tuple[Person, ...]
    topics: tuple[Topic, ...]
    addresses: dict[str, str] = field(
        default_factory=dict
    )  # every meeting's address, drafts included -> the file that claims it
    # Meeting address -> a digest of everything the meeting was read from (its file, its
    # documents, this code): equal digests mean equal meetings.
    versions: dict[str, str] = field(default_factory=dict)
    # Every embargo with a time that decided what was read: the site changes when the clock
    # passes one, even on the same date.
    moments: frozenset[dt.datetime] = frozenset()


@dataclass(frozen=True)
class _ReadContext:
    """What reading a meeting file needs besides the file; the same for every file of a build."""

    content_dir: Path
    site_root: Path
    committees: dict[str, Committee]
    topics: dict[str, Topic]
    start_month: int
    build_date: dt.date
    clock: Clock


@dataclass(frozen=True)
class ParsedFile:
    """One meeting file read and checked: its result, the problems found, the documents it read."""

    result: MeetingResult | None
    diagnostics: tuple[Diagnostic, ...]
    documents: tuple[str, ...]
    date_sensitive: bool  # it or a document has an embargo, so the result depends on the build date
    moments: tuple[dt.datetime, ...] = ()  # embargoes with a time: the result depends on the build's time too


@dataclass(frozen=True)
class _ReadingWork:
    """A meeting file's reading, with what it depends on beyond the file's own text (its key)."""

    parsed: ParsedFile
    documents: tuple[tuple[str, str], ...]  # (path, digest) of each document when it was read
    build_date: dt.date
    now: dt.datetime | None = None


def passed(moments, now: dt.datetime) -> tuple[bool, ...]:
    """Which of these embargo times `now` is past: equal patterns mean equal results."""
    return tuple(moment <= now for moment in sorted(moments))


def _read_files(context: _ReadContext, paths: Sequence[Path]) -> list[ParsedFile]:
    parsed = []
    for path in paths:
        diagnostics = Diagnostics()
        documents = DocumentLoader(
            context.content_dir, context.build_date, context.topics, diagnostics, clock=context.clock
        )
        source = load_source_file(path, relative_label(path, context.site_root), diagnostics)
        result = None
        if source is not None:
            result = read_meeting(
                source,
                context.committees,
                context.topics,
                documents,
                context.start_month,
                context.build_date,
                diagnostics,
                context.clock,
            )
        embargo = documents.embargoes or (
            source is not None and isinstance(source.meta.data, dict) and "embargo_until" in source.meta.data
        )
        parsed.append(
            ParsedFile(
                result,
                tuple(diagnostics.items),
                tuple(sorted(p.as_posix() for p in documents.used)),
                embargo,
                tuple(sorted(documents.moments)),
            )
        )
    return parsed


def _still_good(work: _ReadingWork, reuse: Reuse, clock: Clock) -> bool:
    """Whether a file read earlier reads the same now: the documents it read are unchanged, and
    the build's date and time are past the same embargoes."""
    if work.parsed.date_sensitive and work.build_date != clock.today:
        return False
    if work.parsed.moments and (
        work.now is None or passed(work.parsed.moments, work.now) != passed(work.parsed.moments, clock.now)
    ):
        return False
    try:
        return all(reuse.digest(path) == digest for path, digest in work.documents)
    except OSError:
        return False


def _with_committee(parsed: ParsedFile, committees: dict[str, Committee]) -> ParsedFile:
    """The committee's name or description may have changed since the file was read; its slug,
    which is in the key, has not."""
    result = parsed.result
    if result is None or result.meeting is None:
        return parsed
    committee = committees[result.meeting.committee.slug]
    if result.meeting.committee == committee:
        return parsed  # as it almost always is: rebuilding the meeting would only copy it
    meeting = dataclasses.replace(result.meeting, committee=committee)
    return dataclasses.replace(parsed, result=dataclasses.replace(result, meeting=meeting))


def validate_site(
    config: SiteConfig,
    build_date: dt.date,
    diagnostics: Diagnostics,
    track: Track = untracked,
    reuse: Reuse = fresh,
    clock: Clock | None = None,
) -> ValidatedSite:
    """`clock` is the build's date and time in the council's time zone; without one, the build
    runs at the start of `build_date` there. `reuse` may hold files read by an earlier build."""
    clock = clock or Clock.start_of(build_date, config.zone)
    site_root = config.content_dir.parent
    files = content_files(config.content_dir, site_root)
    committees = load_committees(config.content_dir / "committees", site_root, diagnostics, files.committees)
    people_file, topics_file = config.content_dir / "people.yaml", config.content_dir / "topics.yaml"
    people = (
        load_people(people_file, site_root, set(committees), diagnostics)
        if files.readable(people_file)
        else ()
    )
    topics = load_topics(topics_file, site_root, diagnostics) if files.readable(topics_file) else ()
    topics_by_slug = {topic.slug: topic for topic in topics}
    context = _ReadContext(
        config.content_dir,
        site_root,
        committees,
        topics_by_slug,
        config.municipal_year_start_month,
        build_date,
        clock,
    )
    # A meeting's checks depend on which committees and topics exist, not on what they say.
    depends = key_of(sorted(committees), sorted(topics_by_slug), config.municipal_year_start_month)
    paths = files.meetings
    keys = [key_of("meeting file", depends, path.as_posix(), reuse.digest(path)) for path in paths]

    def read(places: Sequence[int]) -> Iterator[_ReadingWork]:
        unread = [paths[place] for place in places]
        chunks = map_chunks(_read_files, context, unread, chunk_size=32)
        for entry in track((entry for chunk in chunks for entry in chunk), "check meetings", len(unread)):
            documents = tuple((document, reuse.digest(document)) for document in entry.documents)
            yield _ReadingWork(entry, documents, build_date, clock.now)

    readings = reuse.each(keys, read, lambda work: _still_good(work, reuse, clock))
    parsed = {
        path: _with_committee(work.parsed, committees) for path, work in zip(paths, readings, strict=True)
    }

    meetings: list[Meeting] = []
    versions: dict[str, str] = {}
    claimed: dict[str, str] = {}
    used: set[str] = set()
    moments: set[dt.datetime] = set()
    for path, key in zip(paths, keys, strict=True):
        entry = parsed[path]
        moments.update(entry.moments)
        diagnostics.extend(entry.diagnostics)
        used.update(entry.documents)
        result = entry.result
        if result is None or result.meeting is None:
            continue
        url = result.meeting.url
        if url in claimed:
            diagnostics.error(
                result.date_pos or SourcePos(result.meeting.source_label),
                "url-clash",
                f"this meeting and {claimed[url]} would both be published at {url}",
                "two meetings of one committee on one day need a 'permalink:' on one of them",
            )
            continue
        claimed[url] = result.meeting.source_label
        if result.published:
            meetings.append(result.meeting)
            # A document's embargo may lift during the day: which have, is part of what the meeting shows.
            versions[url] = key_of(
                key,
                [(document, reuse.digest(document)) for document in entry.documents],
                passed(entry.moments, clock.now),
            )
    files.report(used, diagnostics)
    meetings.sort(key=meeting_order)
    return ValidatedSite(
        tuple(sorted(committees.values(), key=lambda c: c.name)),
        tuple(meetings),
        people,
        topics,
        claimed,
        versions,
        frozenset(moments),
    )


def meeting_files(content_dir: Path) -> list[Path]:
    """Meeting files sit directly in a year folder: content/meetings/<year>/<name>.md."""
    return content_files(content_dir, content_dir.parent).meetings
