"""Stage 2: raw files -> the model, collecting every problem rather than stopping at the first."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..config import SiteConfig
from ..diagnostics import Diagnostics, SourcePos, relative_label
from ..load import load_source_file, load_yaml_file
from ..fields import Fields, present
from ..model import Committee, Meeting, Person, Topic
from ..progress import Track, untracked
from .documents import DocumentLoader
from .meetings import read_meeting
from .registry import load_people, load_topics

COMMITTEE_FIELDS = {"name", "short_name", "description"}


@dataclass(frozen=True)
class ValidatedSite:
    committees: tuple[Committee, ...]
    meetings: tuple[Meeting, ...]  # published ones only, oldest first
    people: tuple[Person, ...]
    topics: tuple[Topic, ...]
    addresses: dict[str, str]  # every meeting's address, drafts included -> the file that claims it


def validate_site(config: SiteConfig, build_date: dt.date, diagnostics: Diagnostics, track: Track = untracked) -> ValidatedSite:
    site_root = config.content_dir.parent
    committees = _committees(config.content_dir / "committees", site_root, diagnostics)
    people = load_people(config.content_dir / "people.yaml", site_root, set(committees), diagnostics)
    topics = load_topics(config.content_dir / "topics.yaml", site_root, diagnostics)
    topics_by_slug = {topic.slug: topic for topic in topics}
    documents = DocumentLoader(config.content_dir, build_date, topics_by_slug, diagnostics)
    meetings: list[Meeting] = []
    claimed: dict[str, str] = {}
    paths = meeting_files(config.content_dir)
    for path in track(paths, "check meetings", len(paths)):
        label = relative_label(path, site_root)
        source = load_source_file(path, label, diagnostics)
        if source is None:
            continue
        result = read_meeting(source, committees, topics_by_slug, documents, config.municipal_year_start_month, build_date, diagnostics)
        if result.meeting is None:
            continue
        url = result.meeting.url
        if url in claimed:
            diagnostics.error(source.meta.pos("date"), "url-clash", f"this meeting and {claimed[url]} would both be published at {url}", "two meetings of one committee on one day need a 'permalink:' on one of them")
            continue
        claimed[url] = label
        if result.published:
            meetings.append(result.meeting)
    _report_unused_documents(config.content_dir, documents.used, site_root, diagnostics)
    meetings.sort(key=meeting_order)
    return ValidatedSite(tuple(sorted(committees.values(), key=lambda c: c.name)), tuple(meetings), people, topics, claimed)


def meeting_order(meeting: Meeting) -> tuple:
    """The archive's order of meetings: by date and time, then committee."""
    return (meeting.date, meeting.start or dt.time.min, meeting.committee.slug, meeting.url)


def meeting_files(content_dir: Path) -> list[Path]:
    """Meeting files sit directly in a year folder: content/meetings/<year>/<name>.md."""
    meetings_dir = content_dir / "meetings"
    if not meetings_dir.is_dir():
        return []
    return sorted(path for path in meetings_dir.glob("*/*.md") if path.is_file())


def _committees(folder: Path, site_root: Path, diagnostics: Diagnostics) -> dict[str, Committee]:
    committees: dict[str, Committee] = {}
    if not folder.is_dir():
        diagnostics.error(SourcePos(relative_label(folder, site_root)), "missing-folder", "there is no committees folder", "create content/committees/ with one YAML file per committee")
        return committees
    for path in sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml")):
        label = relative_label(path, site_root)
        slug = path.stem
        doc = load_yaml_file(path, label, diagnostics)
        if doc is None:
            continue
        fields = Fields.of(doc, (), doc.data, diagnostics, "a committee file")
        if fields is None:
            continue
        fields.check_known(COMMITTEE_FIELDS)
        if not slug.replace("-", "").isalnum() or slug != slug.lower():
            diagnostics.error(SourcePos(label), "slug", f"the file name '{path.name}' is not a valid committee slug", "rename it with lower-case letters, digits and hyphens, like scrutiny-board-2.yaml")
            continue
        name = fields.text("name", required=True, example="Education and Children's Services Scrutiny Board (2)")
        if not isinstance(name, str):
            continue
        committees[slug] = Committee(
            slug=slug,
            name=name,
            short_name=present(fields.text("short_name")) or name,
            description=present(fields.text("description")) or "",
            pos=SourcePos(label, 1),
        )
    return committees


def _report_unused_documents(content_dir: Path, used: set[Path], site_root: Path, diagnostics: Diagnostics) -> None:
    meetings_dir = content_dir / "meetings"
    if not meetings_dir.is_dir():
        return
    for path in sorted(meetings_dir.glob("*/*/**/*")):
        if path.is_file() and path.resolve() not in used and not path.name.startswith("."):
            diagnostics.warning(SourcePos(relative_label(path, site_root)), "unused-document", "no meeting lists this document, so it is not published", "add it to a 'documents:' list of the meeting or an item")
