"""The Message-ID the expansion writes names its campaign and contact, and reads back to them."""

from __future__ import annotations

import uuid

import pytest
from tortoise import connections

from server.campaigns import message_ids


async def test_the_sql_expression_reads_back_to_its_campaign_and_contact(db: None) -> None:
    campaign_id, contact_id = uuid.uuid4(), uuid.uuid4()
    expression = message_ids.sql("$1::uuid", "$2::uuid", "$3::text")
    _, rows = await connections.get("default").execute_query(
        f"SELECT {expression} AS message_id",
        [campaign_id, contact_id, "mail.example.org"],
    )
    message_id = rows[0]["message_id"]
    assert message_id == f"<c{campaign_id.hex}.{contact_id.hex}@mail.example.org>"
    assert message_ids.recipient_key(message_id) == (campaign_id, contact_id)


@pytest.mark.parametrize(
    "message_id",
    [
        "<nope@x>",
        f"c{'a' * 32}.{'b' * 32}@x",  # no angle brackets
        f"<c{'a' * 32}.{'b' * 31}@x>",  # a digit short
        f"<c{'A' * 32}.{'b' * 32}@x>",  # PostgreSQL writes uuids in lower case
        f"<c{'a' * 32}.{'b' * 32}@x> trailing",
        f"<c{'a' * 32}.{'b' * 32}@two words>",
        f"<c{'a' * 32}.{'b' * 32}@>",
    ],
)
def test_anything_else_names_no_recipient(message_id: str) -> None:
    assert message_ids.recipient_key(message_id) is None
