"""Entity tags for conditional requests: strong validators over what a response says."""

from __future__ import annotations

import hashlib

from pydantic import BaseModel, Field


class IfNoneMatch(BaseModel):
    """A conditional GET: the ``ETag`` values the client already holds."""

    if_none_match: str | None = Field(
        default=None,
        max_length=2000,
        description="ETags from earlier answers; 304 Not Modified when one is still current.",
    )


def strong_etag(body: BaseModel, *, prefix: str = "") -> str:
    """A quoted strong ETag that changes whenever any field of ``body`` does.

    ``prefix`` (a version number, say) leads the tag so it stays readable in logs.
    """
    digest = hashlib.sha256(body.model_dump_json().encode()).hexdigest()[:24]
    return f'"{prefix}-{digest}"' if prefix else f'"{digest}"'


def none_match(header: str | None, etag: str) -> bool:
    """True when ``If-None-Match`` lists ``etag`` (or is ``*``): answer 304.

    RFC 9110 compares If-None-Match weakly, so ``W/"x"`` matches ``"x"``.
    """
    if not header:
        return False
    for candidate in header.split(","):
        tag = candidate.strip()
        if tag == "*" or tag.removeprefix("W/") == etag:
            return True
    return False
