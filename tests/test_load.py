from minutebook.diagnostics import Diagnostics
from minutebook.load import parse_yaml, split_front_matter


def test_front_matter_split_reports_where_the_body_starts():
    front, body, body_line = split_front_matter("---\na: 1\nb: 2\n---\n\n## 1. Item\n")
    assert front == "a: 1\nb: 2"
    assert body == "\n## 1. Item\n"
    assert body_line == 5


def test_no_front_matter_is_recognised():
    front, body, line = split_front_matter("## 1. Item\n")
    assert front is None and line == 1


def test_every_value_keeps_its_line_and_raw_text():
    diagnostics = Diagnostics()
    doc = parse_yaml("date: 2020-02-13\nstart: 10:00\nitems:\n  44:\n    private:\n      paragraphs: [1, 2]\n", "m.md", diagnostics, line_offset=1)
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
