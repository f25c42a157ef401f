"""Inkwell's built-in drafter: a structured newsletter draft without any model.

It is what a fresh install (and any install whose models are all down) answers with, so it
has to produce something a person can actually edit and send: it reads the brief, pulls
out the topic, the key points, any dates and links, and lays them out in the same JSON
draft format the prompts ask models for. It never invents facts: every sentence of the
draft either restates the brief or is a clearly generic line (a greeting, a reply-to-us
call to action). Refinement requests it understands ("make it shorter", "add a section
about X", "remove the X section", "change the subject to X") are applied to the previous
draft; anything else is read as more brief and the draft is rebuilt from all of it.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import AsyncIterator

from agents.guardrails import (
    MAX_BODY_CHARS,
    MAX_HEADING_CHARS,
    Draft,
    DraftSection,
    cap_output,
    one_line,
    parse_draft,
)
from agents.providers.base import ChatTurn, Usage

OFFLINE_NOTICE = "No AI model is configured: drafts come from Inkwell's built-in offline drafter."

# Words that say nothing about the topic: English function words and brief boilerplate.
_STOPWORD_TEXT = """
a about above after again all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further
had has have having he her here hers herself him himself his how i if in into is it its
itself just let me more most my myself no nor not now of off on once only or other our ours
ourselves out over own please same she should so some such than that the their theirs them
themselves then there these they this those through to too under until up very was we were
what when where which while who whom why will with would you your yours yourself yourselves
newsletter newsletters email emails issue write draft create make compose prepare want need
like get next this week month new update updates tell mention include including us let's
lets really
"""
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
_LEAD_IN = re.compile(
    r"^\s*(?:hi|hello|hey)?[,!.\s]*(?:please\s+|can you\s+|could you\s+|i'd like you to\s+|"
    r"i want you to\s+|help me\s+)?(?:write|draft|create|make|compose|prepare|put together)"
    r"\s+(?:me\s+|us\s+)?(?:a|an|the|our|my)?\s*"
    r"(?:(?:short|brief|quick|weekly|monthly|quarterly|friendly|new)\s+)*"
    r"(?:newsletter|email|issue|update|announcement)\s*"
    r"(?:about|on|for|announcing|covering|that covers|that announces|to announce|regarding)?\s*",
    re.IGNORECASE,
)
_URL = re.compile(r"https?://[^\s<>()\"']+[^\s<>()\"'.,;:!?]")
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_DATE = re.compile(
    rf"\b(?:(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|"
    rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})(?:\s+\d{{4}})?|"
    r"\d{4}-\d{2}-\d{2}|"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight))\b",
    re.IGNORECASE,
)
# Words that open a phrase about when or where: a topic is cut before one, and a date keeps
# its own ("until April 30").
_PHRASE_STARTS = frozenset(
    ["on", "at", "in", "by", "from", "until", "till", "before", "after", "for", "with", "during"]
)
_DATE_PREPOSITIONS = "on|until|till|by|from|before|after|through|during"
_SHORTER = re.compile(
    r"\b(shorter|shorten|concise|trim|cut it down|less text|too long|brief)\b", re.I
)
_ADD_SECTION = re.compile(
    r"\badd\s+(?:a|an|another|one more)?\s*(?:new\s+)?(?:section|part|paragraph)\s+"
    r"(?:about|on|for|covering|called|titled|named)\s+(.+)",
    re.IGNORECASE,
)
_REMOVE_SECTION = re.compile(
    r"\b(?:remove|drop|delete|cut|take out)\s+(?:the\s+)?(.+?)\s+(?:section|part)\b",
    re.IGNORECASE,
)
_SUBJECT = re.compile(
    r"\b(?:change|set|make|rename|call)\s+(?:the\s+)?(?:subject|title)(?:\s+line)?\s+"
    r"(?:to|into|as)?\s*[\"'“]?(.+?)[\"'”]?\s*[.!]?\s*$",
    re.IGNORECASE,
)


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _sentences(text: str) -> list[str]:
    # Protect URLs from being split at their dots.
    urls: list[str] = []

    def keep(match: re.Match[str]) -> str:
        urls.append(match.group(0))
        return f"\x00{len(urls) - 1}\x00"

    protected = _URL.sub(keep, text)
    parts = re.split(r"(?<=[.!?])\s+|\n+", protected)
    restored = [re.sub(r"\x00(\d+)\x00", lambda m: urls[int(m.group(1))], p) for p in parts]
    return [_clean(p) for p in restored if _clean(p)]


def _capitalize(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _title(text: str) -> str:
    small = {"a", "an", "and", "as", "at", "but", "by", "for", "in", "of", "on", "or", "the", "to"}
    words = text.split()
    return " ".join(
        w if (i and w.lower() in small) or any(c.isupper() for c in w[1:]) else _capitalize(w)
        for i, w in enumerate(words)
    )


def _strip_end(text: str) -> str:
    return text.rstrip(" .!?;:,")


def keywords(text: str, limit: int = 6) -> list[str]:
    """The brief's most frequent content words, ties broken by first appearance."""
    words = [w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'-]{2,}", _URL.sub(" ", text))]
    words = [w.strip("'-") for w in words if w.lower() not in _STOPWORDS]
    counts = Counter(words)
    order = {w: i for i, w in reversed(list(enumerate(words)))}
    ranked = sorted(counts, key=lambda w: (-counts[w], order[w]))
    return ranked[:limit]


def _points(content: str) -> list[str]:
    """Key points: list items after a colon, comma/"and" lists, or whole sentences."""
    points: list[str] = []
    for sentence in _sentences(content):
        body = _strip_end(sentence)
        if ":" in body and not _URL.fullmatch(body.split(":", 1)[1].strip()):
            head, _, tail = body.partition(":")
            if not _URL.search(head + ":"):
                body = tail
        pieces = re.split(r";\s*|,\s*(?:and\s+|or\s+)?|\s+and\s+(?=[a-z0-9$€£])", body)
        pieces = [_strip_end(_clean(p)) for p in pieces]
        # A list split only makes sense when every piece is a meaningful phrase.
        if len(pieces) > 1 and all(len(p.split()) >= 2 for p in pieces):
            points.extend(pieces)
        elif _strip_end(sentence):
            points.append(_strip_end(sentence))
    seen: set[str] = set()
    unique: list[str] = []
    for point in points:
        key = point.lower()
        # Links go to the call to action; a bare "details at <url>" is no highlight.
        if key not in seen and len(point) >= 4 and not _URL.search(point):
            seen.add(key)
            unique.append(_capitalize(point))
    return unique[:6]


def _topic(content: str, words: list[str]) -> str:
    first = _sentences(content)[0] if content.strip() else ""
    head = re.split(r"[:;,.!?]|\s+(?:with|including)\s+", first, maxsplit=1)[0]
    head_words = _strip_end(_clean(head)).split()
    if len(head_words) > 8:
        # A long opening sentence still starts with what it is about: cut before its last
        # phrase that would be cut short ("Spring fair on May 3 at the town hall" is about
        # "Spring fair on May 3", not "... at the town"), unless that leaves too little
        # ("Monthly update for our bakery customers about ..." keeps its "for our bakery").
        head_words = head_words[:8]
        phrase = max(
            (i for i, w in enumerate(head_words) if i >= 4 and w.lower() in _PHRASE_STARTS),
            default=None,
        )
        if phrase is not None:
            head_words = head_words[:phrase]
        while head_words and head_words[-1].lower() in _STOPWORDS:
            head_words.pop()
    if head_words:
        return " ".join(head_words)
    if words:
        return " and ".join(words[:2])
    return "our latest news"


def _dated(date: str, points: list[str], sentences: list[str]) -> str:
    """A date with what happens then, in the brief's own words: "On Saturday: a free
    composting workshop" from the point "A free composting workshop on Saturday". A bare
    "Saturday" tells a reader nothing; the date alone only when the brief says nothing else
    around it.
    """
    at = re.compile(rf"(?:\b({_DATE_PREPOSITIONS})\s+)?{re.escape(date)}\b", re.IGNORECASE)
    for text in (*points, *sentences):
        match = at.search(text)
        if match is None:
            continue
        if match.group(1) is None:
            # "a Saturday workshop": the date is part of a name, which says it best whole (the
            # part of the point it is in, when a colon leads in).
            clause = next((part for part in text.split(":") if at.search(part)), text)
            return _capitalize(_strip_end(_clean(clause)))
        rest = _strip_end(_clean(text[: match.start()] + " " + text[match.end() :]))
        rest = re.sub(r"^[,;:\s-]+|\s+(?:on|at|in)$", "", rest)
        if len(rest.split()) < 2:
            return _capitalize(_strip_end(_clean(text)))  # "Closed on Monday"
        return f"{match.group(1).capitalize()} {date}: {_lower_first(rest)}"
    return _capitalize(date)


def _lower_first(text: str) -> str:
    # "Our sale" reads as "our sale" mid-sentence; "API launch" keeps its acronym.
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def _section(heading: str, body: str) -> DraftSection:
    """A section within the draft's limits, however long the brief's words and sentences: a
    brief may be 8,000 characters, more than a section's body may hold."""
    return DraftSection(
        heading=cap_output(heading, MAX_HEADING_CHARS) or "Update",
        body=cap_output(body, MAX_BODY_CHARS),
    )


def draft_from_brief(brief: str) -> Draft:
    """A full draft laid out from the brief's own words."""
    brief = _clean(brief) if "\n" not in brief else brief.strip()
    content = _LEAD_IN.sub("", brief, count=1).strip() or brief
    words = keywords(content)
    topic = _topic(content, words)
    if not one_line(topic):
        # Nothing printable (control or zero-width characters): a subject needs a word.
        topic = "our latest news"
    points = _points(content)
    dates = list(dict.fromkeys(m.group(0) for m in _DATE.finditer(content)))
    links = list(dict.fromkeys(_URL.findall(content)))

    subject = _title(topic)
    if len(subject) < 12 and words:
        # A one-word topic makes a weak subject line; name what else the brief is about.
        extra = [_capitalize(w) for w in words[:3] if w not in subject.lower()]
        if extra:
            subject = f"{subject}: {', '.join(extra)}"
    subject = subject[:120]
    first_sentence = _sentences(content)[0] if content else topic
    preheader = cap_output(_capitalize(_strip_end(first_sentence)), 150)

    intro = ["Hi there,", "", f"Here's what's new: {_lower_first(topic)}."]
    remaining = [s for s in _sentences(content)[1:] if len(s.split()) >= 4][:2]
    if remaining:
        intro += ["", " ".join(s if s[-1] in ".!?" else s + "." for s in remaining)]
    sections = [_section(_title(topic), "\n".join(intro))]
    if points:
        bullets = "\n".join(f"- {p}" for p in points)
        sections.append(_section("Highlights", bullets))
    if dates:
        sentences = _sentences(content)
        items = [_dated(d, points, sentences) for d in dates[:5]]
        sections.append(_section("Dates to remember", "\n".join(f"- {i}" for i in items)))
    if links:
        action = f"[Find out more]({links[0]}) — and reply to this email with any questions."
    else:
        action = "Questions or ideas? Just reply to this email: we read every message."
    sections.append(_section("What's next", action))
    return Draft(subject=subject, preheader=preheader, sections=sections[:4])


def _shorter(draft: Draft) -> Draft:
    """Each body cut to its first paragraph or first three bullets; dates folded away."""
    sections: list[DraftSection] = []
    for section in draft.sections:
        lines = [line for line in section.body.split("\n") if line.strip()]
        bullets = [line for line in lines if line.lstrip().startswith(("-", "*"))]
        if bullets and len(bullets) == len(lines):
            body = "\n".join(bullets[:3])
        else:
            paragraphs = [p for p in re.split(r"\n\s*\n", section.body) if p.strip()]
            kept = [p for p in paragraphs if not re.fullmatch(r"\s*(hi|hello|dear)\b.*", p, re.I)]
            body = _sentences((kept or paragraphs or [""])[0])[0] if (kept or paragraphs) else ""
        sections.append(_section(section.heading, body))
    if len(sections) > 3:
        sections = [s for s in sections if s.heading != "Dates to remember"][:3]
    preheader = _sentences(draft.preheader)[0] if draft.preheader else ""
    return Draft(subject=draft.subject, preheader=cap_output(preheader, 90), sections=sections)


def _history_text(turns: list[ChatTurn]) -> str:
    return "\n".join(turn.content for turn in turns if turn.role == "user")


def _add_section(draft: Draft, about: str, turns: list[ChatTurn]) -> Draft:
    about = _strip_end(_clean(re.split(r"\s+(?:before|after|at the end)\b", about)[0]))
    about_words = set(keywords(about))
    brief = "\n".join(_LEAD_IN.sub("", t.content, count=1) for t in turns[:-1] if t.role == "user")
    related = [
        p
        for p in _points(brief)
        if about_words & {w.lower() for w in re.findall(r"[A-Za-z'-]+", p)}
    ]
    if related:
        body = "\n".join(f"- {p}" for p in related[:3]) if len(related) > 1 else related[0] + "."
    else:
        # Nothing in the conversation says anything about it, and inventing facts is the
        # one thing a drafter without a model must not do: leave the writing to the user.
        body = f"A few words about {about}: add the details you want readers to know here."
    heading = re.sub(r"^(?:the|a|an|our)\s+", "", about, flags=re.IGNORECASE) or about
    section = _section(_title(heading), body)
    sections = list(draft.sections)
    # Keep the call to action last.
    position = len(sections) - 1 if sections[-1].heading == "What's next" else len(sections)
    sections.insert(position, section)
    return Draft(subject=draft.subject, preheader=draft.preheader, sections=sections[:12])


def _remove_section(draft: Draft, name: str) -> Draft | None:
    wanted = name.lower().removeprefix("the ").strip()
    kept = [s for s in draft.sections if wanted not in s.heading.lower()]
    if len(kept) == len(draft.sections) or not kept:
        return None
    return Draft(subject=draft.subject, preheader=draft.preheader, sections=kept)


def _previous_draft(turns: list[ChatTurn]) -> Draft | None:
    for turn in reversed(turns[:-1]):
        if turn.role == "assistant":
            return parse_draft(turn.content)
    return None


def compose(turns: list[ChatTurn]) -> Draft:
    """The draft the offline drafter answers ``turns`` with."""
    users = [turn for turn in turns if turn.role == "user"]
    if not users:
        return draft_from_brief("our latest news")
    latest = users[-1].content.strip()
    previous = _previous_draft(turns) if turns[-1].role == "user" else None
    if previous is not None:
        if match := _SUBJECT.search(latest):
            subject = _strip_end(match.group(1)).strip("\"'“” ")
            if subject:
                return previous.model_copy(update={"subject": subject[:200]})
        if match := _ADD_SECTION.search(latest):
            return _add_section(previous, match.group(1), turns)
        if match := _REMOVE_SECTION.search(latest):
            removed = _remove_section(previous, match.group(1))
            if removed is not None:
                return removed
        if _SHORTER.search(latest):
            return _shorter(previous)
        # Not an edit it knows: treat the message as more brief and rebuild from all of it.
        return draft_from_brief(_history_text(turns))
    return draft_from_brief(latest)


class OfflineDrafter:
    name = "offline"

    def configured(self) -> bool:
        return True

    def default_model(self, cheap: bool) -> str:
        return "offline"

    async def stream(
        self, turns: list[ChatTurn], *, model: str, max_tokens: int
    ) -> AsyncIterator[str | Usage]:
        text = json.dumps(compose(turns).model_dump(), ensure_ascii=False, indent=2)
        # Word by word, whitespace attached, so the deltas concatenate to exactly the JSON.
        for piece in re.findall(r"\S+\s*|\s+", text):
            yield piece
        # No model ran, so nothing counts against the AI budget.
        yield Usage(input_tokens=0, output_tokens=0)
