"""The dev mailbox pages and JSON, on a bare Quart app with only this blueprint."""

from __future__ import annotations

from collections.abc import Iterator
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from quart import Quart
from quart_schema import QuartSchema

from server.core.config import SmtpSettings, get_config
from server.mail.endpoints import bp
from server.mail.message import OutgoingMessage
from server.mail.sink import start_sink
from server.mail.smtp import SmtpMailSender

if TYPE_CHECKING:
    # Imported for annotations only: a module-level Test* name is collected by pytest.
    from quart.typing import TestClientProtocol

HOSTILE_SUBJECT = "<script>alert('subject')</script> & more"
HOSTILE_HTML = '<p onclick="steal()">Hi "there"</p><script>alert("html")</script>'


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("APP_ENV", "development")
    get_config.cache_clear()
    yield tmp_path / "data"
    get_config.cache_clear()


@pytest.fixture
def client(data_dir: Path) -> TestClientProtocol:
    app = Quart(__name__)
    app.register_blueprint(bp)
    return app.test_client()


@pytest.fixture
async def delivered(data_dir: Path) -> list[str]:
    """Two messages delivered through the real sink into the configured mailbox."""
    mailbox = get_config().mailbox_dir
    assert mailbox == data_dir / "mailbox"
    sink = await start_sink("127.0.0.1", 0, mailbox)
    sender = SmtpMailSender(SmtpSettings(host="127.0.0.1", port=sink.port), timeout=5)
    base = {"to": ["Reader <reader@example.com>"], "from_": "Inkwell <news@inkwell.test>"}
    try:
        await sender.send(OutgoingMessage(**base, subject="Plain one", text="Just text"))
        await sender.send(
            OutgoingMessage(
                **base, subject=HOSTILE_SUBJECT, text="Text <b>part</b>", html=HOSTILE_HTML
            )
        )
    finally:
        await sender.close()
        await sink.close()
    return sorted((p.stem for p in mailbox.glob("*.eml")), reverse=True)


async def test_page_lists_messages_with_everything_escaped(
    client: TestClientProtocol, delivered: list[str]
) -> None:
    response = await client.get("/dev/mailbox")
    page = await response.get_data(as_text=True)

    assert response.status_code == 200
    assert response.content_type.startswith("text/html")
    assert "<h1>Dev mailbox</h1>" in page
    assert "<script>" not in page
    assert escape(HOSTILE_SUBJECT) in page
    assert "Plain one" in page
    assert escape("Inkwell <news@inkwell.test>") in page
    for message_id in delivered:
        assert f'href="/dev/mailbox/{message_id}"' in page
    # Newest first.
    assert page.index(escape(HOSTILE_SUBJECT)) < page.index("Plain one")


async def test_empty_mailbox_page(client: TestClientProtocol) -> None:
    response = await client.get("/dev/mailbox")
    page = await response.get_data(as_text=True)

    assert response.status_code == 200
    assert "<h1>Dev mailbox</h1>" in page
    assert "No messages yet" in page


async def test_message_page_shows_headers_text_and_sandboxed_html(
    client: TestClientProtocol, delivered: list[str]
) -> None:
    response = await client.get(f"/dev/mailbox/{delivered[0]}")
    page = await response.get_data(as_text=True)

    assert response.status_code == 200
    assert f"<h1>{escape(HOSTILE_SUBJECT)}</h1>" in page
    assert "<pre>Text &lt;b&gt;part&lt;/b&gt;" in page
    iframe = '<iframe sandbox="" referrerpolicy="no-referrer" title="HTML part" srcdoc="'
    assert f"{iframe}{escape(HOSTILE_HTML)}" in page
    assert "<script>" not in page
    assert 'onclick="' not in page
    assert "<th>X-Inkwell-Envelope-To</th><td>&lt;reader@example.com&gt;</td>" in page


async def test_json_list(client: TestClientProtocol, delivered: list[str]) -> None:
    response = await client.get("/api/dev/mailbox")
    body = await response.get_json()

    assert response.status_code == 200
    assert [item["id"] for item in body["items"]] == delivered
    newest = body["items"][0]
    assert newest["subject"] == HOSTILE_SUBJECT
    assert newest["from"] == "Inkwell <news@inkwell.test>"
    assert newest["to"] == "Reader <reader@example.com>"
    assert newest["has_html"] is True
    assert newest["envelope_to"] == ["reader@example.com"]
    assert newest["date"].endswith("Z")
    assert "text" not in newest
    assert "headers" not in newest


async def test_json_message(client: TestClientProtocol, delivered: list[str]) -> None:
    response = await client.get(f"/api/dev/mailbox/{delivered[0]}")
    body = await response.get_json()

    assert response.status_code == 200
    assert body["id"] == delivered[0]
    assert body["text"].strip() == "Text <b>part</b>"
    assert body["html"].strip() == HOSTILE_HTML
    assert {"name": "Subject", "value": HOSTILE_SUBJECT} in body["headers"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/dev/mailbox/20990101T000000000000Z-nothere",
        "/dev/mailbox/20990101T000000000000Z-nothere",
        "/api/dev/mailbox/..%2F..%2Fetc%2Fpasswd",
        "/dev/mailbox/%2e%2e",
        "/api/dev/mailbox/name.with.dots",
    ],
)
async def test_unknown_or_unsafe_ids_are_404(
    client: TestClientProtocol, delivered: list[str], path: str
) -> None:
    response = await client.get(path)

    assert response.status_code == 404


async def test_delete_clears_the_mailbox(
    client: TestClientProtocol, delivered: list[str], data_dir: Path
) -> None:
    response = await client.delete("/api/dev/mailbox")
    listing = await (await client.get("/api/dev/mailbox")).get_json()

    assert response.status_code == 204
    assert listing == {"items": []}
    assert list((data_dir / "mailbox").glob("*.eml")) == []


async def test_production_answers_404_even_if_registered(
    client: TestClientProtocol, delivered: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("APP_ENV", "production")
    get_config.cache_clear()

    for path in ("/dev/mailbox", "/api/dev/mailbox", f"/api/dev/mailbox/{delivered[0]}"):
        response = await client.get(path)
        assert response.status_code == 404, path


async def test_routes_stay_out_of_the_openapi_document(data_dir: Path) -> None:
    # The client's API types are generated from /openapi.json; dev-only routes in it
    # would make the generated types differ between development and production.
    app = Quart(__name__)
    QuartSchema(app)
    app.register_blueprint(bp)

    document = await (await app.test_client().get("/openapi.json")).get_json()

    assert not [p for p in document["paths"] if "mailbox" in p]
