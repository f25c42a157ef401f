"""The sending pipeline the workers run: schedule, expand, claim, send, mark, finish.

Exactly once per recipient, as far as SMTP allows:

* a sender **claims** recipients (``queued → sending``) with ``FOR UPDATE SKIP LOCKED`` and a
  lease, so two senders never hold the same row;
* it marks a recipient ``sent`` once the server **accepted** its message (in groups, see
  ``SentMarks``), with a conditional update that only the lease holder can make;
* a row whose lease ran out (its worker died) is claimed again. A row marked ``sent`` is never
  claimed again, so nobody marked sent gets a second copy. The one window left is a message
  the server accepted while its sender died before the mark: that recipient gets it twice,
  with the same Message-ID. Per sender that is at most the messages on the wire
  (``CAMPAIGN_CONCURRENCY``) plus the unwritten marks (``mark_limit``).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import formataddr, parseaddr
from typing import Any

import asyncpg
import structlog
from limits import RateLimitItemPerSecond
from limits.aio.storage import RedisStorage
from limits.aio.strategies import FixedWindowRateLimiter
from tortoise import connections

from models.accounts import Workspace
from models.campaigns import Campaign, CampaignStatus
from server.campaigns import local_time, message_ids, progress, rendering
from server.campaigns.mime import CampaignMime
from server.campaigns.service import (
    AUDIENCE_WHERE,
    audience_params,
    audience_zones,
    campaign_from,
    count_audience,
    ensure_senders,
    record,
)
from server.campaigns.smtp_codes import explain
from server.core import outbox
from server.core.config import Config, get_config
from server.core.db import transaction
from server.core.redis import get_redis
from server.mail.message import MailError, OutgoingMessage
from server.mail.sender import MailSender, build_mail_sender
from server.mail.smtp import SmtpMailSender
from server.tracking import tokens

log = structlog.get_logger(__name__)

# A sender hands over to a fresh job after this long, so no job outlives ARQ's timeout.
SENDER_RUN_SECONDS = 120.0


def message_domain(config: Config | None = None) -> str:
    _, address = parseaddr((config or get_config()).mail_from)
    return address.rpartition("@")[2] or "inkwell.localhost"


def build_message(
    campaign: Campaign,
    prepared: rendering.PreparedContent,
    ctx: rendering.RecipientContext,
    *,
    message_id: str | None,
    subject_prefix: str = "",
    workspace: Workspace | None = None,
) -> OutgoingMessage:
    """``workspace``, for a campaign not sent yet, puts its current sender name in the From
    (see ``campaign_from``)."""
    rendered = prepared.render(ctx)
    unsubscribe = tokens.unsubscribe_url(ctx.recipient_id)
    to = formataddr((ctx.full_name, ctx.email))
    return OutgoingMessage.model_construct(
        to=[to],
        from_=campaign_from(campaign, workspace),
        subject=subject_prefix + rendering.merge_text(campaign.subject, ctx),
        text=rendered.text,
        html=rendered.html,
        reply_to=campaign.reply_to,
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "X-Inkwell-Campaign": str(campaign.id),
        },
        message_id=message_id,
    )


# --- scheduling and expansion ------------------------------------------------------------


async def tick(now: datetime | None = None) -> dict[str, int]:
    """Start due scheduled campaigns, and restart expansion or senders that died."""
    from server.campaigns.service import start_scheduled

    now = now or datetime.now(UTC)
    started = 0
    async with transaction():
        due = (
            await Campaign.filter(status=CampaignStatus.scheduled, starts_at__lte=now)
            .select_for_update(skip_locked=True)
            .limit(100)
        )
        for campaign in due:
            if await start_scheduled(campaign):
                started += 1
    restarted = 0
    redis = get_redis()
    bucket = int(now.timestamp())
    for campaign in await Campaign.filter(status=CampaignStatus.sending).limit(500):
        async with transaction():
            if campaign.expanded_at is None:
                if campaign.started_at and now - campaign.started_at > timedelta(seconds=30):
                    await outbox.enqueue(
                        "expand_campaign",
                        str(campaign.id),
                        job_id=f"campaign:{campaign.id}:expand:{bucket // 30}",
                    )
                continue
            slots = range(get_config().campaign_senders)
            alive = [await redis.exists(_slot_key(campaign.id, s)) for s in slots]
            if not all(alive):
                await ensure_senders(campaign, nonce=f"tick{bucket}")
                restarted += 1
    return {"started": started, "restarted": restarted}


# The audience is snapshot into recipient rows in chunks, each its own transaction, walking the
# workspace's contacts in (created_at, id) order through their index: the senders start once the
# first chunk has committed instead of after the whole audience (about 3 s for 100,000 contacts,
# half a minute for a million, with nothing leaving meanwhile). The first chunk is small so the
# first messages leave at once. Where to go on from is read from the rows themselves (the
# contact of the campaign's newest recipient), so a restarted expansion, or two at once, go on
# where the last chunk ended; ON CONFLICT makes going over a row twice harmless.
EXPAND_FIRST_CHUNK = 1000
EXPAND_CHUNK = 10000

EXPAND_CURSOR_SQL = """
SELECT c.created_at, c.id FROM campaign_recipient r JOIN contact c ON c.id = r.contact_id
WHERE r.campaign_id = $1 ORDER BY r.id DESC LIMIT 1
"""

EXPAND_SQL = f"""
WITH chunk AS (
    SELECT c.id, c.email, c.first_name, c.last_name, c.created_at, c.timezone
    FROM contact c
    WHERE {AUDIENCE_WHERE}
      AND (c.created_at, c.id) > ($6::timestamptz, $7::uuid)
    ORDER BY c.created_at, c.id
    LIMIT $8
), added AS (
    INSERT INTO campaign_recipient
        (campaign_id, contact_id, email, first_name, last_name, status, attempts, message_id,
         next_attempt_at, created_at)
    SELECT $4::uuid, chunk.id, chunk.email, chunk.first_name, chunk.last_name, 'queued', 0,
           {message_ids.sql("$4::uuid", "chunk.id", "$5::text")},
           coalesce(($9::jsonb ->> chunk.timezone)::timestamptz, $10::timestamptz),
           now()
    FROM chunk
    ORDER BY chunk.created_at, chunk.id
    ON CONFLICT (campaign_id, contact_id) DO NOTHING
)
SELECT (SELECT count(*) FROM chunk)::int AS scanned, last.created_at, last.id
FROM (SELECT 1) one LEFT JOIN LATERAL (
    SELECT created_at, id FROM chunk ORDER BY created_at DESC, id DESC LIMIT 1
) last ON true
"""  # noqa: S608 - the interpolated part is a constant

# The chunk must walk the contacts' (workspace_id, created_at, id) index in order and stop after
# its LIMIT. Without statistics on the audience's contacts (an import just before sending, the
# usual case) PostgreSQL expects a handful of rows and reads every contact of the workspace
# through another index, then sorts them, for every chunk: 180 ms per chunk of 1,000 from
# 100,000 contacts. With sorting off for the chunk's transaction the ordered walk is left; the
# penalty that puts on the small sorts left (of the chunk itself) would make the plan look
# expensive enough to compile, which alone costs 200 ms, so JIT is off too.
EXPAND_SESSION_SQL = "SELECT set_config('enable_sort', 'off', true), set_config('jit', 'off', true)"

EXPAND_START = (datetime.min.replace(tzinfo=UTC), uuid.UUID(int=0))


async def _due_times(campaign: Campaign) -> tuple[str, datetime | None]:
    """For ``EXPAND_SQL``: zone → when its readers are due (JSON), and when the others are.
    Nothing is due later for a campaign sent at one time for everyone."""
    if not (campaign.reader_time_zone and campaign.send_at and campaign.timezone):
        return "{}", None
    by_zone = await audience_zones(campaign.workspace_id, campaign.audience)
    local = local_time.local_wall(campaign.send_at, campaign.timezone)
    due = local_time.due_times(local, campaign.timezone, (zone for zone, _ in by_zone))
    return (
        json.dumps({zone: at.isoformat() for zone, at in due.items()}),
        due[campaign.timezone],
    )


async def expand(campaign_id: str) -> int:
    """Snapshot the audience into recipient rows, chunk by chunk; safe to run twice, or twice
    at once. Returns the number of recipients (0 once the campaign is neither sending nor
    paused)."""
    size = EXPAND_FIRST_CHUNK
    after = EXPAND_START
    senders_started = False
    due: tuple[str, datetime | None] | None = None
    while True:
        async with transaction() as conn:
            campaign = await Campaign.filter(id=campaign_id).select_for_update().first()
            if campaign is None or campaign.status not in _EXPANDING:
                return 0
            done = campaign.expanded_at is not None
            if not done:
                if not campaign.total:
                    # The total progress shows until the expansion has counted the rows
                    # themselves: the first messages leave before the last chunk. Counted
                    # here rather than in the request that sent the campaign, which only
                    # checks that anyone is in the audience.
                    campaign.total = await count_audience(campaign.workspace_id, campaign.audience)
                    await campaign.save(update_fields=["total", "updated_at"])
                # Onwards from this job's last chunk, or further if another expansion running
                # at the same time (the scheduler restarts one it believes dead) got further.
                _, rows = await conn.execute_query(EXPAND_CURSOR_SQL, [campaign.id])
                if rows:
                    after = max(after, (rows[0]["created_at"], rows[0]["id"]))
                if due is None:
                    due = await _due_times(campaign)
                await conn.execute_query(EXPAND_SESSION_SQL)
                _, rows = await conn.execute_query(
                    EXPAND_SQL,
                    [
                        *audience_params(campaign.workspace_id, campaign.audience),
                        campaign.id,
                        message_domain(),
                        *after,
                        size,
                        *due,
                    ],
                )
                done = int(rows[0]["scanned"]) < size
                if done:
                    await _expanded(conn, campaign)
                else:
                    after = (rows[0]["created_at"], rows[0]["id"])
            if campaign.status is CampaignStatus.sending and not senders_started:
                await ensure_senders(campaign)
                senders_started = True
            if done:
                await progress.emit_after_commit(campaign)
                return campaign.total
        size = EXPAND_CHUNK


# Expansion goes on while a campaign is paused: the snapshot is taken when it starts.
_EXPANDING = (CampaignStatus.sending, CampaignStatus.paused)


async def _expanded(conn: Any, campaign: Campaign) -> None:
    _, rows = await conn.execute_query(
        "SELECT count(*) AS n FROM campaign_recipient WHERE campaign_id = $1", [campaign.id]
    )
    campaign.total = int(rows[0]["n"])
    campaign.expanded_at = datetime.now(UTC)
    await campaign.save(update_fields=["total", "expanded_at", "updated_at"])
    await record(campaign, "expanded", recipients=campaign.total)


# --- the sender --------------------------------------------------------------------------


def _slot_key(campaign_id: Any, slot: int) -> str:
    return f"inkwell:campaign:{campaign_id}:sender:{slot}"


CLAIM_SQL = """
UPDATE campaign_recipient r
SET status = 'sending', lease_until = now() + make_interval(secs => $3),
    leased_by = $4, attempts = r.attempts + 1
