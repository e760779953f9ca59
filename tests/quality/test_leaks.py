"""Nothing kept private reaches the site: drafts, embargoed meetings and documents, private
documents, documents of private items and confidential notes publish nothing, in any file the
build writes (pages, copied attachments, and any index or feed added later). Items taken in
private publish only their heading, exemption grounds, text and resolution.

tests/fixtures/leaks/ plants a marker starting "zzleak" in every such field, and one starting
"zzpublic" in the published fields next to them. Markers are single lower-case words ending in a
digit, so a search index that splits, lower-cases or stems words still keeps them whole."""

from __future__ import annotations

import datetime as dt
import gzip
import re
from collections import defaultdict
from pathlib import Path

import yaml

from minutebook.load import split_front_matter
from minutebook.validate.documents import DOCUMENT_FIELDS
from minutebook.validate.meetings import MEETING_FIELDS
from tests.conftest import FIXTURES, build_site

LEAKS = FIXTURES / "leaks"
WITHHELD = re.compile(rb"zzleak[a-z0-9]*", re.IGNORECASE)
PUBLISHED = re.compile(rb"zzpublic[a-z0-9]*", re.IGNORECASE)
DRAFT_MEETING = LEAKS / "content/meetings/2026/2026-02-12-leaks.md"
EMBARGOED_MEETING = LEAKS / "content/meetings/2026/2026-03-12-leaks.md"
PUBLIC_MEETING = "meetings/2026/2026-01-15-leaks/"


def markers(pattern: re.Pattern, files: dict[str, bytes]) -> dict[str, set[str]]:
    """marker (lower case) -> the files it occurs in."""
    found: dict[str, set[str]] = defaultdict(set)
    for name, data in files.items():
        for match in pattern.finditer(data):
            found[match.group().decode("ascii").lower()].add(name)
    return dict(found)


def all_bytes(folder: Path) -> dict[str, bytes]:
    """Every file under `folder`, compressed ones (a precompressed index, say) also unpacked."""
    files = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            name = path.relative_to(folder).as_posix()
            files[name] = path.read_bytes()
            if path.suffix == ".gz":
                files[name + " (unpacked)"] = gzip.decompress(files[name])
    return files


def front_matter_keys(path: Path) -> set[str]:
    front, _, _ = split_front_matter(path.read_text(encoding="utf-8"))
    return set(yaml.safe_load(front))


def test_the_fixture_plants_a_marker_in_every_field_a_meeting_or_document_can_have():
    # A field added to the format fails this test until the fixture plants a marker in it.
    identity_and_flags = {
        "committee",
        "date",
        "start",
        "end",
        "remote",
        "status",
        "minute_series",
        "draft",
        "embargo_until",
    }
    for meeting in (DRAFT_MEETING, EMBARGOED_MEETING):
        assert MEETING_FIELDS - identity_and_flags <= front_matter_keys(meeting), meeting.name
    private_document = LEAKS / "content/meetings/2026/2026-01-15-leaks/private-document.md"
    assert DOCUMENT_FIELDS - {"title", "kind", "date", "draft", "embargo_until"} <= front_matter_keys(
        private_document
    )
    planted = markers(WITHHELD, all_bytes(LEAKS / "content"))
    assert len(planted) >= 100
    assert all(len(files) == 1 for files in planted.values()), (
        "each marker is planted once, so a leak names its field"
    )


def test_no_withheld_marker_reaches_any_output_file(leaks_site, figures):
    planted = markers(WITHHELD, all_bytes(LEAKS / "content"))
    leaked = markers(WITHHELD, all_bytes(leaks_site))
    figures["private or draft markers planted"] = len(planted)
    figures["private or draft markers leaked"] = len(leaked)
    assert leaked == {}


def test_everything_published_next_to_them_is_published(leaks_site):
    """Without this, an empty site would pass the test above."""
    planted = markers(PUBLISHED, all_bytes(LEAKS / "content"))
    published = markers(PUBLISHED, all_bytes(leaks_site))
    assert len(planted) >= 15
    assert set(planted) - set(published) == set()


# The draft and embargoed meetings' dates (and their agendas'), as pages, feeds and calendars
# write them: a person's or a topic's page that listed those meetings would show one.
WITHHELD_DATES = [
    text
    for date in (dt.date(2026, 2, 12), dt.date(2026, 3, 12), dt.date(2026, 2, 4), dt.date(2026, 3, 4))
    for text in (date.isoformat(), f"{date.day} {date:%B %Y}", f"{date:%Y%m%d}")
]


def test_drafts_and_embargoed_meetings_have_no_address_and_no_date(leaks_site):
    meetings = sorted(
        path.parent.relative_to(leaks_site).as_posix() for path in leaks_site.glob("meetings/*/*/index.html")
    )
    assert meetings == [PUBLIC_MEETING.rstrip("/")]
    files = all_bytes(leaks_site)
    assert {
        date: name for date in WITHHELD_DATES for name, data in files.items() if date.encode() in data
    } == {}


def test_a_private_items_documents_are_listed_by_title_and_never_copied(leaks_site):
    html = (leaks_site / PUBLIC_MEETING / "index.html").read_text(encoding="utf-8")
    minute = html[html.index('id="minute-5"') : html.index('id="minute-6"')]
    assert (
        'zzpublicprivateitemreporttitle1 <span class="document-list__meta">Not for publication (exempt information)</span>'
        in minute
    )
    assert "zzpublicprivateitemattachmenttitle1 <span" in minute
    assert "<a " not in minute.split("<h4>Documents</h4>", 1)[1]
    shipped = {path.name for path in (leaks_site / PUBLIC_MEETING).iterdir()}
    assert "published-report" in shipped
    assert (
        shipped
        & {
            "private-item-appendix.pdf",
            "private-agenda-figures.csv",
            "private-item-report",
            "private-document",
            "private-agenda-report",
        }
        == set()
    )


def test_a_document_of_a_private_item_stays_withheld_where_it_is_listed_again(tmp_path):
    result = build_site(LEAKS / "site_config.yaml", tmp_path / "out")
    warnings = [d.format().split("\n")[0] for d in result.diagnostics if d.code == "withheld-document"]
    assert warnings == [
        "content/meetings/2026/2026-01-15-leaks.md:24:11: warning[withheld-document]: '2026-01-15-leaks/private-item-report.md' "
        "is also listed under a private item, so it is not published here either",
    ]
