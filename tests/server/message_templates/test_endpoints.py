"""Templates over HTTP: catalog, copies, autosave with optimistic concurrency, versions,
publishing, previews, tenancy and pro gating."""

from __future__ import annotations

import asyncio
import io
import uuid
from typing import Any

import pytest
from quart.datastructures import FileStorage
from quart.typing import TestClientProtocol

from models.accounts import Plan, Workspace
from models.templates import TemplateVersion
from server.core.config import Config
from server.message_templates.banners import banner_png
from server.message_templates.catalog import seed_catalog
from tests.factories import Login, login_as, make_user


@pytest.fixture
async def owner(db: None) -> Login:
    return await login_as(await make_user())


@pytest.fixture
async def catalog(db: None) -> None:
    await seed_catalog()


async def marketplace(client: TestClientProtocol, login: Login) -> list[dict[str, Any]]:
    response = await client.get("/api/templates?scope=marketplace", headers=login.headers())
    assert response.status_code == 200
    items: list[dict[str, Any]] = (await response.get_json())["items"]
    return items


async def copy_of(client: TestClientProtocol, login: Login, slug_name: str) -> dict[str, Any]:
    source = next(t for t in await marketplace(client, login) if t["name"] == slug_name)
    response = await client.post(
        "/api/templates", json={"from_template_id": source["id"]}, headers=login.headers()
    )
    assert response.status_code == 201, await response.get_json()
    body: dict[str, Any] = await response.get_json()
    return body


async def save(
    client: TestClientProtocol, login: Login, template_id: str, if_match: str | None, **body: Any
) -> Any:
    headers = login.headers()
    if if_match is not None:
        headers["If-Match"] = if_match
    return await client.put(f"/api/templates/{template_id}", json=body, headers=headers)


async def test_marketplace_lists_the_catalog_without_sections(
    client: TestClientProtocol, owner: Login, catalog: None
) -> None:
    items = await marketplace(client, owner)
    assert len(items) >= 8
    assert all("sections" not in item for item in items)
    assert {i["scope"] for i in items} == {"marketplace"}
    pro = [i for i in items if i["is_pro"]]
    assert len(pro) >= 3
    assert all(not i["available"] for i in pro)  # a free workspace sees them, marked Pro
    mine = await client.get("/api/templates?scope=mine", headers=owner.headers())
    assert (await mine.get_json())["items"] == []


async def test_copy_edit_with_if_match_and_read_back(
    client: TestClientProtocol, owner: Login, catalog: None
) -> None:
    template = await copy_of(client, owner, "Classic newsletter")
    assert (template["scope"], template["status"], template["version"]) == ("mine", "draft", 1)
    assert template["sections"][-1]["type"] == "footer"

    sections = template["sections"]
    sections[1]["text"] = "Edited headline"
    sections[0], sections[2] = sections[2], sections[0]  # reorder
    saved = await save(client, owner, template["id"], '"1"', sections=sections)
    assert saved.status_code == 200
    assert saved.headers["ETag"].startswith('"2-')
    assert (await saved.get_json())["version"] == 2

    got = await client.get(f"/api/templates/{template['id']}", headers=owner.headers())
    assert got.headers["ETag"] == saved.headers["ETag"]
    body = await got.get_json()
    assert body["sections"] == sections

    # A save that changes nothing writes no version.
    again = await save(client, owner, template["id"], "2", sections=sections)
    assert (await again.get_json())["version"] == 2


