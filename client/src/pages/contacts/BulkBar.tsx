import { useId, useState } from "react";
import {
  bulkContacts,
  bulkFilter,
  getBulkJob,
  isBulkJob,
  type BulkAction,
  type BulkJob,
  type BulkRequest,
  type BulkResult,
  type ContactFilters,
  type ContactList,
} from "../../api/contacts";
import { ProgressBar } from "../../components/ProgressBar";
import { errorMessage } from "../../forms/errors";
import { useJobProgress } from "../../lib/useJobProgress";
import { knownZones } from "../../lib/zones";

const DONE: Record<BulkAction, string> = {
  tag: "Tagged",
  untag: "Untagged",
  add_to_list: "Added to the list",
  remove_from_list: "Removed from the list",
  set_timezone: "Time zone set",
  unsubscribe: "Unsubscribed",
  delete: "Deleted",
};

export function bulkMessage(result: BulkResult): string {
  const n = result.affected;
  return `${DONE[result.action]}: ${n} contact${n === 1 ? "" : "s"} affected.`;
}

const WORKING: Record<BulkAction, string> = {
  tag: "Tagging",
  untag: "Untagging",
  add_to_list: "Adding to the list",
  remove_from_list: "Removing from the list",
  set_timezone: "Setting the time zone",
  unsubscribe: "Unsubscribing",
  delete: "Deleting",
};

/** A bulk action running as a job: a progress bar fed by `bulk:progress` and polling. */
function BulkJobProgress({
  started,
  onDone,
  onError,
}: {
  started: BulkJob;
  onDone(job: BulkJob): void;
  onError(message: string): void;
}) {
  const { job, pollError } = useJobProgress({
    id: started.id,
    fetchJob: getBulkJob,
    event: "bulk:progress",
    fromEvent: (payload, id) => (payload.id === id ? { error: null, ...payload } : null),
    progress: (j) => j.done,
    onDone: (finished) =>
      finished.status === "failed"
        ? onError(finished.error ?? "The bulk action failed.")
        : onDone(finished),
  });
  const current = job ?? started;
  return (
    <section className="bulk-bar__job" aria-label="Bulk action progress">
      <p role="status">
        {`${WORKING[current.action]}: ${current.done} of ${current.total} contacts…`}
      </p>
      <ProgressBar
        label="Bulk action progress"
        done={current.done}
        total={current.total}
        unit="contacts"
        complete={current.status === "completed"}
      />
      {pollError ? (
        <p className="field__error" role="alert">
          {`Lost track of the progress: ${pollError}. Retrying…`}
        </p>
      ) : null}
    </section>
  );
}

interface BulkBarProps {
  selectedIds: string[];
  filters: ContactFilters;
  lists: ContactList[];
  onDone(result: BulkResult): void;
  onError(message: string): void;
}

