"""Property-based tests of the CSV import's parsing: files written by a real CSV writer read back
exactly, whatever the field contents, quoting, delimiter or encoding; and the fast address check
agrees with email-validator on every input."""

from __future__ import annotations

import csv
import io
import string
import tempfile
from pathlib import Path
from typing import Literal

from email_validator import EmailNotValidError, validate_email
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from server.contacts import imports

HEADER = ["email", "first name", "notes"]
# Any text a spreadsheet could hold: every code point but NUL (which marks a binary file) and
# lone surrogates (which no encoding can write).
cell = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"))
# Cells rich in what makes CSV hard: quotes, delimiters, line breaks, spaces.
tricky = st.text(st.sampled_from([*"\",;\t|\r\n '=ab", "é", "日"]), max_size=12)
rows_strategy = st.lists(st.lists(st.one_of(cell, tricky), min_size=3, max_size=3), max_size=30)


def _read_back(data: bytes) -> list[list[str]]:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "people.csv"
        path.write_bytes(data)
        encoding = imports.detect_file_encoding(path)
        with imports.open_rows(path, encoding) as rows:
            return list(rows)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=rows_strategy,
    delimiter=st.sampled_from([",", ";", "\t", "|"]),
    quoting=st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]),
    line_end=st.sampled_from(["\r\n", "\n"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]),
)
def test_written_csv_reads_back_exactly(
    rows: list[list[str]],
    delimiter: str,
    quoting: Literal[0, 1, 2, 3],
    line_end: str,
    encoding: str,
) -> None:
    # Python's writer quotes only the characters of its own line terminator, so with "\n" a
    # cell holding "\r" would be written unquoted (an ambiguous file no reader can undo).
    assume(line_end == "\r\n" or quoting == csv.QUOTE_ALL)
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, quoting=quoting, lineterminator=line_end)
    writer.writerows([HEADER, *rows])
    data = out.getvalue().encode(encoding)

    expected = [HEADER] + [row for row in rows if any(c.strip() for c in row)]
    assert _read_back(data) == expected
    # The whole-text path (used for the upload preview) reads the same records.
    header, body = imports.read_rows(imports.decode(data))
    assert [header, *body] == expected


# Names as Western European spreadsheets hold them. A single-byte file is ambiguous when its
# only non-ASCII letter reads as well in another code page ("è" is "č" in Windows-1250), so
# the files here carry a few such names, as real ones do.
NAMES = ["Müller", "Gómez", "François", "Søren", "Ångström", "Weiß", "Núñez", "Cæcilie",
         "Zoë", "Björk", "Renée", "João", "Ørsted", "Ana", "Bob"]  # fmt: skip


@settings(max_examples=100, deadline=None)
@given(
    names=st.lists(st.sampled_from(NAMES), min_size=6, max_size=40),
    delimiter=st.sampled_from([",", ";"]),
)
def test_windows_1252_and_bom_files_read_back(names: list[str], delimiter: str) -> None:
    assume(sum(name.isascii() for name in names) <= len(names) // 2)
    rows = [[f"person{i}@example.com", name, "Grüße"] for i, name in enumerate(names)]
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter).writerows([HEADER, *rows])
    text = out.getvalue()
    assert _read_back(text.encode("cp1252")) == [HEADER, *rows]
    assert _read_back(b"\xef\xbb\xbf" + text.encode("utf-8")) == [HEADER, *rows]


def test_a_central_european_file_keeps_its_code_page() -> None:
    names = ["Łódź", "Wrocław", "Świętosław", "Żaneta"]
    rows = [HEADER] + [[f"p{i}@example.pl", n, "Zażółć gęślą jaźń"] for i, n in enumerate(names)]
    out = io.StringIO(newline="")
    csv.writer(out).writerows(rows)
    assert _read_back(out.getvalue().encode("cp1250")) == rows


def _validator(raw: str) -> str | None:
    try:
        return validate_email(raw.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        return None


def _ours(raw: str) -> str | None:
    try:
        return imports.normalise_email(raw)
    except EmailNotValidError:
        return None


label = st.text(string.ascii_letters + string.digits + "-", min_size=1, max_size=70)
local = st.text(string.ascii_letters + string.digits + "._+-%'!#~", min_size=0, max_size=70)
tld = st.one_of(
    st.sampled_from(["com", "ORG", "de", "test", "local", "onion", "arpa", "x", "co1", "xn--p1ai"]),
    st.text(string.ascii_letters + string.digits + "-", min_size=1, max_size=30),
)
email_like = st.builds(
    lambda lo, labels, top, pad: f"{pad}{lo}@{'.'.join([*labels, top])}{pad}",
    local,
    st.lists(label, min_size=0, max_size=4),
    tld,
    st.sampled_from(["", " ", "\t", "\n"]),
)
any_text = st.text(
    st.one_of(st.sampled_from(list('@.-_+ "\\()[]<>,:;')), st.characters()), max_size=80
)


@settings(max_examples=3000, deadline=None)
@given(raw=st.one_of(email_like, any_text))
@example(raw="user0000001@example.com")
@example(raw="A.B@Example.COM")
@example(raw="a@ab--cd.com")
@example(raw="a@xn--ls8h.la")
@example(raw="a@x.test")
@example(raw="a..b@x.com")
@example(raw="-a@x.com")
@example(raw=f"{'x' * 64}@example.com")
@example(raw=f"a@{'b' * 63}.com")
@example(raw=f"a@{'b' * 64}.com")
def test_fast_address_check_agrees_with_email_validator(raw: str) -> None:
    assert _ours(raw) == _validator(raw)


def test_ordered_ids_are_uuid7_and_grow_in_file_order() -> None:
    first = imports.ordered_ids()
    batch = [next(first) for _ in range(50_000)]
    assert all(value.version == 7 and value.variant == "specified in RFC 4122" for value in batch)
    assert batch == sorted(batch)
    assert len(set(batch)) == len(batch)
    # The time prefix and the random start differ between batches.
    later = next(imports.ordered_ids())
    assert later.int >> 80 >= batch[0].int >> 80
    assert later not in set(batch)