async def test_a_stale_save_gets_409_with_the_current_version_and_loses_nothing(
    client: TestClientProtocol, owner: Login, catalog: None
) -> None:
    template = await copy_of(client, owner, "Weekly digest")
    tab_a = [dict(s) for s in template["sections"]]
    tab_b = [dict(s) for s in template["sections"]]
    tab_a[0]["text"] = "Tab A's title"
    tab_b[1]["markdown"] = "Tab B's intro"

    first = await save(client, owner, template["id"], '"1"', sections=tab_a)
    assert first.status_code == 200
    second = await save(client, owner, template["id"], '"1"', sections=tab_b)
    assert second.status_code == 409
    error = await second.get_json()
    assert error["code"] == "version_conflict"
    assert error["details"]["current_version"] == 2
    assert second.headers["ETag"] == first.headers["ETag"]
    assert error["details"]["current"]["sections"][0]["text"] == "Tab A's title"

    # Tab B merges onto the current version and saves; both edits survive.
    merged = error["details"]["current"]["sections"]
    merged[1]["markdown"] = "Tab B's intro"
    third = await save(client, owner, template["id"], '"2"', sections=merged)
    assert third.status_code == 200
    final = await third.get_json()
    assert final["sections"][0]["text"] == "Tab A's title"
    assert final["sections"][1]["markdown"] == "Tab B's intro"
    history = await client.get(f"/api/templates/{template['id']}/versions", headers=owner.headers())
    assert [v["version"] for v in (await history.get_json())["items"]] == [3, 2, 1]


async def test_concurrent_saves_from_one_version_let_exactly_one_win(
    client: TestClientProtocol, owner: Login, catalog: None
) -> None:
    import asyncio

    template = await copy_of(client, owner, "Plain letter")
    attempts = []
    for n in range(5):
        sections = [dict(s) for s in template["sections"]]
        sections[0]["markdown"] = f"writer {n}"
        attempts.append(save(client, owner, template["id"], '"1"', sections=sections))
    results = await asyncio.gather(*attempts)
    assert sorted(r.status_code for r in results) == [200, 409, 409, 409, 409]
    got = await (
        await client.get(f"/api/templates/{template['id']}", headers=owner.headers())
    ).get_json()
    assert got["version"] == 2


async def test_save_needs_if_match_and_valid_sections(
    client: TestClientProtocol, owner: Login, catalog: None
) -> None:
    template = await copy_of(client, owner, "Big announcement")
    missing = await save(client, owner, template["id"], None, name="x")
    assert missing.status_code == 428
    assert (await missing.get_json())["code"] == "precondition_required"
    bad = await save(client, owner, template["id"], "abc", name="x")
    assert (await bad.get_json())["code"] == "bad_if_match"
    huge = await save(client, owner, template["id"], "1" * 60, name="x")
    assert (huge.status_code, (await huge.get_json())["code"]) == (422, "validation_error")

    no_footer = [s for s in template["sections"] if s["type"] != "footer"]
    refused = await save(client, owner, template["id"], "1", sections=no_footer)
    assert refused.status_code == 422
    error = await refused.get_json()
    assert error["code"] == "validation_error"
    assert "footer" in str(error["details"]["fields"])
    hostile = [*no_footer[:-1], {"id": "x", "type": "button", "label": "x",
               "href": "javascript:alert(1)"}, template["sections"][-1]]  # fmt: skip
    assert (await save(client, owner, template["id"], "1", sections=hostile)).status_code == 422
    # Nothing was written by the refused saves.
    got = await (
        await client.get(f"/api/templates/{template['id']}", headers=owner.headers())
    ).get_json()
    assert got["version"] == 1


async def test_versions_view_and_restore(client: TestClientProtocol, owner: Login) -> None:
    created = await client.post("/api/templates", json={"name": "Mine"}, headers=owner.headers())
    template = await created.get_json()
    original = template["sections"]
    changed = [dict(s) for s in original]
    changed[0]["text"] = "Second"
    await save(client, owner, template["id"], "1", sections=changed, name="Mine v2")

    one = await client.get(f"/api/templates/{template['id']}/versions/1", headers=owner.headers())
    assert (await one.get_json())["sections"] == original
    restored = await client.post(
        f"/api/templates/{template['id']}/versions/1/restore", headers=owner.headers()
    )
    body = await restored.get_json()
    assert (body["version"], body["name"], body["sections"]) == (3, "Mine", original)
    history = await client.get(f"/api/templates/{template['id']}/versions", headers=owner.headers())
    items = (await history.get_json())["items"]
    assert items[0]["restored_from"] == 1
    assert items[0]["current"] is True
    assert items[0]["created_by"] == "Ada Lovelace"
    stale = await client.post(
        f"/api/templates/{template['id']}/versions/2/restore",
        headers={**owner.headers(), "If-Match": '"2"'},
    )
    assert stale.status_code == 409
    missing = await client.get(
        f"/api/templates/{template['id']}/versions/9", headers=owner.headers()
    )
    assert missing.status_code == 404


