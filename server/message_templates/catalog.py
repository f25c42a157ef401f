"""The marketplace catalog that every installation ships, and its idempotent seeder.

Templates are keyed by ``slug``. Seeding again changes nothing when a template is as
shipped; when the shipped content changed, it becomes a new version (history is kept, and
copies people already made are untouched).
"""

from __future__ import annotations

import uuid
from typing import Any

from models.templates import EmailTemplate, TemplateStatus, TemplateVersion
from server.core.db import transaction
from server.message_templates.schemas import SECTIONS_ADAPTER, Theme, dump_sections

Block = dict[str, Any]


def _heading(id_: str, text: str, level: int = 1, align: str = "left") -> Block:
    return {"id": id_, "type": "heading", "text": text, "level": level, "align": align}


def _text(id_: str, markdown: str, align: str = "left") -> Block:
    return {"id": id_, "type": "text", "markdown": markdown, "align": align}


def _banner(id_: str, name: str, alt: str) -> Block:
    return {"id": id_, "type": "image", "src": f"/media/catalog/{name}.png", "alt": alt}


def _button(id_: str, label: str, href: str, align: str = "center") -> Block:
    return {"id": id_, "type": "button", "label": label, "href": href, "align": align}


def _divider(id_: str) -> Block:
    return {"id": id_, "type": "divider"}


def _columns(id_: str, *columns: list[Block]) -> Block:
    return {"id": id_, "type": "columns", "columns": [{"blocks": c} for c in columns]}


def _footer(text: str = "") -> Block:
    return {"id": "footer", "type": "footer", "text": text}


HELLO = 'Hi {{ first_name | default("there") }},'

