"""build.py import: other councils' styles, Word and PDF files, drafts kept out of the site, and
an import that never overwrites or drops anything."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from minutebook.cli import main
from minutebook.diagnostics import Diagnostics
from minutebook.model import AttendanceRole, VoteResult
from tests.conftest import FIXTURES, ROOT, build_site, copy_fixture
from tests.support.import_measure import load_meetings

STYLES = FIXTURES / "import"


def import_into(site: Path, *files: Path, expect: int = 0) -> str:
    """Run `build.py import` into the fixture site at `site`; return what it printed."""
    code = main(["import", *map(str, files), "--config", str(site / "site_config.yaml")])
    assert code == expect
    return "\n".join(
        p.read_text(encoding="utf-8") for p in sorted((site / "content" / "imports").glob("*-report.md"))
    )


def drafts(site: Path) -> dict:
    diagnostics = Diagnostics()
    meetings = load_meetings(site / "content", site / "content" / "committees", diagnostics)
    assert diagnostics.errors == []
    return meetings


@pytest.fixture
def site(tmp_path) -> Path:
    copy_fixture("basic", tmp_path / "site")
    return tmp_path / "site"


def test_borough_style_numbering_votes_declarations_and_private_items(site):
    import_into(site, STYLES / "borough-planning-minutes.txt")
    meeting = drafts(site)["meetings/2023/2023-03-14-planning/"]
    assert meeting.venue == "Council Chamber, Town Hall"
    assert (meeting.start.strftime("%H:%M"), meeting.end.strftime("%H:%M")) == ("19:00", "20:45")
    assert [(item.number, item.title) for item in meeting.items][:3] == [
        (45, "Apologies for Absence"),
        (46, "Declarations of Interest"),
        (47, "Minutes"),
    ]
    assert [item.number for item in meeting.items] == [45, 46, 47, 48, 49, 50]
    people = {(a.role, a.person.written) for a in meeting.attendance}
    assert (AttendanceRole.MEMBER, "Councillor B Jones (Vice-Chair)") in people
    assert (AttendanceRole.MEMBER, "Councillor E Green") in people
    assert (AttendanceRole.OTHER_MEMBER, "Councillor F Black") in people
    assert (AttendanceRole.OFFICER, "J Bloggs (Head of Planning)") in people
    # "Apologies for absence were received from Councillors G Grey and H Brown." inside minute 45
    assert [a.person.written for a in meeting.attendees(AttendanceRole.APOLOGIES)] == [
        "Councillor G Grey",
        "Councillor H Brown",
    ]
    [declaration] = meeting.declarations
    assert (declaration.member.name, declaration.items, declaration.nature, declaration.withdrew) == (
        "Councillor C Brown",
        (48,),
        "Disclosable pecuniary interest",
        True,
    )
    items = {item.number: item for item in meeting.items}
    assert items[50].private.paragraphs == (3,)
    [motion] = items[48].votes
    assert motion.motion == "That the application be refused on the grounds of overdevelopment."
    assert (motion.mover.name, motion.seconder.name, motion.result) == (
        "Councillor B Jones",
        "Councillor D White",
        VoteResult.CARRIED,
    )
    assert [(s.label, s.count, [n.name for n in s.names]) for s in motion.sides] == [
        ("For", 3, ["Councillor B Jones", "Councillor D White", "Councillor E Green"]),
        ("Against", 1, ["Councillor A Smith"]),
        ("Abstained", 0, []),
    ]
    [amendment] = items[50].votes
    assert (amendment.kind, amendment.motion, amendment.result) == (
        "amendment",
        "That the disposal be deferred.",
        VoteResult.LOST,
    )
    assert [(s.label, s.count) for s in amendment.sides] == [("For", 1), ("Against", 3)]
    assert (
        items[48].resolutions[0].text
        == "RESOLVED that planning permission be refused on the grounds of overdevelopment."
    )


def test_district_style_counts_after_the_names_and_chairman_titles(site):
    import_into(site, STYLES / "district-planning-minutes.txt")
    meeting = drafts(site)["meetings/2024/2024-06-04-planning/"]
    assert meeting.venue == "Council Chamber, Civic Centre, Westbury"
    assert (meeting.start.strftime("%H:%M"), meeting.end.strftime("%H:%M")) == ("18:30", "20:05")
    assert [a.person.written for a in meeting.attendees(AttendanceRole.MEMBER)][:3] == [
        "Councillor R Ahmed (Chairman)",
        "Councillor T Baker",
        "Councillor S Clarke (Vice-Chairman)",
    ]
    [declaration] = meeting.declarations
    assert (declaration.member.name, declaration.items, declaration.withdrew) == (
        "Councillor P Dunn",
        (4,),
        True,
    )
    [vote] = {item.number: item for item in meeting.items}[4].votes
    assert (vote.mover.name, vote.seconder.name) == ("Councillor T Baker", "Councillor S Clarke")
    assert [(s.label, s.count, [n.name for n in s.names]) for s in vote.sides] == [
        ("For", 3, ["Councillor T Baker", "Councillor S Clarke", "Councillor M Evans"]),
        ("Against", 1, ["Councillor R Ahmed"]),
        ("Abstained", 0, []),
    ]


def test_parish_style_proposed_seconded_and_mixed_case_resolved(site):
    report = import_into(site, STYLES / "parish-council-minutes.md")
    meeting = drafts(site)["meetings/2023/2023-06-05-little-hampton-parish-council/"]
    assert meeting.committee.name == "Little Hampton Parish Council"
    assert (site / "content/committees/little-hampton-parish-council.yaml").is_file()
    assert "is not a committee of the archive yet" in report
    assert meeting.venue == "Village Hall, Church Street"
    assert [item.number for item in meeting.items] == [88, 89, 90]
    assert [a.person.written for a in meeting.attendees(AttendanceRole.MEMBER)] == [
        "Cllr P Adams (Chairman)",
        "Cllr R Baker",
        "Cllr S Clarke",
        "Cllr T Davies",
    ]
    assert [a.person.written for a in meeting.attendees(AttendanceRole.APOLOGIES)] == ["Cllr U Evans"]
    [vote] = meeting.items[1].votes
    assert vote.motion.startswith("That a memorial bench be installed")
    assert (vote.mover.name, vote.seconder.name, vote.result) == (
        "Cllr R Baker",
        "Cllr S Clarke",
        VoteResult.CARRIED,
    )
    assert [(s.label, s.count) for s in vote.sides] == [("For", 3), ("Against", 1), ("Abstained", 0)]
    # "Resolved: That ..." is a resolution, as "RESOLVED that ..." is.
    assert meeting.items[1].resolutions[0].text.startswith("Resolved: That a memorial bench")


def test_drafts_never_reach_the_site_until_the_clerk_removes_draft(site, tmp_path):
    import_into(
        site, STYLES / "borough-planning-minutes.txt", ROOT / "tests/fixtures/seeds/001_77a8e2d40ad62382.txt"
    )
    out = tmp_path / "_site"
    result = build_site(site / "site_config.yaml", out)
    assert not result.failed, [d.format() for d in result.diagnostics]
    # The handbook (help/) is the same whatever the content, and its format page's examples use the same words.
    everything = "".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in out.rglob("*")
        if p.is_file() and p.relative_to(out).parts[0] != "help"
    )
    for imported_text in (
        "Station Road",
        "overdevelopment",
        "Young Carers",
        "Task and Finish group",
        "2023-03-14",
        "2017-06-29",
    ):
        assert imported_text not in everything
    assert not list(out.glob("meetings/2023")) and not list(out.glob("meetings/2017"))
    # Reviewed: the clerk removes `draft: true`, and the meeting, its votes and its papers are published.
    for draft in (site / "content/meetings").glob("*/*.md"):
        text = draft.read_text(encoding="utf-8")
        if "draft: true" in text:
            draft.write_text(re.sub(r"(?m)^draft: true.*\n", "", text), encoding="utf-8")
    # ... and adds the people the report lists as new to the registry.
    reports = "".join(p.read_text(encoding="utf-8") for p in (site / "content/imports").glob("*-report.md"))
    new_people = "".join(re.findall(r"## People to add\n.*?```yaml\n(.*?)```", reports, re.DOTALL))
    assert (
        "- name: Councillor A Smith\n  kind: councillor" in new_people
        and "job_title: Director of Children's Services" in new_people
    )
    with (site / "content/people.yaml").open("a", encoding="utf-8") as registry:
        registry.write("\n" + new_people)
    result = build_site(site / "site_config.yaml", out)
    assert not result.failed, [d.format() for d in result.diagnostics]
    page = (out / "meetings/2023/2023-03-14-planning/index.html").read_text(encoding="utf-8")
    vote = page.split('id="minute-48-vote-1"', 1)[1].split("</div>\n</div>", 1)[0]
    assert 'href="../../../people/councillor-b-jones/"' in vote or 'href="../../../people/b-jones/"' in vote
    vote = re.sub(r"<a [^>]*>|</a>", "", vote)  # names link to the people's pages
    assert 'Motion <span class="vote__kind">(recorded vote)</span>' in vote
    assert "Moved by Councillor B Jones, seconded by Councillor D White." in vote
    assert (
        '<dt>For</dt><dd><span class="vote__count">3</span>: Councillor B Jones, Councillor D White, Councillor E Green</dd>'
        in vote
    )
    assert '<dt>Against</dt><dd><span class="vote__count">1</span>: Councillor A Smith</dd>' in vote
    assert 'tag--carried">Carried' in vote
    assert 'id="minute-50-vote-1"' in page and "Amendment" in page and 'tag--lost">Lost' in page
    assert (
        out
        / "meetings/2017/2017-07-13-education-and-childrens-services-scrutiny-board-2/support-to-young-carers/index.html"
    ).is_file()


def test_import_never_overwrites_a_meeting_in_the_archive(tmp_path):
    site = tmp_path / "archive"
    shutil.copytree(ROOT / "content", site / "content")
    shutil.copy(ROOT / "site_config.yaml", site / "site_config.yaml")
    before = {p: p.read_bytes() for p in (site / "content").rglob("*") if p.is_file()}
    report = import_into(site, ROOT / "tests/fixtures/seeds/000_11f4285363e4a5e5.txt")
    after = {
        p: p.read_bytes() for p in (site / "content").rglob("*") if p.is_file() and "imports" not in p.parts
    }
    assert after == before
    # The pack's agenda and minutes, and the two cancelled meetings its papers mention.
    assert report.count("not written: the archive already has this meeting") == 4
    for meeting in ("2020-10-15", "2020-02-13", "2020-03-19", "2020-09-24"):
        assert f"(content/meetings/2020/{meeting}-scrutiny-board-2.md)" in report


def test_every_line_of_each_seed_is_placed_or_reported(tmp_path):
    """Nothing is dropped: each line's words are in a draft, a paper, or the review report."""
    site = tmp_path / "site"
    copy_fixture("basic", site)
    seeds = sorted((ROOT / "tests/fixtures/seeds").glob("*.txt"))
    report = import_into(site, *seeds)
    written = " ".join(p.read_text(encoding="utf-8") for p in (site / "content").rglob("*.md"))
    corpus = _words(written + report)
    missing = []
    for seed in seeds:
        for number, line in enumerate(seed.read_text(encoding="utf-8").split("\n"), 1):
            words = _words(line)
            if words and not all(word in corpus for word in words):
                missing.append(f"{seed.name}:{number}: {line[:80]}")
    assert missing == []


