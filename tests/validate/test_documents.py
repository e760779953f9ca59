"""Documents published beside a meeting page: never two under one name, and linked correctly
whatever characters their names have."""

from __future__ import annotations

from pathlib import Path

import pytest

from minutebook.cli import main
from tests.conftest import copy_fixture
from tests.support.crawl import crawl

MEETING = "content/meetings/2021/2021-06-10-planning.md"
LISTED = "        - path: 2021-06-10-planning/objections.csv\n          title: Objections received\n"


@pytest.fixture
def site(tmp_path, monkeypatch):
    config = copy_fixture("basic", tmp_path / "site")
    monkeypatch.chdir(tmp_path / "site")
    return config


def list_documents(config: Path, files: dict[str, bytes]) -> None:
    """Put each file in the meeting's folder tree and list it under the item that lists objections.csv."""
    meeting = config.parent / MEETING
    for relative, data in files.items():
        path = meeting.parent / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    entries = "".join(f"        - '{relative}'\n" for relative in files)
    text = meeting.read_text(encoding="utf-8")
    assert LISTED in text
    meeting.write_text(text.replace(LISTED, LISTED + entries, 1), encoding="utf-8")


@pytest.mark.parametrize(
    "names",
    [
        ("2021-06-10-planning/appendix-b.pdf", "version-a/appendix-b.pdf"),
        ("2021-06-10-planning/Appendix-B.pdf", "version-a/appendix-b.pdf"),
        ("2021-06-10-planning/appendix-b.md", "version-a/appendix-b.md"),
    ],
)
def test_two_documents_with_one_name_stop_the_build(site, tmp_path, capsys, names):
    list_documents(
        site,
        {
            name: b"---\ntitle: Appendix B\n---\nText\n" if name.endswith(".md") else name.encode()
            for name in names
        },
    )
    assert main(["--config", str(site), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    second = Path(names[1])
    published = "meetings/2021/2021-06-10-planning/" + (
        f"{second.stem}/" if second.suffix == ".md" else second.name
    )
    assert (
        f"error[document-clash]: '{Path(names[1]).name}' here and content/meetings/2021/{names[0]} would both be published as {published}"
        in err
    )
    assert "hint: rename one of the two files" in err


def test_names_with_reserved_characters_are_linked_correctly(site, tmp_path):
    names = {
        "2021-06-10-planning/plan #2.pdf": b"two",
        "2021-06-10-planning/what?.pdf": b"what",
        "2021-06-10-planning/100%.pdf": b"all",
    }
    list_documents(site, names)
    out = tmp_path / "out"
    assert (
        main(["--config", str(site), "--out", str(out), "-q", "--base-url", "https://minutes.example.org/"])
        == 0
    )
    page = (out / "meetings/2021/2021-06-10-planning/index.html").read_text(encoding="utf-8")
    for href in ("plan%20%232.pdf", "what%3F.pdf", "100%25.pdf"):
        assert f'href="{href}"' in page
    for name, data in names.items():
        assert (out / "meetings/2021" / name).read_bytes() == data
    report = crawl(out, base_url="https://minutes.example.org/")
    assert report.broken == []


def test_a_markdown_document_whose_name_cannot_stand_in_an_address_gets_a_slug(site, tmp_path):
    """Its page gets an address made from its name ('plan #2.md' -> plan-2/), so links to it work;
    a name that can stand in an address keeps it (published addresses do not move)."""
    names = {
        "2021-06-10-planning/plan #2.md": b"---\ntitle: Plan two\n---\nText\n",
        "2021-06-10-planning/Was it 100%?.md": b"---\ntitle: All of it\n---\nText\n",
        "2021-06-10-planning/Site_Plan.md": b"---\ntitle: Site plan\n---\nText\n",
    }
    list_documents(site, names)
    out = tmp_path / "out"
    assert (
        main(["--config", str(site), "--out", str(out), "-q", "--base-url", "https://minutes.example.org/"])
        == 0
    )
    meeting = out / "meetings/2021/2021-06-10-planning"
    assert {path.parent.name for path in meeting.glob("*/index.html")} >= {
        "Site_Plan",
        "plan-2",
        "was-it-100",
    }
    page = (meeting / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{slug}/"' in page for slug in ("plan-2", "was-it-100", "Site_Plan"))
    assert crawl(out, base_url="https://minutes.example.org/").broken == []
