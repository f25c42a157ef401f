"""CSV contact imports: upload, parse, and a set-based, resumable import in batches.

The upload is streamed to ``DATA_DIR/uploads/imports/<id>.csv`` and an ``import_contacts`` job
is enqueued through the outbox. The job streams the file (encoding by charset-normalizer, BOM
stripped), sniffs the delimiter, maps the header and imports the rows in batches: each batch is one
transaction that upserts contacts with ``INSERT ... SELECT FROM unnest(...)``, adds list
memberships, writes timeline events, and commits the counts with ``rows_done``. Two batches are
merged at once on two connections (the database does most of the work), but they commit in file
order, so a restarted job skips exactly the rows already done and never imports a row twice.
New contacts get time-ordered ids, so a batch's rows land together in the indexes.

Rows that are not imported or updated (bad email, unknown time zone, duplicate in the file,
existing contact under ``skip`` / ``error``) are written to the report with their row number
and reason; each batch writes its own report part before its commit, so a rerun overwrites it.
"""

from __future__ import annotations

import asyncio
import codecs
import contextlib
import csv
import hashlib
import io
import itertools
import json
import os
import re
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import structlog
from charset_normalizer import from_bytes
from email_validator import EmailNotValidError, validate_email
from quart.datastructures import FileStorage

from models.contacts import DuplicatePolicy, ImportJob, ImportStatus
from realtime.emit import emit_progress
from server.contacts.service import access_list, unknown_zone_message
from server.core import zones
from server.core.auth import Actor
from server.core.config import get_config
from server.core.db import transaction
from server.core.errors import AppError, NotFound, ValidationFailed
from server.core.outbox import enqueue

log = structlog.get_logger(__name__)

ANALYZE_AFTER = 10_000
# Batches merged at once, each on its own connection (see _import_batch).
IN_FLIGHT = 2
SNIFF_BYTES = 64 * 1024
# Called after each committed batch; tests use it to simulate a crash.
after_batch_hook: Callable[[ImportJob], None] | None = None

FIELDS = ("email", "first_name", "last_name", "full_name", "timezone")
_HEADER_ALIASES: dict[str, str] = {
    **dict.fromkeys(("email", "e-mail", "e-mail address", "email address", "mail"), "email"),
    **dict.fromkeys(("first name", "firstname", "given name", "first"), "first_name"),
    **dict.fromkeys(("last name", "lastname", "surname", "family name", "last"), "last_name"),
    **dict.fromkeys(("name", "full name"), "full_name"),
    # "time_zone" is keyed as "time zone" (see _key).
    **dict.fromkeys(("timezone", "time zone", "tz", "time-zone"), "timezone"),
}
_FIELD_ALIASES = {
    "name": "full_name",
    "first": "first_name",
    "last": "last_name",
    "time zone": "timezone",
}
IGNORE = "ignore"


class FileTooLarge(AppError):
    code = "payload_too_large"
    status = 413
    message = "The file is too large."


class ImportFailed(Exception):
    """The file cannot be imported at all; the message is shown to the user."""


# ---------------------------------------------------------------------------------------------
# Parsing: pure functions.


def decode(data: bytes) -> str:
    """Bytes to text: detected encoding (UTF-8 when unsure), BOM removed; NUL means binary."""
    if b"\x00" in data[:SNIFF_BYTES] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportFailed("This is not a CSV file.")
    # A BOM is dropped even when the rest is not UTF-8 (spreadsheets mix them up).
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    encoding = detect_encoding(data[: 4 * SNIFF_BYTES])
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        text = data.decode("utf-8", errors="replace")
    if "\x00" in text:
        raise ImportFailed("This is not a CSV file.")
    return text.lstrip("\ufeff")


@dataclass(frozen=True)
class Encoding:
    """How to read a file as text, decided as :func:`decode` decides, without reading it whole."""

    name: str
    errors: str = "strict"
    skip: int = 0  # bytes before the text: a UTF-8 BOM
    check_nul: bool = False  # a NUL character in the text means binary


HEAD_BYTES = 1024 * 1024
CHUNK_BYTES = 1024 * 1024


