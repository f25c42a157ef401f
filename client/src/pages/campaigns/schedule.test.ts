import { describe, expect, it } from "vitest";
import { campaign } from "../../test/campaigns";
import { describeSchedule } from "./schedule";

describe("describeSchedule", () => {
  it("shows the time in the zone it was chosen in, whatever the browser's", () => {
    const at = "2027-03-02T08:00:00Z";
    const tokyo = new Date(at).toLocaleString(undefined, {
      dateStyle: "medium",
      timeStyle: "short",
      timeZone: "Asia/Tokyo",
    });
    expect(describeSchedule(campaign({ send_at: at, timezone: "Asia/Tokyo" }))).toBe(`${tokyo} (Asia/Tokyo)`);
    expect(describeSchedule(campaign({ send_at: at, timezone: "Asia/Tokyo", reader_time_zone: true }))).toBe(
      `${tokyo} in each reader's time zone (Asia/Tokyo for readers without one)`,
    );
    // 17:00 in Tokyo, not the test machine's hour.
    expect(tokyo).toMatch(/5:00\sPM|17:00/);
  });

  it("is nothing for a campaign without a time", () => {
    expect(describeSchedule(campaign())).toBeNull();
  });
});