WHERE r.id IN (
    SELECT id FROM campaign_recipient
    WHERE campaign_id = $1 AND id > $5
      AND ((status = 'queued' AND (next_attempt_at IS NULL OR next_attempt_at <= now()))
           OR (status = 'sending' AND lease_until < now()))
    ORDER BY id
    LIMIT $2
    FOR UPDATE SKIP LOCKED
)
RETURNING r.id, r.email, r.first_name, r.last_name, r.message_id, r.attempts, r.contact_id,
          r.lease_until
"""

# A sender claims onwards from the last row it claimed (``$5``): from the start, the scan in id
# order walked past every row already sent before finding queued ones (PostgreSQL plans it on
# the primary key), 50,000 rows per claim halfway through a campaign of 100,000. It scans from
# the start when nothing is left ahead and at least this often, for retries that came due and
# leases that ran out behind it.
CLAIM_RESCAN_SECONDS = 5.0

# The claim must walk the ``(campaign_id, id)`` index in order and stop after ``LIMIT`` rows.
# Without statistics on the campaign's rows (a campaign expanded since the last ANALYZE: the
# usual case when it starts sending) PostgreSQL expects a handful of rows to match and
# prefers a bitmap scan of every row ahead of the cursor, sorted, for every claim: 80 ms and
# 100,000 rows read per claim at the start of a campaign of 100,000, most of the database's
# work while it sent. With bitmap scans off for the claiming connection the ordered index
# scan is the cheapest plan left, whatever the statistics say. (The connection's other
# statements look rows up by id or through the partial index on ``next_attempt_at``.)
CLAIM_SESSION_SQL = "SET enable_bitmapscan = off"
CLAIM_SESSION_RESET_SQL = "RESET enable_bitmapscan"

# The contact's timeline shows the send from ``sent_at`` (see server/contacts/service.py).
MARK_SENT_SQL = """
UPDATE campaign_recipient
SET status = 'sent', sent_at = now(), lease_until = NULL, leased_by = NULL,
    last_error = NULL, smtp_code = NULL
