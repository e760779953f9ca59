"""Incremental builds give exactly the site a clean build gives: after adding, editing and deleting
meetings and editing the registries, the rebuilt output is compared file by file with a build of
the same content from scratch (no cache, empty output folder)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from minutebook.synth import generate
from tests.conftest import ROOT, build_site

SEED = 7


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("synthetic")
    generate(folder, 36, SEED, hold_back=2)
    return folder


@pytest.fixture
def archive(synthetic, tmp_path) -> Path:
    """A fresh copy of the synthetic archive, built once into tmp_path/site."""
    copy = tmp_path / "archive"
    shutil.copytree(synthetic, copy)
    result = build_site(copy / "site_config.yaml", tmp_path / "site")
    assert not result.failed and not result.diagnostics, [d.format() for d in result.diagnostics]
    return copy


def rebuild(archive: Path):
    result = build_site(archive / "site_config.yaml", archive.parent / "site")
    assert not result.failed, [d.format() for d in result.diagnostics]
    return result


def files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def assert_same_as_clean_build(archive: Path, tmp_path: Path) -> None:
    clean_copy, clean_site = tmp_path / "clean-archive", tmp_path / "clean-site"
    shutil.rmtree(clean_copy, ignore_errors=True)
    shutil.rmtree(clean_site, ignore_errors=True)
    shutil.copytree(archive, clean_copy, ignore=shutil.ignore_patterns(".minutebook-cache"))
    result = build_site(clean_copy / "site_config.yaml", clean_site)
    assert not result.failed
    incremental, clean = files(archive.parent / "site"), files(clean_site)
    assert sorted(incremental) == sorted(clean)
    differing = [name for name in clean if incremental[name] != clean[name]]
    assert differing == []


def meeting_files(archive: Path) -> list[Path]:
    return sorted((archive / "content" / "meetings").glob("*/*.md"))


def add_held_back(archive: Path, index: int) -> Path:
    held = archive / "held-back"
    meeting = sorted(held.glob("meetings/*/*.md"))[index]
    for path in sorted(held.rglob("*")):
        if path.is_file() and path.relative_to(held).as_posix().startswith(
            meeting.relative_to(held).with_suffix("").as_posix()
        ):
            target = archive / "content" / path.relative_to(held)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
    return archive / "content" / meeting.relative_to(held)


def test_a_rebuild_with_no_changes_renders_and_writes_nothing(archive, tmp_path):
    result = rebuild(archive)
    assert result.rendered == 0 and result.report.written == 0 and result.report.removed == 0
    assert result.report.unchanged == len(files(archive.parent / "site"))
    assert_same_as_clean_build(archive, tmp_path)


def inodes(folder: Path) -> dict[str, int]:
    return {
        path.relative_to(folder).as_posix(): path.stat().st_ino
        for path in folder.rglob("*")
        if path.is_file()
    }


def test_adding_a_meeting(archive, tmp_path):
    archived = inodes(archive.parent / "site" / "search" / "archive")
    added = add_held_back(archive, 0)
    assert added.stem.startswith("2026-")  # this year's: the search index's archive tier stays as it is
    result = rebuild(archive)
    url = "meetings/" + added.parent.name + "/" + added.stem + "/index.html"
    assert (archive.parent / "site" / url).is_file()
    # The meeting, its neighbour, committee, year, home and the people and topics it names:
    # far fewer pages than the site has; and only the meeting's committee is resolved again.
    assert 0 < result.rendered < result.pages / 2
    assert result.resolved == 1
    assert archived and inodes(archive.parent / "site" / "search" / "archive") == archived
    assert_same_as_clean_build(archive, tmp_path)


def test_editing_a_meeting(archive, tmp_path):
    meeting = meeting_files(archive)[20]
    text = meeting.read_text(encoding="utf-8")
    edited = text.replace(
        "There were no other items of business.", "The Chair thanked the clerk, who was leaving.", 1
    )
    edited = re.sub(
        r"^end: '(\d\d):", lambda m: f"end: '{int(m.group(1)) + 1:02d}:", edited, count=1, flags=re.M
    )
    assert edited != text
    meeting.write_text(edited, encoding="utf-8")
    result = rebuild(archive)
    assert 0 < result.rendered < result.pages / 2 and result.report.written >= 1
    assert result.resolved == 1
    assert (
        "The Chair thanked the clerk"
        in (
            archive.parent / "site" / "meetings" / meeting.parent.name / meeting.stem / "index.html"
        ).read_text()
    )
    assert_same_as_clean_build(archive, tmp_path)


def test_editing_who_attended_and_what_an_item_is_about(archive, tmp_path):
    meeting = meeting_files(archive)[11]
    text = meeting.read_text(encoding="utf-8")
    # Move the first member present to the apologies, and tag the first item with another topic.
    members = re.search(r"^  members:\n  - (.+)\n", text, re.M)
    text = text.replace(members.group(0), "  members:\n", 1)
    text = (
        text.replace(
            "\n  officers:\n",
            f"\n  apologies:\n  - {members.group(1).replace(' (Chair)', '')}\n  officers:\n",
            1,
        )
        if "\n  apologies:\n" not in text
        else text.replace(
            "\n  apologies:\n", f"\n  apologies:\n  - {members.group(1).replace(' (Chair)', '')}\n", 1
        )
    )
    text = re.sub(
        r"^    topics:\n    - ([a-z0-9-]+)\n",
        r"    topics:\n    - \1\n    - libraries\n",
        text,
        count=1,
        flags=re.M,
    )
    meeting.write_text(text, encoding="utf-8")
    rebuild(archive)
    assert_same_as_clean_build(archive, tmp_path)


def newest_meetings(archive: Path) -> list[Path]:
    """The newest meeting of each committee: no other meeting refers to it."""
    newest: dict[str, Path] = {}
    for meeting in meeting_files(archive):
        newest[meeting.stem[11:]] = max(
            newest.get(meeting.stem[11:], meeting), meeting, key=lambda path: path.stem
        )
    return list(newest.values())


def test_deleting_meetings(archive, tmp_path):
    for meeting in newest_meetings(archive):
        meeting.unlink()
        shutil.rmtree(meeting.with_suffix(""), ignore_errors=True)
    result = rebuild(archive)
    assert result.report.removed >= 2
    assert_same_as_clean_build(archive, tmp_path)


def test_editing_a_person_in_the_registry(archive, tmp_path):
    people = archive / "content" / "people.yaml"
    text = people.read_text(encoding="utf-8")
    renamed = re.search(r"^- name: Councillor (\w) (\w+)\n", text, re.M)
    text = text.replace(
        renamed.group(0),
        f"- name: Councillor {renamed.group(1)} {renamed.group(2)}\n  full_name: Alex {renamed.group(2)}\n",
        1,
    )
    text = text.replace("job_title: ", "job_title: Interim ", 1)
    people.write_text(text, encoding="utf-8")
    rebuild(archive)
    assert_same_as_clean_build(archive, tmp_path)


def test_editing_a_topic_and_a_committee(archive, tmp_path):
    topics = archive / "content" / "topics.yaml"
    topics.write_text(
        topics.read_text(encoding="utf-8").replace("title: ", "title: Renamed ", 1), encoding="utf-8"
    )
    committee = sorted((archive / "content" / "committees").glob("*.yaml"))[0]
    committee.write_text(
        committee.read_text(encoding="utf-8").replace("short_name: ", "short_name: The ", 1), encoding="utf-8"
    )
    rebuild(archive)
    assert_same_as_clean_build(archive, tmp_path)


def test_many_changes_at_once_then_a_template_change(archive, tmp_path):
    add_held_back(archive, 1)
    meetings = meeting_files(archive)
    removed = newest_meetings(archive)[0]
    removed.unlink()
    shutil.rmtree(removed.with_suffix(""), ignore_errors=True)
    meetings[30].write_text(
        meetings[30].read_text(encoding="utf-8").replace("considered a ", "considered a revised ", 1),
        encoding="utf-8",
    )
    rebuild(archive)
    assert_same_as_clean_build(archive, tmp_path)
    templates = archive / "templates"
    shutil.copytree(Path(__file__).resolve().parent.parent / "templates", templates)
    config = archive / "site_config.yaml"
    config.write_text(
        config.read_text(encoding="utf-8") + "paths:\n  templates: templates\n", encoding="utf-8"
    )
    footer = templates / "base.html"
    footer.write_text(
        footer.read_text(encoding="utf-8").replace(
            "Minutes are published as approved", "Minutes are published once approved"
        ),
        encoding="utf-8",
    )
    result = rebuild(archive)
    site = archive.parent / "site"
    assert result.rendered == sum(
        1 for page in site.rglob("*.html") if not page.relative_to(site).as_posix().startswith("help/")
    )
    assert_same_as_clean_build(archive, tmp_path)


def test_a_failed_rebuild_leaves_the_site_and_the_next_build_recovers(archive, tmp_path):
    before = files(archive.parent / "site")
    meeting = meeting_files(archive)[5]
    good = meeting.read_text(encoding="utf-8")
    meeting.write_text(good.replace("status: held", "status: helld", 1), encoding="utf-8")
    result = build_site(archive / "site_config.yaml", archive.parent / "site")
    assert result.failed and any(d.code == "choice" for d in result.diagnostics)
    assert files(archive.parent / "site") == before
    meeting.write_text(good.replace("considered a ", "considered an updated ", 1), encoding="utf-8")
    rebuild(archive)
    assert_same_as_clean_build(archive, tmp_path)


def test_a_hand_edited_output_file_is_put_right(archive, tmp_path):
    page = archive.parent / "site" / "committees" / "index.html"
    page.write_text("vandalised", encoding="utf-8")
    result = rebuild(archive)
    assert result.report.written >= 1
    assert_same_as_clean_build(archive, tmp_path)


@pytest.fixture(scope="module")
def small_synthetic(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("small-synthetic")
    generate(folder, 16, SEED)
    return folder


@pytest.fixture
def own_archive(small_synthetic, tmp_path) -> Path:
    """A small synthetic archive with its own templates and theme, built once into tmp_path/site."""
    copy = tmp_path / "archive"
    shutil.copytree(small_synthetic, copy)
    shutil.copytree(ROOT / "templates", copy / "templates")
    shutil.copytree(ROOT / "theme", copy / "theme")
    config = copy / "site_config.yaml"
    config.write_text(
        config.read_text(encoding="utf-8") + "paths:\n  templates: templates\n  theme: theme\n",
        encoding="utf-8",
    )
    result = build_site(config, tmp_path / "site")
    assert not result.failed and not result.diagnostics, [d.format() for d in result.diagnostics]
    return copy


def _replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _edit_meeting(archive: Path) -> None:
    meeting = next(
        path for path in meeting_files(archive) if "considered a " in path.read_text(encoding="utf-8")
    )
    _replace_once(meeting, "considered a ", "considered a revised ")


def _edit_paper(archive: Path) -> None:
    paper = sorted((archive / "content" / "meetings").glob("*/*/*.md"))[3]
    _replace_once(paper, "## 2 Recommendations", "## 2 Recommendations to the committee")


def _edit_people(archive: Path) -> None:
    _replace_once(archive / "content" / "people.yaml", "job_title: ", "job_title: Acting ")


def _edit_topics(archive: Path) -> None:
    _replace_once(archive / "content" / "topics.yaml", "description: '", "description: 'Everything on ")


def _edit_committee(archive: Path) -> None:
    committee = sorted((archive / "content" / "committees").glob("*.yaml"))[0]
    _replace_once(committee, "description: ", "description: Since 2010, ")


def _edit_config(archive: Path) -> None:
    _replace_once(archive / "site_config.yaml", "title: Council meetings archive", "title: Meetings archive")


def _edit_template(archive: Path) -> None:
    _replace_once(archive / "templates" / "meeting.html", "What was decided", "What the meeting decided")


def _edit_theme(archive: Path) -> None:
    stylesheet = archive / "theme" / "css" / "site.css"
    stylesheet.write_text(stylesheet.read_text(encoding="utf-8") + "\n.caption { letter-spacing: 0; }\n")


INPUT_CHANGES = {
    "a meeting": _edit_meeting,
    "a paper": _edit_paper,
    "people": _edit_people,
    "topics": _edit_topics,
    "a committee": _edit_committee,
    "the config": _edit_config,
    "a template": _edit_template,
    "the theme": _edit_theme,
}


@pytest.mark.parametrize("change", INPUT_CHANGES)
def test_a_rebuild_changes_exactly_the_files_a_clean_build_changes(own_archive, tmp_path, change):
    """The converse of byte-identity, per kind of input: the rebuild rewrites exactly the files
    whose bytes a clean build of the changed content differs in, and no others. A page the ledger
    wrongly kept would be missing from what it rewrote; one it wrongly remade shows up as written."""
    site = tmp_path / "site"
    before, before_inodes = files(site), inodes(site)
    INPUT_CHANGES[change](own_archive)
    result = rebuild(own_archive)
    clean_site = tmp_path / "clean-site"
    clean_copy = tmp_path / "clean-archive"
    shutil.copytree(own_archive, clean_copy, ignore=shutil.ignore_patterns(".minutebook-cache"))
    assert not build_site(clean_copy / "site_config.yaml", clean_site).failed
    clean = files(clean_site)
    should_change = {path for path in clean if before.get(path) != clean[path]}
    should_go = set(before) - set(clean)
    after_inodes = inodes(site)
    rewritten = {path for path in after_inodes if before_inodes.get(path) != after_inodes[path]}
    assert should_change, f"changing {change} should change some file"
    assert rewritten == should_change
    assert set(before) - set(after_inodes) == should_go
    assert result.report.written == len(should_change) and result.report.removed == len(should_go)
    assert files(site) == clean