def _decodes_whole(path: Path, skip: int, encoding: str) -> bool:
    """Whether the whole file decodes with ``encoding``, read in chunks (nothing is kept)."""
    try:
        decoder = codecs.getincrementaldecoder(encoding)()
    except LookupError:
        return False
    with path.open("rb") as raw:
        raw.seek(skip)
        try:
            while chunk := raw.read(CHUNK_BYTES):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return False
    return True


def detect_file_encoding(path: Path) -> Encoding:
    """:func:`decode`'s decision for a file: same NUL test, BOM handling, UTF-8 first, then
    charset-normalizer on the same sample (with the Windows-1252 tie-break), and UTF-8 with
    replacement characters only when the detected encoding does not decode the whole file.

    Whether a whole file decodes is checked by one streaming pass over its bytes (C speed,
    constant memory), so the decision is exactly today's, not a guess from the head alone.
    """
    with path.open("rb") as raw:
        head = raw.read(HEAD_BYTES)
    if b"\x00" in head[:SNIFF_BYTES] and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportFailed("This is not a CSV file.")
    skip = 3 if head.startswith(b"\xef\xbb\xbf") else 0
    if _decodes_whole(path, skip, "utf-8"):
        return Encoding("utf-8", skip=skip)
    encoding = detect_encoding(head[skip : skip + 4 * SNIFF_BYTES])
    if _decodes_whole(path, skip, encoding):
        return Encoding(encoding, skip=skip, check_nul=True)
    return Encoding("utf-8", errors="replace", skip=skip, check_nul=True)


@contextlib.contextmanager
def open_rows(path: Path, encoding: Encoding) -> Iterator[Iterator[list[str]]]:
    """The file's non-blank CSV records, header first, streamed (as :func:`read_rows` on
    :func:`decode`'s text). The delimiter is sniffed from the first ``SNIFF_BYTES`` characters."""
    with path.open("rb") as raw:
        raw.seek(encoding.skip)
        text = io.TextIOWrapper(raw, encoding=encoding.name, errors=encoding.errors, newline="")
        sample = text.read(SNIFF_BYTES)
        while sample.startswith("\ufeff"):
            sample = sample.lstrip("\ufeff")
            sample += text.read(SNIFF_BYTES - len(sample))
        delimiter = sniff_delimiter(sample)
        # Complete the sample's last line, so the records read on from a line boundary.
        head = sample + text.readline()
        lines: Iterator[str] = itertools.chain(io.StringIO(head, newline=""), text)
        if encoding.check_nul:
            lines = _without_nul(lines)
        yield _records(lines, delimiter)


class _Ends:
    """Told when a line source runs out: chained after the source, it is pulled only then."""

    def __init__(self) -> None:
        self.reached = False

    def __iter__(self) -> Iterator[str]:
        self.reached = True
        return iter(())


def _records(lines: Iterator[str], delimiter: str) -> Iterator[list[str]]:
    """The non-blank CSV records of ``lines``; a record the csv module cannot read fails the
    import with the line it is on (the first pass reads the whole file, so before any row is
    written).

    A quote opened and never closed would make the rest of the file one cell, silently: the
    csv module (not strict, which would also refuse a stray quote inside a cell that
    spreadsheets write and read back) ends such a cell at the end of the file. A record is
    only ever completed by the end of the file in that case (a closed last record is complete
    at its own line end), so that is what is caught.
    """
    end = _Ends()
    reader = csv.reader(itertools.chain(lines, end), delimiter=delimiter)
    try:
        first_line = 1
        for row in reader:
            if end.reached:
                raise ImportFailed(
                    f"Line {first_line}: a quote opened here is never closed, so the rest of "
                    "the file would be read as one cell. Close the quote and upload again."
                )
            if any(cell.strip() for cell in row):
                yield row
            first_line = reader.line_num + 1
    except csv.Error as exc:
        if "field limit" in str(exc):
            # Almost always a quote opened and never closed, which runs on to the file's end.
            raise ImportFailed(
                f"Line {reader.line_num}: a cell is longer than "
                f"{csv.field_size_limit():,} characters. Is a quote left open above it?"
            ) from exc
        raise ImportFailed(f"Line {reader.line_num} is not valid CSV ({exc}).") from exc


def _without_nul(lines: Iterator[str]) -> Iterator[str]:
    for line in lines:
        if "\x00" in line:
            raise ImportFailed("This is not a CSV file.")
        yield line