WHERE id = ANY($1::bigint[]) AND leased_by = $2 AND status = 'sending'
"""

MARK_FAILED_SQL = """
WITH done AS (
    UPDATE campaign_recipient
    SET status = $3::text, failed_at = CASE WHEN $3::text = 'failed' THEN now() END,
        next_attempt_at = $4::timestamptz, lease_until = NULL, leased_by = NULL,
        last_error = $5::text, smtp_code = $6::int
    WHERE id = $1 AND leased_by = $2 AND status = 'sending'
    RETURNING contact_id
)
INSERT INTO contact_event (contact_id, kind, data, created_at)
SELECT contact_id, 'campaign_failed', $7::jsonb, now() FROM done WHERE $3::text = 'failed'
"""

UNCLAIM_SQL = """
UPDATE campaign_recipient
SET status = 'queued', lease_until = NULL, leased_by = NULL, attempts = attempts - 1
WHERE id = ANY($1::bigint[]) AND leased_by = $2 AND status = 'sending'
"""

EXTEND_SQL = """
UPDATE campaign_recipient SET lease_until = now() + make_interval(secs => $3)
WHERE id = $1 AND leased_by = $2 AND status = 'sending'
"""

# Whether any recipient is still queued or sending comes from the ``campaign_counts`` ledger
# (written in the same transactions as the recipients, so it says what a scan would): no index
# holds ``status`` (claims and marks are HOT updates), so asking the rows would read them all.
FINISH_SQL = """
UPDATE campaign SET status = 'sent', finished_at = now(), updated_at = now()
WHERE id = $1 AND status = 'sending' AND expanded_at IS NOT NULL
  AND (SELECT coalesce(sum(queued + sending), 0) FROM campaign_counts WHERE campaign_id = $1) = 0
