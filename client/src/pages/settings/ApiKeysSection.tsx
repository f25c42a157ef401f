import { useId, useRef, useState } from "react";
import {
  createApiKey,
  listApiKeys,
  listCapabilities,
  revokeApiKey,
  type ApiKeyInfo,
  type CreatedApiKey,
} from "../../api/auth";
import { TableHead } from "../../components/TableHead";
import { errorMessage } from "../../forms/errors";
import { Field, Form, FormAlert, FormNotice, SubmitButton } from "../../forms/Form";
import { useSubmit } from "../../forms/useSubmit";
import { formatDate, formatDateTime, relativeTime } from "../../lib/format";
import { useLoad } from "../../lib/useLoad";

const FIELDS = ["name", "scopes"] as const;
const KEY_COLUMNS = ["Name", "Key", "Scopes", "Last used"];

/** Active keys first (newest first), revoked ones after. */
function sortKeys(keys: ApiKeyInfo[]): ApiKeyInfo[] {
  return [...keys].sort((a, b) => {
    if (!a.revoked_at !== !b.revoked_at) return a.revoked_at ? 1 : -1;
    return Date.parse(b.created_at) - Date.parse(a.created_at);
  });
}

async function copyText(text: string, fallback: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Clipboard API refused (permissions, http): select the text so Ctrl+C works.
    fallback?.focus();
    fallback?.select();
    return false;
  }
}

function NewKey({ created, onDone }: { created: CreatedApiKey; onDone(): void }) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<"idle" | "copied" | "manual">("idle");
  const id = useId();
  return (
    <div className="new-key" role="region" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Your new key “{created.name}”</h3>
      <p className="new-key__warning">
        <strong>Copy it now.</strong> This is the only time the full key is shown; we only keep a
        fingerprint of it. If you lose it, revoke it and create another.
      </p>
      <div className="new-key__row">
        <label className="visually-hidden" htmlFor={`${id}-key`}>
          New API key
        </label>
        <input
          ref={inputRef}
          id={`${id}-key`}
          className="new-key__value"
          readOnly
          value={created.key}
          onFocus={(event) => event.currentTarget.select()}
          spellCheck={false}
        />
        <button
          type="button"
          className="button button--primary"
          onClick={() =>
            void copyText(created.key, inputRef.current).then((ok) =>
              setCopied(ok ? "copied" : "manual"),
            )
          }
        >
          {copied === "copied" ? "Copied" : "Copy key"}
        </button>
        <button type="button" className="button button--secondary" onClick={onDone}>
          Done
        </button>
      </div>
      <p className="muted" role="status">
        {copied === "copied"
          ? "Copied to the clipboard."
          : copied === "manual"
            ? "Copying is blocked here: the key is selected, press Ctrl+C (⌘C) to copy it."
            : ""}
      </p>
    </div>
  );
}

function KeyRow({
  apiKey,
  onRevoked,
  onError,
}: {
  apiKey: ApiKeyInfo;
  onRevoked(id: string): void;
  onError(message: string): void;
}) {
  const [confirming, setConfirming] = useState(false);
  const [revoking, setRevoking] = useState(false);
  const nameId = `api-key-${apiKey.id}-name`;

  async function revoke() {
    setRevoking(true);
    try {
      await revokeApiKey(apiKey.id);
      onRevoked(apiKey.id);
    } catch (error) {
      onError(errorMessage(error));
      setRevoking(false);
      setConfirming(false);
    }
  }

  return (
    <tr role="row" data-revoked={apiKey.revoked_at ? true : undefined}>
      <td role="cell" className="table__title">
        <span id={nameId}>{apiKey.name}</span>
        <span className="table__sub">Created {formatDate(apiKey.created_at)}</span>
      </td>
      <td role="cell" data-label="Key">
        <code>{apiKey.prefix}…</code>
      </td>
      <td role="cell" data-label="Scopes">
        {apiKey.scopes.length > 0 ? (
          <ul className="chips">
            {apiKey.scopes.map((scope) => (
              <li key={scope} className="chip">
                {scope}
              </li>
            ))}
          </ul>
        ) : (
          <span className="muted">None</span>
        )}
      </td>
      <td role="cell" data-label="Last used">
        {apiKey.last_used_at ? (
          <time dateTime={apiKey.last_used_at} title={formatDateTime(apiKey.last_used_at)}>
            {relativeTime(apiKey.last_used_at)}
          </time>
        ) : (
          <span className="muted">Never</span>
        )}
      </td>
      <td role="cell" className="table__actions">
        {apiKey.revoked_at ? (
          <span className="badge">Revoked {formatDate(apiKey.revoked_at)}</span>
        ) : confirming ? (
          <span className="confirm">
            <span className="confirm__text">Revoke this key? Apps using it stop working.</span>
            <button
              type="button"
              className="button button--small button--danger"
              aria-describedby={nameId}
              onClick={() => void revoke()}
              disabled={revoking}
            >
              {revoking ? "Revoking…" : "Revoke key"}
            </button>
            <button
              type="button"
              className="button button--small button--link"
              onClick={() => setConfirming(false)}
              disabled={revoking}
            >
              Cancel
            </button>
          </span>
        ) : (
          <button
            type="button"
            className="button button--small button--secondary"
            aria-describedby={nameId}
            onClick={() => setConfirming(true)}
          >
            Revoke
          </button>
        )}
      </td>
    </tr>
  );
}