def detect_encoding(sample: bytes) -> str:
    """charset-normalizer's guess, except that Windows-1252 (what spreadsheets mostly write)
    wins when it reads the sample as cleanly and nearly as coherently: its language guess on a
    few names ("Müller, Søren") can favour ISO-8859-16 or Windows-1250 by a few hundredths."""
    matches = list(from_bytes(sample))
    if not matches:
        return "utf-8"
    best = matches[0]
    for match in matches:
        if (
            match.encoding == "cp1252"
            and match.chaos <= best.chaos
            and match.coherence >= best.coherence - 0.1
        ):
            return "cp1252"
    return best.encoding


DELIMITERS = ",;\t|"
_QUOTED = re.compile(r'"(?:[^"]|"")*"')


def sniff_delimiter(text: str) -> str:
    """The delimiter: the candidate the header line uses most (outside quotes), since a header
    is plain names; only when that is a tie or none, ``csv.Sniffer`` on the sample; else ",".

    Sniffing the whole sample first let one odd cell (say ``"|``) decide for the whole file.
    """
    sample = text[:SNIFF_BYTES]
    first_line = _QUOTED.sub("", sample.lstrip("\r\n").split("\n", 1)[0])
    counts = {d: first_line.count(d) for d in DELIMITERS}
    best = max(counts.values())
    leaders = [d for d, n in counts.items() if n == best]
    if best and len(leaders) == 1:
        return leaders[0]
    try:
        return (
            csv.Sniffer()
            .sniff(sample, delimiters="".join(leaders) if best else DELIMITERS)
            .delimiter
        )
    except csv.Error:
        return leaders[0] if best else ","


def read_rows(text: str) -> tuple[list[str], list[list[str]]]:
    """Header and data rows of a whole text; blank lines are dropped (see :func:`open_rows`)."""
    rows = list(_records(io.StringIO(text, newline=""), sniff_delimiter(text)))
    if not rows:
        return [], []
    return [h.strip() for h in rows[0]], rows[1:]


def _key(header: str) -> str:
    return " ".join(header.strip().lower().replace("_", " ").split())


def map_columns(header: list[str], overrides: dict[str, str]) -> dict[int, str]:
    """Column index → ``email``/``first_name``/``last_name``/``full_name``/``timezone``/
    ``attr:<name>``.

    ``overrides`` maps a column name to a field, an attribute name, or ``ignore``.
    """
    wanted = {_key(k): v.strip() for k, v in overrides.items()}
    result: dict[int, str] = {}
    taken: set[str] = set()
    for index, name in enumerate(header):
        if not name:
            continue
        target = wanted.get(_key(name))
        if target is not None:
            target = _FIELD_ALIASES.get(_key(target), _key(target).replace(" ", "_"))
            if target == IGNORE:
                continue
            field_name = target if target in FIELDS else f"attr:{target}"
        else:
            field_name = _HEADER_ALIASES.get(_key(name), f"attr:{name}")
        if field_name in FIELDS and field_name in taken:
            field_name = f"attr:{name}"
        taken.add(field_name)
        result[index] = field_name
    return result


@dataclass(slots=True)
class Row:
    number: int  # the record's number in the file, the header being 1
    values: list[str]
    email: str | None = None
    first_name: str = ""
    last_name: str = ""
    timezone: str | None = None  # canonical; None when the cell is empty (keeps a stored one)
    attributes: dict[str, str] = field(default_factory=dict)
    error: str | None = None


# Addresses that email-validator certainly accepts and normalises to their lower-case form:
# ASCII dot-atoms of common characters, host labels without "--" (so no Punycode or other
# IDNA question), an alphabetic top-level domain of 2-24 letters, lengths well inside the
# limits. Most rows of a real file look like this; anything else goes to email-validator.
_PLAIN_EMAIL = re.compile(
    r"(?=.{1,200}\Z)"
    r"[A-Za-z0-9_+-]{1,64}(?:\.[A-Za-z0-9_+-]{1,64})*"
    r"@(?:(?!-)(?![A-Za-z0-9-]*--)[A-Za-z0-9-]{1,63}(?<!-)\.)+"
    r"(?P<tld>[A-Za-z]{2,24})",
    re.ASCII,
)
# email-validator refuses these special-use names (RFC 6761 and friends) as a domain's end.
_SPECIAL_TLDS = frozenset({"arpa", "invalid", "local", "localhost", "onion", "test"})


