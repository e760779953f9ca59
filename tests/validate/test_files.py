"""Every file under content/ is read or reported, stray editor and system files are never read or
published, and no link leads the build out of content/."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from minutebook.cli import main
from tests.conftest import copy_fixture

MEETING = "content/meetings/2021/2021-06-10-planning.md"


@pytest.fixture
def site(tmp_path, monkeypatch):
    """The basic fixture without its one warning, so --strict shows what each test adds."""
    config = copy_fixture("basic", tmp_path / "site")
    scrutiny = config.parent / "content/meetings/2022/2022-01-20-scrutiny.md"
    scrutiny.write_text(
        scrutiny.read_text(encoding="utf-8").replace("Further to minute 12 the", "The"), encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path / "site")
    assert main(["check", "--config", str(config), "--strict", "--quiet"]) == 0
    return config


def meeting_text(config: Path, date: str, marker: str) -> str:
    """A meeting of the fixture's committee, with a word that shows whether it was published."""
    return f"---\ncommittee: planning\ndate: {date}\nstatus: scheduled\nvenue: {marker}\n---\n"


def published(out: Path, marker: str) -> bool:
    return any(
        marker in path.read_text(encoding="utf-8", errors="replace")
        for path in out.rglob("*")
        if path.is_file()
    )


@pytest.mark.parametrize(
    ("relative", "hint"),
    [
        (
            "content/meetings/2021-07-01-planning.md",
            "hint: move it into its year folder, content/meetings/2021/",
        ),
        ("content/meetings/2021/2021-07-01-planning.markdown", "hint: rename it to 2021-07-01-planning.md"),
        (
            "content/meetings/2021-07-01-planning.markdown",
            "hint: rename it to 2021-07-01-planning.md and move it into its year folder, content/meetings/2021/",
        ),
        ("content/2021-07-01-planning.md", "hint: the build reads people.yaml, topics.yaml"),
    ],
)
def test_a_file_the_build_does_not_read_is_reported(site, tmp_path, capsys, relative, hint):
    (site.parent / relative).write_text(meeting_text(site, "2021-07-01", "UNREADMARKER"), encoding="utf-8")
    assert main(["check", "--config", str(site)]) == 0
    err = capsys.readouterr().err
    assert (
        f"{relative}: warning[unread-file]: the build does not read this file, so it is not published\n    {hint}"
        in err
    )
    assert main(["check", "--config", str(site), "--strict"]) == 1
    assert main(["--config", str(site), "--out", str(tmp_path / "out"), "-q"]) == 0
    assert not published(tmp_path / "out", "UNREADMARKER")


STRAY = [
    ".DS_Store",
    "._2021-06-10-planning.md",
    ".#2021-07-01-planning.md",
    "#2021-07-01-planning.md#",
    "2021-07-01-planning.md~",
    ".2021-07-01-planning.md.swp",
    "Thumbs.db",
    "desktop.ini",
    "~$notes.docx",
]


def test_editor_and_system_files_are_noted_never_read_or_published(site, tmp_path, capsys):
    year = site.parent / "content/meetings/2021"
    for name in STRAY:
        (year / name).write_text(meeting_text(site, "2021-07-01", "STRAYMARKER"), encoding="utf-8")
    (year / "._2021-06-10-planning.md").write_bytes(
        b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        \xff\xfe"
    )  # an AppleDouble file
    (year / "2021-06-10-planning" / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1\xff")
    assert main(["--config", str(site), "--out", str(tmp_path / "out"), "--strict"]) == 0
    err = capsys.readouterr().err
    for name in STRAY:
        assert (
            f"content/meetings/2021/{name}: note[skipped-file]: skipped: a file like this is left by an editor or the operating system"
            in err
        )
    assert "content/meetings/2021/2021-06-10-planning/.DS_Store: note[skipped-file]" in err
    assert "warning" not in err
    assert not published(tmp_path / "out", "STRAYMARKER")


def test_links_out_of_content_are_not_followed(site, tmp_path, capsys):
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "2023").mkdir(parents=True)
    (elsewhere / "2021-07-01-planning.md").write_text(
        meeting_text(site, "2021-07-01", "LINKEDFILEMARKER"), encoding="utf-8"
    )
    (elsewhere / "2023" / "2023-07-01-planning.md").write_text(
        meeting_text(site, "2023-07-01", "LINKEDFOLDERMARKER"), encoding="utf-8"
    )
    os.symlink(
        elsewhere / "2021-07-01-planning.md", site.parent / "content/meetings/2021/2021-07-01-planning.md"
    )
    os.symlink(elsewhere / "2023", site.parent / "content/meetings/2023")
    assert main(["--config", str(site), "--out", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    for link, target in (
        ("meetings/2021/2021-07-01-planning.md", elsewhere / "2021-07-01-planning.md"),
        ("meetings/2023", elsewhere / "2023"),
    ):
        assert (
            f"content/{link}: warning[outside-link]: this is a link to {target}, outside the content folder, so it is not read or published"
            in err
        )
    assert not published(tmp_path / "out", "LINKEDFILEMARKER") and not published(
        tmp_path / "out", "LINKEDFOLDERMARKER"
    )
    assert main(["check", "--config", str(site), "--strict"]) == 1


def test_a_link_within_content_is_read_as_its_file(site, tmp_path, capsys):
    kept = site.parent / "content/meetings/2021/kept"
    kept.mkdir()
    (kept / "2021-07-01-planning.md").write_text(
        meeting_text(site, "2021-07-01", "INSIDELINKMARKER"), encoding="utf-8"
    )
    os.symlink("kept/2021-07-01-planning.md", site.parent / "content/meetings/2021/2021-07-01-planning.md")
    os.symlink(
        "..", site.parent / "content/meetings/2021/kept/loop"
    )  # a link back up the tree is not followed for ever
    assert main(["--config", str(site), "--out", str(tmp_path / "out"), "--strict"]) == 0
    assert published(tmp_path / "out", "INSIDELINKMARKER")
