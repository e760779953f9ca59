"""Which files under content/ the build reads, and a report of every other one.

No file is silently ignored: each is read, or named with what to do about it. Editor backups and
system files (`.DS_Store`, `._name` AppleDouble files, `name.md~`, `.#name.md`, `Thumbs.db`) are
never read or published, and noted. A link (symlink) that leads out of content/ is not followed,
so nothing outside the archive can be published through one; a link within content/ is read as
the file it leads to.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Diagnostics, SourcePos, relative_label

_SYSTEM_FILES = {"thumbs.db", "ehthumbs.db", "desktop.ini", "icon\r"}
_MARKDOWN_SPELLINGS = {".markdown", ".mdown", ".mkd", ".mkdn", ".md"}
_DATED = re.compile(r"(\d{4})-\d{2}-\d{2}")


def is_stray(name: str) -> bool:
    """Hidden and system files, and the backups, swap and lock files editors leave beside a file."""
    return (
        name.startswith((".", "~$"))
        or name.endswith("~")
        or (name.startswith("#") and name.endswith("#"))
        or name.lower() in _SYSTEM_FILES
    )


@dataclass
class ContentFiles:
    """The files of content/ by role; `report` names those the build did not use."""

    content_dir: Path
    site_root: Path
    meetings: list[Path] = field(default_factory=list)  # content/meetings/<year>/<name>.md
    committees: list[Path] = field(default_factory=list)  # content/committees/<slug>.yaml
    others: list[Path] = field(default_factory=list)  # everything else: used only if a meeting lists it
    refused: set[Path] = field(default_factory=set)  # links out of content/, reported, never read
    followed_links: bool = False  # whether a link within content/ was followed
    _skipped: list[tuple[Path, str]] = field(default_factory=list)

    def readable(self, path: Path) -> bool:
        return path not in self.refused

    def report(self, used: set[str], diagnostics: Diagnostics) -> None:
        """Report stray and refused files, and every other file no meeting lists (`used` holds the
        resolved paths of the documents meetings list)."""
        for path, what in self._skipped:
            label = relative_label(path, self.site_root)
            if what == "link":
                target = os.path.realpath(path)
                diagnostics.warning(
                    SourcePos(label),
                    "outside-link",
                    f"this is a link to {target}, outside the content folder, so it is not read or published",
                    "copy the file or folder into content/ instead of linking to it",
                )
            else:
                diagnostics.note(
                    SourcePos(label),
                    "skipped-file",
                    f"skipped: a {what} like this is left by an editor or the operating system, so it is not read or published",
                    "nothing to fix; delete it if it is not needed",
                )
        # A file read through a link inside content/ is read, wherever else it is found.
        read = (
            {os.path.realpath(path) for path in self.meetings + self.committees}
            if self.followed_links
            else set()
        )
        registries = (self.content_dir / "people.yaml", self.content_dir / "topics.yaml")
        for path in self.others:
            real = os.path.realpath(path)
            if real in read or Path(real).as_posix() in used or path in registries:
                continue
            label = relative_label(path, self.site_root)
            parts = path.relative_to(self.content_dir).parts
            if parts[0] == "meetings" and len(parts) > 3:
                diagnostics.warning(
                    SourcePos(label),
                    "unused-document",
                    "no meeting lists this document, so it is not published",
                    "add it to a 'documents:' list of the meeting or an item",
                )
            else:
                diagnostics.warning(
                    SourcePos(label),
                    "unread-file",
                    "the build does not read this file, so it is not published",
                    self._hint(path, parts),
                )

    def _hint(self, path: Path, parts: tuple[str, ...]) -> str:
        meeting_like = path.suffix.lower() in _MARKDOWN_SPELLINGS
        rename = f"rename it to {path.stem}.md" if meeting_like and path.suffix != ".md" else ""
        if parts[0] == "meetings" and len(parts) == 2 and meeting_like:
            year = _DATED.match(path.name)
            move = f"move it into its year folder, content/meetings/{year.group(1) if year else '<year>'}/"
            return f"{rename} and {move[0].lower()}{move[1:]}" if rename else move
        if parts[0] == "meetings" and len(parts) == 3 and rename:
            return rename
        if parts[0] == "committees" and len(parts) == 2:
            return "a committee's file is named after its slug and ends in .yaml, like scrutiny-board-2.yaml"
        return (
            "the build reads people.yaml, topics.yaml, committees/<slug>.yaml, meetings/<year>/<meeting>.md and the documents meetings list; "
            "list this file in a meeting's 'documents:', or move it out of content/"
        )


def content_files(content_dir: Path, site_root: Path) -> ContentFiles:
    found = ContentFiles(content_dir, site_root)
    if content_dir.is_dir():
        root = os.path.realpath(content_dir)
        _walk(content_dir, (), found, Path(root), (root,))
    return found


def _walk(
    folder: Path, parts: tuple[str, ...], found: ContentFiles, root: Path, ancestors: tuple[str, ...]
) -> None:
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return  # an unreadable folder: the files in it are reported missing where they are needed
    for entry in entries:
        path, here = Path(entry.path), (*parts, entry.name)
        is_folder = entry.is_dir()
        if is_stray(entry.name):
            found._skipped.append((path, "folder" if is_folder else "file"))
            continue
        real = os.path.realpath(path) if entry.is_symlink() else ""
        if real and not Path(real).is_relative_to(root):
            found._skipped.append((path, "link"))
            found.refused.add(path)
            continue
        found.followed_links |= bool(real)
        if is_folder and real in ancestors:
            continue  # a link back up the tree would be followed for ever
        if is_folder:
            _walk(path, here, found, root, (*ancestors, real or os.path.join(ancestors[-1], entry.name)))
        elif here[0] == "meetings" and len(here) == 3 and path.suffix == ".md":
            found.meetings.append(path)
        elif here[0] == "committees" and len(here) == 2 and path.suffix in (".yaml", ".yml"):
            found.committees.append(path)
        else:
            found.others.append(path)
