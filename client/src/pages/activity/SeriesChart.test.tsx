import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Kpis } from "../../api/campaigns";
import { bucketLabel, SeriesChart } from "./SeriesChart";

function kpis(series: Kpis["series"], bucket: Kpis["bucket"] = "minute"): Kpis {
  return { series, bucket } as Kpis;
}

const minute = (i: number, sent: number, opened = 0) => ({
  at: new Date(Date.UTC(2026, 11, 2, 12, i)).toISOString(),
  sent,
  opened,
  clicked: 0,
});

describe("SeriesChart", () => {
  it("says so when nothing was sent", () => {
    render(<SeriesChart kpis={kpis([])} />);
    expect(screen.getByText("Nothing sent yet.")).toBeTruthy();
  });

  it("scales bars to the busiest bucket, labels the scale and caps a lone bar's width", () => {
    const { container } = render(<SeriesChart kpis={kpis([minute(43, 40, 10)])} />);
    const chart = screen.getByRole("img", { name: "Sends and opens per minute: 40 sent, 10 opened" });
    const texts = [...chart.querySelectorAll("text")].map((t) => t.textContent);
    expect(texts).toContain("40");
    expect(texts).toContain("0");
    expect(texts).toContain(bucketLabel(minute(43, 0).at, "minute"));
    const sent = container.querySelector(".series-chart__sent")!;
    const opened = container.querySelector(".series-chart__opened")!;
    expect(Number(sent.getAttribute("width"))).toBeLessThanOrEqual(24);
    expect(Number(opened.getAttribute("height"))).toBeCloseTo(Number(sent.getAttribute("height")) / 4);
  });

  it("labels the first and last of many buckets without crowding the axis", () => {
    const series = Array.from({ length: 30 }, (_, i) => minute(i, i + 1));
    render(<SeriesChart kpis={kpis(series)} />);
    const times = [...document.querySelectorAll(".series-chart__time")].map((t) => t.textContent);
    expect(times.length).toBeGreaterThanOrEqual(2);
    expect(times.length).toBeLessThanOrEqual(6);
    expect(times[0]).toBe(bucketLabel(series[0]!.at, "minute"));
    expect(times.at(-1)).toBe(bucketLabel(series[29]!.at, "minute"));
  });
});