def normalise_email(raw: str) -> str:
    """The address as stored (email-validator's normalised form, lower-cased), or
    ``EmailNotValidError``. A plain address takes a fast path with the same result."""
    stripped = raw.strip()
    plain = _PLAIN_EMAIL.fullmatch(stripped)
    if (
        plain is not None
        and len(stripped.partition("@")[0]) <= 64
        and plain["tld"].lower() not in _SPECIAL_TLDS
    ):
        return stripped.lower()
    return validate_email(stripped, check_deliverability=False).normalized.lower()


def parse_row(number: int, values: list[str], columns: dict[int, str]) -> Row:
    row = Row(number=number, values=values)
    full = ""
    raw_email = ""
    raw_zone = ""
    for index, target in columns.items():
        value = values[index].strip() if index < len(values) else ""
        if target == "email":
            raw_email = value
        elif target == "first_name":
            row.first_name = value[:200]
        elif target == "last_name":
            row.last_name = value[:200]
        elif target == "full_name":
            full = value
        elif target == "timezone":
            raw_zone = value
        elif value:
            row.attributes[target.removeprefix("attr:")[:100]] = value[:1000]
    if full and not (row.first_name or row.last_name):
        first, _, last = full.partition(" ")
        row.first_name, row.last_name = first.strip()[:200], last.strip()[:200]
    if not raw_email:
        row.error = "missing email"
        return row
    try:
        row.email = normalise_email(raw_email)
    except EmailNotValidError as exc:
        row.error = f"invalid email: {exc}"
        return row
    if raw_zone:
        # An unknown zone fails the row, as a bad address does: importing the contact without
        # it would quietly send them campaigns at the campaign's own time. The report keeps
        # the row's cells, so it can be fixed and imported again.
        row.timezone = zones.canonical(raw_zone)
        if row.timezone is None:
            row.error = unknown_zone_message(raw_zone)
    return row


# ---------------------------------------------------------------------------------------------
# Files.


def imports_dir() -> Path:
    return get_config().data_dir / "uploads" / "imports"


def _report_dir(job_id: uuid.UUID) -> Path:
    return imports_dir() / f"{job_id}.report"


async def save_upload(upload: FileStorage, dest: Path, limit: int) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    size = 0
    tmp = dest.with_suffix(".part")
    with tmp.open("wb") as out:
        while chunk := upload.stream.read(1024 * 1024):
            size += len(chunk)
            if size > limit:
                out.close()
                tmp.unlink(missing_ok=True)
                raise FileTooLarge(details={"limit_bytes": limit})
            out.write(chunk)
    os.replace(tmp, dest)


# ---------------------------------------------------------------------------------------------
# Service.


async def access_import(actor: Actor, import_id: uuid.UUID) -> ImportJob:
    job = await ImportJob.get_or_none(id=import_id, workspace_id=actor.workspace.id)
    if job is None:
        raise NotFound("No such import.")
    return job


def parse_mapping(raw: str | None) -> dict[str, str]:
    if not raw:
        return {}
    try:
        value = json.loads(raw)
    except ValueError as exc:
        raise ValidationFailed(
            "The mapping is not valid JSON.", details={"fields": {"mapping": [str(exc)]}}
        ) from exc
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise ValidationFailed(
            "The mapping must be an object of column name to field.",
            details={"fields": {"mapping": ["expected an object of strings"]}},
        )
    return value


async def start_import(
    actor: Actor,
    upload: FileStorage,
    *,
    list_id: uuid.UUID | None,
    duplicate_policy: DuplicatePolicy,
    mapping: dict[str, str],
) -> ImportJob:
    if list_id is not None:
        await access_list(actor, list_id)
    job_id = uuid.uuid4()
    path = imports_dir() / f"{job_id}.csv"
    await save_upload(upload, path, get_config().import_max_bytes)
    try:
        async with transaction():
            job = await ImportJob.create(
                id=job_id,
                workspace_id=actor.workspace.id,
                created_by_id=actor.user.id,
                file_path=str(path),
                original_name=(upload.filename or "")[:500],
                list_id=list_id,
                duplicate_policy=duplicate_policy,
                mapping=mapping,
            )
            await enqueue("import_contacts", str(job_id), job_id=f"import:{job_id}")
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return job


