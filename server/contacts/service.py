"""Contacts and lists: CRUD, search with keyset pagination, and the per-contact timeline.

Every read goes through ``access_contact`` / ``access_list``, which answer 404 for another
workspace's rows. A contact who unsubscribed, bounced or complained is never put back to
``subscribed`` by an edit: consent has to come from the person.
"""

from __future__ import annotations

import base64
import binascii
import csv
import io
import json
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tortoise import connections
from tortoise.functions import Count
from tortoise.queryset import QuerySet

from models.contacts import Contact, ContactEvent, ContactList, ContactStatus, ListMembership
from server.auth.service import normalize_email
from server.contacts.schemas import (
    ContactCreate,
    ContactFilter,
    ContactQuery,
    ContactRead,
    ContactUpdate,
)
from server.core import zones
from server.core.auth import Actor
from server.core.db import Sql, query_sql, transaction
from server.core.errors import AppError, Conflict, NotFound, ValidationFailed


class ContactExists(Conflict):
    code = "contact_exists"
    message = "A contact with this email address already exists."


class ListExists(Conflict):
    code = "list_exists"
    message = "A list with this name already exists."


class ResubscribeNotAllowed(Conflict):
    code = "resubscribe_not_allowed"
    message = "This contact opted out, bounced or complained; only the person can subscribe again."


class BadCursor(AppError):
    code = "bad_cursor"
    status = 400
    message = "The cursor is not valid; start again from the first page."


def _tags(tags: list[str]) -> list[str]:
    # Stored trimmed, lower-case and unique, so filtering by tag is exact.
    seen: dict[str, None] = {}
    for tag in tags:
        cleaned = tag.strip().lower()
        if cleaned:
            seen[cleaned[:100]] = None
    return list(seen)


# The ``timezone`` filter's value for contacts without one.
NO_ZONE = "none"


def unknown_zone_message(name: str) -> str:
    return f"unknown time zone {name.strip()[:64]!r}; use an IANA name such as Europe/Berlin"


def reader_zone(name: str) -> str | None:
    """A contact's time zone as stored: the canonical IANA spelling of ``name`` (whatever its
    case), None for a blank one; 422 naming the ``timezone`` field for an unknown one."""
    if not name.strip():
        return None
    found = zones.canonical(name)
    if found is None:
        raise ValidationFailed(
            "Unknown time zone.",
            details={"fields": {"timezone": [unknown_zone_message(name)]}},
        )
    return found


async def access_contact(actor: Actor, contact_id: uuid.UUID | str) -> Contact:
    contact = await Contact.get_or_none(id=contact_id, workspace_id=actor.workspace.id)
    if contact is None:
        raise NotFound("No such contact.")
    return contact


async def access_list(actor: Actor, list_id: uuid.UUID | str) -> ContactList:
    found = await ContactList.get_or_none(id=list_id, workspace_id=actor.workspace.id)
    if found is None:
        raise NotFound("No such list.")
    return found


async def _own_lists(actor: Actor, list_ids: list[uuid.UUID]) -> list[ContactList]:
    wanted = set(list_ids)
    lists = await ContactList.filter(id__in=wanted, workspace_id=actor.workspace.id)
    missing = wanted - {lst.id for lst in lists}
    if missing:
        raise ValidationFailed(
            "Some lists do not exist.",
            details={
                "fields": {"list_ids": [f"no such list {m}" for m in sorted(map(str, missing))]}
            },
        )
    return lists


async def _list_ids(contact_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[uuid.UUID]]:
    result: dict[uuid.UUID, list[uuid.UUID]] = {cid: [] for cid in contact_ids}
    rows = await ListMembership.filter(contact_id__in=contact_ids).values_list(
        "contact_id", "contact_list_id"
    )
    for contact_id, list_id in rows:
        result[contact_id].append(list_id)
    return result


def contact_read(contact: Contact, list_ids: list[uuid.UUID]) -> ContactRead:
    return ContactRead(
        id=contact.id,
        email=contact.email,
        first_name=contact.first_name,
        last_name=contact.last_name,
        timezone=contact.timezone,
        status=contact.status,
        attributes=contact.attributes,
        tags=list(contact.tags),
        list_ids=sorted(list_ids, key=str),
        created_at=contact.created_at,
    )


