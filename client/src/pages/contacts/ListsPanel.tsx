import { useState } from "react";
import { createList, deleteList, renameList, type ContactList } from "../../api/contacts";
import { errorMessage } from "../../forms/errors";
import { Field, Form, FormAlert, SubmitButton } from "../../forms/Form";
import { useSubmit } from "../../forms/useSubmit";

const FIELDS = ["name"] as const;
const CODE_FIELDS = { list_exists: "name" };

function countText(count: number): string {
  return count === 1 ? "1 contact" : `${count} contacts`;
}

function ListRow({
  list,
  onRenamed,
  onDeleted,
  onShow,
}: {
  list: ContactList;
  onRenamed(list: ContactList): void;
  onDeleted(id: string): void;
  onShow(id: string): void;
}) {
  const [mode, setMode] = useState<"view" | "rename" | "confirm">("view");
  const [name, setName] = useState(list.name);
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const form = useSubmit({ fields: FIELDS, codeFields: CODE_FIELDS });

  function rename() {
    if (!name.trim()) {
      form.reject({ name: "Enter a name for the list." });
      return;
    }
    void form.run(async () => {
      const renamed = await renameList(list.id, name.trim());
      onRenamed({ ...list, ...renamed });
      setMode("view");
    });
  }

  async function remove() {
    setDeleting(true);
    setError(null);
    try {
      await deleteList(list.id);
      onDeleted(list.id);
    } catch (cause) {
      setError(errorMessage(cause));
      setDeleting(false);
      setMode("view");
    }
  }

  if (mode === "rename") {
    return (
      <li className="lists__item">
        <Form
          onSubmit={rename}
          failures={form.failures}
          pending={form.pending}
          label={`Rename ${list.name}`}
        >
          <FormAlert message={form.errors.general} />
          <Field
            label={`New name for ${list.name}`}
            name="name"
            autoComplete="off"
            maxLength={200}
            autoFocus
            {...form.bind("name", name, setName)}
          />
          <div className="form__actions">
            <SubmitButton pending={form.pending} pendingText="Saving…">
              Save
            </SubmitButton>
            <button
              type="button"
              className="button button--small button--link"
              onClick={() => {
                setName(list.name);
                setMode("view");
              }}
            >
              Cancel
            </button>
          </div>
        </Form>
      </li>
    );
  }

  return (
    <li className="lists__item">
      <div className="lists__main">
        <button
          type="button"
          className="button button--link lists__name"
          onClick={() => onShow(list.id)}
          aria-label={`Show contacts in ${list.name}`}
        >
          {list.name}
        </button>
        <span className="table__sub">{countText(list.contact_count)}</span>
      </div>
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
      {mode === "confirm" ? (
        <span className="confirm">
          <span className="confirm__text">Delete “{list.name}”? Contacts stay.</span>
          <button
            type="button"
            className="button button--small button--danger"
            onClick={() => void remove()}
            disabled={deleting}
          >
            {deleting ? "Deleting…" : "Delete list"}
          </button>
          <button
            type="button"
            className="button button--small button--link"
            onClick={() => setMode("view")}
            disabled={deleting}
          >
            Cancel
          </button>
        </span>
      ) : (
        <span className="lists__actions">
          <button
            type="button"
            className="button button--small button--secondary"
            aria-label={`Rename ${list.name}`}
            onClick={() => setMode("rename")}
          >
            Rename
          </button>
          <button
            type="button"
            className="button button--small button--secondary"
            aria-label={`Delete ${list.name}`}
            onClick={() => setMode("confirm")}
          >
            Delete
          </button>
        </span>
      )}
    </li>
  );
}

interface ListsPanelProps {
  lists: ContactList[] | undefined;
  status: "loading" | "ready" | "error";
  error: unknown;
  reload(): void;
  onCreated(list: ContactList): void;
  onRenamed(list: ContactList): void;
  onDeleted(id: string): void;
  onShow(id: string): void;
}

export function ListsPanel({
  lists,
  status,
  error,
  reload,
  onCreated,
  onRenamed,
  onDeleted,
  onShow,
}: ListsPanelProps) {
  const [name, setName] = useState("");
  const form = useSubmit({ fields: FIELDS, codeFields: CODE_FIELDS });

  function create() {
    if (!name.trim()) {
      form.reject({ name: "Enter a name for the list." });
      return;
    }
    void form.run(async () => {
      const list = await createList(name.trim());
      onCreated(list);
      setName("");
    });
  }

  return (
    <aside className="panel lists" aria-labelledby="lists-title">
      <h2 id="lists-title">Lists</h2>
      {status === "error" ? (
        <div className="notice notice--error" role="alert">
          <p>Could not load the lists. {errorMessage(error)}</p>
          <p>
            <button type="button" className="button button--secondary" onClick={reload}>
              Try again
            </button>
          </p>
        </div>
      ) : null}
      {lists === undefined && status === "loading" ? (
        <p className="muted" aria-busy="true">
          Loading lists…
        </p>
      ) : null}
      {lists !== undefined && lists.length === 0 ? <p className="muted">No lists yet.</p> : null}
      {lists && lists.length > 0 ? (
        <ul className="lists__items">
          {lists.map((list) => (
            <ListRow
              key={list.id}
              list={list}
              onRenamed={onRenamed}
              onDeleted={onDeleted}
              onShow={onShow}
            />
          ))}
        </ul>
      ) : null}
      <Form onSubmit={create} failures={form.failures} pending={form.pending} label="Create list">
        <FormAlert message={form.errors.general} />
        <Field
          label="List name"
          name="name"
          autoComplete="off"
          maxLength={200}
          {...form.bind("name", name, setName)}
        />
        <SubmitButton pending={form.pending} pendingText="Creating…" variant="secondary">
          Create list
        </SubmitButton>
      </Form>
    </aside>
  );
}