def progress(job: ImportJob) -> dict[str, Any]:
    return {
        "id": str(job.id),
        "status": job.status.value,
        "total_rows": job.total_rows,
        "imported": job.imported,
        "updated": job.updated,
        "skipped": job.skipped,
        "failed": job.failed,
    }


async def _publish(job: ImportJob) -> None:
    await emit_progress("import:progress", progress(job), job.workspace_id)


async def _fail(job: ImportJob, message: str) -> None:
    job.status = ImportStatus.failed
    job.error = message
    await job.save(update_fields=["status", "error", "updated_at"])
    await _publish(job)


async def fail_import(job_id: str) -> None:
    """After the last try: the batches already committed stay imported, the rest are not."""
    job = await ImportJob.get_or_none(id=job_id)
    if job is None or job.status in (ImportStatus.completed, ImportStatus.failed):
        return
    done = job.imported + job.updated + job.skipped + job.failed
    await _fail(
        job,
        f"The import stopped on an unexpected error after {done:,} of {job.total_rows:,} rows; "
        "those are in the report and the counts. Upload the file again to finish: contacts "
        "already imported count as duplicates.",
    )


def report_csv(job: ImportJob) -> str:
    """The report: one line per row that was not imported or updated."""
    out = io.StringIO()
    writer = csv.writer(out)
    header: list[str] = []
    parts = sorted(_report_dir(job.id).glob("*.csv")) if job.report_path else []
    header_file = _report_dir(job.id) / "header.json"
    if header_file.exists():
        header = json.loads(header_file.read_text())
    writer.writerow(["row", "reason", *header])
    text = out.getvalue()
    return text + "".join(part.read_text(encoding="utf-8") for part in parts)


# A report line: the row's number in the file, the reason, the row's cells as read.
ReportLine = tuple[int, str, list[str]]


def _write_part(job_id: uuid.UUID, start: int, lines: list[ReportLine]) -> None:
    out = io.StringIO()
    writer = csv.writer(out)
    for number, reason, values in lines:
        writer.writerow([number, reason, *values])
    directory = _report_dir(job_id)
    directory.mkdir(parents=True, exist_ok=True)
    tmp = directory / f"{start:010d}.tmp"
    tmp.write_text(out.getvalue(), encoding="utf-8")
    os.replace(tmp, directory / f"{start:010d}.csv")


def email_digest(email: str) -> bytes:
    """8 bytes of BLAKE2b of a normalised address, for the within-file duplicate check.

    A set of these (about 90 bytes each with the set's overhead, against ~150 for the
    address) stays small for a million rows. We treat them as collision-free: for n
    addresses the chance of any collision is about n² / 2^65, ~3e-8 for a million, and a
    collision would only report one row as a duplicate of an earlier one.
    """
    return hashlib.blake2b(email.encode(), digest_size=8).digest()


def _scan(path: Path) -> tuple[Encoding, list[str], int]:
    """Encoding, header and number of data rows, in a streaming pass (nothing is kept)."""
    encoding = detect_file_encoding(path)
    with open_rows(path, encoding) as rows:
        header = [h.strip() for h in next(rows, [])]
        total = sum(1 for _ in rows)
    return encoding, header, total