async def read_contact(contact: Contact) -> ContactRead:
    return contact_read(contact, (await _list_ids([contact.id]))[contact.id])


async def record_event(contact: Contact, kind: str, **data: Any) -> None:
    await ContactEvent.create(contact=contact, kind=kind, data=data)


async def create_contact(actor: Actor, data: ContactCreate, *, ip: str | None) -> Contact:
    email = normalize_email(data.email)
    timezone = reader_zone(data.timezone or "")
    async with transaction():
        lists = await _own_lists(actor, data.list_ids)
        if await Contact.exists(workspace_id=actor.workspace.id, email=email):
            raise ContactExists(details={"email": email})
        contact = await Contact.create(
            id=uuid.uuid4(),
            workspace_id=actor.workspace.id,
            email=email,
            first_name=data.first_name.strip(),
            last_name=data.last_name.strip(),
            timezone=timezone,
            attributes=data.attributes,
            tags=_tags(data.tags),
            consent_source="manual",
            consent_at=datetime.now().astimezone(),
            consent_ip=ip,
            consent_text=f"Added by {actor.user.email}",
        )
        await record_event(contact, "created", source="manual", by=str(actor.user.id))
        for lst in lists:
            await ListMembership.create(contact_list=lst, contact=contact)
            await record_event(contact, "list_added", list_id=str(lst.id), list_name=lst.name)
    return contact


async def update_contact(actor: Actor, contact_id: uuid.UUID, data: ContactUpdate) -> Contact:
    async with transaction():
        await access_contact(actor, contact_id)
        # None leaves the zone as it is, like every other field here; an empty string clears it.
        timezone = reader_zone(data.timezone) if data.timezone is not None else None
        contact = await Contact.filter(id=contact_id).select_for_update().get()
        changed: dict[str, Any] = {}
        for field in ("first_name", "last_name", "attributes"):
            value = getattr(data, field)
            if value is not None and value != getattr(contact, field):
                setattr(contact, field, value.strip() if isinstance(value, str) else value)
                changed[field] = True
        if data.timezone is not None and timezone != contact.timezone:
            contact.timezone = timezone
            changed["timezone"] = True
        if data.tags is not None:
            new_tags = _tags(data.tags)
            for tag in sorted(set(new_tags) - set(contact.tags)):
                await record_event(contact, "tagged", tag=tag)
            for tag in sorted(set(contact.tags) - set(new_tags)):
                await record_event(contact, "untagged", tag=tag)
            contact.tags = new_tags
        if data.status is not None and data.status is not contact.status:
            if data.status is ContactStatus.subscribed:
                raise ResubscribeNotAllowed()
            contact.status = data.status
            await record_event(contact, data.status.value, source="manual")
        if data.list_ids is not None:
            await _set_lists(actor, contact, data.list_ids)
        await contact.save()
        if changed:
            await record_event(contact, "updated", fields=sorted(changed))
    return contact


async def _set_lists(actor: Actor, contact: Contact, list_ids: list[uuid.UUID]) -> None:
    lists = {lst.id: lst for lst in await _own_lists(actor, list_ids)}
    current = set((await _list_ids([contact.id]))[contact.id])
    for list_id in sorted(set(lists) - current, key=str):
        await ListMembership.create(contact_list=lists[list_id], contact=contact)
        await record_event(
            contact, "list_added", list_id=str(list_id), list_name=lists[list_id].name
        )
    removed = current - set(lists)
    if removed:
        await ListMembership.filter(contact=contact, contact_list_id__in=removed).delete()
        for list_id in sorted(removed, key=str):
            await record_event(contact, "list_removed", list_id=str(list_id))


async def delete_contact(actor: Actor, contact_id: uuid.UUID) -> None:
    async with transaction():
        contact = await access_contact(actor, contact_id)
        await contact.delete()


def _encode_cursor(contact: Contact) -> str:
    raw = f"{contact.created_at.isoformat()}|{contact.id}"
    return base64.urlsafe_b64encode(raw.encode()).decode()


