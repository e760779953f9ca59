"""Requests and recommendations the board makes, tracked until a later meeting records what became of them.

Each resolution point that asks for something ("request that a review ... take place", "a report be
brought back", "the following information be circulated") is an action with a stable id made of
the meeting date, the minute and the point: 2020-02-13/44.3. A clerk can choose the points with
`actions: [3, 4]` under the item, and record outcomes in a later meeting's `action_updates:`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..diagnostics import Diagnostics, did_you_mean
from ..model import ActionStatus, ActionUpdate, Item, Meeting, Point, Resolution, evolve

ASKS = re.compile(
    r"\b(?:request(?:s|ed)?|recommend(?:s|ed|ation)?|be circulated|circulate|report(?:ed)? back|be brought back|"
    r"be arranged|be added to the work programme|on the (?:\d{4}/\d{2} )?work programme|work programme be updated|"
    r"be established|investigate|be provided|send a letter|be sent)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Action:
    id: str
    meeting: Meeting
    item: Item
    point: int | None  # the point's place in the resolution (1, 2, ...), for the id
    text: str  # the point's own words, as minuted
    updates: tuple[tuple[Meeting, ActionUpdate], ...] = ()
    label: str = ""  # the point's label as printed: "4)", "(b)", "ii."
    subpoints: tuple[tuple[str, str], ...] = ()  # (label, words) of the points under it, as printed

    @property
    def full_text(self) -> str:
        """Its words and every point under it, each with its printed label."""
        return " ".join(
            [self.text, *(f"{label} {text}" if label else text for label, text in self.subpoints)]
        )

    @property
    def status(self) -> ActionStatus:
        return self.updates[-1][1].status if self.updates else ActionStatus.PENDING

    @property
    def anchor(self) -> str:
        return "action-" + re.sub(r"[^0-9a-z]+", "-", self.id)

    @property
    def outstanding(self) -> bool:
        return self.status is ActionStatus.PENDING


def action_id(meeting: Meeting, item: Item, point: int | None) -> str:
    date_part = meeting.url.rstrip("/").rsplit("/", 1)[-1].removesuffix(f"-{meeting.committee.slug}")
    return f"{date_part}/{item.number}" + (f".{point}" if point else "")


def _candidates(resolution: Resolution) -> list[tuple[int | None, Point, bool]]:
    """(point number, point, whether it asks for something) for each top-level point, or for the
    whole resolution when it has no points. A point's own points (4(a), 4(b)) go with it, labels
    as printed. Points under an opening that asks ('includes the following on the work
    programme:') all ask."""
    if not resolution.structure:
        return [(None, Point("", resolution.text), bool(ASKS.search(resolution.text)))]
    opening_asks = bool(ASKS.search(resolution.text.split("\n", 1)[0]))
    return [
        (number, point, opening_asks or bool(ASKS.search(point.full_text)))
        for number, point in enumerate(resolution.structure, start=1)
    ]


def _subpoints(point: Point) -> tuple[tuple[str, str], ...]:
    return tuple((child.label, child.full_text) for child in point.points)


def find_actions(meetings: tuple[Meeting, ...], diagnostics: Diagnostics) -> dict[str, list[Action]]:
    """Actions per committee, in date order, with the updates later meetings recorded."""
    by_committee: dict[str, dict[str, Action]] = {}
    for meeting in meetings:
        actions = by_committee.setdefault(meeting.committee.slug, {})
        for item in meeting.items:
            for resolution in item.resolutions:
                for point, words, asks in _candidates(resolution):
                    chosen = point in item.action_points if item.action_points is not None else asks
                    if chosen:
                        identifier = action_id(meeting, item, point)
                        actions.setdefault(
                            identifier,
                            Action(
                                identifier,
                                meeting,
                                item,
                                point,
                                words.text,
                                label=words.label,
                                subpoints=_subpoints(words),
                            ),
                        )
    updates: dict[str, list[tuple[Meeting, ActionUpdate]]] = {}
    for meeting in meetings:
        known = by_committee.get(meeting.committee.slug, {})
        for update in meeting.action_updates:
            if update.action_id not in known:
                diagnostics.error(
                    update.pos,
                    "unknown-action",
                    f"there is no action {update.action_id} of this committee",
                    did_you_mean(update.action_id, known)
                    or "use the id shown beside the action on the committee's actions page",
                )
                continue
            updates.setdefault(update.action_id, []).append((meeting, update))
    return {
        committee: [evolve(a, updates=tuple(updates.get(a.id, ()))) for a in actions.values()]
        for committee, actions in by_committee.items()
    }