async def run_import(job_id: str) -> str:
    """The job: safe to run again; it resumes after the last committed batch.

    The file is streamed: one pass decides the encoding and counts the rows, then the rows are
    read, parsed and validated one batch at a time (in a thread, the next batch while the
    current one is written), so memory does not grow with the file.
    """
    job = await ImportJob.get_or_none(id=job_id)
    if job is None or job.status in (ImportStatus.completed, ImportStatus.failed):
        return "nothing to do"
    job.status = ImportStatus.running
    await job.save(update_fields=["status", "updated_at"])
    path = Path(job.file_path)
    try:
        encoding, header, total = await asyncio.to_thread(_scan, path)
        columns = map_columns(header, job.mapping)
        if total and "email" not in columns.values():
            raise ImportFailed("No email column found; name a column “email” or map one to email.")
    except ImportFailed as exc:
        await _fail(job, str(exc))
        return "failed"
    except FileNotFoundError:
        await _fail(job, "The uploaded file is gone.")
        return "failed"

    report = _report_dir(job.id)
    report.mkdir(parents=True, exist_ok=True)
    (report / "header.json").write_text(json.dumps(header))
    if job.total_rows != total or job.report_path is None:
        job.total_rows = total
        job.report_path = str(report)
        await job.save(update_fields=["total_rows", "report_path", "updated_at"])

    # Digests of the addresses seen so far in the file (those of committed rows first), so a
    # resumed job still spots duplicates. Only the reading thread touches it.
    seen: set[bytes] = set()
    policy = job.duplicate_policy
    with open_rows(path, encoding) as rows:
        next(rows, None)  # the header
        numbered = enumerate(rows, start=2)  # the record's number in the file, header = 1

        def skip_done(count: int) -> None:
            for number, values in itertools.islice(numbered, count):
                row = parse_row(number, values, columns)
                if row.email and not row.error:
                    seen.add(email_digest(row.email))

        batch_rows = get_config().import_batch_rows
        position = job.rows_done
        ids = ordered_ids()  # the run's new contacts, in file order

        def next_batch() -> _Batch | None:
            nonlocal position
            parsed = [parse_row(n, v, columns) for n, v in itertools.islice(numbered, batch_rows)]
            if not parsed:
                return None
            batch = _classify(parsed, seen, policy, position, ids)
            position = batch.end
            return batch

        await asyncio.to_thread(skip_done, job.rows_done)
        pending = asyncio.ensure_future(asyncio.to_thread(next_batch))
        # Batches whose merge has started, oldest first; each commits only when told to.
        flight: list[tuple[asyncio.Task[None], asyncio.Future[bool]]] = []
        try:
            while batch := await pending:
                pending = asyncio.ensure_future(asyncio.to_thread(next_batch))
                go: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
                flight.append((asyncio.ensure_future(_import_batch(job, batch, go)), go))
                while len(flight) >= IN_FLIGHT:
                    await _commit_oldest(job, flight)
            while flight:
                await _commit_oldest(job, flight)
        finally:
            # A batch not told to commit rolls back; the reading thread must be done before
            # the file closes.
            for _task, go in flight:
                if not go.done():
                    go.set_result(False)
            await asyncio.gather(*(task for task, _go in flight), return_exceptions=True)
            await asyncio.gather(pending, return_exceptions=True)
    if job.imported >= ANALYZE_AFTER:
        # Fresh statistics before the contacts show up: until autovacuum gets to it, the
        # planner would take the table for as small as it was and scan it for every page.
        async with transaction() as conn:
            await conn.execute_script("ANALYZE contact")
    job.status = ImportStatus.completed
    await job.save(update_fields=["status", "updated_at"])
    await _publish(job)
    log.info("contacts_imported", import_id=str(job.id), **progress(job))
    return "completed"


# Each batch is COPYed into this per-connection staging table, then merged by one statement.
_STAGE = """
CREATE TEMP TABLE IF NOT EXISTS contact_import_stage (
    row_number int NOT NULL, id uuid NOT NULL, email text NOT NULL, first_name text NOT NULL,
    last_name text NOT NULL, timezone text, attributes text NOT NULL
) ON COMMIT DELETE ROWS
"""
_STAGE_COLUMNS = ("row_number", "id", "email", "first_name", "last_name", "timezone", "attributes")


_INSERT_STAGED = """
INSERT INTO contact (id, workspace_id, email, first_name, last_name, timezone, status,
                     attributes, tags, consent_source, consent_at, consent_text, created_at,
                     updated_at)
SELECT s.id, $1, s.email, s.first_name, s.last_name, s.timezone, 'subscribed',
       s.attributes::jsonb, '{}', 'import', now(), $2, now(), now()
FROM contact_import_stage s ORDER BY s.row_number
ON CONFLICT (workspace_id, email) """

# ``update``: names, time zone and attributes only; an import never changes a contact's status.
# An empty cell (staged as NULL for the zone) keeps what the contact has.
# ``xmax = 0`` tells a row this statement inserted from one it updated.
_UPSERT = (
    _INSERT_STAGED
    + """DO UPDATE
SET first_name = CASE WHEN excluded.first_name <> '' THEN excluded.first_name
                      ELSE contact.first_name END,
    last_name = CASE WHEN excluded.last_name <> '' THEN excluded.last_name
                     ELSE contact.last_name END,
    timezone = COALESCE(excluded.timezone, contact.timezone),
    attributes = contact.attributes || excluded.attributes,
    updated_at = now()
RETURNING id, email, xmax = 0 AS created"""
)
_INSERT_NEW = _INSERT_STAGED + "DO NOTHING RETURNING id, email, true AS created"


