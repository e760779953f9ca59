"""A synthetic archive for measuring the build at scale: `build.py synth --meetings N --out DIR`.

Deterministic for a given seed. The council, its committees, people and topics are invented; the
prose is sentences from the real minutes and papers (content/ and the seed documents); the
structure follows the real meetings: agendas with membership, attendance with substitutes and
apologies, declarations, minutes that approve the last meeting's, references between minutes,
resolutions that become tracked actions, private items, drafts, papers with tables.

At 10,000 meetings there are 30 committees, 20 municipal years, 400 people and 200 topics;
smaller archives scale these down so each committee still meets several times a year.
"""

from __future__ import annotations

import math
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..config import PROJECT_ROOT
from ..contentformat import meeting_file_text
from .corpus import harvest
from .meetings import MeetingFile, MeetingWriter, schedule
from .registry import make_council, registry_documents

PLACE = "Westbury"
START_MONTH = 5
LAST_YEAR = 2025  # the newest municipal year, 2025/26, is over before the build date of the tests


@dataclass(frozen=True)
class SynthSummary:
    meetings: int
    published: int
    committees: int
    years: int
    people: int
    topics: int
    content_bytes: int


def dimensions(meetings: int) -> tuple[int, int, int, int]:
    """(committees, municipal years, people, topics) for an archive of `meetings` meetings."""
    committees = max(2, min(30, round(math.sqrt(meetings / 11))))
    years = max(2, min(20, meetings // (committees * 16)))
    people = max(40, min(400, committees * 13 + 10))
    topics = max(20, min(200, committees * 7))
    return committees, years, people, topics


class _Dumper(yaml.SafeDumper):
    """Writes YAML as a clerk would: block lists, no anchors for repeated values."""

    def ignore_aliases(self, data) -> bool:
        return True


def _dump(data) -> str:
    return yaml.dump(
        data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=4096, default_flow_style=False
    )


def generate(out: Path, meetings: int, seed: int = 1, hold_back: int = 0) -> SynthSummary:
    """Write DIR/site_config.yaml and DIR/content/ (replacing any content/ already there).

    With `hold_back`, that many of the meetings (each the newest of its committee) are written
    to DIR/held-back/ instead, at the same paths: moving one into content/ adds a meeting.
    """
    if PROJECT_ROOT is None:
        # Its prose is the checkout's own minutes and seed documents (tests/fixtures/seeds/), and
        # its site_config.yaml borrows the checkout's templates, theme and handbook.
        raise ValueError(
            "synth runs from the project's source checkout (build.py synth), not an installed package"
        )
    rng = random.Random(seed)
    committee_count, year_count, people_count, topic_count = dimensions(meetings)
    if hold_back > committee_count:
        raise ValueError(f"at most {committee_count} meetings can be held back, one a committee")
    years = list(range(LAST_YEAR - year_count + 1, LAST_YEAR + 1))
    corpus = harvest(PROJECT_ROOT, PLACE)
    council = make_council(rng, committee_count, years, people_count, topic_count, PLACE)

    content = out / "content"
    for folder in (content, out / "held-back"):
        if folder.exists():
            shutil.rmtree(folder)
    (content / "committees").mkdir(parents=True)
    people, topics, committees = registry_documents(council)
    written = 0

    def write(relative: str, text: str, folder: str = "content") -> None:
        nonlocal written
        path = out / folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written += len(text.encode("utf-8"))

    write("people.yaml", "# Everyone the synthetic minutes name.\n" + _dump(people))
    write("topics.yaml", "# Topics of the synthetic archive.\n" + _dump(topics))
    for slug, committee_document in committees.items():
        write(f"committees/{slug}.yaml", _dump(committee_document))

    writer = MeetingWriter(rng, council, corpus)
    planned = schedule(rng, council, meetings + hold_back, START_MONTH)
    files = []
    for index, (committee, year, date) in enumerate(planned):
        last = index + 1 == len(planned) or planned[index + 1][0] is not committee
        files.append((writer.meeting(committee, year, date, last), last))
    # The newest published meeting of a committee is referred to by no other published one, so the
    # archive is complete without it: held back, it is the meeting a benchmark or test adds.
    newest: dict[str, MeetingFile] = {}
    for meeting, _ in files:
        if meeting.front.get("status") == "held" and not meeting.front.get("draft"):
            newest[meeting.front["committee"]] = meeting
    held = {id(meeting) for meeting in list(newest.values())[:hold_back]}
    published = 0
    for meeting, _ in files:
        target = "held-back" if id(meeting) in held else "content"
        write(meeting.path, meeting_file_text(_dump(meeting.front), meeting.body), target)
        for path, text in meeting.documents:
            write(path, text, target)
        published += not meeting.front.get("draft") and id(meeting) not in held

    (out / "site_config.yaml").write_text(
        "# A synthetic archive made by `build.py synth`; it uses the project's templates and theme.\n"
        + _dump(
            {
                "council": {"name": f"{PLACE} City Council", "short_name": PLACE},
                "site": {
                    "title": "Council meetings archive",
                    "base_url": "https://minutes.example.org/",
                    "municipal_year_start_month": START_MONTH,
                },
            }
        ),
        encoding="utf-8",
    )
    return SynthSummary(
        len(planned) - len(held),
        published,
        committee_count,
        year_count,
        len(council.people),
        len(council.topics),
        written,
    )
