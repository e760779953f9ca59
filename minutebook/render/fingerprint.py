"""A page's fingerprint: a digest of everything its template reads, so a rebuild renders again only
the pages whose fingerprint changed and keeps the others' files as they are.

A fingerprint covers the page's own data (its context, all it reads of the archive) plus what every page
shares (the templates, the site settings, the registries, the build date, this code). Inside the
page's data a meeting stands for itself by its address and content digest, and its items,
agenda items and documents by their place in it, so fingerprints stay cheap however many
meetings a page lists. People, committees and topics stand by their slug: the registries they
come from are part of what every page shares.
"""

from __future__ import annotations

import hashlib
import io
import pickle
from typing import Any

from ..archive import Archive
from ..model import AgendaItem, Committee, Document, Item, Meeting, Person, Topic
from ..products import key_of


class _Tokens(pickle.Pickler):
    def __init__(self, buffer: io.BytesIO, archive: Archive, parts: dict[int, tuple]):
        super().__init__(buffer, protocol=pickle.HIGHEST_PROTOCOL)
        # No memo: equal data must give equal bytes whichever objects happen to be shared.
        self.fast = True
        self.versions = archive.versions
        self.parts = parts

    def persistent_id(self, obj: Any) -> Any:
        kind = type(obj)
        if kind is Meeting:
            return ("meeting", obj.url, self.versions.get(obj.url, obj.digest))
        if kind is Item or kind is AgendaItem or kind is Document:
            return self.parts.get(id(obj))
        if kind is Person or kind is Committee or kind is Topic:
            return (kind.__name__, obj.slug)
        return None


def meeting_parts(archive: Archive) -> dict[int, tuple]:
    """Items, agenda items and documents of the archive's meetings, named by their meeting."""
    parts: dict[int, tuple] = {}
    for meeting in archive.meetings:
        version = archive.versions.get(meeting.url, meeting.digest)
        for item in meeting.items:
            parts[id(item)] = ("item", meeting.url, version, item.number)
        if meeting.agenda:
            for agenda_item in meeting.agenda.items:
                parts[id(agenda_item)] = ("agenda-item", meeting.url, version, agenda_item.number)
        for document in meeting.published_documents:
            parts[id(document)] = ("document", meeting.url, version, document.slug)
    return parts


def fingerprint(
    shared: str, page_url: str, template: str, data: Any, archive: Archive, parts: dict[int, tuple]
) -> str:
    buffer = io.BytesIO()
    _Tokens(buffer, archive, parts).dump((shared, page_url, template, data))
    return hashlib.sha256(buffer.getvalue()).hexdigest()


def meeting_key(shared: str, archive: Archive, meeting: Meeting) -> str:
    """A meeting as this build links it, with everything every page shares: what a feed entry or
    calendar event of the meeting is made from."""
    return key_of(shared, meeting.url, archive.versions.get(meeting.url, meeting.digest))
