"""Documents listed under a meeting or item: Markdown papers become pages, other files are copied."""

from __future__ import annotations

import datetime as dt
import mimetypes
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..clock import Clock, embargo_field
from ..diagnostics import Diagnostics, SourcePos, relative_label
from ..fields import Fields, present
from ..load import load_source_file
from ..markup import html_to_text, render_markdown, section_ids
from ..model import Attachment, Document, DocumentRef, Topic
from ..slugs import slugify
from .registry import check_topic

DOCUMENT_KINDS = (
    "briefing-note",
    "report",
    "work-programme",
    "minutes-extract",
    "appendix",
    "presentation",
    "other",
)
DOCUMENT_FIELDS = {
    "title",
    "kind",
    "to",
    "from",
    "subject",
    "date",
    "date_text",
    "authors",
    "contact",
    "draft",
    "embargo_until",
    "private",
    "topics",
}
ATTACHMENT_TYPES = {
    ".pdf": "PDF",
    ".doc": "Word",
    ".docx": "Word",
    ".odt": "OpenDocument text",
    ".rtf": "Rich Text",
    ".xls": "Excel",
    ".xlsx": "Excel",
    ".ods": "OpenDocument spreadsheet",
    ".csv": "CSV",
    ".ppt": "PowerPoint",
    ".pptx": "PowerPoint",
    ".odp": "OpenDocument presentation",
    ".txt": "Plain text",
    ".png": "PNG image",
    ".jpg": "JPEG image",
    ".jpeg": "JPEG image",
}


@dataclass(frozen=True)
class _LoadedDocument:
    document: Document | None
    published: bool
    private: bool


