"""What a page offers to subscribe to: its feeds and calendars."""

from __future__ import annotations

from dataclasses import dataclass

ATOM = "application/atom+xml"
ICALENDAR = "text/calendar"


@dataclass(frozen=True)
class Subscription:
    """A feed or calendar file, and the page that offers it (its listing page)."""

    url: str
    page_url: str
    title: str
    media_type: str

    @property
    def is_feed(self) -> bool:
        return self.media_type == ATOM


def offered_by_page(subscriptions: list[Subscription]) -> dict[str, list[Subscription]]:
    offered: dict[str, list[Subscription]] = {}
    for subscription in subscriptions:
        offered.setdefault(subscription.page_url, []).append(subscription)
    return offered