def _decode_cursor(cursor: str) -> tuple[datetime, uuid.UUID]:
    try:
        created, _, ident = base64.urlsafe_b64decode(cursor.encode()).decode().partition("|")
        return datetime.fromisoformat(created), uuid.UUID(ident)
    except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
        raise BadCursor() from exc


# A word search first looks for a page among this many of the newest contacts (the cursor's
# neighbourhood); see :func:`_word_search_ids`.
SEARCH_WINDOW = 10_000


def search_condition(term: str) -> tuple[str, Sql]:
    """How a search term is matched: ``("email", ...)``, ``("words", ...)`` or ``("none", ...)``.

    * A term with an ``@`` after its first character is an address, or the start of one: it
      matches addresses that begin with it (the ``(workspace_id, email text_pattern_ops)``
      index).
    * Otherwise the term is split into words at every character that is not a letter or digit,
      and a contact matches when those words start consecutive words of its email, names or
      attribute values, in order: "ann", "ann smi", "acme.com", "@acme.com" and "Berlin" find
      what one expects ("smith ann" does not find Ann Smith). The ``search_document`` column
      and its GIN index (migration ``contact_search``) answer it; substrings in the middle of
      a word do not match.
    * A term without any letter or digit matches nothing.
    """
    term = term.strip()
    if "@" in term[1:]:
        escaped = term.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return "email", Sql("(email LIKE {})", escaped + "%")
    if not any(ch.isalnum() for ch in term):
        return "none", Sql("(false)")
    # A subquery, so the tsquery is built once per execution even under a generic plan
    # (a prepared statement's sixth run), not once per row read.
    return "words", Sql("(search_document @@ (SELECT contact_search_query({})))", term)


async def filtered(actor: Actor, query: ContactFilter, *, search: bool = True) -> QuerySet[Contact]:
    """The workspace's contacts narrowed by search text (unless ``search`` is false), list, tag
    and status; 404 for another workspace's list."""
    if query.list_id is not None:
        await access_list(actor, query.list_id)
    return filtered_in(actor.workspace.id, query, search=search)


def filtered_in(
    workspace_id: uuid.UUID, query: ContactFilter, *, search: bool = True
) -> QuerySet[Contact]:
    """:func:`filtered` for a workspace whose access was checked already (jobs)."""
    qs = Contact.filter(workspace_id=workspace_id)
    if query.status is not None:
        qs = qs.filter(status=query.status)
    if query.tag:
        qs = qs.filter(tags__contains=[query.tag.strip().lower()])
    if query.list_id is not None:
        qs = qs.filter(list_memberships__contact_list_id=query.list_id)
    if query.timezone and query.timezone.strip():
        if query.timezone.strip().lower() == NO_ZONE:
            qs = qs.filter(timezone__isnull=True)
        else:
            # Stored canonically; a name no zone has matches nobody.
            qs = qs.filter(timezone=zones.canonical(query.timezone) or query.timezone.strip())
    if search and query.q and query.q.strip():
        qs = qs.annotate(search_hit=search_condition(query.q)[1]).filter(search_hit=True)
    return qs


def after_cursor(qs: QuerySet[Contact], created: datetime, ident: uuid.UUID) -> QuerySet[Contact]:
    """Rows after the cursor, newest first; a row comparison, so PostgreSQL walks the
    (workspace_id, created_at, id) index from the cursor on instead of filtering."""
    condition = Sql("((created_at, id) < ({}::timestamptz, {}::uuid))", created, ident)
    return qs.annotate(after_cursor=condition).filter(after_cursor=True)


