"""Importing a messy CSV through the /contacts dialog with a real worker, then bulk tagging."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.async_api import Page, expect

from server.contacts import bulk
from server.core.config import Config
from tests.browser.conftest import Account
from tests.browser.flows import log_in_with_password

pytestmark = pytest.mark.browser

# Semicolons, a header the server recognises only by alias, a BOM, CRLF line ends, one invalid
# address and one repeated address (a different case).
MESSY_CSV = (
    "\ufeffE-mail Address;First Name;Company\r\n"
    "ada@example.com;Ada;Analytical Engines\r\n"
    "not-an-email;Bob;Nowhere\r\n"
    "alan@example.com;Alan;Bletchley Park\r\n"
    "ADA@example.com;Ada again;Duplicate\r\n"
)


async def test_import_csv_then_bulk_tag(
    page: Page,
    live_server: str,
    account: Account,
    running_worker: object,
    tmp_path: Path,
    config: Config,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    csv_path = tmp_path / "people.csv"
    csv_path.write_text(MESSY_CSV, encoding="utf-8")

    await page.goto(live_server + "/contacts")
    await log_in_with_password(page, account.email, account.password)
    await expect(page).to_have_url(re.compile(r"/contacts$"))
    await expect(page.get_by_text("No contacts yet.")).to_be_visible()

    # The page's Import CSV button opens the dialog on its import tab: preview and mapping
    # come from the file.
    await page.get_by_role("button", name="Import CSV", exact=True).click()
    dialog = page.get_by_role("dialog", name="Add contact")
    await expect(dialog.get_by_role("tab", name="Import CSV")).to_have_attribute(
        "aria-selected", "true"
    )
    await dialog.get_by_label("CSV file").set_input_files(str(csv_path))
    await expect(dialog.get_by_text("Detected 3 columns (semicolon separated)")).to_be_visible()
    await expect(dialog.get_by_label("Import column E-mail Address as")).to_have_value("email")
    await expect(dialog.get_by_label("Import column First Name as")).to_have_value("first_name")
    await expect(dialog.get_by_label("Import column Company as")).to_have_value("attribute")
    await expect(dialog.get_by_role("cell", name="not-an-email")).to_be_visible()
    await expect(dialog.get_by_label("Duplicates")).to_have_value("skip")
    await dialog.get_by_role("button", name="Start import").click()

    # The real worker runs it; progress reaches the end with the right counts.
    progress = dialog.get_by_role("progressbar", name="Import progress")
    await expect(progress).to_be_visible()
    await expect(dialog.get_by_text("Import completed.")).to_be_visible(timeout=20_000)
    await expect(progress).to_have_attribute("aria-valuenow", "100")
    await expect(progress).to_have_attribute("aria-valuetext", "4 of 4 rows")
    await expect(dialog.get_by_text("Imported 2, updated 0, skipped 1, failed 1.")).to_be_visible()
    report = dialog.get_by_role("link", name="Download report")
    await expect(report).to_have_attribute(
        "href", re.compile(r"^/api/contacts/imports/[0-9a-f-]+/report\.csv$")
    )
    report_href = await report.get_attribute("href")
    assert report_href is not None
    answer = await page.request.get(live_server + report_href)
    assert answer.ok
    report_text = await answer.text()
    assert "not-an-email" in report_text
    await dialog.get_by_role("button", name="Close", exact=True).first.click()
    await expect(dialog).to_be_hidden()

    # The table was refreshed with the two imported contacts.
    rows = page.get_by_role("table", name="Contacts").get_by_role("row")
    await expect(rows).to_have_count(3)
    ada = rows.filter(has_text="ada@example.com")
    alan = rows.filter(has_text="alan@example.com")
    await expect(ada).to_contain_text("Ada")

    # Bulk: select both and tag them.
    toolbar = page.get_by_role("toolbar", name="Bulk actions")
    await expect(toolbar).to_have_count(0)
    await page.get_by_role("checkbox", name="Select ada@example.com").check()
    await page.get_by_role("checkbox", name="Select alan@example.com").check()
    await expect(toolbar).to_contain_text("2 selected")
    await toolbar.get_by_role("button", name="Tag…", exact=True).click()
    await toolbar.get_by_label("Tag to add").fill("Imported")
    await toolbar.get_by_role("button", name="Apply", exact=True).click()
    await expect(page.get_by_role("status").filter(has_text="Tagged")).to_have_text(
        "Tagged: 2 contacts affected."
    )
    await expect(toolbar).to_have_count(0)
    await expect(ada).to_contain_text("imported")
    await expect(alan).to_contain_text("imported")

    # The tag filter finds both after a reload.
    await page.reload()
    await page.get_by_label("Tag", exact=True).fill("imported")
    await expect(rows).to_have_count(3)

    # A bulk action by filter over more contacts than BULK_SYNC_LIMIT runs as a job: the bar
    # follows it to the end.
    monkeypatch.setattr(config, "bulk_sync_limit", 1)
    monkeypatch.setattr(bulk, "CHUNK", 1)
    await page.reload()
    await expect(rows).to_have_count(3)
    await page.get_by_role("checkbox", name="Select ada@example.com").check()
    await expect(toolbar).to_contain_text("1 selected")
    await toolbar.get_by_role("checkbox", name="Apply to all matching").check()
    async with page.expect_response(
        lambda r: r.url.endswith("/api/contacts/bulk") and r.request.method == "POST"
    ) as started:
        await toolbar.get_by_role("button", name="Unsubscribe", exact=True).click()
    assert (await started.value).status == 202
    await expect(page.get_by_role("status").filter(has_text="Unsubscribed")).to_have_text(
        "Unsubscribed: 2 contacts affected.", timeout=20_000
    )
    await expect(ada).to_contain_text("Unsubscribed")
    await expect(alan).to_contain_text("Unsubscribed")
