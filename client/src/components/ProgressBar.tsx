interface ProgressBarProps {
  /** The accessible name, e.g. "Import progress". */
  label: string;
  done: number;
  total: number;
  /** What is counted, e.g. "rows": read out as "3 of 10 rows". */
  unit: string;
  /** A finished job shows a full bar even when its count fell short of the first total. */
  complete?: boolean;
}

export function progressPercent(done: number, total: number, complete = false): number {
  if (complete) return 100;
  return total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0;
}

/** A determinate progress bar for a background job. */
export function ProgressBar({ label, done, total, unit, complete = false }: ProgressBarProps) {
  const percent = progressPercent(done, total, complete);
  return (
    <div
      className="progress"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={`${done} of ${total} ${unit}`}
    >
      <div className="progress__bar" style={{ width: `${percent}%` }} />
    </div>
  );
}
