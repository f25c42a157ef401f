import type { Kpis } from "../../api/campaigns";

const WIDTH = 600;
const HEIGHT = 180;
// Room for the count labels on the left and the time labels below, at the larger text a phone
// gets (the chart is drawn at 600 units and shrunk to the screen: see styles.css).
const LEFT = 56;
const BOTTOM = 28;
const TOP = 16;
// A bar never gets wider than this: one minute of sends is a bar, not half the chart.
const MAX_BAR = 24;

/** A time label for one bucket: the clock for minutes, day and hour for hours, the day for days. */
export function bucketLabel(iso: string, bucket: Kpis["bucket"]): string {
  const at = new Date(iso);
  if (bucket === "minute") return at.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
  if (bucket === "hour") {
    return at.toLocaleString(undefined, { month: "short", day: "numeric", hour: "2-digit" });
  }
  return at.toLocaleDateString(undefined, { month: "short", day: "numeric" });
}

/** Which buckets get a time label: the first, the last and a few between, never crowded. */
function labelled(count: number): Set<number> {
  const every = Math.max(1, Math.ceil(count / 5));
  const picks = new Set<number>([0, count - 1]);
  for (let i = every; i < count - every / 2; i += every) picks.add(i);
  return picks;
}

/** Sends and opens per time bucket as paired bars (an SVG, with a text summary for readers). */
export function SeriesChart({ kpis }: { kpis: Kpis }) {
  const points = kpis.series;
  if (points.length === 0) return <p className="muted">Nothing sent yet.</p>;
  const max = Math.max(1, ...points.map((p) => Math.max(p.sent, p.opened)));
  const plotWidth = WIDTH - LEFT;
  const plotHeight = HEIGHT - BOTTOM - TOP;
  const slot = plotWidth / points.length;
  const bar = Math.min(MAX_BAR, Math.max(2, slot / 2 - 2));
  const totalSent = points.reduce((sum, p) => sum + p.sent, 0);
  const totalOpened = points.reduce((sum, p) => sum + p.opened, 0);
  const baseline = TOP + plotHeight;
  const labels = labelled(points.length);
  return (
    <figure className="series-chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={`Sends and opens per ${kpis.bucket}: ${totalSent} sent, ${totalOpened} opened`}
      >
        <g className="series-chart__axis">
          <line x1={LEFT} x2={WIDTH} y1={TOP} y2={TOP} className="series-chart__grid" />
          <line x1={LEFT} x2={WIDTH} y1={baseline} y2={baseline} />
          <text x={LEFT - 6} y={TOP + 6} textAnchor="end">
            {max}
          </text>
          <text x={LEFT - 6} y={baseline} textAnchor="end">
            0
          </text>
        </g>
        {points.map((p, i) => {
          const sentH = (p.sent / max) * plotHeight;
          const openH = (p.opened / max) * plotHeight;
          const centre = LEFT + i * slot + slot / 2;
          return (
            <g key={p.at}>
              <rect
                className="series-chart__sent"
                x={centre - bar - 1}
                y={baseline - sentH}
                width={bar}
                height={sentH}
              >
                <title>{`${new Date(p.at).toLocaleString()}: ${p.sent} sent`}</title>
              </rect>
              <rect
                className="series-chart__opened"
                x={centre + 1}
                y={baseline - openH}
                width={bar}
                height={openH}
              >
                <title>{`${new Date(p.at).toLocaleString()}: ${p.opened} opened`}</title>
              </rect>
              {labels.has(i) ? (
                <text
                  className="series-chart__time"
                  x={centre}
                  y={HEIGHT - 6}
                  textAnchor={points.length === 1 ? "middle" : i === 0 ? "start" : i === points.length - 1 ? "end" : "middle"}
                >
                  {bucketLabel(p.at, kpis.bucket)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <span className="legend legend--sent">Sent</span>{" "}
        <span className="legend legend--opened">Opened</span> per {kpis.bucket}
      </figcaption>
    </figure>
  );
}