async def _word_search_ids(
    narrowed: QuerySet[Contact], condition: Sql, limit: int
) -> list[uuid.UUID]:
    """Ids of the newest ``limit`` contacts of ``narrowed`` matching a word search, newest first.

    PostgreSQL cannot estimate how many rows a prefix text search matches (it guesses 2%
    whatever the words), so it picks one plan for every word: walking the created_at index
    and filtering reads the whole workspace for a rare word (seconds at a million contacts),
    while the GIN index reads every match of a common one before sorting. So: first filter
    the newest ``SEARCH_WINDOW`` rows (a bounded walk of the index, milliseconds) - a common
    word fills its page there. Only when it does not, the matches are sparse, and the GIN
    index alone (bitmap scans only) finds them all cheaply.
    """
    window = (
        narrowed.annotate(search_hit=condition)
        .order_by("-created_at", "-id")
        .limit(SEARCH_WINDOW)
        .values("id", "created_at", "search_hit")
    )
    sql, params = query_sql(window)
    async with transaction() as conn:
        found = await conn.execute_query_dict(
            f"SELECT id FROM ({sql}) AS recent WHERE search_hit "  # noqa: S608 - our own SQL
            f"ORDER BY created_at DESC, id DESC LIMIT {int(limit)}",
            params,
        )
        if len(found) == limit:
            return [row["id"] for row in found]
        await conn.execute_script(
            "SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off"
        )
        ids = await (
            narrowed.annotate(search_hit=condition)
            .filter(search_hit=True)
            .order_by("-created_at", "-id")
            .limit(limit)
            .values_list("id", flat=True)
        )
        # Back to the defaults: inside an outer transaction SET LOCAL would outlive this block.
        await conn.execute_script(
            "SET LOCAL enable_seqscan TO DEFAULT; SET LOCAL enable_indexscan TO DEFAULT"
        )
    return list(ids)  # type: ignore[arg-type]


async def search_contacts(
    actor: Actor, query: ContactQuery
) -> tuple[list[ContactRead], str | None]:
    """Newest first, keyset-paginated on (created_at, id), so deep pages cost the same."""
    mode, condition = search_condition(query.q) if query.q and query.q.strip() else ("", None)
    qs = await filtered(actor, query, search=mode != "words")
    if query.cursor:
        qs = after_cursor(qs, *_decode_cursor(query.cursor))
    if condition is not None and mode == "words":
        ids = await _word_search_ids(qs, condition, query.limit + 1)
        qs = Contact.filter(id__in=ids)
    rows = await qs.order_by("-created_at", "-id").limit(query.limit + 1)
    more = len(rows) > query.limit
    rows = rows[: query.limit]
    lists = await _list_ids([c.id for c in rows])
    items = [contact_read(c, lists[c.id]) for c in rows]
    return items, (_encode_cursor(rows[-1]) if more and rows else None)


TIMELINE_LIMIT = 500

# A campaign send is a line of the timeline read from the recipient row (``sent_at``), not a
# ``contact_event`` row: writing one per message cost the sender an insert, its indexes and a
# foreign-key check per recipient. Its id is the recipient's id negated (event ids are
# positive), its data what the row used to hold. ``campaign_sent`` rows written before are
# skipped where the recipient row says the same, so no send shows twice. Every line about a
# campaign (opened, clicked, delivered, bounced, failed, unsubscribed from it) carries the
# campaign's name, read now: the events store only its id.
TIMELINE_SQL = """
SELECT id, kind, data::text AS data, created_at FROM (
    SELECT e.id, e.kind,
           CASE WHEN c.id IS NULL THEN e.data
                ELSE e.data || jsonb_build_object('name', c.name) END AS data,
           e.created_at
    FROM contact_event e
    LEFT JOIN campaign c ON c.id = CASE
        WHEN e.data->>'campaign_id' ~* '^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$'
        THEN (e.data->>'campaign_id')::uuid END
        AND c.workspace_id = $3
    WHERE e.contact_id = $1
      AND NOT (e.kind = 'campaign_sent' AND EXISTS (
          SELECT 1 FROM campaign_recipient r
          WHERE r.contact_id = e.contact_id AND r.sent_at IS NOT NULL
            AND r.campaign_id::text = e.data->>'campaign_id'))
    UNION ALL
    SELECT -r.id, 'campaign_sent',
           jsonb_build_object('campaign_id', r.campaign_id::text, 'name', c.name), r.sent_at
    FROM campaign_recipient r JOIN campaign c ON c.id = r.campaign_id
    WHERE r.contact_id = $1 AND r.sent_at IS NOT NULL
) t
ORDER BY created_at DESC, id DESC
LIMIT $2
"""


@dataclass(frozen=True)
class TimelineLine:
    id: int
    kind: str
    data: dict[str, object]
    created_at: datetime