export function BulkBar({ selectedIds, filters, lists, onDone, onError }: BulkBarProps) {
  const tagId = useId();
  const listId = useId();
  const zoneId = useId();
  const zonesId = useId();
  const [allMatching, setAllMatching] = useState(false);
  const [tagMode, setTagMode] = useState<"tag" | "untag" | null>(null);
  const [tag, setTag] = useState("");
  const [list, setList] = useState("");
  const [zoneMode, setZoneMode] = useState(false);
  const [zone, setZone] = useState("");
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [pending, setPending] = useState(false);
  const [localError, setLocalError] = useState<string | null>(null);
  const [running, setRunning] = useState<BulkJob | null>(null);

  async function run(action: BulkAction, extra: Partial<BulkRequest> = {}) {
    setPending(true);
    setLocalError(null);
    const body: BulkRequest = allMatching
      ? { action, filter: bulkFilter(filters), ...extra }
      : { action, ids: selectedIds, ...extra };
    try {
      const outcome = await bulkContacts(body);
      setTagMode(null);
      setTag("");
      setZoneMode(false);
      setZone("");
      setConfirmDelete(false);
      if (isBulkJob(outcome)) {
        // Too many contacts for one request: it runs in the background; keep the bar busy.
        setRunning(outcome);
        return;
      }
      setPending(false);
      onDone(outcome);
    } catch (error) {
      setPending(false);
      onError(errorMessage(error));
    }
  }

  function jobFinished(job: BulkJob) {
    setRunning(null);
    setPending(false);
    onDone({ action: job.action, affected: job.affected });
  }

  function jobFailed(message: string) {
    setRunning(null);
    setPending(false);
    onError(message);
  }

  function applyTag() {
    const value = tag.trim();
    if (!value || !tagMode) {
      setLocalError("Enter a tag.");
      return;
    }
    void run(tagMode, { tag: value });
  }

  /** An empty zone clears it: the reader then gets campaigns at the campaign's own time. */
  function applyZone() {
    void run("set_timezone", { timezone: zone.trim() });
  }

  function withList(action: "add_to_list" | "remove_from_list") {
    if (!list) {
      setLocalError("Choose a list.");
      return;
    }
    void run(action, { list_id: list });
  }

  const scope = allMatching
    ? "All contacts matching the filters"
    : `${selectedIds.length} selected`;

  return (
    <div role="toolbar" aria-label="Bulk actions" className="bulk-bar">
      <span className="bulk-bar__scope" aria-live="polite">
        {scope}
      </span>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={allMatching}
          onChange={(event) => setAllMatching(event.target.checked)}
        />
        Apply to all matching
      </label>
      <button
        type="button"
        className="button button--small button--secondary"
        aria-pressed={tagMode === "tag"}
        disabled={pending}
        onClick={() => setTagMode(tagMode === "tag" ? null : "tag")}
      >
        Tag…
      </button>
      <button
        type="button"
        className="button button--small button--secondary"
        aria-pressed={tagMode === "untag"}
        disabled={pending}
        onClick={() => setTagMode(tagMode === "untag" ? null : "untag")}
      >
        Untag…
      </button>
      {tagMode ? (
        <span className="bulk-bar__inline">
          <label htmlFor={tagId}>{tagMode === "tag" ? "Tag to add" : "Tag to remove"}</label>
          <input
            id={tagId}
            type="text"
            autoComplete="off"
            value={tag}
            autoFocus
            onChange={(event) => {
              setTag(event.target.value);
              setLocalError(null);
            }}
            onKeyDown={(event) => {
              if (event.key === "Enter") {
                event.preventDefault();
                applyTag();
              }
            }}
          />
          <button
            type="button"
            className="button button--small button--primary"
            disabled={pending}
            onClick={applyTag}
          >
            Apply
          </button>
        </span>
      ) : null}
      <button
        type="button"
        className="button button--small button--secondary"
        aria-pressed={zoneMode}
        disabled={pending}
        onClick={() => setZoneMode(!zoneMode)}
      >
        Time zone…
      </button>
      {zoneMode ? (
        <span className="bulk-bar__inline">
          <label htmlFor={zoneId}>Time zone to set</label>
          <input
            id={zoneId}
            type="text"
            list={zonesId}
            autoComplete="off"
            spellCheck={false}
            maxLength={64}
            placeholder="Empty clears it"
            value={zone}
            autoFocus
            onChange={(event) => {
              setZone(event.target.value);
              setLocalError(null);
            }}
            onKeyDown={(event) => {
              if (event.key === "Enter") {
                event.preventDefault();
                applyZone();
              }
            }}
          />
          <datalist id={zonesId}>
            {knownZones().map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
          <button
            type="button"
            className="button button--small button--primary"
            disabled={pending}
            onClick={applyZone}
          >
            {zone.trim() ? "Set" : "Clear"}
          </button>
        </span>
      ) : null}
      <span className="bulk-bar__inline">
        <label htmlFor={listId}>Bulk list</label>
        <select id={listId} value={list} onChange={(event) => setList(event.target.value)}>
          <option value="">Choose a list</option>
          {lists.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button button--small button--secondary"
          disabled={pending}
          onClick={() => withList("add_to_list")}
        >
          Add to list
        </button>
        <button
          type="button"
          className="button button--small button--secondary"
          disabled={pending}
          onClick={() => withList("remove_from_list")}
        >
          Remove from list
        </button>
      </span>
      <button
        type="button"
        className="button button--small button--secondary"
        disabled={pending}
        onClick={() => void run("unsubscribe")}
      >
        Unsubscribe
      </button>
      {confirmDelete ? (
        <span className="confirm">
          <span className="confirm__text">
            {allMatching ? "Delete every matching contact?" : `Delete ${selectedIds.length} contacts?`}
          </span>
          <button
            type="button"
            className="button button--small button--danger"
            disabled={pending}
            onClick={() => void run("delete")}
          >
            Confirm delete
          </button>
          <button
            type="button"
            className="button button--small button--link"
            disabled={pending}
            onClick={() => setConfirmDelete(false)}
          >
            Cancel
          </button>
        </span>
      ) : (
        <button
          type="button"
          className="button button--small button--danger"
          disabled={pending}
          onClick={() => setConfirmDelete(true)}
        >
          Delete
        </button>
      )}
      {localError ? (
        <p className="field__error" role="alert">
          {localError}
        </p>
      ) : null}
      {running ? (
        <BulkJobProgress started={running} onDone={jobFinished} onError={jobFailed} />
      ) : null}
    </div>
  );
}
