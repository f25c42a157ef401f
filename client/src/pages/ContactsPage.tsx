import { useCallback, useEffect, useId, useRef, useState, type MouseEvent } from "react";
import { useSearchParams } from "react-router";
import {
  CONTACT_STATUSES,
  NO_ZONE,
  deleteContact,
  exportUrl,
  fullName,
  listContacts,
  listLists,
  type Contact,
  type ContactFilters,
  type ContactList,
  type ContactStatus,
} from "../api/contacts";
import { Page } from "../components/Page";
import { TableHead } from "../components/TableHead";
import { errorMessage } from "../forms/errors";
import { FormAlert, FormNotice } from "../forms/Form";
import { SEARCH_DELAY_MS, useDebounced } from "../lib/useDebounced";
import { useLoad } from "../lib/useLoad";
import { knownZones } from "../lib/zones";
import { AddContactDialog, type AddMode } from "./contacts/AddContactDialog";
import { BulkBar, bulkMessage } from "./contacts/BulkBar";
import { ContactDrawer } from "./contacts/ContactDrawer";
import { ListsPanel } from "./contacts/ListsPanel";
import { StatusBadge, statusLabel } from "./contacts/StatusBadge";

const PAGE_SIZE = 50;
const COLUMNS = ["Email", "Name", "Status", "Tags", "Lists"];

interface Results {
  status: "loading" | "ready" | "error";
  items: Contact[];
  nextCursor: string | null;
  error: unknown;
  loadingMore: boolean;
  moreError: unknown;
}

const INITIAL: Results = {
  status: "loading",
  items: [],
  nextCursor: null,
  error: null,
  loadingMore: false,
  moreError: null,
};