"""

# The earliest retry, or reader's time (server/campaigns/local_time.py), still to come,
# through the partial index on ``next_attempt_at``: from now on, past the rows already sent at
# their time. Leases running out are not looked at: an idle sender claims again within
# ``CLAIM_RESCAN_SECONDS`` anyway.
NEXT_DUE_SQL = """
SELECT min(next_attempt_at) FROM campaign_recipient
WHERE campaign_id = $1 AND next_attempt_at > now() AND status = 'queued'
"""


@dataclass
class Claimed:
    id: int
    email: str
    first_name: str
    last_name: str
    message_id: str
    attempts: int
    contact_id: uuid.UUID
    lease_until: datetime


def backoff_seconds(attempt: int, config: Config | None = None) -> float:
    """Exponential with full jitter between half and the whole step, capped."""
    config = config or get_config()
    step = min(
        config.campaign_retry_max_seconds, config.campaign_retry_base_seconds * 2.0 ** (attempt - 1)
    )
    return float(step * random.uniform(0.5, 1.0))  # noqa: S311 - jitter, not a secret


# A group of marks is written once it holds half the sender's mark limit, or this long after
# its first mark, whichever comes first. Bigger groups mean fewer statements for the same rows:
# each one is a round trip, a commit and a run of the counts ledger's trigger.
MARK_GATHER_SECONDS = 0.05


def mark_group(limit: int) -> int:
    """How many waiting marks make a group worth writing at once."""
    return max(1, limit // 2)


# Unwritten marks a sender allows per worker before its workers wait for the writer: six per
# worker, in groups of half that (24 at the default concurrency of 8), so a whole group can
# gather while the one before it is written. With four per worker and groups of three
# quarters (also 24) only 8 marks fitted beside a statement in flight; on a busy machine a
# statement takes several milliseconds of waiting for a core, and workers spent 7.5% of their
# time waiting for room (bench/campaign_send.py, 30,000 recipients), 0.2-0.8% with six. The limit
# is also how many accepted messages a crash can leave unmarked, beside those on the wire; at
# full speed that is the last few tens of milliseconds' worth.
MARKS_PER_WORKER = 6


def mark_limit(concurrency: int) -> int:
    """How many unwritten marks a sender with ``concurrency`` workers allows."""
    return max(1, concurrency) * MARKS_PER_WORKER


class SentMarks:
    """Marks accepted messages ``sent`` in groups, written beside the workers.

    A worker hands its mark over (no lock, no wake-up until a group is ready) and goes on to
    its next message. One statement is in flight at a time; the next takes every mark
    waiting, once half of ``limit`` is waiting or 50 ms after the first (each
    statement is a round trip and a commit, so groups save the database and the sender's
    process real work). A worker waits only while ``limit`` marks (``mark_limit`` of the
    sender's concurrency) are unwritten, which bounds what a crash can lose: those recipients
    count as in flight (see docs/campaigns.md), so at most ``limit`` + concurrency per sender
    can get a second copy.
    """

    def __init__(self, db: asyncpg.Connection, sender_id: str, limit: int) -> None:
        self.db = db
        self.sender_id = sender_id
        self.limit = max(1, limit)
        self.group = mark_group(self.limit)
        self.pending: list[int] = []
        self.writing = 0
        self.written = 0
        # Two one-way signals instead of a condition every mark would notify: workers wake the
        # writer only once a group is ready (or a flush hurries it), and the writer wakes the
        # workers waiting for room only when a statement is done (or failed). State is only
        # changed between awaits, so a check followed by clear() and wait() misses no set().
        self._ready = asyncio.Event()
        self._room = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._error: BaseException | None = None
        self._hurry = False

    def _raise_if_failed(self) -> None:
        if self._error is not None:
            raise self._error

    async def add(self, recipient_id: int) -> None:
        while len(self.pending) + self.writing >= self.limit:
            self._raise_if_failed()
            self._room.clear()
            await self._room.wait()
        self._raise_if_failed()
        self.pending.append(recipient_id)
        if len(self.pending) >= self.group:
            self._ready.set()
        if self._task is None:
            self._task = asyncio.create_task(self._write_all())

    def _group_ready(self) -> bool:
        return self._hurry or len(self.pending) >= self.group

    async def _write_all(self) -> None:
        try:
            while True:
                self._ready.clear()
                if not self._group_ready():
                    with contextlib.suppress(TimeoutError):
                        async with asyncio.timeout(MARK_GATHER_SECONDS):
                            await self._ready.wait()
                ids, self.pending = self.pending, []
                self.writing = len(ids)
                if not ids:
                    self._task = None
                    self._hurry = False
                    return
                await self.db.execute(MARK_SENT_SQL, ids, self.sender_id)
                self.writing = 0
                self.written += len(ids)
                self._room.set()
        except BaseException as exc:
            # The database is away: the workers stop at their next mark and the sender's
            # job fails (and is retried); the rows' leases make them claimable again.
            self._error = exc
            self._task = None
            self._room.set()
            raise

    async def flush(self) -> None:
        """Returns once every mark added so far is written (without waiting to gather)."""
        while True:
            task = self._task
            if task is None:
                self._raise_if_failed()
                return
            self._hurry = True
            self._ready.set()
            with contextlib.suppress(Exception):
                await asyncio.shield(task)

    async def close(self) -> None:
        await self.flush()


class CampaignState:
    """The campaign's status as the senders see it, re-read at most every 200 ms, so a pause
    or cancel reaches every sender within a second."""

    REFRESH = 0.2

    def __init__(self, campaign: Campaign) -> None:
        self.campaign = campaign
        self._read_at = time.monotonic()

    @property
    def is_sending(self) -> bool:
        """As of the last read: what workers check between messages, without a query."""
        return self.campaign.status is CampaignStatus.sending

    async def sending(self) -> bool:
        if time.monotonic() - self._read_at >= self.REFRESH:
            fresh = await Campaign.get_or_none(id=self.campaign.id)
            self._read_at = time.monotonic()
            if fresh is None:
                return False
            self.campaign = fresh
        return self.campaign.status is CampaignStatus.sending


class WorkspaceRate:
    """Messages per second per workspace, shared by every sender through Redis; when Redis
    is away each sender paces itself locally instead of stopping."""

    def __init__(self, workspace_id: uuid.UUID, per_second: int, config: Config) -> None:
        self.per_second = per_second
        self.key = str(workspace_id)
        self.item = RateLimitItemPerSecond(per_second) if per_second > 0 else None
        self.limiter = (
            FixedWindowRateLimiter(
                RedisStorage(
                    "async+" + (config.redis_url or ""),
                    implementation="redispy",
                    key_prefix="inkwell:campaign-rate",
                )
            )
            if self.item
            else None
        )

    async def wait(self) -> None:
        if self.item is None or self.limiter is None:
            return
        while True:
            try:
                if await self.limiter.hit(self.item, self.key):
                    return
                stats = await self.limiter.get_window_stats(self.item, self.key)
                await asyncio.sleep(max(0.005, stats.reset_time - time.time()))
            except Exception:
                await asyncio.sleep(1 / self.per_second)
                return


class FailureWindow:
    """Counts failures per campaign in a fixed window; too many pause the campaign."""

    def __init__(self, campaign_id: uuid.UUID, config: Config) -> None:
        self.campaign_id = campaign_id
        self.limit = config.campaign_autopause_failures
        self.window = config.campaign_autopause_window_seconds
        self.local: list[float] = []

    async def add(self) -> int:
        now = time.time()
        try:
            key = f"inkwell:campaign:{self.campaign_id}:failures:{int(now // self.window)}"
            redis = get_redis()
            count = int(await redis.incr(key))
            await redis.expire(key, self.window * 2)
            return count
        except Exception:
            self.local = [t for t in self.local if now - t < self.window] + [now]
            return len(self.local)


async def _auto_pause(
    campaign_id: uuid.UUID, failures: int, window: int, code: int | None, error: str
) -> None:
    reason = (
        f"Paused automatically: {failures} messages failed within {window} seconds. "
        f"Last answer: {code if code is not None else 'no answer'} — {explain(code)}."
    )
    async with transaction():
        campaign = await Campaign.filter(id=campaign_id).select_for_update().first()
        if campaign is None or campaign.status is not CampaignStatus.sending:
            return
        campaign.status = CampaignStatus.paused
        campaign.status_reason = reason
        await campaign.save(update_fields=["status", "status_reason", "updated_at"])
        await record(campaign, "auto_paused", reason=reason, smtp_code=code, error=error[:500])
        await progress.emit_after_commit(campaign)
    log.warning("campaign_auto_paused", campaign_id=str(campaign_id), failures=failures)


async def finish_if_done(campaign_id: uuid.UUID) -> bool:
    async with transaction() as conn:
        count, _ = await conn.execute_query(FINISH_SQL, [campaign_id])
        if count:
            campaign = await Campaign.get(id=campaign_id)
            await record(campaign, "finished")
            await progress.emit_after_commit(campaign)
    return bool(count)


def _mail_sender(ctx: dict[str, Any], config: Config) -> MailSender:
    sender = ctx.get("campaign_mail_sender")
    if sender is None:
        sender = ctx["campaign_mail_sender"] = build_mail_sender(
            config, pool_size=config.campaign_concurrency * config.campaign_senders
        )
    assert isinstance(sender, MailSender)
    return sender


async def run_sender(ctx: dict[str, Any], campaign_id: str, slot: int) -> str:
    """Send a campaign's recipients until none is left, the campaign stops being ``sending``,
    or this run's time is up (then a fresh job takes over)."""
    config = get_config()
    campaign = await Campaign.get_or_none(id=campaign_id)
    if campaign is None or campaign.status is not CampaignStatus.sending:
        return "not_sending"
    redis = get_redis()
    lock = redis.lock(
        _slot_key(campaign.id, slot), timeout=config.campaign_sender_ttl_seconds, blocking=False
    )
    if not await lock.acquire(blocking=False):
        return "slot_busy"
    try:
        sender = _Sender(ctx, campaign, config)
        outcome = await sender.run(lock)
    finally:
        with contextlib.suppress(Exception):
            await lock.release()
    if outcome == "handover":
        async with transaction():
            await outbox.enqueue(
                "send_campaign",
                str(campaign.id),
                slot,
                job_id=f"campaign:{campaign.id}:send:{slot}:{uuid.uuid4().hex[:12]}",
            )
    return outcome


class _Sender:
    """One sender job: a claiming loop feeding ``concurrency`` workers through a queue.

    Workers only render and send; what needs the database or Redis happens beside them:
    marks are written by ``SentMarks``, progress is published by its own task, and the
    campaign's status is re-read by the claiming loop (workers look at the last value).
    """

    def __init__(self, ctx: dict[str, Any], campaign: Campaign, config: Config) -> None:
        self.ctx = ctx
        self.config = config
        self.campaign = campaign
        self.state = CampaignState(campaign)
        self.id = uuid.uuid4().hex
        self.mail = _mail_sender(ctx, config)
        # Over SMTP the sender writes the bytes itself (see server/campaigns/mime.py).
        self.mime = (
            CampaignMime(
                from_=campaign_from(campaign),
                reply_to=campaign.reply_to,
                campaign_id=str(campaign.id),
            )
            if isinstance(self.mail, SmtpMailSender)
            else None
        )
        self.prepared = rendering.prepare(
            campaign.content, title=campaign.subject, preheader=campaign.preheader
        )
        self.rate = WorkspaceRate(campaign.workspace_id, config.campaign_rate_per_second, config)
        self.failures = FailureWindow(campaign.id, config)
        self.queue: asyncio.Queue[Claimed | None] = asyncio.Queue()
        self.in_flight = 0
        # Claimed rows a worker did not send because the campaign stopped: unclaimed at the end.
        self.unsent: list[int] = []
        self.failed = 0
        self.claimed_up_to = 0
        self.rescan_at = 0.0
        self.quiet_until = 0.0

    async def run(self, lock: Any) -> str:
        # Two connections held for the run, one for the claiming loop and one for the marks:
        # a pooled query costs a second round trip (asyncpg resets a connection when it goes
        # back to the pool), and these are most of the sender's queries.
        pool = connections.get("default")
        async with pool.acquire_connection() as db, pool.acquire_connection() as marks_db:
            self.db = db
            self.marks = SentMarks(marks_db, self.id, mark_limit(self.config.campaign_concurrency))
            await db.execute(CLAIM_SESSION_SQL)
            try:
                outcome = await self._run(lock)
            finally:
                # The pool resets a connection it gets back too; this says so where it is set.
                with contextlib.suppress(Exception):
                    await db.execute(CLAIM_SESSION_RESET_SQL)
        await progress.maybe_emit(self.state.campaign, force=True)
        return outcome

    async def _run(self, lock: Any) -> str:
        lease = self.config.campaign_lease_seconds
        concurrency = max(1, self.config.campaign_concurrency)
        rate = self.config.campaign_rate_per_second
        # Never claim more than can leave well within the lease at the workspace's rate.
        batch = max(
            1, min(self.config.campaign_batch_size, int(rate * lease / 4) if rate else 10**6)
        )
        workers = [asyncio.create_task(self._worker()) for _ in range(concurrency)]
        reporter = asyncio.create_task(self._report_progress())
        deadline = time.monotonic() + SENDER_RUN_SECONDS
        outcome = "handover"
        beat = time.monotonic()
        try:
            while time.monotonic() < deadline:
                if any(w.done() for w in workers):
                    # A worker crashed: surface its exception to the job wrapper.
                    for w in workers:
                        if w.done() and w.exception() is not None:
                            raise w.exception()  # type: ignore[misc]
                if not await self.state.sending():
                    outcome = "stopped"
                    break
                if time.monotonic() - beat > self.config.campaign_sender_ttl_seconds / 3:
                    beat = time.monotonic()
                    with contextlib.suppress(Exception):
                        await lock.reacquire()
                if time.monotonic() < self.quiet_until:
                    # Nothing is due for a while (readers whose time is hours away, retries
                    # backing off): no claim reads the campaign's rows until then.
                    await asyncio.sleep(min(1.0, self.quiet_until - time.monotonic()))
                    continue
                if self.queue.qsize() < batch:
                    rows = await self._claim(batch, lease)
                    for row in rows:
                        self.queue.put_nowait(Claimed(**row))
                    if rows:
                        continue
                    if self.queue.empty() and self.in_flight == 0:
                        await self.marks.flush()
                        if await finish_if_done(self.campaign.id):
                            outcome = "finished"
                            break
                        wait = await self._next_due()
                        if wait > 1.0:
                            self.quiet_until = time.monotonic() + min(wait, CLAIM_RESCAN_SECONDS)
                        await asyncio.sleep(min(1.0, wait))
                        continue
                await asyncio.sleep(0.02)
        finally:
            reporter.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await reporter
            await self._drain(workers)
        return outcome

    async def _claim(self, batch: int, lease: float) -> list[asyncpg.Record]:
        after = self.claimed_up_to
        if time.monotonic() >= self.rescan_at:
            after = 0
        rows: list[asyncpg.Record] = await self.db.fetch(
            CLAIM_SQL, self.campaign.id, batch, lease, self.id, after
        )
        if not rows and after:
            after = 0
            rows = await self.db.fetch(CLAIM_SQL, self.campaign.id, batch, lease, self.id, 0)
        if after == 0:
            self.rescan_at = time.monotonic() + CLAIM_RESCAN_SECONDS
        if rows:
            self.claimed_up_to = max(self.claimed_up_to, max(int(r["id"]) for r in rows))
        return rows

    async def _report_progress(self) -> None:
        """Publishes progress while marks or failures are being written, at most once per
        interval (``maybe_emit`` also holds every sender of the campaign to that)."""
        interval = max(0.01, self.config.campaign_progress_interval_seconds)
        seen = (0, 0)
        while True:
            await asyncio.sleep(interval)
            now = (self.marks.written, self.failed)
            if now != seen:
                seen = now
                try:
                    await progress.maybe_emit(self.state.campaign)
                except Exception as exc:
                    # Progress is a hint (the endpoint reads the truth): never stop sending.
                    log.warning("campaign_progress_failed", error=f"{type(exc).__name__}: {exc}")

    async def _next_due(self) -> float:
        if self.state.campaign.expanded_at is None:
            # The audience is still being snapshot: its next chunk is a moment away.
            return 0.05
        due = await self.db.fetchval(NEXT_DUE_SQL, self.campaign.id)
        if due is None:
            # Other senders' rows are in flight: they are marked, or their leases run out.
            return 1.0
        return max(0.05, float((due - datetime.now(UTC)).total_seconds()))

    async def _drain(self, workers: list[asyncio.Task[None]]) -> None:
        while not self.queue.empty():
            item = self.queue.get_nowait()
            if item is not None:
                self.unsent.append(item.id)
        for _ in workers:
            self.queue.put_nowait(None)
        await asyncio.gather(*workers, return_exceptions=True)
        await self.marks.close()
        if self.unsent:
            await self.db.execute(UNCLAIM_SQL, self.unsent, self.id)

    async def _worker(self) -> None:
        while True:
            item = await self.queue.get()
            if item is None:
                return
            self.in_flight += 1
            try:
                # Between messages: a paused or cancelled campaign sends nothing more (the
                # claiming loop re-reads the status every 200 ms and then stops this run).
                if not self.state.is_sending:
                    self.unsent.append(item.id)
                    continue
                if not await self._keep_lease(item):
                    continue
                await self.rate.wait()
                await self._send_one(item)
            finally:
                self.in_flight -= 1

    async def _keep_lease(self, item: Claimed) -> bool:
        remaining = (item.lease_until - datetime.now(UTC)).total_seconds()
        if remaining > self.config.campaign_lease_seconds / 2:
            return True
        count, _ = await connections.get("default").execute_query(
            EXTEND_SQL, [item.id, self.id, self.config.campaign_lease_seconds]
        )
        return bool(count)

    async def _send_one(self, item: Claimed) -> None:
        ctx = rendering.RecipientContext(
            recipient_id=item.id,
            email=item.email,
            first_name=item.first_name,
            last_name=item.last_name,
        )
        try:
            if self.mime is not None and isinstance(self.mail, SmtpMailSender):
                unsubscribe_url = tokens.unsubscribe_url(item.id)
                rendered = self.prepared.render(ctx, unsubscribe_url=unsubscribe_url)
                envelope_to, to = self.mime.to_header(ctx.full_name, ctx.email)
                subject = rendering.merge_text(self.campaign.subject, ctx)
                data = self.mime.render(
                    to=to,
                    subject=self.mime.subject_header(subject),
                    message_id=item.message_id,
                    unsubscribe_url=unsubscribe_url,
                    text=rendered.text,
                    html=rendered.html,
                )
                await self.mail.send_raw(
                    self.mime.envelope_from, [envelope_to], data, message_id=item.message_id
                )
            else:
                message = build_message(
                    self.campaign, self.prepared, ctx, message_id=item.message_id
                )
                await self.mail.send(message)
        except MailError as exc:
            await self._failed(item, exc.code, str(exc), transient=exc.transient)
            return
        except (OSError, TimeoutError) as exc:
            await self._failed(item, None, f"{type(exc).__name__}: {exc}", transient=True)
            return
        await self.marks.add(item.id)

    async def _failed(
        self, item: Claimed, code: int | None, error: str, *, transient: bool
    ) -> None:
        retry = transient and item.attempts < self.config.campaign_max_attempts
        next_at = (
            datetime.now(UTC) + timedelta(seconds=backoff_seconds(item.attempts, self.config))
            if retry
            else None
        )
        status = "queued" if retry else "failed"
        data = json.dumps(
            {"campaign_id": str(self.campaign.id), "smtp_code": code, "reason": explain(code)}
        )
        await connections.get("default").execute_query(
            MARK_FAILED_SQL, [item.id, self.id, status, next_at, error[:2000], code, data]
        )
        self.failed += 1
        log.info(
            "campaign_message_failed",
            campaign_id=str(self.campaign.id),
            recipient_id=item.id,
            code=code,
            retry=retry,
        )
        failures = await self.failures.add()
        if failures >= self.failures.limit:
            await _auto_pause(self.campaign.id, failures, self.failures.window, code, error)


__all__ = [
    "backoff_seconds",
    "expand",
    "finish_if_done",
    "run_sender",
    "tick",
]
