import { useId, useState } from "react";
import {
  bulkContacts,
  bulkFilter,
  type BulkAction,
  type BulkRequest,
  type BulkResult,
  type ContactFilters,
  type ContactList,
} from "../../api/contacts";
import { errorMessage } from "../../forms/errors";

const DONE: Record<BulkAction, string> = {
  tag: "Tagged",
  untag: "Untagged",
  add_to_list: "Added to the list",
  remove_from_list: "Removed from the list",
  unsubscribe: "Unsubscribed",
  delete: "Deleted",
};

export function bulkMessage(result: BulkResult): string {
  const n = result.affected;
  return `${DONE[result.action]}: ${n} contact${n === 1 ? "" : "s"} affected.`;
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
  const [allMatching, setAllMatching] = useState(false);
  const [tagMode, setTagMode] = useState<"tag" | "untag" | null>(null);
  const [tag, setTag] = useState("");
  const [list, setList] = useState("");
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [pending, setPending] = useState(false);
  const [localError, setLocalError] = useState<string | null>(null);

  async function run(action: BulkAction, extra: Partial<BulkRequest> = {}) {
    setPending(true);
    setLocalError(null);
    const body: BulkRequest = allMatching
      ? { action, filter: bulkFilter(filters), ...extra }
      : { action, ids: selectedIds, ...extra };
    try {
      const result = await bulkContacts(body);
      setTagMode(null);
      setTag("");
      setConfirmDelete(false);
      onDone(result);
    } catch (error) {
      onError(errorMessage(error));
    } finally {
      setPending(false);
    }
  }

  function applyTag() {
    const value = tag.trim();
    if (!value || !tagMode) {
      setLocalError("Enter a tag.");
      return;
    }
    void run(tagMode, { tag: value });
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
    </div>
  );
}
