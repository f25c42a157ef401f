from __future__ import annotations

from datetime import datetime
from typing import Literal
from uuid import UUID

from pydantic import BaseModel, Field

from models.contacts import ContactStatus, DuplicatePolicy, ImportStatus

Tag = str

ZONE_DESCRIPTION = (
    "The reader's IANA time zone (e.g. `Europe/Berlin`), for campaigns sent at a time in each "
    "reader's zone; matched case-insensitively and stored in its canonical spelling."
)


class ContactCreate(BaseModel):
    email: str = Field(max_length=320)
    first_name: str = Field(default="", max_length=200)
    last_name: str = Field(default="", max_length=200)
    timezone: str | None = Field(default=None, max_length=64, description=ZONE_DESCRIPTION)
    attributes: dict[str, str] = Field(default_factory=dict, max_length=200)
    tags: list[Tag] = Field(default_factory=list, max_length=100)
    list_ids: list[UUID] = Field(default_factory=list, max_length=200)


class ContactUpdate(BaseModel):
    first_name: str | None = Field(default=None, max_length=200)
    last_name: str | None = Field(default=None, max_length=200)
    timezone: str | None = Field(
        default=None,
        max_length=64,
        description=ZONE_DESCRIPTION + " Absent or null: unchanged; an empty string clears it.",
    )
    attributes: dict[str, str] | None = Field(default=None, max_length=200)
    tags: list[Tag] | None = Field(default=None, max_length=100)
    list_ids: list[UUID] | None = Field(default=None, max_length=200)
    status: ContactStatus | None = None


class ContactRead(BaseModel):
    id: UUID
    email: str
    first_name: str
    last_name: str
    timezone: str | None = Field(description="The reader's IANA time zone; null when unset.")
    status: ContactStatus
    attributes: dict[str, str]
    tags: list[str]
    list_ids: list[UUID]
    created_at: datetime


class ContactPage(BaseModel):
    items: list[ContactRead]
    next_cursor: str | None


class ContactFilter(BaseModel):
    q: str | None = Field(default=None, max_length=200)
    list_id: UUID | None = None
    tag: str | None = Field(default=None, max_length=100)
    status: ContactStatus | None = None
    timezone: str | None = Field(
        default=None,
        max_length=64,
        description="Contacts in this IANA zone (any case), or `none` for those without one.",
    )


class ContactQuery(ContactFilter):
    cursor: str | None = Field(default=None, max_length=200)
    limit: int = Field(default=50, ge=1, le=200)


BulkAction = Literal[
    "tag", "untag", "add_to_list", "remove_from_list", "set_timezone", "unsubscribe", "delete"
]


class BulkRequest(BaseModel):
    action: BulkAction
    ids: list[UUID] | None = Field(
        default=None,
        max_length=10_000,
        description="The contacts to act on. Give exactly one of `ids` and `filter`; both or "
        "neither is a 422.",
    )
    filter: ContactFilter | None = Field(
        default=None,
        description="Act on every contact matching this filter (a large set runs as a job, "
        "202). Give exactly one of `ids` and `filter`.",
    )
    tag: str | None = Field(
        default=None,
        min_length=1,
        max_length=100,
        description="Required for `tag` and `untag`.",
    )
    list_id: UUID | None = Field(
        default=None, description="Required for `add_to_list` and `remove_from_list`."
    )
    timezone: str | None = Field(
        default=None,
        max_length=64,
        description="For `set_timezone`: an IANA zone (any case), or an empty string to clear.",
    )


class BulkResult(BaseModel):
    """A bulk action done inside the request (200)."""

    action: BulkAction
    affected: int


class BulkJobRead(BaseModel):
    """A bulk action running as a job (202, ``GET /api/contacts/bulk/{id}``, and the Socket.IO
    event ``bulk:progress``): ``done`` of ``total`` matching contacts processed so far."""

    id: UUID
    action: BulkAction
    status: ImportStatus
    total: int
    done: int
    affected: int
    error: str | None = None


class TimelineEvent(BaseModel):
    id: int
    kind: str
    data: dict[str, object]
    created_at: datetime


class Timeline(BaseModel):
    items: list[TimelineEvent]


class ListCreate(BaseModel):
    name: str = Field(min_length=1, max_length=200)


class ListRead(BaseModel):
    id: UUID
    name: str
    contact_count: int


class ListIndex(BaseModel):
    items: list[ListRead]


class ImportForm(BaseModel):
    """Multipart fields beside ``file`` (the CSV)."""

    list_id: UUID | None = None
    duplicate_policy: DuplicatePolicy = DuplicatePolicy.skip
    # JSON object: column name → email | first_name | last_name | name | timezone | ignore |
    # <attribute>.
    mapping: str | None = Field(default=None, max_length=20_000)


class ImportCreated(BaseModel):
    id: UUID
    status: ImportStatus


class ImportProgress(BaseModel):
    id: UUID
    status: ImportStatus
    total_rows: int
    imported: int
    updated: int
    skipped: int
    failed: int
    error: str | None = None