async def test_publish_unpublish_duplicate_delete(client: TestClientProtocol, owner: Login) -> None:
    created = await client.post("/api/templates", json={"name": "Launch"}, headers=owner.headers())
    tid = (await created.get_json())["id"]
    published = await client.post(f"/api/templates/{tid}/publish", headers=owner.headers())
    assert (await published.get_json())["status"] == "published"
    listed = await client.get("/api/templates?scope=mine&status=published", headers=owner.headers())
    assert [t["id"] for t in (await listed.get_json())["items"]] == [tid]
    draft = await client.post(f"/api/templates/{tid}/unpublish", headers=owner.headers())
    assert (await draft.get_json())["status"] == "draft"
    dup = await client.post(f"/api/templates/{tid}/duplicate", headers=owner.headers())
    assert dup.status_code == 201
    copy = await dup.get_json()
    assert (copy["name"], copy["source_template_id"], copy["version"]) == ("Copy of Launch", tid, 1)
    deleted = await client.delete(f"/api/templates/{tid}", headers=owner.headers())
    assert deleted.status_code == 204
    assert (await client.get(f"/api/templates/{tid}", headers=owner.headers())).status_code == 404


async def test_preview_is_the_html_that_will_be_sent(
    client: TestClientProtocol, owner: Login, catalog: None
) -> None:
    await Workspace.filter(id=owner.session.workspace_id).update(  # type: ignore[attr-defined]
        postal_address="1 Harbour Street\nBristol", sender_name="The Harbour Post"
    )
    template = await copy_of(client, owner, "Welcome aboard")
    response = await client.get(f"/api/templates/{template['id']}/preview", headers=owner.headers())
    assert response.status_code == 200
    assert response.content_type.startswith("text/html")
    assert "sandbox" in response.headers["Content-Security-Policy"]
    html = await response.get_data(as_text=True)
    assert "Welcome, Alex!" in html  # sample merge values
    assert "1 Harbour Street" in html
    assert "The Harbour Post" in html
    assert "/u/preview" in html
    assert "/media/catalog/forest.png" in html

    old = await client.get(
        f"/api/templates/{template['id']}/preview?version=7", headers=owner.headers()
    )
    assert old.status_code == 404
    unsaved = await client.post(
        "/api/templates/preview",
        json={"sections": [{"id": "t", "type": "text", "markdown": "Draft *text*"},
                           {"id": "f", "type": "footer"}]},
        headers=owner.headers(),
    )  # fmt: skip
    assert "Draft <em>text</em>" in await unsaved.get_data(as_text=True)


async def test_other_workspaces_templates_are_404_and_marketplace_is_read_only(
    client: TestClientProtocol, owner: Login, catalog: None
) -> None:
    template = await copy_of(client, owner, "Classic newsletter")
    stranger = await login_as(await make_user())
    for method, path in (
        ("GET", f"/api/templates/{template['id']}"),
        ("GET", f"/api/templates/{template['id']}/versions"),
        ("GET", f"/api/templates/{template['id']}/preview"),
        ("POST", f"/api/templates/{template['id']}/duplicate"),
        ("DELETE", f"/api/templates/{template['id']}"),
    ):
        response = await client.open(
            path, method=method, headers=stranger.headers(), json=None, form=None, data=None
        )
        assert response.status_code == 404, path
    assert (await save(client, stranger, template["id"], "1", name="x")).status_code == 404

    source = (await marketplace(client, owner))[0]
    refused = await save(client, owner, source["id"], "1", name="mine now")
    assert refused.status_code == 403
    assert (await refused.get_json())["code"] == "read_only_template"