function ContactRow({
  contact,
  listNames,
  selected,
  onSelect,
  onOpen,
  onEdit,
  onRemoved,
  onError,
}: {
  contact: Contact;
  listNames: Map<string, string>;
  selected: boolean;
  onSelect(selected: boolean): void;
  onOpen(): void;
  onEdit(): void;
  onRemoved(): void;
  onError(message: string): void;
}) {
  const [confirming, setConfirming] = useState(false);
  const [removing, setRemoving] = useState(false);
  const emailId = `contact-${contact.id}-email`;
  const name = fullName(contact);
  const lists = contact.list_ids
    .map((id) => listNames.get(id))
    .filter((n): n is string => n !== undefined);

  async function remove() {
    setRemoving(true);
    try {
      await deleteContact(contact.id);
      onRemoved();
    } catch (error) {
      onError(errorMessage(error));
      setRemoving(false);
      setConfirming(false);
    }
  }

  function handleRowClick(event: MouseEvent<HTMLTableRowElement>) {
    // Buttons and their confirm step act on their own.
    if ((event.target as HTMLElement).closest("button, a, input, label")) return;
    onOpen();
  }

  return (
    <tr className="contacts__row" role="row" onClick={handleRowClick}>
      <td role="cell" className="table__select">
        <input
          type="checkbox"
          aria-label={`Select ${contact.email}`}
          checked={selected}
          onChange={(event) => onSelect(event.target.checked)}
        />
      </td>
      <td role="cell" className="table__title">
        <button
          type="button"
          id={emailId}
          className="button button--link contacts__email"
          onClick={onOpen}
        >
          {contact.email}
        </button>
      </td>
      <td role="cell" data-label="Name">
        {name || <span className="muted">—</span>}
      </td>
      <td role="cell" data-label="Status">
        <StatusBadge status={contact.status} />
      </td>
      <td role="cell" data-label="Tags">
        {contact.tags.length > 0 ? (
          <ul className="chips">
            {contact.tags.map((tag) => (
              <li key={tag} className="chip">
                {tag}
              </li>
            ))}
          </ul>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td role="cell" data-label="Lists">
        {lists.length > 0 ? lists.join(", ") : <span className="muted">—</span>}
      </td>
      <td role="cell" className="table__actions">
        {confirming ? (
          <span className="confirm">
            <span className="confirm__text">Remove this contact?</span>
            <button
              type="button"
              className="button button--small button--danger"
              aria-describedby={emailId}
              onClick={() => void remove()}
              disabled={removing}
            >
              {removing ? "Removing…" : "Confirm remove"}
            </button>
            <button
              type="button"
              className="button button--small button--link"
              onClick={() => setConfirming(false)}
              disabled={removing}
            >
              Cancel
            </button>
          </span>
        ) : (
          <span className="contacts__actions">
            <button
              type="button"
              className="button button--small button--secondary"
              aria-describedby={emailId}
              onClick={onEdit}
            >
              Edit
            </button>
            <button
              type="button"
              className="button button--small button--secondary"
              aria-describedby={emailId}
              onClick={() => setConfirming(true)}
            >
              Remove
            </button>
          </span>
        )}
      </td>
    </tr>
  );
}

export default function ContactsPage() {
  const searchId = useId();
  const listFilterId = useId();
  const statusFilterId = useId();
  const tagFilterId = useId();
  const zoneFilterId = useId();

  const [searchParams, setSearchParams] = useSearchParams();
  // `/contacts?q=ada` opens with that search; the address follows the search box.
  const [query, setQuery] = useState(() => searchParams.get("q") ?? "");
  const [tagInput, setTagInput] = useState("");
  const [listId, setListId] = useState("");
  const [status, setStatus] = useState<ContactStatus | "">("");
  const [zone, setZone] = useState("");
  const [version, setVersion] = useState(0);
  const q = useDebounced(query, SEARCH_DELAY_MS);
  const tag = useDebounced(tagInput, SEARCH_DELAY_MS);

  useEffect(() => {
    const wanted = q.trim();
    if ((searchParams.get("q") ?? "") === wanted) return;
    const next = new URLSearchParams(searchParams);
    if (wanted) next.set("q", wanted);
    else next.delete("q");
    setSearchParams(next, { replace: true });
  }, [q, searchParams, setSearchParams]);

  const [results, setResults] = useState<Results>(INITIAL);
  const [adding, setAdding] = useState<AddMode | null>(null);
  const [open, setOpen] = useState<{ id: string; editing: boolean } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [rowError, setRowError] = useState<string | null>(null);
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const selectAllRef = useRef<HTMLInputElement>(null);

  const lists = useLoad(listLists);
  const listNames = new Map((lists.data ?? []).map((l) => [l.id, l.name]));

  // The filters of the search on screen, and a token that "Load more" checks before appending.
  const current = useRef<{ filters: ContactFilters; token: number }>({ filters: {}, token: 0 });

  useEffect(() => {
    const filters: ContactFilters = {
      q,
      list_id: listId,
      tag,
      status,
      timezone: zone,
      limit: PAGE_SIZE,
    };
    const token = current.current.token + 1;
    current.current = { filters, token };
    const controller = new AbortController();
    setSelected(new Set());
    setResults((previous) => ({ ...previous, status: "loading", error: null, moreError: null }));
    listContacts(filters, controller.signal).then(
      (page) => {
        if (controller.signal.aborted) return;
        setResults({ ...INITIAL, status: "ready", items: page.items, nextCursor: page.next_cursor });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setResults((previous) => ({ ...previous, status: "error", error }));
      },
    );
    return () => controller.abort();
  }, [q, listId, tag, status, zone, version]);

  const loadMore = useCallback(() => {
    const { filters, token } = current.current;
    const cursor = results.nextCursor;
    if (!cursor || results.loadingMore) return;
    setResults((previous) => ({ ...previous, loadingMore: true, moreError: null }));
    listContacts({ ...filters, cursor }).then(
      (page) => {
        if (current.current.token !== token) return;
        setResults((previous) => {
          const seen = new Set(previous.items.map((c) => c.id));
          return {
            ...previous,
            items: [...previous.items, ...page.items.filter((c) => !seen.has(c.id))],
            nextCursor: page.next_cursor,
            loadingMore: false,
          };
        });
      },
      (error: unknown) => {
        if (current.current.token !== token) return;
        setResults((previous) => ({ ...previous, loadingMore: false, moreError: error }));
      },
    );
  }, [results.nextCursor, results.loadingMore]);

  const openContact = open ? results.items.find((c) => c.id === open.id) : undefined;
  const filtered = Boolean(q.trim() || tag.trim() || listId || status || zone);
  const firstLoad = results.status === "loading" && results.items.length === 0;

  function replaceContact(contact: Contact) {
    setResults((previous) => ({
      ...previous,
      items: previous.items.map((c) => (c.id === contact.id ? contact : c)),
    }));
    lists.reload();
  }

  const pageIds = results.items.map((c) => c.id);
  const selectedOnPage = pageIds.filter((id) => selected.has(id));
  const allSelected = pageIds.length > 0 && selectedOnPage.length === pageIds.length;
  useEffect(() => {
    if (selectAllRef.current) {
      selectAllRef.current.indeterminate = selectedOnPage.length > 0 && !allSelected;
    }
  });

  function select(id: string, on: boolean) {
    setSelected((previous) => {
      const next = new Set(previous);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  function clearFilters() {
    setQuery("");
    setTagInput("");
    setListId("");
    setStatus("");
  }

  return (
    <Page title="Contacts" className="page--contacts">
      <div className="contacts__toolbar">
        <p className="page__intro">Your subscribers, their lists and tags.</p>
        <span className="contacts__toolbar-actions">
          <a
            className="button button--secondary"
            href={exportUrl({ q, list_id: listId, tag, status, timezone: zone })}
            download
          >
            Export CSV
          </a>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => setAdding("import")}
          >
            Import CSV
          </button>
          <button
            type="button"
            className="button button--primary"
            onClick={() => setAdding("manual")}
          >
            Add contact
          </button>
        </span>
      </div>

      <div className="contacts">
        <div className="contacts__main panel">
          <div role="search" className="contacts__filters" aria-label="Find contacts">
            <div className="field contacts__search">
              <label htmlFor={searchId}>Search contacts</label>
              <input
                id={searchId}
                type="search"
                autoComplete="off"
                placeholder="Email or name"
                value={query}
                onChange={(event) => setQuery(event.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor={listFilterId}>List</label>
              <select
                id={listFilterId}
                value={listId}
                onChange={(event) => setListId(event.target.value)}
              >
                <option value="">All lists</option>
                {(lists.data ?? []).map((list) => (
                  <option key={list.id} value={list.id}>
                    {list.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={statusFilterId}>Status</label>
              <select
                id={statusFilterId}
                value={status}
                onChange={(event) => setStatus(event.target.value as ContactStatus | "")}
              >
                <option value="">Any status</option>
                {CONTACT_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {statusLabel(s)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={zoneFilterId}>Time zone</label>
              <select
                id={zoneFilterId}
                value={zone}
                onChange={(event) => setZone(event.target.value)}
              >
                <option value="">Any time zone</option>
                <option value={NO_ZONE}>Without one</option>
                {knownZones().map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={tagFilterId}>Tag</label>
              <input
                id={tagFilterId}
                type="text"
                autoComplete="off"
                value={tagInput}
                onChange={(event) => setTagInput(event.target.value)}
              />
            </div>
          </div>

          <FormNotice message={notice} />
          <FormAlert message={rowError} />

          {selectedOnPage.length > 0 ? (
            <BulkBar
              selectedIds={selectedOnPage}
              filters={{ q, list_id: listId, tag, status, timezone: zone }}
              lists={lists.data ?? []}
              onError={(message) => {
                setNotice(null);
                setRowError(message);
              }}
              onDone={(result) => {
                setRowError(null);
                setNotice(bulkMessage(result));
                setSelected(new Set());
                setVersion((v) => v + 1);
                lists.reload();
              }}
            />
          ) : null}

          {results.status === "error" ? (
            <div className="notice notice--error" role="alert">
              <p>Could not load contacts. {errorMessage(results.error)}</p>
              <p>
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => setVersion((v) => v + 1)}
                >
                  Try again
                </button>
              </p>
            </div>
          ) : null}

          {firstLoad ? (
            <p className="muted" aria-busy="true">
              Loading contacts…
            </p>
          ) : null}

          {results.status === "ready" && results.items.length === 0 ? (
            filtered ? (
              <div className="empty-state">
                <p>No contacts match these filters.</p>
                <p>
                  <button type="button" className="button button--secondary" onClick={clearFilters}>
                    Clear filters
                  </button>
                </p>
              </div>
            ) : (
              <div className="empty-state">
                <p>No contacts yet.</p>
                <p>
                  Add your first contact, or import a CSV file from your spreadsheet or your old
                  mailing tool.
                </p>
              </div>
            )
          ) : null}

          {results.items.length > 0 ? (
            <div className="table-wrap" aria-busy={results.status === "loading"}>
              <table className="table table--stack contacts__table" role="table">
                <caption className="visually-hidden">Contacts</caption>
                <TableHead
                  columns={COLUMNS}
                  actions
                  before={
                    <th scope="col" role="columnheader" className="table__select">
                      <input
                        ref={selectAllRef}
                        type="checkbox"
                        aria-label="Select all on this page"
                        checked={allSelected}
                        onChange={(event) =>
                          setSelected(event.target.checked ? new Set(pageIds) : new Set())
                        }
                      />
                    </th>
                  }
                />
                <tbody>
                  {results.items.map((contact) => (
                    <ContactRow
                      key={contact.id}
                      contact={contact}
                      listNames={listNames}
                      selected={selected.has(contact.id)}
                      onSelect={(on) => select(contact.id, on)}
                      onOpen={() => setOpen({ id: contact.id, editing: false })}
                      onEdit={() => setOpen({ id: contact.id, editing: true })}
                      onError={(message) => {
                        setNotice(null);
                        setRowError(message);
                      }}
                      onRemoved={() => {
                        setRowError(null);
                        setNotice(`Removed ${contact.email}.`);
                        setResults((previous) => ({
                          ...previous,
                          items: previous.items.filter((c) => c.id !== contact.id),
                        }));
                        lists.reload();
                      }}
                    />
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}

          {results.moreError ? (
            <p className="field__error" role="alert">
              Could not load more contacts. {errorMessage(results.moreError)}
            </p>
          ) : null}
          {results.status === "ready" && results.nextCursor ? (
            <p>
              <button
                type="button"
                className="button button--secondary"
                onClick={loadMore}
                disabled={results.loadingMore}
              >
                {results.loadingMore ? "Loading…" : "Load more"}
              </button>
            </p>
          ) : null}
        </div>

        <ListsPanel
          lists={lists.data}
          status={lists.status}
          error={lists.error}
          reload={lists.reload}
          onCreated={(list: ContactList) => lists.set((items) => [...items, list])}
          onRenamed={(list: ContactList) =>
            lists.set((items) => items.map((l) => (l.id === list.id ? list : l)))
          }
          onDeleted={(id: string) => {
            lists.set((items) => items.filter((l) => l.id !== id));
            if (listId === id) setListId("");
          }}
          onShow={(id: string) => setListId(id)}
        />
      </div>

      {adding !== null ? (
        <AddContactDialog
          lists={lists.data ?? []}
          initialMode={adding}
          onClose={() => setAdding(null)}
          onCreated={(contact) => {
            setAdding(null);
            setRowError(null);
            setNotice(`Added ${contact.email}.`);
            setVersion((v) => v + 1);
            lists.reload();
          }}
          onImported={(job) => {
            setRowError(null);
            setNotice(
              job.status === "completed"
                ? `Import finished: ${job.imported} imported, ${job.updated} updated.`
                : null,
            );
            setVersion((v) => v + 1);
            lists.reload();
          }}
        />
      ) : null}

      {open && openContact ? (
        <ContactDrawer
          key={openContact.id}
          contact={openContact}
          lists={lists.data ?? []}
          editing={open.editing}
          onClose={() => setOpen(null)}
          onChanged={replaceContact}
        />
      ) : null}
    </Page>
  );
}