def _merge_sql(policy: DuplicatePolicy, with_list: bool) -> str:
    """One statement for a staged batch. The unique (workspace_id, email) index decides what
    already exists: ``update`` upserts, ``skip`` and ``error`` insert only new addresses. Each
    new contact gets an "imported" timeline line; with a list, the batch's contacts (only the
    new ones under ``error``) join it with a "list_added" line each.

    Parameters: $1 workspace, $2 consent text, $3 "imported" event data, $4 list id, $5
    "list_added" event data. Returns the row numbers of rows whose address was already a
    contact and was not updated (``n``), and the counts of created and updated contacts.
    """
    ctes = [
        "merged AS (" + (_UPSERT if policy is DuplicatePolicy.update else _INSERT_NEW) + ")",
        """imported_events AS (
            INSERT INTO contact_event (contact_id, kind, data, created_at)
            SELECT id, 'imported', $3::jsonb, now() FROM merged WHERE created
        )""",
        # Rows the statement did not touch: the address was already a contact (skip, error).
        """untouched AS MATERIALIZED (
            SELECT s.row_number, s.email FROM contact_import_stage s
            WHERE s.email NOT IN (SELECT email FROM merged)
        )""",
    ]
    if with_list:
        members = ["SELECT id FROM merged"]
        if policy is DuplicatePolicy.skip:
            members.append(
                "SELECT c.id FROM untouched u JOIN contact c ON c.workspace_id = $1 "
                "AND c.email = u.email"
            )
        ctes.append(
            "".join(
                [
                    "listed AS (",
                    "INSERT INTO list_membership (contact_list_id, contact_id, created_at) ",
                    "SELECT $4, m.id, now() FROM (",
                    " UNION ALL ".join(members),
                    ") AS m ON CONFLICT (contact_list_id, contact_id) DO NOTHING ",
                    "RETURNING contact_id)",
                ]
            )
        )
        ctes.append(
            """list_events AS (
            INSERT INTO contact_event (contact_id, kind, data, created_at)
            SELECT contact_id, 'list_added', $5::jsonb, now() FROM listed
        )"""
        )
    outcome = """
SELECT 'untouched' AS what, row_number AS n FROM untouched
UNION ALL SELECT 'created', (SELECT count(*) FROM merged WHERE created)
UNION ALL SELECT 'updated', (SELECT count(*) FROM merged WHERE NOT created)"""
    return "".join(["WITH ", ",\n".join(ctes), outcome])


# A row of the staging table, in ``_STAGE_COLUMNS`` order.
StagedRow = tuple[int, uuid.UUID, str, str, str, str | None, str]


@dataclass
class _Batch:
    """One batch of rows, checked: what goes to the report, and the rows to merge."""

    start: int  # rows_done before the batch
    end: int  # rows_done after it
    report: list[ReportLine]
    # The cells of the rows to merge, by row number, for those that turn out to exist already.
    candidates: dict[int, list[str]]
    records: list[StagedRow]  # the candidates as staged
    skipped: int
    failed: int


def _classify(
    batch: list[Row],
    seen: set[bytes],
    policy: DuplicatePolicy,
    start: int,
    ids: Iterator[uuid.UUID],
) -> _Batch:
    """Report the bad rows and the in-file duplicates; the rest are candidates. Adds the
    candidates' addresses to ``seen`` at once, so the next batch (which may be merged while
    this one is) sees them; a batch that then fails fails the run, whose rerun starts over
    from the committed rows."""
    report: list[ReportLine] = []
    candidates: dict[int, list[str]] = {}
    records: list[StagedRow] = []
    skipped = failed = 0
    for row in batch:
        if row.error or row.email is None:
            report.append((row.number, row.error or "missing email", row.values))
            failed += 1
            continue
        digest = email_digest(row.email)
        if digest in seen:
            report.append((row.number, "duplicate of an earlier row in the file", row.values))
            if policy is DuplicatePolicy.error:
                failed += 1
            else:
                skipped += 1
        else:
            seen.add(digest)
            candidates[row.number] = row.values
            records.append(
                (
                    row.number,
                    next(ids),
                    row.email,
                    row.first_name,
                    row.last_name,
                    row.timezone,
                    json.dumps(row.attributes),
                )
            )
    return _Batch(start, start + len(batch), report, candidates, records, skipped, failed)