@dataclass
class DocumentLoader:
    """Loads each referenced file once, however many items list it."""

    content_dir: Path
    build_date: dt.date
    topics: dict[str, Topic]
    diagnostics: Diagnostics
    _cache: dict[Path, _LoadedDocument] = field(default_factory=dict)
    used: set[Path] = field(default_factory=set)
    embargoes: bool = False  # whether any document read has an embargo date
    # Attachments are published beside the meeting page under their own names: (meeting address,
    # name as a case-insensitive disk sees it) -> the file published under it.
    _published: dict[tuple[str, str], Path] = field(default_factory=dict)
    # The build's time; without one, the start of build_date in UTC.
    clock: Clock | None = None
    # Embargoes with a time, of the documents read and of the meeting: the result changes when
    # the build passes one of them, not only when the date changes.
    moments: set[dt.datetime] = field(default_factory=set)

    def __post_init__(self) -> None:
        if self.clock is None:
            self.clock = Clock.start_of(self.build_date, dt.UTC)

    def refs(
        self,
        fields: Fields,
        key: str,
        base_dir: Path,
        meeting_url: str,
        private: bool,
        withheld: frozenset[Path] = frozenset(),
    ) -> list[DocumentRef]:
        """The documents listed under `key`. Those of a private item, and those in `withheld`
        (listed under a private item elsewhere in the meeting), are listed by title only."""
        result = []
        for index, value in fields.items(key):
            pos = fields.item_pos(key, index)
            entry = self._entry(value, pos)
            if entry is None:
                continue
            path_text, title = entry
            try:
                path = (base_dir / path_text).resolve()
                is_file = path.is_file()
            except (OSError, ValueError):  # a null byte, or a name longer than the system allows
                self.diagnostics.error(
                    pos,
                    "document-path",
                    f"'{path_text}' is not a file name",
                    "write the path of a file in the folder named after the meeting file",
                )
                continue
            if not path.is_relative_to(self.content_dir.resolve()):
                self.diagnostics.error(
                    pos,
                    "document-path",
                    f"'{path_text}' is outside the content folder",
                    "keep documents in the folder named after the meeting file, next to it",
                )
                continue
            if not is_file:
                self.diagnostics.error(
                    pos,
                    "missing-file",
                    f"the document '{path_text}' does not exist",
                    f"put the file at {relative_label(path, self.content_dir.parent)} or correct the path",
                )
                continue
            self.used.add(path)
            if path in withheld and not private:
                self.diagnostics.warning(
                    pos,
                    "withheld-document",
                    f"'{path_text}' is also listed under a private item, so it is not published here either",
                    "list it only under the private item, or take it out of the private item if it may be published",
                )
            ref = self._ref(path, title, pos, meeting_url, private or path in withheld)
            if ref is not None:
                result.append(ref)
        return result

    def _entry(self, value: Any, pos: SourcePos) -> tuple[str, str] | None:
        if isinstance(value, str) and value.strip():
            return value.strip(), ""
        if isinstance(value, dict):
            unknown = set(value) - {"path", "title"}
            if unknown:
                self.diagnostics.error(
                    pos,
                    "unknown-field",
                    f"'{sorted(map(str, unknown))[0]}' is not a field of a document entry",
                    "a document entry has 'path' and 'title'",
                )
            path = value.get("path")
            if isinstance(path, str) and path.strip():
                title = value.get("title")
                return path.strip(), str(title).strip() if title else ""
        self.diagnostics.error(
            pos,
            "document-entry",
            "a document entry should be a path, or 'path:' and 'title:'",
            "write it like '- 2020-02-13-scrutiny-board-2/briefing-note.md'",
        )
        return None

    def _ref(
        self, path: Path, title: str, pos: SourcePos, meeting_url: str, private: bool
    ) -> DocumentRef | None:
        if path.suffix.lower() == ".md":
            loaded = self._load(path)
            if loaded.document is None or not loaded.published:
                return None
            if private or loaded.private:
                return DocumentRef(title=title or loaded.document.title, withheld="exempt")
            if not self._claim(path, f"{loaded.document.slug}/", pos, meeting_url):
                return None
            return DocumentRef(title=title or loaded.document.title, document=loaded.document)
        type_label = ATTACHMENT_TYPES.get(path.suffix.lower())
        if type_label is None:
            self.diagnostics.error(
                pos,
                "document-type",
                f"'{path.name}' is not a kind of file the archive publishes",
                "publish PDF, Word, OpenDocument, Excel, CSV, PowerPoint, text or image files, or Markdown documents",
            )
            return None
        if private:
            return DocumentRef(title=title or path.name, withheld="exempt")
        if not self._claim(path, path.name, pos, meeting_url):
            return None
        attachment = Attachment(
            filename=path.name,
            title=title or path.stem.replace("-", " ").replace("_", " "),
            media_type=mimetypes.guess_type(path.name)[0] or "application/octet-stream",
            type_label=type_label,
            size=path.stat().st_size,
            source_path=path.as_posix(),
        )
        return DocumentRef(title=attachment.title, attachment=attachment)

    def _claim(self, path: Path, name: str, pos: SourcePos, meeting_url: str) -> bool:
        """Whether `path` may be published beside the meeting page as `name`: no other file is."""
        claimed = self._published.setdefault((meeting_url, name.rstrip("/").casefold()), path)
        if claimed != path:
            other = relative_label(claimed, self.content_dir.parent)
            self.diagnostics.error(
                pos,
                "document-clash",
                f"'{path.name}' here and {other} would both be published as {meeting_url}{name}",
                "rename one of the two files (and its entry in 'documents:') so each has its own name",
            )
        return claimed == path

    def _load(self, path: Path) -> _LoadedDocument:
        if path in self._cache:
            return self._cache[path]
        label = relative_label(path, self.content_dir.parent)
        source = load_source_file(path, label, self.diagnostics)
        loaded = _LoadedDocument(None, False, False)
        if source is not None:
            loaded = self._read(source)
        self._cache[path] = loaded
        return loaded

    def _read(self, source) -> _LoadedDocument:
        fields = Fields.of(source.meta, (), source.meta.data, self.diagnostics, "a document")
        if fields is None:
            return _LoadedDocument(None, False, False)
        fields.check_known(DOCUMENT_FIELDS)
        title = fields.text("title", required=True, example="Support to Young Carers")
        kind = present(fields.choice("kind", DOCUMENT_KINDS)) or "other"
        clock = self.clock
        assert clock is not None  # __post_init__ sets it
        embargo = embargo_field(fields, clock.zone)
        self.embargoes |= fields.has("embargo_until")
        if embargo is not None and embargo.moment is not None:
            self.moments.add(embargo.moment)
        published = not fields.flag("draft") and not (embargo and embargo.holds(clock))
        # Blank privacy fields withhold the document (and stop the build) rather than publish it.
        withheld = [
            fields.blank_privacy(key, "the document", hint)
            for key, hint in (
                (
                    "draft",
                    "write 'draft: true' to keep the document unpublished, or remove the line to publish it",
                ),
                (
                    "embargo_until",
                    "write the date it may be published, like 'embargo_until: 2020-02-13', or remove the line",
                ),
            )
        ]
        published = published and not any(withheld)
        private = fields.flag("private") | fields.blank_privacy(
            "private", "the document", "write 'private: true' for an exempt document, or remove the line"
        )
        if not isinstance(title, str):
            return _LoadedDocument(None, published, private)
        html = section_ids(render_markdown(source.body))
        document = Document(
            slug=document_slug(source.path.stem),
            title=title,
            kind=kind,
            to=present(fields.text("to")) or "",
            sender=present(fields.text("from")) or "",
            subject=present(fields.text("subject")) or "",
            date=present(fields.date("date")),
            date_text=present(fields.text("date_text")) or "",
            authors=tuple(text for text, _ in fields.text_list("authors")),
            contact=tuple(
                line.strip()
                for text, _ in fields.text_list("contact")
                for line in text.splitlines()
                if line.strip()
            ),
            html=html,
            text=html_to_text(html),
            source_path=source.label,
            topics=tuple(
                slug
                for slug, pos in fields.text_list("topics")
                if check_topic(slug, pos, self.topics, self.diagnostics)
            ),
        )
        return _LoadedDocument(document, published, private)


# Characters a page address may hold as they are (RFC 3986's unreserved ones).
_ADDRESS_SAFE = re.compile(r"^[A-Za-z0-9._~-]+$")


def document_slug(stem: str) -> str:
    """The address of a Markdown document's page, from its file name: kept as it is where every
    character may stand in an address (so published addresses do not move), made a slug where
    one may not ('plan #2' would end the address at '#')."""
    return (
        stem if _ADDRESS_SAFE.match(stem) and not stem.startswith(".") else slugify(stem, fallback="document")
    )
