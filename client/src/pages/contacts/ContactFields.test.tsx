import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { Contact, ContactList } from "../../api/contacts";
import { apiError, json, stubApi } from "../../test/api";
import { contact as contactOf } from "../../test/contacts";
import { AddContactDialog } from "./AddContactDialog";
import { ContactDrawer } from "./ContactDrawer";

const LISTS: ContactList[] = [{ id: "l1", name: "Newsletter", contact_count: 0 }];

function contact(extra: Partial<Contact> = {}): Contact {
  return contactOf({ first_name: "Ada", ...extra });
}

// A function: a Response's body can be read once.
const unknownZone = () =>
  apiError(422, "validation_error", "Unknown time zone.", {
    fields: { timezone: ["unknown time zone 'Mars/Base'; use an IANA name such as Europe/Berlin"] },
  });

describe("the time zone field", () => {
  it("is sent when a contact is added and suggests the browser's zones", async () => {
    const created = contact({ timezone: "Europe/Berlin" });
    const api = stubApi({ "POST /api/contacts": () => json(created, 201) });
    const onCreated = vi.fn();
    render(<AddContactDialog lists={LISTS} onClose={() => {}} onCreated={onCreated} />);
    const dialog = screen.getByRole("dialog", { name: "Add contact" });
    const zone = within(dialog).getByLabelText("Time zone");
    expect(zone.getAttribute("aria-describedby")).toBeTruthy();
    expect(
      document.getElementById(zone.getAttribute("aria-describedby")!)?.textContent,
    ).toBe("For campaigns sent at a time in each reader's zone.");
    const suggestions = document.getElementById(zone.getAttribute("list")!);
    expect(suggestions?.tagName).toBe("DATALIST");
    const offered = [...suggestions!.querySelectorAll("option")].map((o) => o.value);
    expect(offered).toEqual(Intl.supportedValuesOf("timeZone"));
    expect(offered.length).toBeGreaterThan(100);

    fireEvent.change(within(dialog).getByLabelText("Email"), { target: { value: "ada@example.com" } });
    fireEvent.change(zone, { target: { value: " europe/berlin " } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Add contact" }));
    await waitFor(() => expect(onCreated).toHaveBeenCalledWith(created));
    expect(api.to("POST /api/contacts")[0]!.body).toMatchObject({
      email: "ada@example.com",
      timezone: "europe/berlin",
    });
  });

  it("leaves the zone out of a new contact when the field is empty", async () => {
    const api = stubApi({ "POST /api/contacts": () => json(contact(), 201) });
    const onCreated = vi.fn();
    render(<AddContactDialog lists={LISTS} onClose={() => {}} onCreated={onCreated} />);
    const dialog = screen.getByRole("dialog", { name: "Add contact" });
    fireEvent.change(within(dialog).getByLabelText("Email"), { target: { value: "ada@example.com" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Add contact" }));
    await waitFor(() => expect(onCreated).toHaveBeenCalled());
    expect(api.to("POST /api/contacts")[0]!.body).not.toHaveProperty("timezone");
  });

  it("shows the server's refusal of an unknown zone beside the field", async () => {
    stubApi({ "POST /api/contacts": unknownZone });
    render(<AddContactDialog lists={LISTS} onClose={() => {}} onCreated={() => {}} />);
    const dialog = screen.getByRole("dialog", { name: "Add contact" });
    fireEvent.change(within(dialog).getByLabelText("Email"), { target: { value: "ada@example.com" } });
    const zone = within(dialog).getByLabelText("Time zone");
    fireEvent.change(zone, { target: { value: "Mars/Base" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Add contact" }));
    const message = await within(dialog).findByText(/unknown time zone 'Mars\/Base'/);
    expect(zone.getAttribute("aria-invalid")).toBe("true");
    expect(zone.getAttribute("aria-describedby")).toContain(message.id);
    expect(screen.queryByRole("alert")).toBeNull(); // beside the field, not a general alert

    fireEvent.change(zone, { target: { value: "Europe/Paris" } });
    expect(within(dialog).queryByText(/unknown time zone/)).toBeNull();
  });

  it("shows a contact's zone in the drawer, saves a new one and clears it", async () => {
    let stored: string | null = "America/New_York";
    const api = stubApi({
      "GET /api/contacts/c1/timeline": () => json({ items: [] }),
      "PATCH /api/contacts/c1": async (request) => {
        const body = (await request.json()) as { timezone?: string };
        if (body.timezone === "mars/base") return unknownZone();
        // The server stores the canonical spelling.
        stored = body.timezone ? body.timezone.replace("asia/tokyo", "Asia/Tokyo") : null;
        return json(contact({ timezone: stored }));
      },
    });
    // The page hands the drawer the contact it got back from the last save.
    let current = contact({ timezone: stored });
    const drawerOf = (shownContact: Contact) => (
      <ContactDrawer
        contact={shownContact}
        lists={LISTS}
        editing={false}
        onClose={() => {}}
        onChanged={(next) => {
          current = next;
        }}
      />
    );
    const view = render(drawerOf(current));
    const drawer = screen.getByRole("dialog", { name: "ada@example.com" });
    const shown = () => within(drawer).getByText("Time zone", { selector: "dt" }).nextElementSibling;
    expect(shown()?.textContent).toBe("America/New_York");
    const zone = within(drawer).getByLabelText<HTMLInputElement>("Time zone");
    expect(zone.value).toBe("America/New_York");

    fireEvent.change(zone, { target: { value: "mars/base" } });
    fireEvent.click(within(drawer).getByRole("button", { name: "Save changes" }));
    expect(await within(drawer).findByText(/unknown time zone/)).toBeTruthy();
    expect(zone.getAttribute("aria-invalid")).toBe("true");

    fireEvent.change(zone, { target: { value: "asia/tokyo" } });
    fireEvent.click(within(drawer).getByRole("button", { name: "Save changes" }));
    expect(await within(drawer).findByText("Changes saved.")).toBeTruthy();
    expect(api.to("PATCH /api/contacts/c1")[1]!.body).toMatchObject({ timezone: "asia/tokyo" });
    expect(zone.value).toBe("Asia/Tokyo");
    view.rerender(drawerOf(current));
    expect(shown()?.textContent).toBe("Asia/Tokyo");

    fireEvent.change(zone, { target: { value: "  " } });
    fireEvent.click(within(drawer).getByRole("button", { name: "Save changes" }));
    await waitFor(() => expect(api.to("PATCH /api/contacts/c1")).toHaveLength(3));
    // An empty string clears the zone; null would leave it as it was.
    expect(api.to("PATCH /api/contacts/c1")[2]!.body).toMatchObject({ timezone: "" });
    await waitFor(() => expect(current.timezone).toBeNull());
    view.rerender(drawerOf(current));
    expect(shown()?.textContent).toBe("Not set");
  });
});
