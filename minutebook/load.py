"""Stage 1: read files into raw records that remember the file and line of every value."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .diagnostics import Diagnostics, SourcePos

Key = tuple[Any, ...]


@dataclass(frozen=True)
class YamlData:
    """Parsed YAML plus, for every path of keys, where its value was written."""

    label: str
    data: Any
    marks: dict[Key, tuple[int, int]] = field(default_factory=dict)
    raw: dict[Key, str] = field(default_factory=dict)
    line_offset: int = 0
    key_marks: dict[Key, tuple[int, int]] = field(default_factory=dict)

    def pos(self, *keys: Any) -> SourcePos:
        """Position of the value at `keys`, or of its nearest written ancestor."""
        path: Key = tuple(keys)
        while path not in self.marks and path:
            path = path[:-1]
        line, column = self.marks.get(path, (0, 0))
        return SourcePos(self.label, line + self.line_offset, column)

    def key_pos(self, *keys: Any) -> SourcePos:
        """Position of the key itself (for 'this field is not known'), falling back to its value."""
        if tuple(keys) in self.key_marks:
            line, column = self.key_marks[tuple(keys)]
            return SourcePos(self.label, line + self.line_offset, column)
        return self.pos(*keys)

    def raw_text(self, *keys: Any) -> str | None:
        """The scalar exactly as typed, before YAML turned `10:00` into 600 or `no` into False."""
        return self.raw.get(tuple(keys))


@dataclass(frozen=True)
class SourceFile:
    """A content file: optional YAML front matter plus a Markdown body."""

    path: Path
    label: str
    meta: YamlData
    body: str
    body_line: int
    digest: str


_HINTS = {
    "mapping values are not allowed here": "text containing ': ' must be put in quotes",
    "found character '\\t' that cannot start any token": "use spaces, not tabs, to indent",
    "could not find expected ':'": "each line of a list or mapping needs 'name: value' or '- value'; check the indentation",
    "found undefined alias": "text starting with '*' must be put in quotes",
    "expected <block end>, but found '-'": "a list item is indented differently from the ones before it",
}


def _yaml_hint(problem: str) -> str:
    for needle, hint in _HINTS.items():
        if needle in problem:
            return hint
    return "check the indentation and put text containing ':', '#' or quotes inside quotes"


# libyaml's parser is many times faster; the pure-Python one words its errors the way the hints
# above expect, so it reads again any text libyaml rejects.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _compose(text: str) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=_FAST_LOADER)
    except yaml.YAMLError:
        return yaml.compose(text, Loader=yaml.SafeLoader)


def parse_yaml(text: str, label: str, diagnostics: Diagnostics, line_offset: int = 0) -> YamlData | None:
    """Parse one YAML document, recording positions; report syntax errors and duplicate keys."""
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 + line_offset) if mark else 0
        column = (mark.column + 1) if mark else 0
        problem = exc.problem or str(exc)
        diagnostics.error(SourcePos(label, line, column), "yaml", f"the YAML could not be read: {problem}", _yaml_hint(problem))
        return None
    except yaml.reader.ReaderError as exc:
        before = text[: exc.position]
        line = before.count("\n") + 1 + line_offset
        column = exc.position - (before.rfind("\n") + 1) + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        diagnostics.error(SourcePos(label, line, column), "yaml", f"the YAML contains a control character (U+{code:04X}) it does not allow",
                          "delete it: such characters often come with text copied out of a PDF or a word processor")
        return None
    except yaml.YAMLError as exc:
        diagnostics.error(SourcePos(label), "yaml", f"the YAML could not be read: {exc}")
        return None
    marks: dict[Key, tuple[int, int]] = {}
    key_marks: dict[Key, tuple[int, int]] = {}
    raw: dict[Key, str] = {}
    constructor = yaml.SafeLoader("")
    data = _convert(node, (), marks, key_marks, raw, constructor, label, line_offset, diagnostics) if node is not None else None
    return YamlData(label, data, marks, raw, line_offset, key_marks)


def _convert(node: yaml.Node, path: Key, marks, key_marks, raw, constructor, label, line_offset, diagnostics) -> Any:
    marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                pos = SourcePos(label, key_node.start_mark.line + 1 + line_offset)
                diagnostics.error(pos, "yaml", "a mapping key must be plain text or a number")
                continue
            key = _construct_scalar(constructor, key_node)
            if key in result:
                pos = SourcePos(label, key_node.start_mark.line + 1 + line_offset)
                diagnostics.error(pos, "duplicate-key", f"'{key}' is given twice", "remove one of them")
                continue
            key_marks[path + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = _convert(value_node, path + (key,), marks, key_marks, raw, constructor, label, line_offset, diagnostics)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _convert(child, path + (index,), marks, key_marks, raw, constructor, label, line_offset, diagnostics)
            for index, child in enumerate(node.value)
        ]
    raw[path] = node.value
    return _construct_scalar(constructor, node)


def _construct_scalar(constructor: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    try:
        return constructor.construct_object(node)
    except (yaml.constructor.ConstructorError, ValueError):
        # Such as 2021-02-30, which looks like a date but is not one, an unknown !tag, or a
        # number too long to convert: the field's own check reports it as the text written.
        return node.value


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Return (front matter, body, line number where the body starts)."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return None, text, 1
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1:]), index + 2
    return "\n".join(lines[1:]), "", len(lines) + 1


def read_text(path: Path, label: str, diagnostics: Diagnostics) -> str | None:
    try:
        data = path.read_bytes()
    except OSError as exc:
        diagnostics.error(SourcePos(label), "read", f"the file could not be read: {exc.strerror}")
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        diagnostics.error(SourcePos(label, line), "encoding", "the file is not UTF-8 text", "save it as UTF-8 (in Word: Save As, Plain Text, Unicode (UTF-8))")
        return None
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def load_yaml_file(path: Path, label: str, diagnostics: Diagnostics) -> YamlData | None:
    text = read_text(path, label, diagnostics)
    if text is None:
        return None
    return parse_yaml(text, label, diagnostics)


def load_source_file(path: Path, label: str, diagnostics: Diagnostics, require_front_matter: bool = True) -> SourceFile | None:
    text = read_text(path, label, diagnostics)
    if text is None:
        return None
    return parse_source_text(text, path, label, diagnostics, require_front_matter)


def parse_source_text(text: str, path: Path, label: str, diagnostics: Diagnostics, require_front_matter: bool = True) -> SourceFile | None:
    """A content file's text (already read and normalised) -> front matter and body."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    front, body, body_line = split_front_matter(text)
    if front is None:
        if require_front_matter:
            diagnostics.error(SourcePos(label, 1), "front-matter", "the file does not start with a '---' line", "start the file with '---', the meeting's fields, then another '---' line")
            return None
        front = ""
    meta = parse_yaml(front, label, diagnostics, line_offset=1)
    if meta is None:
        return None
    return SourceFile(path, label, meta, body, body_line, digest)
