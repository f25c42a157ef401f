import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { ContactList } from "../../api/contacts";
import { json, stubApi } from "../../test/api";
import { ImportCsv } from "./ImportCsv";

const LISTS: ContactList[] = [];

describe("ImportCsv time zone column", () => {
  it("prefills a recognised zone column, lets another be mapped to Time zone, and sends it", async () => {
    const posted: FormData[] = [];
    stubApi({
      "POST /api/contacts/imports": async (request) => {
        posted.push(await request.formData());
        return json({ id: "job1", status: "queued" }, 202);
      },
      "GET /api/contacts/imports/job1": () =>
        json({
          id: "job1",
          status: "queued",
          total_rows: 1,
          imported: 0,
          updated: 0,
          skipped: 0,
          failed: 0,
          error: null,
        }),
    });
    render(<ImportCsv lists={LISTS} onClose={() => {}} onFinished={() => {}} />);
    const form = screen.getByRole("form", { name: "Import CSV" });
    const csv = "email,Time_Zone,Zona\nada@x.io,europe/berlin,Europe/Paris\n";
    fireEvent.change(within(form).getByLabelText("CSV file"), {
      target: { files: [new File([csv], "people.csv", { type: "text/csv" })] },
    });

    const recognised = await within(form).findByLabelText<HTMLSelectElement>(
      "Import column Time_Zone as",
    );
    expect(recognised.value).toBe("timezone");
    expect(recognised.selectedOptions[0]!.textContent).toBe("Time zone");
    const other = within(form).getByLabelText<HTMLSelectElement>("Import column Zona as");
    expect(other.value).toBe("attribute");
    expect(within(form).getByText(/A row with a zone we do not know is not imported/)).toBeTruthy();

    // The user prefers the other column: one becomes the zone, the first is ignored.
    fireEvent.change(recognised, { target: { value: "ignore" } });
    fireEvent.change(other, { target: { value: "timezone" } });
    fireEvent.click(within(form).getByRole("button", { name: "Start import" }));
    await waitFor(() => expect(posted).toHaveLength(1));
    expect(JSON.parse(String(posted[0]!.get("mapping")))).toEqual({
      email: "email",
      Time_Zone: "ignore",
      Zona: "timezone",
    });
  });

  it("refuses a file whose quote never closes before uploading it, naming the line", async () => {
    const api = stubApi({});
    render(<ImportCsv lists={LISTS} onClose={() => {}} onFinished={() => {}} />);
    const form = screen.getByRole("form", { name: "Import CSV" });
    const csv = 'email,name\na@x.io,Ann\nb@x.io,"Bob\nc@x.io,Cy\n';
    fireEvent.change(within(form).getByLabelText("CSV file"), {
      target: { files: [new File([csv], "people.csv", { type: "text/csv" })] },
    });
    expect(await within(form).findByText(/^Line 3: a quote opened here is never closed/)).toBeTruthy();
    expect(within(form).queryByRole("table")).toBeNull();
    const startButton = within(form).getByRole<HTMLButtonElement>("button", { name: "Start import" });
    expect(startButton.disabled).toBe(true);
    fireEvent.submit(form);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(api.to("POST /api/contacts/imports")).toHaveLength(0);
  });
});