async def test_pro_templates_need_the_pro_plan_to_copy_edit_and_send(
    client: TestClientProtocol, owner: Login, catalog: None
) -> None:
    from server.entitlements.service import PlanRequired
    from server.message_templates.service import version_for_send

    pro = next(t for t in await marketplace(client, owner) if t["is_pro"])
    refused = await client.post(
        "/api/templates", json={"from_template_id": pro["id"]}, headers=owner.headers()
    )
    assert refused.status_code == 403
    error = await refused.get_json()
    assert (error["code"], error["details"]["required_plan"]) == ("plan_required", "pro")

    workspace = await Workspace.get(id=owner.session.workspace_id)  # type: ignore[attr-defined]
    workspace.plan = Plan.pro
    await workspace.save()
    copied = await client.post(
        "/api/templates", json={"from_template_id": pro["id"]}, headers=owner.headers()
    )
    assert copied.status_code == 201
    template = await copied.get_json()
    assert (template["is_pro"], template["available"]) == (True, True)
    assert (await save(client, owner, template["id"], "1", name="Pro edit")).status_code == 200
    await version_for_send(workspace, template["id"])

    workspace.plan = Plan.free
    await workspace.save()
    downgraded = await save(client, owner, template["id"], "2", name="after downgrade")
    assert downgraded.status_code == 403
    with pytest.raises(PlanRequired):
        await version_for_send(workspace, template["id"])
    readable = await client.get(f"/api/templates/{template['id']}", headers=owner.headers())
    assert (await readable.get_json())["available"] is False


async def test_blank_template_and_capabilities(client: TestClientProtocol, owner: Login) -> None:
    created = await client.post("/api/templates", json={}, headers=owner.headers())
    body = await created.get_json()
    assert body["name"] == "Untitled template"
    assert [s["type"] for s in body["sections"]] == ["heading", "text", "footer"]
    anonymous = await client.get("/api/templates")
    assert anonymous.status_code == 401
    blank_name = await client.post("/api/templates", json={"name": "  "}, headers=owner.headers())
    assert blank_name.status_code == 422
    # Sending back exactly what was read is not a change: no new version.
    same = await save(
        client, owner, body["id"], "1", sections=body["sections"], theme=body["theme"],
        name=body["name"],
    )  # fmt: skip
    assert (await same.get_json())["version"] == 1
    renamed_blank = await save(client, owner, body["id"], "1", name="   ")
    assert renamed_blank.status_code == 422


# ---- Idempotent creates ----------------------------------------------------------------


async def mine(client: TestClientProtocol, login: Login) -> list[dict[str, Any]]:
    response = await client.get("/api/templates?scope=mine", headers=login.headers())
    items: list[dict[str, Any]] = (await response.get_json())["items"]
    return items


async def test_a_double_click_with_one_idempotency_key_makes_one_copy(
    client: TestClientProtocol, owner: Login, catalog: None
) -> None:
    source = next(t for t in await marketplace(client, owner) if t["name"] == "Classic newsletter")
    headers = {**owner.headers(), "Idempotency-Key": "copy-classic-1"}
    body = {"from_template_id": source["id"], "name": "My issue"}
    first, second = await asyncio.gather(
        client.post("/api/templates", json=body, headers=headers),
        client.post("/api/templates", json=body, headers=headers),
    )
    assert (first.status_code, second.status_code) == (201, 201)
    assert await first.get_json() == await second.get_json()
    assert sorted(r.headers.get("Idempotent-Replayed", "") for r in (first, second)) == [
        "",
        "true",
    ]
    assert first.headers["ETag"] == second.headers["ETag"]
    later = await client.post("/api/templates", json=body, headers=headers)
    assert (later.status_code, later.headers["Idempotent-Replayed"]) == (201, "true")
    assert (await later.get_json())["id"] == (await first.get_json())["id"]
    assert [t["name"] for t in await mine(client, owner)] == ["My issue"]

    # Another key is another create.
    other = await client.post(
        "/api/templates", json=body, headers={**owner.headers(), "Idempotency-Key": "copy-2"}
    )
    assert other.status_code == 201
    assert "Idempotent-Replayed" not in other.headers
    assert len(await mine(client, owner)) == 2


