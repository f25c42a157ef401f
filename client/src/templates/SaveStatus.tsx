import { STATUS_LABELS, type SaveStatus as Status } from "./autosave";

/** The editor's save state, announced politely as it changes. */
export function SaveStatus({
  status,
  error,
  onRetry,
}: {
  status: Status;
  error: string | null;
  onRetry(): void;
}) {
  return (
    <div className={`save-status save-status--${status}`}>
      <span role="status" aria-label="Save status" className="save-status__label">
        {status === "saving" ? <span className="spinner" aria-hidden="true" /> : null}
        {STATUS_LABELS[status]}
      </span>
      {status === "error" ? (
        <span className="save-status__error" role="alert">
          {error}{" "}
          <button type="button" className="button button--small button--link" onClick={onRetry}>
            Try again
          </button>
        </span>
      ) : null}
    </div>
  );
}
