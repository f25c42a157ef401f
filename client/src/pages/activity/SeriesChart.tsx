import type { Kpis } from "../../api/campaigns";

/** Sends and opens per time bucket as paired bars (an SVG, with a text summary for readers). */
export function SeriesChart({ kpis }: { kpis: Kpis }) {
  const points = kpis.series;
  if (points.length === 0) return <p className="muted">Nothing sent yet.</p>;
  const max = Math.max(1, ...points.map((p) => Math.max(p.sent, p.opened)));
  const width = 600;
  const height = 160;
  const slot = width / points.length;
  const bar = Math.max(2, slot / 2 - 2);
  const totalSent = points.reduce((sum, p) => sum + p.sent, 0);
  const totalOpened = points.reduce((sum, p) => sum + p.opened, 0);
  return (
    <figure className="series-chart">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={`Sends and opens per ${kpis.bucket}: ${totalSent} sent, ${totalOpened} opened`}
      >
        {points.map((p, i) => {
          const sentH = (p.sent / max) * (height - 10);
          const openH = (p.opened / max) * (height - 10);
          return (
            <g key={p.at}>
              <rect
                className="series-chart__sent"
                x={i * slot + 1}
                y={height - sentH}
                width={bar}
                height={sentH}
              >
                <title>{`${new Date(p.at).toLocaleString()}: ${p.sent} sent`}</title>
              </rect>
              <rect
                className="series-chart__opened"
                x={i * slot + bar + 2}
                y={height - openH}
                width={bar}
                height={openH}
              >
                <title>{`${new Date(p.at).toLocaleString()}: ${p.opened} opened`}</title>
              </rect>
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
