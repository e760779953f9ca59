"""Synthetic meeting files: a schedule of meetings per committee and municipal year, and for each
one its front matter (agenda, attendance, declarations, item facts, action updates) and minutes
written in the archive's own format, with references between minutes like a clerk writes them.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from ..contentformat import with_role
from ..resolve.actions import ASKS
from .corpus import Corpus
from .registry import Committee, Council, Person, Topic

CONFIDENTIAL_MARK = "CONFIDENTIAL-SYNTH"  # text that must never reach a built site
DRAFT_MARK = "DRAFT-SYNTH"
NATURES = ("Other interest", "Disclosable pecuniary interest", "Other registrable interest")
PAPER_KINDS = ("Briefing Note", "Report")


@dataclass
class PublishedItem:
    number: int
    series: int
    title: str
    topics: list[str]


@dataclass
class CommitteeState:
    """What the clerk of one committee knows when writing the next meeting."""

    last_held: tuple[dt.date, list[PublishedItem]] | None = None
    items: list[PublishedItem] = field(default_factory=list)
    next_minute: dict[int, int] = field(default_factory=dict)
    pending_actions: list[tuple[str, str]] = field(default_factory=list)  # (action id, text)


@dataclass(frozen=True)
class MeetingFile:
    path: str  # relative to content/
    front: dict
    body: str
    documents: tuple[tuple[str, str], ...] = ()  # (path relative to content/, text)


def schedule(
    rng: random.Random, council: Council, total: int, start_month: int
) -> list[tuple[Committee, int, dt.date]]:
    """`total` meeting dates spread over every committee and municipal year, weekdays only."""
    slots = [(committee, year) for year in council.years for committee in council.committees]
    base, extra = divmod(total, len(slots))
    lucky = set(rng.sample(range(len(slots)), extra))
    meetings = []
    for index, (committee, year) in enumerate(slots):
        count = base + (1 if index in lucky else 0)
        year_start = dt.date(year, start_month, 1)
        days = [year_start + dt.timedelta(days=offset) for offset in range(365)]
        weekdays = [day for day in days if day.weekday() < 4]
        step = len(weekdays) / max(count, 1)
        for number in range(count):
            low = int(number * step)
            high = max(low, int((number + 1) * step) - 1)
            meetings.append((committee, year, weekdays[rng.randint(low, high)]))
    meetings.sort(key=lambda entry: (entry[0].slug, entry[2]))
    return meetings


class MeetingWriter:
    def __init__(self, rng: random.Random, council: Council, corpus: Corpus):
        self.rng = rng
        self.council = council
        self.corpus = corpus
        self.state: dict[str, CommitteeState] = {}

    # Text helpers -------------------------------------------------------------------------

    def sentences(self, low: int, high: int) -> str:
        return " ".join(self.rng.sample(self.corpus.sentences, self.rng.randint(low, high)))

    def entry(self) -> str:
        text = self.rng.choice(self.corpus.list_entries)
        return text[0].lower() + text[1:] if text[:2].isalpha() and not text[:2].isupper() else text

    def officer(self, committee: Committee) -> Person:
        return self.rng.choice([p for people in committee.officers.values() for p in people])

    # A meeting ----------------------------------------------------------------------------

    def meeting(self, committee: Committee, year: int, date: dt.date, last: bool) -> MeetingFile:
        state = self.state.setdefault(committee.slug, CommitteeState())
        rng = self.rng
        path = f"meetings/{date.year}/{date.isoformat()}-{committee.slug}.md"
        start = rng.choice(("10:00", "14:00", "18:00"))
        front: dict = {
            "committee": committee.slug,
            "date": date,
            "start": start,
            "venue": f"Committee Room {rng.randint(1, 4)}, Council House",
        }
        if year == 2020:
            front["remote"] = True
        if year >= 2019 and rng.random() < 0.5:
            front["webcast"] = f"https://webcasts.example.org/{committee.slug}/{date.isoformat()}"
        if rng.random() < 0.02 and not last:
            front["status"] = "cancelled"
            front["status_note"] = "There was no business to transact."
            return MeetingFile(path, front, "")
        front["status"] = "held"
        end = dt.datetime.combine(date, dt.time.fromisoformat(start)) + dt.timedelta(
            minutes=rng.randint(70, 190)
        )
        front["end"] = end.strftime("%H:%M")
        # The newest minutes of some committees are still drafts (always the first committee's,
        # so every archive has one).
        draft = last and (committee is self.council.committees[0] or rng.random() < 0.3)
        if draft:
            front["draft"] = True

        members = committee.members[year]
        chair = committee.chair[year]
        apologies = [m for m in members if m is not chair and rng.random() < 0.15]
        substitutes = self._substitutes(committee, year, apologies)
        present = [m for m in members if m not in apologies]
        co_opted = committee.co_opted[year]
        co_opted_present = [p for p in co_opted if rng.random() < 0.8]
        cabinet = []
        if rng.random() < 0.35:
            post, holder = self._portfolio(year)
            if holder not in members:
                cabinet.append((holder, post))
        guests = (
            rng.sample(self.council.guests, rng.randint(1, 2))
            if self.council.guests and rng.random() < 0.3
            else []
        )

        series = year
        first_number = state.next_minute.get(series, 1)
        documents: list[tuple[str, str]] = []
        facts: dict[int, dict] = {}
        agenda_items: list[dict] = [
            {"number": 1, "title": "Apologies and Substitutions"},
            {"number": 2, "title": "Declarations of Interests"},
        ]
        minutes: list[tuple[int, str, str]] = []  # (number, title, text)
        number = first_number
        published: list[PublishedItem] = []

        # Declarations, minutes of the last meeting, the business, any other business, private items.
        substantive = rng.randint(3, 6)
        private = rng.random() < 0.15
        declarations_number, minutes_number = number, number + 1
        exclusion_number = number + 2 if private else None
        business_start = number + (3 if private else 2)
        business_numbers = list(range(business_start, business_start + substantive))
        work_programme_number = business_numbers[-1] + 1
        aob_number = work_programme_number + 1
        private_number = aob_number + 1 if private else None
        number = (private_number or aob_number) + 1
        state.next_minute[series] = number

        declaration = None
        if rng.random() < 0.2 and present:
            declarer = rng.choice(present)
            target = rng.choice(business_numbers)
            nature = rng.choice(NATURES)
            withdrew = rng.random() < 0.5
            declaration = {
                "member": declarer.written,
                "items": [target],
                "nature": nature,
                "withdrew": withdrew,
            }
            text = f"{declarer.mention} declared an interest ({nature.lower()}) in the matter referred to in minute {target} below."
            if withdrew:
                text += " They left the meeting during consideration of the item."
        else:
            text = "There were no disclosable pecuniary interests."
        minutes.append((declarations_number, "Declarations of Interests", text))

        minutes.append((minutes_number, "Minutes", self._minutes_text(state, committee)))
        agenda_items.append(self._agenda_minutes(state))
        if exclusion_number:
            minutes.append(
                (
                    exclusion_number,
                    "Exclusion of Press and Public",
                    (
                        f"RESOLVED that {committee.body} agrees to exclude the press and public under Section 100(A)(4) of the "
                        f"Local Government Act 1972 relating to the private report in Minute {private_number} below on the grounds "
                        "that the report involves the likely disclosure of information as defined in Paragraphs 1 and 3 of Part 1 "
                        "of Schedule 12A of the Act."
                    ),
                )
            )

        updates = self._action_updates(state, minutes_number)
        agenda_number = 4
        for item_number in business_numbers:
            topic = self.council.topics[rng.choice(committee.topics)]
            topics = [topic.slug] + (
                [t for t in topic.related[:1] if t in self.council.topics] if rng.random() < 0.4 else []
            )
            author = self.officer(committee)
            paper = f"{rng.choice(PAPER_KINDS)} of the {author.job_title}"
            title = self._item_title(topic, year)
            text, asks = self._business_text(committee, state, topic, paper, item_number, present, cabinet)
            item_facts: dict = {"topics": topics}
            agenda_item = {
                "number": agenda_number,
                "title": title,
                "pages": f"{agenda_number * 4 - 1} - {agenda_number * 4 + 6}",
                "paper": paper,
                "topics": topics,
            }
            if rng.random() < 0.3:
                doc_path, doc_text = self._document(committee, topic, date, author, paper, item_number)
                documents.append((doc_path, doc_text))
                reference = doc_path.split("/", 2)[2]
                item_facts["documents"] = [reference]
                agenda_item["documents"] = [reference]
            if rng.random() < 0.02 and len(present) >= 3:
                group = rng.sample(present, 3)
                item_facts["task_groups"] = [
                    {"name": f"{topic.title} Task and Finish Group", "members": [m.written for m in group]}
                ]
            facts[item_number] = item_facts
            agenda_items.append(agenda_item)
            agenda_number += 1
            minutes.append((item_number, title, text))
            published.append(PublishedItem(item_number, series, title, topics))
            for point, point_text in asks:
                state.pending_actions.append((f"{date.isoformat()}/{item_number}{point}", point_text))

        minutes.append(
            (
                work_programme_number,
                "Work Programme",
                (
                    f"{_capital(committee.body)} noted the work programme. "
                    + self.sentences(0, 1)
                    + f"\n\nRESOLVED that the work programme be noted and updated to include {self.entry()}."
                ).replace(". \n", ".\n"),
            )
        )
        agenda_items.append(
            {
                "number": agenda_number,
                "title": "Work Programme",
                "paper": "Report of the Scrutiny Co-ordinator"
                if committee.scrutiny
                else "Report of the Director of Law and Governance",
            }
        )
        minutes.append((aob_number, "Any Other Business", "There were no other items of business."))
        agenda_items.append({"number": agenda_number + 1, "title": "Any Other Business"})
        if private_number:
            subject = self.council.topics[rng.choice(committee.topics)].title
            minutes.append(
                (
                    private_number,
                    f"{subject}: Contract Award",
                    (
                        f"Further to Minute {exclusion_number} above, {committee.body} considered a private report setting out the "
                        f"confidential matters relating to the {subject.lower()} contract.\n\nRESOLVED that the recommendations in the private report be approved."
                    ),
                )
            )
            facts[private_number] = {
                "private": {"paragraphs": [1, 3]},
                "confidential": f"{CONFIDENTIAL_MARK}: the preferred bidder's price.",
            }
            agenda_items.append(
                {"number": agenda_number + 2, "title": f"{subject}: Contract Award", "private": True}
            )

        attendance: dict = {"members": [with_role(m.written, "Chair" if m is chair else "") for m in present]}
        attendance["members"] += [
            with_role(sub.written, f"substitute for {absent.written}") for sub, absent in substitutes
        ]
        if co_opted_present:
            attendance["co_opted"] = [p.written for p in co_opted_present]
        if cabinet:
            attendance["cabinet_members"] = [with_role(holder.written, post) for holder, post in cabinet]
        if guests:
            attendance["invited"] = [
                with_role(g.written, f"{g.job_title}, {g.organisation}", dash=True) for g in guests
            ]
        attendance["officers"] = {
            directorate: [p.written for p in people if rng.random() < 0.7] or [people[0].written]
            for directorate, people in committee.officers.items()
        }
        if apologies or rng.random() < 0.1:
            attendance["apologies"] = [a.written for a in apologies] + [
                p.written for p in co_opted if p not in co_opted_present
            ]
            if not attendance["apologies"]:
                del attendance["apologies"]

        clerk = committee.officers[sorted(committee.officers)[0]][0]
        front["agenda"] = {
            "published": date - dt.timedelta(days=8),
            "issued_by": "Director of Law and Governance, Council House",
            "contact": {
                "name": clerk.name,
                "service": "Governance Services",
                "email": f"{clerk.given.lower()}.{clerk.surname.lower()}@westbury.example.gov.uk",
            },
            "membership": {"members": [with_role(m.written, "Chair" if m is chair else "") for m in members]},
            "items": agenda_items,
        }
        if co_opted:
            front["agenda"]["membership"]["co_opted"] = [p.written for p in co_opted]
        front["attendance"] = attendance
        if declaration:
            front["declarations"] = [declaration]
        front["items"] = facts
        if updates:
            front["action_updates"] = updates

        body = "\n\n".join(f"## {n}. {title}\n\n{text}" for n, title, text in minutes) + "\n"
        if draft:
            body = body.replace(
                "There were no other items of business.",
                f"There were no other items of business. ({DRAFT_MARK})",
            )
        else:
            state.last_held = (date, published)
            state.items.extend(published)
        return MeetingFile(path, front, body, tuple(documents))

    def _substitutes(
        self, committee: Committee, year: int, apologies: list[Person]
    ) -> list[tuple[Person, Person]]:
        result = []
        seated = set(id(m) for m in committee.members[year])
        for absent in apologies:
            if self.rng.random() < 0.4:
                candidates = [
                    c for c in self.council.people if c.kind == "councillor" and id(c) not in seated
                ]
                if candidates:
                    substitute = self.rng.choice(candidates)
                    seated.add(id(substitute))
                    result.append((substitute, absent))
        return result

    def _portfolio(self, year: int) -> tuple[str, Person]:
        posts = sorted({post for post, held in self.council.portfolio_holder if held == year})
        post = self.rng.choice(posts)
        return post, self.council.portfolio_holder[(post, year)]

    def _minutes_text(self, state: CommitteeState, committee: Committee) -> str:
        if state.last_held is None:
            return "There were no minutes of a previous meeting to agree."
        date, items = state.last_held
        text = f"The minutes of the meeting held on {date.day} {date:%B %Y} were agreed and signed as a true record."
        if items and self.rng.random() < 0.5:
            item = self.rng.choice(items)
            text += f"\n\nFurther to minute {item.number}/{item.series % 100:02d} ({item.title}), {self.sentences(1, 1)}"
        return text

    def _agenda_minutes(self, state: CommitteeState) -> dict:
        item = {"number": 3, "title": "Minutes", "pages": "3 - 6"}
        if state.last_held is not None:
            date = state.last_held[0]
            item["subitems"] = [
                f"To agree the minutes of the meeting held on {date.day} {date:%B %Y}",
                "Matters Arising",
            ]
        return item

    def _item_title(self, topic: Topic, year: int) -> str:
        pattern = self.rng.choice(
            ("{title}", "{title} Update", "{title}: Progress Report", "{title} {year}/{next:02d}")
        )
        return pattern.format(title=topic.title, year=year, next=(year + 1) % 100)

    def _business_text(
        self, committee, state, topic, paper, number, present, cabinet
    ) -> tuple[str, list[tuple[str, str]]]:
        """An item's minutes, and the resolution points that ask for something (which become
        tracked actions: '.2' for point 2, '' for a resolution without points)."""
        rng = self.rng
        opening = f"{_capital(committee.body)} considered a {paper.split(' of the ')[0].lower()} of the {paper.split(' of the ', 1)[1]} which provided an update on {topic.title.lower()}."
        earlier = [item for item in state.items[-60:] if topic.slug in item.topics]
        if earlier and rng.random() < 0.5:
            item = rng.choice(earlier)
            opening = (
                f"Further to minute {item.number}/{item.series % 100:02d}, "
                + opening[0].lower()
                + opening[1:]
            )
        paragraphs = [opening + " " + self.sentences(1, 3)]
        for _ in range(rng.randint(1, 2)):
            paragraphs.append(self.sentences(2, 4))
        if rng.random() < 0.5:
            entries = "\n".join(f"- {self.entry()}" for _ in range(rng.randint(3, 6)))
            paragraphs.append(
                f"{_capital(committee.body)} questioned officers on the following:\n\n{entries}"
            )
        if present and rng.random() < 0.5:
            paragraphs.append(
                f"{rng.choice(present).mention} thanked officers for the report and asked about {self.entry()}. "
                + self.sentences(1, 2)
            )
        if cabinet and rng.random() < 0.6:
            _holder, post = cabinet[0]
            paragraphs.append(f"The {post} responded to questions. " + self.sentences(1, 2))
        officer = self.officer(committee)
        if rng.random() < 0.3:
            paragraphs.append(
                f"{officer.name}, {officer.job_title}, attended the meeting for this item. "
                + self.sentences(1, 1)
            )
        if rng.random() < 0.25:
            paragraphs.append(f"(Minute {number - 1} above also refers.)")
        points = self._points(topic)
        if len(points) == 1:
            paragraphs.append(f"RESOLVED that {committee.body} {points[0]}.")
            asks = [("", points[0])] if ASKS.search(points[0]) else []
        else:
            paragraphs.append(
                f"RESOLVED that {committee.body}:\n\n"
                + "\n".join(f"{i}. {text}" for i, text in enumerate(points, start=1))
            )
            asks = [(f".{i}", text) for i, text in enumerate(points, start=1) if ASKS.search(text)]
        return "\n\n".join(paragraphs), asks

    def _points(self, topic: Topic) -> list[str]:
        rng = self.rng
        templates = [
            f"note the update on {topic.title.lower()}",
            f"request that a further report on {topic.title.lower()} be brought back to a future meeting",
            f"recommend that officers consider {self.entry()}",
            f"request that the following information be circulated to members: {self.entry()}",
            f"note the progress made and the challenges that remain for {topic.title.lower()}",
        ]
        harvested = [p[0].lower() + p[1:] for p in self.corpus.resolution_points if len(p) > 40]
        return rng.sample(templates + harvested, rng.choice((1, 2, 2, 3, 3, 4)))

    def _action_updates(self, state: CommitteeState, item_number: int) -> list[dict]:
        if not state.pending_actions or self.rng.random() > 0.3:
            return []
        chosen = self.rng.sample(
            state.pending_actions, min(len(state.pending_actions), self.rng.randint(1, 2))
        )
        updates = []
        for action_id, _ in chosen:
            status = self.rng.choice(("done", "accepted", "rejected", "pending"))
            updates.append(
                {"action": action_id, "status": status, "note": self.sentences(1, 1), "item": item_number}
            )
            if status != "pending":
                state.pending_actions.remove((action_id, _))
        return updates

    def _document(
        self, committee: Committee, topic: Topic, date: dt.date, author: Person, paper: str, item: int
    ) -> tuple[str, str]:
        slug = f"{topic.slug}-{'briefing-note' if paper.startswith('Briefing') else 'report'}-{item}"
        path = f"meetings/{date.year}/{date.isoformat()}-{committee.slug}/{slug}.md"
        rng = self.rng
        table = rng.choice(self.corpus.tables) if self.corpus.tables else ()
        table_text = ""
        if table:
            width = len(table[0])
            lines = ["| " + " | ".join(cell or " " for cell in row) + " |" for row in table[:1]]
            lines.append("|" + "---|" * width)
            lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in table[1:]]
            table_text = "\n".join(lines)
        front = (
            "---\n"
            f'title: "{topic.title}"\n'
            f"kind: {'briefing-note' if paper.startswith('Briefing') else 'report'}\n"
            f'to: "{committee.name}"\n'
            f'from: "{author.job_title}"\n'
            f"date: {(date - dt.timedelta(days=10)).isoformat()}\n"
            "authors:\n"
            f'  - "{author.name}, {author.job_title}"\n'
            f"topics: [{topic.slug}]\n"
            "---\n\n"
        )
        sections = [
            f"## 1 Purpose of the Note\n\n1.1 {self.sentences(1, 2)}",
            f"## 2 Recommendations\n\n2.1 {_capital(committee.body)} is recommended to:\n\n1. Note this briefing\n2. Identify any recommendations for the Cabinet Member",
            f"## 3 Information and Background\n\n3.1 {self.sentences(2, 4)}\n\n3.2 {self.sentences(2, 4)}",
        ]
        if table_text:
            sections.append(f"## 4 Performance\n\n4.1 {self.sentences(1, 2)}\n\n{table_text}")
        sections.append(f"## 5 Next Steps\n\n5.1 {self.sentences(1, 3)}")
        return path, front + "\n\n".join(sections) + "\n"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