async def test_an_idempotency_key_reused_with_another_body_is_refused(
    client: TestClientProtocol, owner: Login
) -> None:
    headers = {**owner.headers(), "Idempotency-Key": "blank-1"}
    made = await client.post("/api/templates", json={"name": "First"}, headers=headers)
    assert made.status_code == 201
    reused = await client.post("/api/templates", json={"name": "Second"}, headers=headers)
    assert reused.status_code == 422
    error = await reused.get_json()
    assert error["code"] == "idempotency_key_reused"
    assert error["details"] == {"idempotency_key": "blank-1", "route": "POST /api/templates"}
    assert error["message"]
    assert [t["name"] for t in await mine(client, owner)] == ["First"]

    empty = await client.post(
        "/api/templates", json={"name": "x"}, headers={**owner.headers(), "Idempotency-Key": ""}
    )
    assert empty.status_code == 422
    assert (await empty.get_json())["code"] == "validation_error"


async def test_idempotency_keys_are_per_workspace_and_a_failed_create_can_be_retried(
    client: TestClientProtocol, owner: Login, catalog: None
) -> None:
    stranger = await login_as(await make_user())
    body = {"name": "Same key"}
    ours = await client.post(
        "/api/templates", json=body, headers={**owner.headers(), "Idempotency-Key": "k"}
    )
    theirs = await client.post(
        "/api/templates", json=body, headers={**stranger.headers(), "Idempotency-Key": "k"}
    )
    assert (ours.status_code, theirs.status_code) == (201, 201)
    assert "Idempotent-Replayed" not in theirs.headers
    assert (await ours.get_json())["id"] != (await theirs.get_json())["id"]

    pro = next(t for t in await marketplace(client, owner) if t["is_pro"])
    retry_headers = {**owner.headers(), "Idempotency-Key": "pro-copy"}
    refused = await client.post(
        "/api/templates", json={"from_template_id": pro["id"]}, headers=retry_headers
    )
    assert refused.status_code == 403
    workspace = await Workspace.get(id=owner.session.workspace_id)  # type: ignore[attr-defined]
    workspace.plan = Plan.pro
    await workspace.save()
    # The refusal stored nothing, so the same key now does the copy.
    copied = await client.post(
        "/api/templates", json={"from_template_id": pro["id"]}, headers=retry_headers
    )
    assert copied.status_code == 201
    assert "Idempotent-Replayed" not in copied.headers


async def test_duplicate_honours_the_idempotency_key(
    client: TestClientProtocol, owner: Login
) -> None:
    made = await (await client.post("/api/templates", json={}, headers=owner.headers())).get_json()
    headers = {**owner.headers(), "Idempotency-Key": "dup-1"}
    url = f"/api/templates/{made['id']}/duplicate"
    first = await client.post(url, headers=headers)
    second = await client.post(url, headers=headers)
    assert (first.status_code, second.status_code) == (201, 201)
    assert (await first.get_json())["id"] == (await second.get_json())["id"]
    assert second.headers["Idempotent-Replayed"] == "true"
    assert len(await mine(client, owner)) == 2


# ---- Images belong to the workspace ----------------------------------------------------


async def upload_image(client: TestClientProtocol, login: Login) -> dict[str, Any]:
    response = await client.post(
        "/api/assets",
        files={"file": FileStorage(io.BytesIO(banner_png("dusk")), filename="dusk.png")},
        headers=login.headers(),
    )
    assert response.status_code == 201, await response.get_json()
    body: dict[str, Any] = await response.get_json()
    return body