def ordered_ids() -> Iterator[uuid.UUID]:
    """Ids in the UUIDv7 layout that grow one by one from a random point of this millisecond.

    An import's new contacts then land side by side at the end of the primary key's index (and
    of the timeline's contact index) instead of on random pages all over them: an index larger
    than the cache no longer costs a page read and a full-page WAL image per row. Ids are not
    secrets (every read checks the workspace; public links carry signed tokens), so
    neighbours differing by one are fine.
    """
    millis = time.time_ns() // 1_000_000
    random = int.from_bytes(os.urandom(10))
    rand_a = random >> 68  # 12 bits after the version
    # 61 of rand_b's 62 bits: counting up a batch's rows never carries into the variant bits.
    rand_b = random & ((1 << 61) - 1)
    base = millis << 80 | 0x7 << 76 | rand_a << 64 | 0b10 << 62 | rand_b
    return (uuid.UUID(int=base + n) for n in itertools.count())


class _RolledBack(Exception):
    """Undoes a batch's transaction when the run stops before the batch's turn to commit."""


async def _commit_oldest(
    job: ImportJob, flight: list[tuple[asyncio.Task[None], asyncio.Future[bool]]]
) -> None:
    """Let the oldest batch in flight commit, then tell the world."""
    task, go = flight[0]
    go.set_result(True)
    try:
        await task
    finally:
        flight.pop(0)
    await _publish(job)
    if after_batch_hook is not None:
        after_batch_hook(job)


async def _import_batch(job: ImportJob, batch: _Batch, go: asyncio.Future[bool]) -> None:
    """COPY the batch's candidates into the staging table and merge them with one statement;
    then, once ``go`` says so (the batches before it have committed), write its report part
    and commit it with the counts and ``rows_done``.

    Batches are merged ``IN_FLIGHT`` at a time on their own connections (the database does
    most of an import's work, one core per connection) but commit strictly in file order, so
    ``rows_done`` never passes a row that is not committed. Two batches never hold the same
    address (``seen``), so they do not wait on each other's rows.
    """
    report = list(batch.report)
    skipped, failed = batch.skipped, batch.failed
    imported = updated = 0
    try:
        async with transaction() as conn:
            if batch.records:
                params: list[Any] = [
                    job.workspace_id,
                    f"Imported from {job.original_name or 'a CSV file'}",
                    json.dumps({"source": "import", "import_id": str(job.id)}),
                ]
                if job.list_id is not None:
                    params += [
                        job.list_id,
                        json.dumps({"list_id": str(job.list_id), "source": "import"}),
                    ]
                async with conn.acquire_connection() as raw:
                    # Staged rows meet contacts only through the unique (workspace_id, email)
                    # index; a hash join would read all of a large workspace's contacts per
                    # batch.
                    await raw.execute(
                        "SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off;"
                        + _STAGE
                    )
                    await raw.copy_records_to_table(
                        "contact_import_stage", records=batch.records, columns=_STAGE_COLUMNS
                    )
                    outcome = await raw.fetch(
                        _merge_sql(job.duplicate_policy, job.list_id is not None), *params
                    )
                for what, number in outcome:
                    if what == "created":
                        imported = number
                    elif what == "updated":
                        updated = number
                    else:
                        report.append((number, "already a contact", batch.candidates[number]))
                        if job.duplicate_policy is DuplicatePolicy.error:
                            failed += 1
                        else:
                            skipped += 1
            if not await go:
                raise _RolledBack
            report.sort(key=lambda line: line[0])
            _write_part(job.id, batch.start, report)
            job.imported += imported
            job.updated += updated
            job.skipped += skipped
            job.failed += failed
            job.rows_done = batch.end
            await job.save(
                update_fields=[
                    "imported",
                    "updated",
                    "skipped",
                    "failed",
                    "rows_done",
                    "updated_at",
                ]
            )
    except _RolledBack:
        return
