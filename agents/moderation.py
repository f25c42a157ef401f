"""Is a piece of text something Inkwell should refuse to help write or send?

With an OpenAI key, OpenAI's moderation endpoint decides (it is free and far better than
any list). Without one — or when that call fails — a short local rule set catches the
clearest cases. The local rules are deliberately few and explicit: each names a category
and matches phrases of intent, not single words, so a newsletter about a history of war
or a suicide-prevention charity is not flagged. They are a floor, not a classifier.

Categories use OpenAI's names (``violence``, ``sexual/minors``, ``self-harm/instructions``,
``hate``) so callers and telemetry see one vocabulary whichever source answered.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import TYPE_CHECKING, Literal

import structlog
from pydantic import BaseModel

from server.core.config import Config

if TYPE_CHECKING:
    import openai

log = structlog.get_logger(__name__)

MODERATION_MODEL = "omni-moderation-latest"
MODERATION_TIMEOUT_SECONDS = 10.0
# The API accepts long inputs, but a draft's moderation verdict does not need more.
MAX_CHECKED_CHARS = 20_000


class ModerationResult(BaseModel):
    flagged: bool
    categories: list[str]
    reason: str | None
    source: Literal["openai", "local"]


_REASONS = {
    "violence": "threatens or incites violence",
    "sexual/minors": "sexualises minors",
    "self-harm": "encourages or explains self-harm",
    "hate": "attacks people for who they are",
    "harassment": "harasses or threatens someone",
    "illicit": "helps someone commit a crime",
    "sexual": "contains sexual content",
}

_GROUPS = (
    r"(?:jews|muslims|christians|hindus|sikhs|blacks|whites|asians|latinos|arabs|immigrants|"
    r"refugees|gays|lesbians|trans people|women|men|disabled people)"
)
_MINOR = (
    r"(?:child|children|kid|kids|minor|minors|underage|preteen|pre-teen|\d{1,2}[- ]?year[- ]?old)"
)
_SEXUAL = r"(?:sex|sexual|sexy|nude|naked|porn|pornographic|erotic|explicit)"

# Each rule: category, pattern (matched on normalised, lower-case text).
LOCAL_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    # A first-person or imperative threat to kill or attack someone.
    (
        "violence",
        re.compile(
            r"\b(?:i|we)(?:'ll| will| am going to|'m going to| are going to|'re going to| gonna)"
            r"\s+(?:kill|murder|shoot|stab|bomb|hurt)\s+(?:you|him|her|them|everyone|all)\b"
            r"|\b(?:kill|shoot|bomb|stab)\s+(?:them|everyone|all of them)\b"
            r"|\bblow up the\b"
        ),
    ),
    # Sexual terms and terms for children in the same sentence.
    (
        "sexual/minors",
        re.compile(rf"\b{_SEXUAL}\b[^.!?\n]*\b{_MINOR}\b|\b{_MINOR}\b[^.!?\n]*\b{_SEXUAL}\b"),
    ),
    # Instructions or encouragement, not mentions: "how to kill yourself", "you should die".
    (
        "self-harm",
        re.compile(
            r"\bhow to (?:kill|hurt|harm|cut) (?:myself|yourself|themselves)\b"
            r"|\b(?:best|easiest|painless) ways? to "
            r"(?:die|commit suicide|kill (?:myself|yourself))\b"
            r"|\byou should (?:kill yourself|die)\b"
        ),
    ),
    # Calls to remove or dehumanise a group.
    (
        "hate",
        re.compile(
            rf"\b(?:kill|exterminate|eradicate|gas|deport|wipe out) all(?: the)? {_GROUPS}\b"
            rf"|\b{_GROUPS} (?:are|is) (?:vermin|subhuman|animals|parasites|a disease)\b"
        ),
    ),
)

_ZERO_WIDTH = re.compile(r"[\u200b-\u200f\u2060\ufeff\u00ad]")
# Letters spaced or dotted out to dodge word boundaries ("k i l l", "k.i.l.l").
_SPACED = re.compile(r"\b(?:[a-z][ .*_-]){3,}[a-z]\b")


def normalise(text: str) -> str:
    """Text as the rules see it: compatibility-folded, lower case, evasions undone."""
    folded = unicodedata.normalize("NFKC", text)
    folded = _ZERO_WIDTH.sub("", folded).lower()
    folded = _SPACED.sub(lambda m: re.sub(r"[ .*_-]", "", m.group(0)), folded)
    return re.sub(r"\s+", " ", folded)


def _reason(categories: list[str]) -> str | None:
    if not categories:
        return None
    described = []
    for category in categories:
        base = category if category in _REASONS else category.split("/")[0]
        described.append(_REASONS.get(base, "breaks Inkwell's content rules"))
    unique = list(dict.fromkeys(described))
    return (
        "Inkwell can't help with this because it "
        + " and ".join(unique)
        + ". Please rephrase your request."
    )


def check_locally(text: str) -> ModerationResult:
    normalised = normalise(text[:MAX_CHECKED_CHARS])
    categories = [category for category, rule in LOCAL_RULES if rule.search(normalised)]
    return ModerationResult(
        flagged=bool(categories), categories=categories, reason=_reason(categories), source="local"
    )


class Moderator:
    def __init__(self, config: Config) -> None:
        self.config = config
        self._client: openai.AsyncOpenAI | None = None

    @property
    def client(self) -> openai.AsyncOpenAI:
        if self._client is None:
            from agents.providers.openai import shared_client

            self._client = shared_client(
                self.config.openai_api_key,
                self.config.openai_base_url,
                max_retries=1,
                timeout=MODERATION_TIMEOUT_SECONDS,
            )
        return self._client

    async def check(self, text: str) -> ModerationResult:
        if not text.strip():
            return ModerationResult(flagged=False, categories=[], reason=None, source="local")
        if not self.config.openai_api_key:
            return check_locally(text)
        # Imported here: without an API key no process needs the SDK, a second of every
        # start (see agents/providers/lazy.py).
        import openai

        try:
            # The answer's JSON is read as it is: building the SDK's typed models of every
            # category and score was a tenth of the check's CPU, twice per reply.
            raw = await self.client.moderations.with_raw_response.create(
                model=MODERATION_MODEL, input=text[:MAX_CHECKED_CHARS]
            )
            body = json.loads(raw.content)
            results = body["results"]
            if not isinstance(results, list) or not all(isinstance(r, dict) for r in results):
                raise TypeError("results is not a list of objects")
        except openai.OpenAIError as exc:
            # Moderation must not go down with OpenAI: the local rules still answer.
            log.warning("ai.moderation_fallback", error_class=type(exc).__name__)
            return check_locally(text)
        except (ValueError, KeyError, TypeError) as exc:
            # An answer we cannot read counts as none: the local rules answer.
            log.warning("ai.moderation_fallback", error_class=type(exc).__name__)
            return check_locally(text)
        flagged: list[str] = []
        for result in results:
            marks = result.get("categories")
            if not isinstance(marks, dict):
                continue
            flagged.extend(name for name, on in marks.items() if on is True and name not in flagged)
        is_flagged = any(result.get("flagged") is True for result in results) or bool(flagged)
        return ModerationResult(
            flagged=is_flagged,
            categories=flagged,
            reason=_reason(flagged) if is_flagged else None,
            source="openai",
        )
