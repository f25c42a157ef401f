"""The shipped catalog: enough distinct templates, several pro, each valid and renderable,
and seeding twice changes nothing."""

from __future__ import annotations

from models.templates import EmailTemplate, TemplateStatus, TemplateVersion
from server.message_templates.catalog import CATALOG, seed_catalog
from server.message_templates.rendering import render_email
from server.seed import SEEDERS


def test_catalog_is_varied_and_every_template_renders() -> None:
    assert seed_catalog in SEEDERS
    assert len(CATALOG) >= 8
    assert len({t["slug"] for t in CATALOG}) == len(CATALOG)
    assert len({t["category"] for t in CATALOG}) >= 6
    assert sum(t["is_pro"] for t in CATALOG) >= 3
    assert sum(not t["is_pro"] for t in CATALOG) >= 3
    for entry in CATALOG:
        email = render_email(
            entry["sections"], theme=entry["theme"], merge={}, unsubscribe_url="https://u/x",
            postal_address="1 Main St", base_url="https://app.example",
        )  # fmt: skip
        assert "https://u/x" in email.html, entry["slug"]
        assert "1 Main St" in email.text, entry["slug"]
        assert "{{" not in email.html, entry["slug"]  # every merge tag was recognised


async def test_seeding_is_idempotent_and_ships_changes_as_new_versions(db: None) -> None:
    first = await seed_catalog()
    assert first.startswith(f"template catalog: {len(CATALOG)} created")
    count = await EmailTemplate.all().count()
    versions = await TemplateVersion.all().count()
    assert await seed_catalog() == (
        f"template catalog: 0 created, 0 updated, {len(CATALOG)} unchanged"
    )
    assert (await EmailTemplate.all().count(), await TemplateVersion.all().count()) == (
        count, versions,
    )  # fmt: skip
    templates = await EmailTemplate.all()
    assert all(t.workspace_id is None and t.status is TemplateStatus.published for t in templates)

    # Someone changed a shipped template in the database; seeding restores the shipped
    # content as a new version and keeps the history.
    slug = CATALOG[0]["slug"]
    template = await EmailTemplate.get(slug=slug)
    await TemplateVersion.filter(template_id=template.id, number=1).update(name="Tampered")
    assert "1 updated" in await seed_catalog()
    template = await EmailTemplate.get(slug=slug)
    assert template.version == 2
    latest = await TemplateVersion.get(template_id=template.id, number=2)
    assert latest.name == CATALOG[0]["name"]