CATALOG: list[dict[str, Any]] = [
    {
        "slug": "classic-newsletter",
        "name": "Classic newsletter",
        "category": "newsletter",
        "is_pro": False,
        "description": "A header image, a short intro and two stories with links.",
        "theme": {"accent_color": "#1d4ed8"},
        "sections": [
            _banner("banner", "ocean", "Newsletter header"),
            _heading("title", "This month at Inkwell"),
            _text("intro", f"{HELLO}\n\nHere is what happened this month, in five minutes."),
            _divider("rule"),
            _heading("story-1", "Our biggest story", 2),
            _text("story-1-body", "Two or three sentences that make people want to read on."),
            _button("story-1-link", "Read the story", "https://example.com/story-1", "left"),
            _heading("story-2", "Also worth your time", 2),
            _text("story-2-body", "A second item, with a [link in the text](https://example.com)."),
            _footer("You can reply to this email; a real person reads every answer."),
        ],
    },
    {
        "slug": "announcement",
        "name": "Big announcement",
        "category": "announcement",
        "is_pro": False,
        "description": "One message, one button: launches, news, changes.",
        "theme": {"accent_color": "#db2777", "background": "#fdf2f8"},
        "sections": [
            _banner("banner", "dusk", "Announcement"),
            _heading("title", "Something new is here", 1, "center"),
            _text(
                "body",
                f"{HELLO}\n\nSay what is new, why it matters, and what to do next.",
                "center",
            ),
            _button("cta", "See what's new", "https://example.com/launch"),
            _footer(),
        ],
    },
    {
        "slug": "weekly-digest",
        "name": "Weekly digest",
        "category": "digest",
        "is_pro": False,
        "description": "A numbered roundup of links with one line each.",
        "theme": {"accent_color": "#0f766e", "font": "sans"},
        "sections": [
            _heading("title", "The weekly digest"),
            _text("intro", "Five things we read this week, so you don't have to."),
            _divider("rule"),
            _text(
                "items",
                "1. **[First link](https://example.com/1)**: why it is worth a look.\n"
                "2. **[Second link](https://example.com/2)**: one line of context.\n"
                "3. **[Third link](https://example.com/3)**: a surprising number.\n"
                "4. **[Fourth link](https://example.com/4)**: a tool we liked.\n"
                "5. **[Fifth link](https://example.com/5)**: something to read slowly.",
            ),
            _divider("rule-2"),
            _text("outro", "Forward this to a friend who would enjoy it."),
            _footer(),
        ],
    },
    {
        "slug": "welcome",
        "name": "Welcome aboard",
        "category": "welcome",
        "is_pro": False,
        "description": "A warm hello for new subscribers, with three first steps.",
        "theme": {"accent_color": "#15803d", "background": "#f0fdf4"},
        "sections": [
            _banner("banner", "forest", "Welcome"),
            _heading("title", 'Welcome, {{ first_name | default("friend") }}!'),
            _text(
                "body",
                "Thanks for subscribing. Here is how to get the most out of it:\n\n"
                "1. Add us to your contacts so we never land in spam.\n"
                "2. Tell us what you care about by replying to this email.\n"
                "3. Browse the archive for our most-loved issues.",
            ),
            _button("cta", "Browse the archive", "https://example.com/archive"),
            _footer(),
        ],
    },
    {
        "slug": "product-update",
        "name": "Product update",
        "category": "product",
        "is_pro": False,
        "description": "What shipped, side by side, and a link to the full changelog.",
        "theme": {"accent_color": "#4f46e5"},
        "sections": [
            _heading("title", "What's new this month"),
            _text("intro", f"{HELLO}\n\nWe shipped a few things we think you will like."),
            _columns(
                "features",
                [
                    _heading("f1-title", "Faster search", 3),
                    _text("f1-body", "Results appear as you type, even in big workspaces."),
                ],
                [
                    _heading("f2-title", "Dark mode", 3),
                    _text("f2-body", "Easier on the eyes at night, everywhere in the app."),
                ],
            ),
            _divider("rule"),
            _button("cta", "Read the changelog", "https://example.com/changelog"),
            _footer(),
        ],
    },
    {
        "slug": "plain-letter",
        "name": "Plain letter",
        "category": "newsletter",
        "is_pro": False,
        "description": "Just words, like a personal email. Often the best performer.",
        "theme": {"font": "serif", "background": "#ffffff", "accent_color": "#111827"},
        "sections": [
            _text(
                "letter",
                f"{HELLO}\n\nWrite as you would to one person. Keep paragraphs short.\n\n"
                "Say one thing well, and end with a single, clear ask.\n\nThanks for reading,\n"
                "\nThe team",
            ),
            _footer(),
        ],
    },
    {
        "slug": "event-invitation",
        "name": "Event invitation",
        "category": "event",
        "is_pro": True,
        "description": "Date, place and an RSVP button, laid out in two columns.",
        "theme": {"accent_color": "#ea580c", "background": "#fff7ed", "font": "rounded"},
        "sections": [
            _banner("banner", "sunrise", "Event"),
            _heading("title", "You're invited", 1, "center"),
            _text(
                "intro",
                f"{HELLO}\n\nJoin us for an evening of talks, demos and good company.",
                "center",
            ),
            _columns(
                "details",
                [_heading("when", "When", 3), _text("when-body", "Thursday, 18:30\n\nDoors 18:00")],
                [_heading("where", "Where", 3), _text("where-body", "The Old Library\n\nMain St")],
            ),
            _button("rsvp", "RSVP now", "https://example.com/rsvp"),
            _text("note", "Seats are limited; we will confirm by email.", "center"),
            _footer(),
        ],
    },
    {
        "slug": "editorial",
        "name": "Editorial long read",
        "category": "newsletter",
        "is_pro": True,
        "description": "A magazine-style essay with a pull quote, set in a serif face.",
        "theme": {
            "font": "serif",
            "background": "#faf7f2",
            "content_background": "#fffdf8",
            "accent_color": "#9a3412",
            "width": 640,
        },
        "sections": [
            _heading("kicker", "ESSAY", 3),
            _heading("title", "The headline of your essay"),
            _text("lede", "*A one-sentence standfirst that sets up the argument.*"),
            _divider("rule"),
            _text(
                "body",
                "Open with a scene or a question. Build the case paragraph by paragraph.\n\n"
                "> A pull quote that makes someone stop scrolling.\n\n"
                "Close by returning to the opening image, changed by what came between.",
            ),
            _button("more", "Read it on the web", "https://example.com/essay", "left"),
            _footer(),
        ],
    },
    {
        "slug": "seasonal-sale",
        "name": "Seasonal sale",
        "category": "promotion",
        "is_pro": True,
        "description": "A bold offer, two featured products and a deadline.",
        "theme": {"accent_color": "#be123c", "background": "#fff1f2"},
        "sections": [
            _banner("banner", "coral", "Sale"),
            _heading("title", "20% off everything, this week only", 1, "center"),
            _text("intro", "Use code **SEASON20** at checkout. Ends Sunday at midnight.", "center"),
            _columns(
                "products",
                [
                    _heading("p1", "Product one", 3),
                    _text("p1-body", "~~€40~~ **€32**"),
                    _button("p1-buy", "Shop now", "https://example.com/p1", "left"),
                ],
                [
                    _heading("p2", "Product two", 3),
                    _text("p2-body", "~~€60~~ **€48**"),
                    _button("p2-buy", "Shop now", "https://example.com/p2", "left"),
                ],
            ),
            _footer(),
        ],
    },
    {
        "slug": "customer-story",
        "name": "Customer story",
        "category": "case-study",
        "is_pro": True,
        "description": "A customer's results in numbers, a quote, and a call to action.",
        "theme": {"accent_color": "#334155", "font": "sans"},
        "sections": [
            _banner("banner", "slate", "Customer story"),
            _heading("title", "How Acme doubled their open rate"),
            _columns(
                "numbers",
                [_heading("n1", "2x", 2, "center"), _text("n1-body", "open rate", "center")],
                [_heading("n2", "-40%", 2, "center"), _text("n2-body", "time spent", "center")],
                [_heading("n3", "3 weeks", 2, "center"), _text("n3-body", "to results", "center")],
            ),
            _text(
                "quote", "> It changed how our whole team writes to customers.\n>\n> — Jane, Acme"
            ),
            _button("cta", "Read the full story", "https://example.com/acme"),
            _footer(),
        ],
    },
]


