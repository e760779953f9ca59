"""Documents listed under a meeting or item: Markdown papers become pages, other files are copied."""

from __future__ import annotations

import datetime as dt
import mimetypes
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostics, SourcePos, relative_label
from ..load import load_source_file
from ..markup import html_to_text, render_markdown, section_ids
from ..model import Attachment, Document, DocumentRef, Topic
from .registry import check_topic
from ..fields import Fields, present

DOCUMENT_KINDS = ("briefing-note", "report", "work-programme", "minutes-extract", "appendix", "presentation", "other")
DOCUMENT_FIELDS = {
    "title", "kind", "to", "from", "subject", "date", "date_text", "authors", "contact", "draft", "embargo_until", "private",
    "topics",
}
ATTACHMENT_TYPES = {
    ".pdf": "PDF", ".doc": "Word", ".docx": "Word", ".odt": "OpenDocument text", ".rtf": "Rich Text",
    ".xls": "Excel", ".xlsx": "Excel", ".ods": "OpenDocument spreadsheet", ".csv": "CSV",
    ".ppt": "PowerPoint", ".pptx": "PowerPoint", ".odp": "OpenDocument presentation",
    ".txt": "Plain text", ".png": "PNG image", ".jpg": "JPEG image", ".jpeg": "JPEG image",
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

    def refs(self, fields: Fields, key: str, base_dir: Path, meeting_url: str, private: bool, withheld: frozenset[Path] = frozenset()) -> list[DocumentRef]:
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
                self.diagnostics.error(pos, "document-path", f"'{path_text}' is not a file name", "write the path of a file in the folder named after the meeting file")
                continue
            if not path.is_relative_to(self.content_dir.resolve()):
                self.diagnostics.error(pos, "document-path", f"'{path_text}' is outside the content folder", "keep documents in the folder named after the meeting file, next to it")
                continue
            if not is_file:
                self.diagnostics.error(pos, "missing-file", f"the document '{path_text}' does not exist", f"put the file at {relative_label(path, self.content_dir.parent)} or correct the path")
                continue
            self.used.add(path)
            if path in withheld and not private:
                self.diagnostics.warning(pos, "withheld-document", f"'{path_text}' is also listed under a private item, so it is not published here either", "list it only under the private item, or take it out of the private item if it may be published")
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
                self.diagnostics.error(pos, "unknown-field", f"'{sorted(map(str, unknown))[0]}' is not a field of a document entry", "a document entry has 'path' and 'title'")
            path = value.get("path")
            if isinstance(path, str) and path.strip():
                title = value.get("title")
                return path.strip(), str(title).strip() if title else ""
        self.diagnostics.error(pos, "document-entry", "a document entry should be a path, or 'path:' and 'title:'", "write it like '- 2020-02-13-scrutiny-board-2/briefing-note.md'")
        return None

    def _ref(self, path: Path, title: str, pos: SourcePos, meeting_url: str, private: bool) -> DocumentRef | None:
        if path.suffix.lower() == ".md":
            loaded = self._load(path)
            if loaded.document is None or not loaded.published:
                return None
            if private or loaded.private:
                return DocumentRef(title=title or loaded.document.title, withheld="exempt")
            return DocumentRef(title=title or loaded.document.title, document=loaded.document)
        type_label = ATTACHMENT_TYPES.get(path.suffix.lower())
        if type_label is None:
            self.diagnostics.error(pos, "document-type", f"'{path.name}' is not a kind of file the archive publishes", "publish PDF, Word, OpenDocument, Excel, CSV, PowerPoint, text or image files, or Markdown documents")
            return None
        if private:
            return DocumentRef(title=title or path.name, withheld="exempt")
        attachment = Attachment(
            filename=path.name,
            title=title or path.stem.replace("-", " ").replace("_", " "),
            media_type=mimetypes.guess_type(path.name)[0] or "application/octet-stream",
            type_label=type_label,
            size=path.stat().st_size,
            source_path=path.as_posix(),
        )
        return DocumentRef(title=attachment.title, attachment=attachment)

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
        embargo = present(fields.date("embargo_until"))
        self.embargoes |= fields.has("embargo_until")
        published = not fields.flag("draft") and not (embargo and embargo > self.build_date)
        if not isinstance(title, str):
            return _LoadedDocument(None, published, False)
        html = section_ids(render_markdown(source.body))
        document = Document(
            slug=source.path.stem,
            title=title,
            kind=kind,
            to=present(fields.text("to")) or "",
            sender=present(fields.text("from")) or "",
            subject=present(fields.text("subject")) or "",
            date=present(fields.date("date")),
            date_text=present(fields.text("date_text")) or "",
            authors=tuple(text for text, _ in fields.text_list("authors")),
            contact=tuple(line.strip() for text, _ in fields.text_list("contact") for line in text.splitlines() if line.strip()),
            html=html,
            text=html_to_text(html),
            source_path=source.label,
            topics=tuple(slug for slug, pos in fields.text_list("topics") if check_topic(slug, pos, self.topics, self.diagnostics)),
        )
        return _LoadedDocument(document, published, fields.flag("private"))
