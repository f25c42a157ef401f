import { useCallback, useId, useState } from "react";
import { listVersions, restoreVersion, type Template, type TemplateVersion } from "../api/templates";
import { Dialog } from "../components/Dialog";
import { LoadError } from "../components/LoadError";
import { errorMessage } from "../forms/errors";
import { formatDateTime, relativeTime } from "../lib/format";
import { useLoad } from "../lib/useLoad";
import { PreviewDialog } from "./PreviewDialog";

interface VersionHistoryProps {
  template: Pick<Template, "id" | "name" | "is_pro">;
  /** The version the editor holds; the list reloads when it changes. */
  version: number;
  /** Why restoring is not possible right now, if it is not. */
  restoreBlocked: string | null;
  onClose(): void;
  onRestored(template: Template): void;
}

/** Every saved version, newest first: view one rendered, or restore it as a new version. */
export function VersionHistory({ template, version, restoreBlocked, onClose, onRestored }: VersionHistoryProps) {
  const titleId = useId();
  const load = useCallback(
    (signal: AbortSignal) => listVersions(template.id, signal),
    // `version` is listed so a save made while the list is open shows up in it.
    [template.id, version],
  );
  const versions = useLoad(load);
  const [viewing, setViewing] = useState<TemplateVersion | null>(null);
  const [restoring, setRestoring] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function restore(number: number) {
    setRestoring(number);
    setError(null);
    try {
      onRestored(await restoreVersion(template.id, number, version));
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setRestoring(null);
    }
  }

  return (
    <Dialog labelledBy={titleId} onClose={onClose} variant="drawer">
      <div className="dialog__header">
        <h2 id={titleId}>Version history</h2>
        <button type="button" className="button button--small button--link" onClick={onClose}>
          Close
        </button>
      </div>
      {restoreBlocked ? <p className="muted">{restoreBlocked}</p> : null}
      {error ? (
        <div className="notice notice--error" role="alert">
          <p>{error}</p>
        </div>
      ) : null}
      {versions.status === "error" ? (
        <LoadError what="the history" error={versions.error} onRetry={versions.reload} />
      ) : versions.data === undefined ? (
        <p role="status" className="muted">
          Loading versions…
        </p>
      ) : (
        <ol className="versions" aria-label="Versions">
          {versions.data.map((item) => {
            const labelId = `${titleId}-v${item.version}`;
            return (
              <li key={item.version} className="versions__item" aria-labelledby={labelId}>
                <div>
                  <strong id={labelId}>Version {item.version}</strong>
                  {item.current ? <span className="badge badge--accent">Current</span> : null}
                  <p className="muted" title={formatDateTime(item.created_at)}>
                    {relativeTime(item.created_at)}
                    {item.created_by ? ` · ${item.created_by}` : null}
                    {item.restored_from ? ` · restored from version ${item.restored_from}` : null}
                  </p>
                </div>
                <div className="versions__actions">
                  <button
                    type="button"
                    className="button button--small button--secondary"
                    aria-describedby={labelId}
                    onClick={() => setViewing(item)}
                  >
                    View
                  </button>
                  {item.current ? null : (
                    <button
                      type="button"
                      className="button button--small button--secondary"
                      aria-describedby={labelId}
                      disabled={restoring !== null || restoreBlocked !== null}
                      onClick={() => void restore(item.version)}
                    >
                      {restoring === item.version ? "Restoring…" : "Restore"}
                    </button>
                  )}
                </div>
              </li>
            );
          })}
        </ol>
      )}
      {viewing ? (
        <PreviewDialog template={template} version={viewing.version} onClose={() => setViewing(null)} />
      ) : null}
    </Dialog>
  );
}