def with_image(sections: list[dict[str, Any]], image: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"id": "pic", "type": "image", "alt": "A picture", **image}, *sections]


async def test_images_must_be_the_workspaces_own_or_the_catalogs(
    client: TestClientProtocol, owner: Login, config: Config
) -> None:
    stranger = await login_as(await make_user())
    theirs = await upload_image(client, stranger)
    ours = await upload_image(client, owner)
    template = await (
        await client.post("/api/templates", json={}, headers=owner.headers())
    ).get_json()
    sections = template["sections"]
    base = config.effective_public_url
    other = await upload_image(client, owner)

    refused = {
        "their asset_id": (
            {"src": ours["path"], "asset_id": theirs["id"]},
            {"sections.0.asset_id": ["not one of this workspace's images"]},
        ),
        "their /media/ path": (
            {"src": theirs["path"]},
            {"sections.0.src": ["not one of this workspace's images"]},
        ),
        "their absolute media URL": (
            {"src": base + theirs["path"]},
            {"sections.0.src": ["not one of this workspace's images"]},
        ),
        "an asset that does not exist": (
            {"src": "https://example.com/a.png", "asset_id": str(uuid.uuid4())},
            {"sections.0.asset_id": ["not one of this workspace's images"]},
        ),
        "an unknown catalog image": (
            {"src": "/media/catalog/nowhere.png"},
            {"sections.0.src": ["no such catalog image"]},
        ),
        "some other media path": (
            {"src": "/media/elsewhere/x.png"},
            {"sections.0.src": ["no such image on this server"]},
        ),
        "an asset_id that is not the image shown": (
            {"src": ours["path"], "asset_id": other["id"]},
            {"sections.0.src": [f"must be {other['path']}, the image asset_id names"]},
        ),
    }
    for case, (image, fields) in refused.items():
        response = await save(
            client, owner, template["id"], "1", sections=with_image(sections, image)
        )
        assert response.status_code == 422, case
        error = await response.get_json()
        assert error["code"] == "image_not_in_workspace", case
        assert error["details"]["fields"] == fields, case
    # Nothing was written by any refused save.
    assert (
        await (
            await client.get(f"/api/templates/{template['id']}", headers=owner.headers())
        ).get_json()
    )["version"] == 1

    version = 1
    for image in (
        {"src": ours["path"], "asset_id": ours["id"]},
        {"src": base + ours["path"], "asset_id": ours["id"]},
        {"src": ours["path"]},
        {"src": "/media/catalog/ocean.png"},
        {"src": "https://images.example.com/a.png"},
    ):
        saved = await save(
            client, owner, template["id"], str(version), sections=with_image(sections, image)
        )
        assert saved.status_code == 200, (image, await saved.get_json())
        version = (await saved.get_json())["version"]


async def test_images_inside_columns_are_checked_too(
    client: TestClientProtocol, owner: Login
) -> None:
    stranger = await login_as(await make_user())
    theirs = await upload_image(client, stranger)
    template = await (
        await client.post("/api/templates", json={}, headers=owner.headers())
    ).get_json()
    columns = {
        "id": "cols",
        "type": "columns",
        "columns": [
            {"blocks": [{"id": "t", "type": "text", "markdown": "Left"}]},
            {
                "blocks": [
                    {"id": "t2", "type": "text", "markdown": "Right"},
                    {"id": "img", "type": "image", "src": theirs["path"], "asset_id": theirs["id"]},
                ]
            },
        ],
    }
    response = await save(
        client, owner, template["id"], "1", sections=[columns, *template["sections"]]
    )
    assert response.status_code == 422
    fields = (await response.get_json())["details"]["fields"]
    assert fields == {
        "sections.0.columns.1.blocks.1.asset_id": ["not one of this workspace's images"],
        "sections.0.columns.1.blocks.1.src": ["not one of this workspace's images"],
    }


