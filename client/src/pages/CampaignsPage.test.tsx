import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { json, SIGNED_IN, stubApi } from "../test/api";
import { campaign } from "../test/campaigns";
import { renderAt } from "../test/render";


describe("Campaigns", () => {
  it("says why a campaign stopped or went back to draft", async () => {
    const unscheduled = "Not sent at its scheduled time: add your postal address in Settings.";
    const paused = "Paused automatically: 12 messages failed within 60 seconds.";
    stubApi({
      ...SIGNED_IN,
      "GET /api/campaigns": () =>
        json({
          items: [
            campaign({ status_reason: unscheduled }),
            campaign({ id: "c2", name: "Summer", status: "paused", status_reason: paused }),
            campaign({ id: "c3", name: "Autumn", status: "sent" }),
          ],
        }),
    });
    renderAt("/campaigns");
    const notes = await screen.findAllByRole("note");
    expect(notes.map((n) => n.textContent)).toEqual([unscheduled, paused]);
    expect(screen.getByRole("link", { name: "Summer" }).getAttribute("href")).toBe(
      "/activity?campaign=c2",
    );
  });
});