async def seed_catalog() -> str:
    """Create or update every catalog template; a second run changes nothing."""
    created = updated = 0
    async with transaction():
        for entry in CATALOG:
            sections = dump_sections(SECTIONS_ADAPTER.validate_python(entry["sections"]))
            theme = Theme.model_validate(entry["theme"]).model_dump()
            template = await EmailTemplate.filter(slug=entry["slug"]).select_for_update().first()
            meta = {
                "name": entry["name"],
                "description": entry["description"],
                "category": entry["category"],
                "is_pro": entry["is_pro"],
                "status": TemplateStatus.published,
            }
            if template is None:
                template = await EmailTemplate.create(
                    id=uuid.uuid4(), slug=entry["slug"], workspace_id=None, version=1, **meta
                )
                await TemplateVersion.create(
                    template_id=template.id, number=1, name=entry["name"], sections=sections,
                    theme=theme,
                )  # fmt: skip
                created += 1
                continue
            current = await TemplateVersion.get(template_id=template.id, number=template.version)
            content_changed = (current.name, current.sections, current.theme) != (
                entry["name"], sections, theme,
            )  # fmt: skip
            meta_changed = any(getattr(template, k) != v for k, v in meta.items())
            if not (content_changed or meta_changed):
                continue
            for key, value in meta.items():
                setattr(template, key, value)
            if content_changed:
                template.version += 1
                await TemplateVersion.create(
                    template_id=template.id, number=template.version, name=entry["name"],
                    sections=sections, theme=theme,
                )  # fmt: skip
            await template.save()
            updated += 1
    unchanged = len(CATALOG) - created - updated
    return f"template catalog: {created} created, {updated} updated, {unchanged} unchanged"