async def test_restoring_a_version_with_another_workspaces_image_is_refused(
    client: TestClientProtocol, owner: Login
) -> None:
    stranger = await login_as(await make_user())
    theirs = await upload_image(client, stranger)
    template = await (
        await client.post("/api/templates", json={}, headers=owner.headers())
    ).get_json()
    # A version written before images were checked.
    await TemplateVersion.create(
        template_id=template["id"],
        number=2,
        name="Old",
        sections=with_image(template["sections"], {"src": theirs["path"]}),
        theme={},
    )
    restored = await client.post(
        f"/api/templates/{template['id']}/versions/2/restore", headers=owner.headers()
    )
    assert restored.status_code == 422
    error = await restored.get_json()
    assert error["code"] == "image_not_in_workspace"
    assert error["details"]["fields"] == {"sections.0.src": ["not one of this workspace's images"]}
    current = await client.get(f"/api/templates/{template['id']}", headers=owner.headers())
    assert (await current.get_json())["version"] == 1


# ---- Conditional requests --------------------------------------------------------------


async def test_etag_changes_with_status_and_if_none_match_answers_304(
    client: TestClientProtocol, owner: Login
) -> None:
    template = await (
        await client.post("/api/templates", json={}, headers=owner.headers())
    ).get_json()
    url = f"/api/templates/{template['id']}"
    got = await client.get(url, headers=owner.headers())
    tag = got.headers["ETag"]
    assert tag.startswith('"1-')
    assert tag.endswith('"')
    assert got.headers["Cache-Control"] == "private, no-cache"

    for header in (tag, f"W/{tag}", f'"nope", {tag}', "*"):
        cached = await client.get(url, headers={**owner.headers(), "If-None-Match": header})
        assert cached.status_code == 304, header
        assert await cached.get_data() == b""
        assert cached.headers["ETag"] == tag
    stale = await client.get(url, headers={**owner.headers(), "If-None-Match": '"1"'})
    assert stale.status_code == 200

    published = await client.post(f"{url}/publish", headers=owner.headers())
    assert (await published.get_json())["version"] == 1
    assert published.headers["ETag"] != tag
    after = await client.get(url, headers={**owner.headers(), "If-None-Match": tag})
    assert after.status_code == 200
    body = await after.get_json()
    assert (body["status"], body["version"]) == ("published", 1)
    assert after.headers["ETag"] == published.headers["ETag"]

    # If-Match still compares versions: the ETag from before publishing is version 1, and so
    # is the bare version, so either saves.
    saved = await save(client, owner, template["id"], tag, name="Renamed")
    assert saved.status_code == 200, await saved.get_json()
    assert (await saved.get_json())["version"] == 2
    again = await save(client, owner, template["id"], "2", name="Renamed again")
    assert again.status_code == 200
    conflict = await save(client, owner, template["id"], tag, name="From a stale tab")
    assert conflict.status_code == 409
    assert conflict.headers["ETag"] == again.headers["ETag"]
    bad = await save(client, owner, template["id"], '"3-not hex"', name="x")
    assert (bad.status_code, (await bad.get_json())["code"]) == (400, "bad_if_match")


async def test_etag_changes_when_the_plan_makes_a_template_available(
    client: TestClientProtocol, owner: Login, catalog: None
) -> None:
    pro = next(t for t in await marketplace(client, owner) if t["is_pro"])
    url = f"/api/templates/{pro['id']}"
    before = await client.get(url, headers=owner.headers())
    assert (await before.get_json())["available"] is False
    workspace = await Workspace.get(id=owner.session.workspace_id)  # type: ignore[attr-defined]
    workspace.plan = Plan.pro
    await workspace.save()
    after = await client.get(
        url, headers={**owner.headers(), "If-None-Match": before.headers["ETag"]}
    )
    assert after.status_code == 200
    assert (await after.get_json())["available"] is True
    assert after.headers["ETag"] != before.headers["ETag"]
