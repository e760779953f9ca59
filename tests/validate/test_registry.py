"""content/people.yaml and content/topics.yaml: every person gets an address of their own."""

from __future__ import annotations

from pathlib import Path

from minutebook.diagnostics import Diagnostics
from minutebook.validate.registry import load_people
from tests.conftest import build_site, copy_fixture


def people(tmp_path: Path, text: str) -> tuple[tuple, Diagnostics]:
    path = tmp_path / "people.yaml"
    path.write_text(text, encoding="utf-8")
    diagnostics = Diagnostics()
    return load_people(path, tmp_path, set(), diagnostics), diagnostics


def test_names_in_any_script_get_an_address_of_their_own(tmp_path):
    found, diagnostics = people(
        tmp_path,
        "- name: Ольга Петрова\n  kind: officer\n- name: 王芳\n  kind: officer\n- name: Siân Lloyd\n  kind: officer\n",
    )
    assert diagnostics.items == []
    assert sorted(p.slug for p in found) == ["olga-petrova", "si-n-lloyd", "wang-fang"]


def test_two_people_with_one_address_is_an_error_naming_both(tmp_path):
    _, diagnostics = people(
        tmp_path, "- name: Olga Petrova\n  kind: officer\n- name: Ольга Петрова\n  kind: officer\n"
    )
    [error] = diagnostics.errors
    assert error.code == "duplicate-person" and error.pos.line == 3
    assert (
        "Ольга Петрова" in error.message
        and "Olga Petrova" in error.message
        and "people/olga-petrova/" in error.message
    )


def test_a_written_slug_too_long_for_a_file_name_is_an_error(tmp_path):
    _, diagnostics = people(tmp_path, f"- name: A Person\n  kind: officer\n  slug: {'a' * 300}\n")
    assert [(d.code, d.pos.line) for d in diagnostics.errors] == [("slug", 3)]


def test_non_latin_and_very_long_names_keep_the_people_index(tmp_path):
    """An empty slug wrote the person's page over people/index.html; a 300-character one ended
    in a traceback (file name too long)."""
    config = copy_fixture("basic", tmp_path / "site")
    registry = config.parent / "content" / "people.yaml"
    long_name = "Councillor " + " ".join(["Bartholomew"] * 30)
    registry.write_text(
        registry.read_text(encoding="utf-8")
        + f"- name: Ольга Петрова\n  kind: officer\n- name: 王芳\n  kind: officer\n- name: {long_name}\n  kind: officer\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = build_site(config, out)
    assert not result.failed, [d.format() for d in result.diagnostics]
    listing = (out / "people" / "index.html").read_text(encoding="utf-8")
    assert "Ольга Петрова" in listing and "王芳" in listing and "Dana Green" in listing
    assert "<h1>Ольга Петрова" not in listing
    assert (out / "people" / "olga-petrova" / "index.html").is_file() and (
        out / "people" / "wang-fang" / "index.html"
    ).is_file()
    long_pages = [p for p in (out / "people").iterdir() if p.name.startswith("bartholomew-")]
    assert len(long_pages) == 1 and len(long_pages[0].name) <= 80
