"""The synthetic archive generator: deterministic, realistic, and accepted by the build as it is."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from minutebook.cli import main
from minutebook.synth import dimensions, generate
from minutebook.synth.meetings import CONFIDENTIAL_MARK, DRAFT_MARK
from tests.conftest import build_site


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("synth")
    generate(folder, 60, seed=11)
    return folder


@pytest.fixture(scope="module")
def site(archive, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("synth-site") / "_site"
    result = build_site(archive / "site_config.yaml", out)
    assert not result.failed
    assert result.diagnostics == [], [d.format() for d in result.diagnostics]
    return out


def contents(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_the_same_seed_gives_the_same_archive_and_another_seed_another(archive, tmp_path):
    generate(tmp_path / "again", 60, seed=11)
    assert contents(tmp_path / "again" / "content") == contents(archive / "content")
    generate(tmp_path / "other", 60, seed=12)
    assert contents(tmp_path / "other" / "content") != contents(archive / "content")


def test_the_archive_has_the_size_asked_for_with_meetings_of_realistic_length(archive):
    meetings = sorted((archive / "content" / "meetings").glob("*/*.md"))
    assert len(meetings) == 60
    sizes = sorted(
        path.stat().st_size for path in meetings if "status: held" in path.read_text(encoding="utf-8")
    )
    assert 7_000 <= sizes[len(sizes) // 2] <= 15_000
    assert dimensions(10_000) == (30, 20, 400, 200)


def test_the_build_accepts_it_with_no_errors_or_warnings(site):
    assert (site / "index.html").is_file()


def test_it_has_what_real_minutes_have(archive, site):
    people = yaml.safe_load((archive / "content" / "people.yaml").read_text(encoding="utf-8"))
    assert any(person.get("aliases") for person in people)
    assert any(role["title"] == "Chair" for person in people for role in person.get("roles", []))
    assert any(
        role["title"].startswith("Cabinet Member for")
        for person in people
        for role in person.get("roles", [])
    )
    texts = [
        path.read_text(encoding="utf-8") for path in sorted((archive / "content" / "meetings").glob("*/*.md"))
    ]
    everything = "\n".join(texts)
    assert re.search(r"Further to minute \d+/\d\d", everything)
    assert re.search(r"Minute \d+ (above|below)", everything)
    assert "declarations:" in everything and "substitute for Councillor" in everything
    assert "private:" in everything and "action_updates:" in everything
    papers = list((archive / "content" / "meetings").glob("*/*/*.md"))
    assert papers and any("\n|---" in paper.read_text(encoding="utf-8") for paper in papers)
    # On the site: minutes link to earlier minutes, and say where they were referred to.
    pages = "".join(path.read_text(encoding="utf-8") for path in site.glob("meetings/*/*/index.html"))
    assert (
        "Referred to by" in pages
        and 'class="tag tag--private"' in pages
        and "Agreed as a true record" in pages
    )


def test_drafts_and_confidential_notes_never_reach_the_site(archive, site):
    drafts = [
        path
        for path in (archive / "content" / "meetings").glob("*/*.md")
        if "draft: true" in path.read_text(encoding="utf-8")
    ]
    confidential = CONFIDENTIAL_MARK in "".join(
        p.read_text(encoding="utf-8") for p in (archive / "content" / "meetings").glob("*/*.md")
    )
    assert drafts and confidential
    for draft in drafts:
        assert not (site / "meetings" / draft.parent.name / draft.stem).exists()
    for path in site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert CONFIDENTIAL_MARK.encode() not in data and DRAFT_MARK.encode() not in data, path


def test_held_back_meetings_complete_the_archive(tmp_path):
    generate(tmp_path, 30, seed=3, hold_back=2)
    held = sorted((tmp_path / "held-back" / "meetings").glob("*/*.md"))
    assert len(held) == 2 and len(list((tmp_path / "content" / "meetings").glob("*/*.md"))) == 30
    for meeting in held:
        for path in (meeting, meeting.with_suffix("")):
            if path.exists():
                path.rename(tmp_path / "content" / path.relative_to(tmp_path / "held-back"))
    result = build_site(tmp_path / "site_config.yaml", tmp_path / "_site")
    assert not result.failed and result.diagnostics == []


def test_the_synth_command(tmp_path, capsys):
    assert main(["synth", "--meetings", "12", "--out", str(tmp_path / "a"), "--seed", "5"]) == 0
    assert "wrote 12 meetings" in capsys.readouterr().out
    assert (
        main(
            ["--config", str(tmp_path / "a" / "site_config.yaml"), "--out", str(tmp_path / "site"), "--quiet"]
        )
        == 0
    )
    assert main(["synth", "--meetings", "0", "--out", str(tmp_path / "b")]) == 2
    assert main(["synth", "--meetings", "12", "--out", str(tmp_path / "c"), "--hold-back", "99"]) == 2


def test_synth_says_it_needs_the_checkout_when_the_package_is_installed(tmp_path, capsys, monkeypatch):
    # Its prose comes from the checkout's minutes and seed documents, which an install lacks.
    monkeypatch.setattr("minutebook.synth.PROJECT_ROOT", None)
    assert main(["synth", "--meetings", "12", "--out", str(tmp_path / "a")]) == 2
    assert "runs from the project's source checkout" in capsys.readouterr().err
    assert not (tmp_path / "a").exists()