# Words the format stores as fields rather than text: times ("10.00 am" is start: "10:00"), weekdays
# and numeric dates (date: 2019-12-17), list labels ("Co-opted Members:", "Employees (by Directorate):"),
# "Nil" private business, and the letters of lettered points (Markdown numbers them).
STRUCTURAL = re.compile(
    r"^(?:\d{1,2}\.\d{2}|am|pm|monday|tuesday|wednesday|thursday|friday|\d{1,2}\.\d{1,2}\.\d{4}|nil|directorate|co-opted|[a-z]\.|\w+-)$"
)


def _words(text: str) -> set[str]:
    text = text.translate(str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'}))
    words = {
        word.strip("'.") if not re.fullmatch(r"[a-z]\.|\d+\.\d+", word) else word
        for word in re.findall(r"[A-Za-z0-9£%'@.\-]{2,}", text.replace("**", " ").lower())
    }
    return {word for word in words if word and not STRUCTURAL.match(word)}


def test_unplaced_text_is_listed_verbatim(site, tmp_path):
    source = tmp_path / "minutes.txt"
    source.write_text(
        "Scribbled note: ring the chair about the venue\n\n"
        "Minutes of the Meeting of the Planning Committee held at 6.00 pm on Thursday, 7 September 2023\n\n"
        "Present: Councillor A Smith (Chair)\n\n"
        "1. Apologies\n\nNone.\n",
        encoding="utf-8",
    )
    report = import_into(site, source)
    assert "      Scribbled note: ring the chair about the venue" in report
    assert "## Not placed" in report


def test_unreadable_and_unsupported_files_are_errors_that_name_the_fix(site, tmp_path, capsys):
    spreadsheet = tmp_path / "minutes.xlsx"
    spreadsheet.write_bytes(b"PK")
    broken = tmp_path / "minutes.pdf"
    broken.write_bytes(b"not a pdf")
    assert main(["import", str(spreadsheet), str(broken), "--config", str(site / "site_config.yaml")]) == 1
    errors = capsys.readouterr().err
    assert (
        f"{spreadsheet}: error[import]: '.xlsx' files cannot be imported; save the minutes as PDF, Word (.docx), a web page (.html) or plain text (.txt)"
        in errors
    )
    assert f"{broken}: error[import]: the PDF could not be read" in errors
    assert main(["import", str(tmp_path / "missing.pdf"), "--config", str(site / "site_config.yaml")]) == 2


MINUTES_PARAGRAPHS = [
    ("bold", "Exampleshire Borough Council"),
    (
        "plain",
        "Minutes of the meeting of the Planning Committee held on Thursday 7 September 2023 at 6.00 pm in the Council Chamber, Town Hall",
    ),
    ("plain", "Present: Councillor A Smith (Chair), Councillors B Jones and C Brown"),
    ("plain", "Apologies for absence: Councillor D White"),
    ("bold", "12. Declarations of Interest"),
    ("plain", "Councillor Jones declared a personal interest in minute 13 as a neighbour of the site."),
    ("bold", "13. Land at Mill Lane"),
    ("plain", "The Committee considered the report of the Head of Planning. The main issues were:"),
    ("bullet", "the design of the access road"),
    ("bullet", "drainage"),
    (
        "plain",
        "It was moved by Councillor Smith and seconded by Councillor Brown that the application be approved.",
    ),
    ("plain", "For: Councillors A Smith and C Brown"),
    ("plain", "Against: Councillor B Jones"),
    ("plain", "The motion was carried."),
    ("plain", "RESOLVED that planning permission be granted subject to conditions."),
    ("plain", "The meeting closed at 7.15 pm."),
]
TABLE = [
    ["Application", "Decision"],
    ["23/0456/FUL Mill Lane", "Approved"],
    ["23/0457/HOU Station Road", "Refused"],
]


def check_round_trip(site: Path) -> None:
    meeting = drafts(site)["meetings/2023/2023-09-07-planning/"]
    assert (meeting.start.strftime("%H:%M"), meeting.end.strftime("%H:%M"), meeting.venue) == (
        "18:00",
        "19:15",
        "Council Chamber, Town Hall",
    )
    assert [a.person.written for a in meeting.attendees(AttendanceRole.MEMBER)] == [
        "Councillor A Smith (Chair)",
        "Councillor B Jones",
        "Councillor C Brown",
    ]
    assert [a.person.written for a in meeting.attendees(AttendanceRole.APOLOGIES)] == ["Councillor D White"]
    assert [(item.number, item.title) for item in meeting.items] == [
        (12, "Declarations of Interest"),
        (13, "Land at Mill Lane"),
    ]
    [declaration] = meeting.declarations
    assert (declaration.member.name, declaration.items, declaration.nature) == (
        "Councillor B Jones",
        (13,),
        "Personal interest",
    )
    item = meeting.items[1]
    assert item.resolutions[0].text == "RESOLVED that planning permission be granted subject to conditions."
    assert "<li>the design of the access road</li>" in "".join(s.html for s in item.segments)
    [vote] = item.votes
    assert (vote.mover.name, vote.seconder.name, vote.result.value) == (
        "Councillor A Smith",
        "Councillor C Brown",
        "carried",
    )
    assert [(s.label, [n.name for n in s.names]) for s in vote.sides] == [
        ("For", ["Councillor A Smith", "Councillor C Brown"]),
        ("Against", ["Councillor B Jones"]),
    ]


def test_word_document_round_trips_through_import(site, tmp_path):
    import docx

    document = docx.Document()
    for kind, text in MINUTES_PARAGRAPHS:
        if kind == "bullet":
            document.add_paragraph(text, style="List Bullet")
        else:
            document.add_paragraph().add_run(text).bold = kind == "bold"
        if text.startswith("RESOLVED"):
            table = document.add_table(rows=0, cols=2)
            for row in TABLE:
                cells = table.add_row().cells
                cells[0].text, cells[1].text = row
    path = tmp_path / "planning-2023-09-07.docx"
    document.save(str(path))
    check_imported_with_table(site, path)


def test_pdf_round_trips_through_import(site, tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for kind, text in MINUTES_PARAGRAPHS:
        pdf.set_font("Helvetica", style="B" if kind == "bold" else "", size=11)
        pdf.multi_cell(0, 6, f"- {text}" if kind == "bullet" else text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
        if text.startswith("RESOLVED"):
            with pdf.table() as table:
                for row in TABLE:
                    cells = table.row()
                    for cell in row:
                        cells.cell(cell)
            pdf.ln(3)
    path = tmp_path / "planning-2023-09-07.pdf"
    pdf.output(str(path))
    check_imported_with_table(site, path)


def check_imported_with_table(site, path):
    """The imported meeting round-trips and keeps the decisions table as a Markdown table."""
    import_into(site, path)
    check_round_trip(site)
    text = (site / "content/meetings/2023/2023-09-07-planning.md").read_text(encoding="utf-8")
    assert "| Application | Decision |\n|---|---|\n| 23/0456/FUL Mill Lane | Approved |" in text