export function ApiKeysSection() {
  const keys = useLoad(listApiKeys);
  const capabilities = useLoad(listCapabilities);
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<string[]>([]);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const form = useSubmit({ fields: FIELDS });
  const scopesHintId = useId();
  const scopesErrorId = useId();

  const available = capabilities.data ?? [];

  function toggleScope(scope: string, on: boolean) {
    form.clearField("scopes");
    setScopes((current) =>
      on ? [...new Set([...current, scope])] : current.filter((s) => s !== scope),
    );
  }

  function submit() {
    setNotice(null);
    const problems: Record<string, string> = {};
    if (!name.trim()) problems.name = "Give the key a name, such as the app that will use it.";
    if (scopes.length === 0) problems.scopes = "Choose at least one scope.";
    if (Object.keys(problems).length > 0) {
      form.reject(problems);
      return;
    }
    void form.run(async () => {
      const key = await createApiKey(name.trim(), scopes);
      setCreated(key);
      setName("");
      setScopes([]);
      // The list never holds the secret itself.
      const info: ApiKeyInfo = {
        id: key.id,
        name: key.name,
        prefix: key.prefix,
        scopes: key.scopes,
        created_at: key.created_at,
        last_used_at: null,
        revoked_at: null,
      };
      keys.set((items) => [info, ...items]);
    });
  }

  const list = sortKeys(keys.data ?? []);

  return (
    <section className="panel">
      <h2>API keys</h2>
      <p className="panel__intro">
        Keys let scripts and integrations use the Inkwell API as this workspace. Send one as{" "}
        <code>Authorization: Bearer &lt;key&gt;</code>.
      </p>

      {created ? <NewKey created={created} onDone={() => setCreated(null)} /> : null}
      <FormAlert message={listError} />
      <FormNotice message={notice} />

      {keys.status === "error" ? (
        <div className="notice notice--error" role="alert">
          <p>Could not load your API keys. {errorMessage(keys.error)}</p>
          <p>
            <button type="button" className="button button--secondary" onClick={keys.reload}>
              Try again
            </button>
          </p>
        </div>
      ) : null}
      {keys.status === "loading" && keys.data === undefined ? (
        <p className="muted" aria-busy="true">
          Loading API keys…
        </p>
      ) : null}
      {keys.data !== undefined && list.length === 0 ? (
        <p className="muted">No API keys yet.</p>
      ) : null}
      {list.length > 0 ? (
        <div className="table-wrap">
          <table className="table table--stack" role="table">
            <caption className="visually-hidden">API keys</caption>
            <TableHead columns={KEY_COLUMNS} actions />
            <tbody>
              {list.map((apiKey) => (
                <KeyRow
                  key={apiKey.id}
                  apiKey={apiKey}
                  onError={(message) => {
                    setNotice(null);
                    setListError(message);
                  }}
                  onRevoked={(id) => {
                    setListError(null);
                    setNotice(`Revoked “${apiKey.name}”.`);
                    keys.set((items) =>
                      items.map((k) =>
                        k.id === id ? { ...k, revoked_at: new Date().toISOString() } : k,
                      ),
                    );
                  }}
                />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      <h3>Create a key</h3>
      <Form
        onSubmit={submit}
        failures={form.failures}
        pending={form.pending}
        className="form form--narrow"
      >
        <FormAlert message={form.errors.general} />
        <Field
          label="Name"
          name="name"
          autoComplete="off"
          required
          maxLength={100}
          hint="So you can tell keys apart, e.g. “Zapier” or “Nightly import”."
          {...form.bind("name", name, setName)}
        />
        <fieldset
          className={`fieldset${form.errors.fields.scopes ? " field--invalid" : ""}`}
          aria-describedby={
            [scopesHintId, form.errors.fields.scopes ? scopesErrorId : null]
              .filter(Boolean)
              .join(" ") || undefined
          }
        >
          <legend>Scopes</legend>
          <p id={scopesHintId} className="field__hint">
            What the key may do. You can only grant what your own role allows.
          </p>
          {capabilities.status === "loading" && capabilities.data === undefined ? (
            <p className="muted" aria-busy="true">
              Loading scopes…
            </p>
          ) : null}
          {capabilities.status === "error" ? (
            <p className="field__error">
              Could not load the scopes. {errorMessage(capabilities.error)}{" "}
              <button type="button" className="button button--link" onClick={capabilities.reload}>
                Try again
              </button>
            </p>
          ) : null}
          {capabilities.status === "ready" && available.length === 0 ? (
            <p className="muted">Your role cannot grant any scopes.</p>
          ) : null}
          <div className="checkboxes">
            {available.map((scope, index) => (
              <label key={scope} className="checkbox">
                <input
                  type="checkbox"
                  name="scopes"
                  value={scope}
                  checked={scopes.includes(scope)}
                  onChange={(event) => toggleScope(scope, event.target.checked)}
                  aria-invalid={form.errors.fields.scopes && index === 0 ? true : undefined}
                />
                <code>{scope}</code>
              </label>
            ))}
          </div>
          {form.errors.fields.scopes ? (
            <p id={scopesErrorId} className="field__error">
              {form.errors.fields.scopes}
            </p>
          ) : null}
        </fieldset>
        <SubmitButton
          pending={form.pending}
          pendingText="Creating key…"
          disabled={available.length === 0}
        >
          Create key
        </SubmitButton>
      </Form>
    </section>
  );
}