async def timeline(actor: Actor, contact_id: uuid.UUID) -> list[TimelineLine]:
    """The contact's timeline, newest first: its events and its campaign sends."""
    contact = await access_contact(actor, contact_id)
    _, rows = await connections.get("default").execute_query(
        TIMELINE_SQL,
        [contact.id, TIMELINE_LIMIT, contact.workspace_id],  # type: ignore[attr-defined]
    )
    return [
        TimelineLine(
            id=int(r["id"]),
            kind=str(r["kind"]),
            data=json.loads(r["data"]),
            created_at=r["created_at"],
        )
        for r in rows
    ]


async def list_lists(actor: Actor) -> list[tuple[ContactList, int]]:
    lists = (
        await ContactList.filter(workspace_id=actor.workspace.id)
        .annotate(contact_count=Count("memberships"))
        .order_by("name")
    )
    return [(lst, int(lst.contact_count)) for lst in lists]  # type: ignore[attr-defined]


async def create_list(actor: Actor, name: str) -> ContactList:
    async with transaction():
        if await ContactList.exists(workspace_id=actor.workspace.id, name=name.strip()):
            raise ListExists()
        return await ContactList.create(
            id=uuid.uuid4(), workspace_id=actor.workspace.id, name=name.strip()
        )


async def rename_list(actor: Actor, list_id: uuid.UUID, name: str) -> ContactList:
    async with transaction():
        found = await access_list(actor, list_id)
        clash = (
            await ContactList.filter(workspace_id=actor.workspace.id, name=name.strip())
            .exclude(id=found.id)
            .exists()
        )
        if clash:
            raise ListExists()
        found.name = name.strip()
        await found.save(update_fields=["name"])
        return found


async def delete_list(actor: Actor, list_id: uuid.UUID) -> None:
    async with transaction():
        found = await access_list(actor, list_id)
        await found.delete()


async def list_count(list_id: uuid.UUID) -> int:
    return await ListMembership.filter(contact_list_id=list_id).count()


# Cells a spreadsheet would run as a formula (CSV injection); such a cell is prefixed with '.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralize(cell: str) -> str:
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


EXPORT_PAGE = 1000


async def _attribute_keys(qs: QuerySet[Contact]) -> list[str]:
    """Every attribute name used by the matching contacts, sorted: the export's extra columns."""
    sql, params = query_sql(qs.values("attributes"))
    rows = await connections.get(
        "default"
    ).execute_query_dict(
        # The subquery is Tortoise's own parameterised SQL; no input is formatted in.
        "SELECT DISTINCT key FROM (" + sql + ") AS m, "  # noqa: S608
        "jsonb_object_keys(m.attributes) AS key ORDER BY key",
        params,
    )
    return [row["key"] for row in rows]


async def export_rows(actor: Actor, query: ContactFilter) -> AsyncIterator[bytes]:
    """The matching contacts as CSV, streamed in keyset pages so memory stays flat.

    The filter is checked (an unknown list is a 404) before this returns, not as the body is
    sent: once the response's headers are out an error can only cut the download short.
    """
    qs = await filtered(actor, query)
    attribute_keys = await _attribute_keys(qs)
    return _export_pages(qs, attribute_keys)


async def _export_pages(qs: QuerySet[Contact], attribute_keys: list[str]) -> AsyncIterator[bytes]:
    # The zone comes after the columns exports always had, so their positions stay put; its
    # header is one an import maps back to the zone.
    yield _csv_line(["email", "first_name", "last_name", "status", "tags", "created_at",
                     "timezone", *attribute_keys])  # fmt: skip
    cursor: tuple[datetime, uuid.UUID] | None = None
    while True:
        page = qs if cursor is None else after_cursor(qs, *cursor)
        rows = await page.order_by("-created_at", "-id").limit(EXPORT_PAGE)
        if not rows:
            return
        out = []
        for row in rows:
            cells = [row.email, row.first_name, row.last_name, row.status.value,
                     ";".join(row.tags), row.created_at.isoformat(),
                     row.timezone or ""]  # fmt: skip
            cells += [str(row.attributes.get(k, "")) for k in attribute_keys]
            out.append(_csv_line(cells))
        yield b"".join(out)
        cursor = (rows[-1].created_at, rows[-1].id)


def _csv_line(cells: list[str]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerow([neutralize(c) for c in cells])
    return buffer.getvalue().encode()
