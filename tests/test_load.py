from pathlib import Path

import pytest

from minutebook.diagnostics import Diagnostic, Diagnostics
from minutebook.load import parse_source_text, parse_yaml, split_front_matter


def test_front_matter_split_reports_where_the_body_starts():
    front, body, body_line = split_front_matter("---\na: 1\nb: 2\n---\n\n## 1. Item\n")
    assert front == "a: 1\nb: 2"
    assert body == "\n## 1. Item\n"
    assert body_line == 5


def test_no_front_matter_is_recognised():
    front, _body, line = split_front_matter("## 1. Item\n")
    assert front is None and line == 1


def test_every_value_keeps_its_line_and_raw_text():
    diagnostics = Diagnostics()
    doc = parse_yaml(
        "date: 2020-02-13\nstart: 10:00\nitems:\n  44:\n    private:\n      paragraphs: [1, 2]\n",
        "m.md",
        diagnostics,
        line_offset=1,
    )
    assert not diagnostics.items
    assert doc.pos("items", 44, "private", "paragraphs").line == 7
    assert doc.pos("start").line == 3
    # YAML 1.1 reads 10:00 as the number 600; the raw text is what the clerk typed.
    assert doc.data["start"] == 600 and doc.raw_text("start") == "10:00"
    # A path that was never written falls back to its nearest written parent.
    assert doc.pos("items", 44, "topics").line == 6


def test_duplicate_keys_are_errors_not_silently_overwritten():
    diagnostics = Diagnostics()
    parse_yaml("title: A\ntitle: B\n", "x.yaml", diagnostics)
    assert [(d.code, d.pos.line) for d in diagnostics.items] == [("duplicate-key", 2)]


def test_yaml_syntax_error_gives_line_and_a_hint():
    diagnostics = Diagnostics()
    assert parse_yaml("venue: Room 3: Council House\n", "m.md", diagnostics, line_offset=1) is None
    [error] = diagnostics.items
    assert error.code == "yaml" and error.pos.line == 2
    assert "quotes" in error.hint


def _only_error(text: str) -> Diagnostic:
    diagnostics = Diagnostics()
    assert parse_yaml(text, "x.yaml", diagnostics) is None
    [error] = diagnostics.items
    return error


def test_an_alias_bomb_is_refused_before_it_takes_the_memory():
    # 6 levels of 9 aliases stand for 9**6 (half a million) values; 9 levels, 770 bytes, for
    # 387 million, more memory than the machine has. (6, so that before the limit the test failed
    # rather than took all the memory.)
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 6)]
    error = _only_error("\n".join(levels) + "\n")
    assert (
        error.code == "yaml"
        and error.pos.line >= 1
        and "aliases" in error.message
        and "'&' and '*'" in error.hint
    )


def test_an_alias_inside_what_it_names_is_refused():
    for text in ("a: &x\n  b: *x\n", "&x [1, *x]\n"):
        error = _only_error(text)
        assert (error.code, error.pos.line) == ("yaml", 1) and "never end" in error.message


@pytest.mark.parametrize(
    "text",
    [
        "a: " + "[" * 20_000 + "]" * 20_000,  # libyaml's composer recursed into a RecursionError here...
        "a: " + "[" * 60_000 + "]" * 60_000,  # ...and crashed the process here
        "- " * 60_000 + "x\n",
        "".join("  " * n + "- \n" for n in range(2_000)),
        "a: " + "{a: " * 5_000 + "}" * 5_000,
    ],
)
def test_deep_nesting_is_refused_with_its_line(text):
    error = _only_error(text)
    assert error.code == "yaml" and error.pos.line >= 1 and "nested more than" in error.message and error.hint


def test_ordinary_aliases_and_nesting_are_still_read():
    diagnostics = Diagnostics()
    doc = parse_yaml(
        "base: &b {kind: councillor}\nothers: [*b, *b]\ndeep: " + "[" * 20 + "]" * 20 + "\n",
        "x.yaml",
        diagnostics,
    )
    assert not diagnostics.items and doc.data["others"] == [{"kind": "councillor"}] * 2


def test_a_control_character_escaped_in_yaml_is_named_where_the_escape_is():
    diagnostics = Diagnostics()
    text = (
        'title: "Land \\\\x0c"\nvenue: "Council\\x0cChamber"\nnote: "First line,\n  and the second\\a one"\n'
    )
    parse_yaml(text, "m.md", diagnostics, line_offset=1)
    assert [(d.code, d.pos.line, d.pos.column) for d in diagnostics.items] == [
        ("control-character", 3, 16),
        ("control-character", 5, 17),
    ]
    assert "U+000C FORM FEED" in diagnostics.items[0].message and "escape" in diagnostics.items[0].hint
    assert "U+0007 BELL" in diagnostics.items[1].message


def test_markdown_too_deep_in_a_body_is_refused_with_its_line():
    diagnostics = Diagnostics()
    nested = "".join("    " * n + "- x\n" for n in range(2_000))
    text = "---\ntitle: A\n---\n\nIntro.\n\n" + nested
    assert parse_source_text(text, Path("a.md"), "a.md", diagnostics) is None
    [error] = diagnostics.items
    assert (error.code, error.pos.line) == ("markdown-too-deep", 7 + 32)
