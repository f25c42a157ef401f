import { useCallback, useEffect, useRef, useState } from "react";
import { useLocation } from "react-router";
import { getWorkspace, updateWorkspace, type WorkspaceSettings } from "../../api/workspace";
import { errorMessage } from "../../forms/errors";
import { Field, Form, FormAlert, FormNotice, SubmitButton, TextAreaField } from "../../forms/Form";
import { useSubmit } from "../../forms/useSubmit";
import { useLoad } from "../../lib/useLoad";

const FIELDS = ["sender_name", "postal_address"] as const;
// The server's limits (server/workspace/schemas.py).
const NAME_MAX = 200;
const ADDRESS_MAX = 1000;
const ADDRESS_LINES_MAX = 6;

function addressLines(address: string): string[] {
  return address
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

/**
 * The sender name and postal address printed in every email's footer. Campaigns refuse to
 * go out without the address, so the campaign wizard links here.
 */
export function SenderSection({ canManage }: { canManage: boolean }) {
  const workspace = useLoad(useCallback((signal: AbortSignal) => getWorkspace(signal), []));
  const saved = workspace.data;
  const { hash } = useLocation();
  const ref = useRef<HTMLElement>(null);
  const loaded = saved !== undefined;
  // The campaign wizard links to /settings#sender when the address is missing.
  useEffect(() => {
    if (loaded && hash === "#sender") ref.current?.scrollIntoView?.({ block: "start" });
  }, [loaded, hash]);
  return (
    <section ref={ref} className="panel" id="sender" aria-labelledby="sender-title">
      <h2 id="sender-title">Sender</h2>
      <p className="panel__intro">
        Every email shows this name as the sender (unless a campaign sets its own From name) and
        prints the postal address in its footer, as anti-spam laws require. Campaigns cannot be
        sent until the address is set.
      </p>
      {workspace.status === "error" ? (
        <FormAlert message={errorMessage(workspace.error)}>
          <button type="button" className="button button--secondary" onClick={workspace.reload}>
            Try again
          </button>
        </FormAlert>
      ) : !saved ? (
        <p role="status">Loading…</p>
      ) : canManage ? (
        <SenderForm saved={saved} onSaved={(updated) => workspace.set(() => updated)} />
      ) : (
        <SenderDetails saved={saved} />
      )}
    </section>
  );
}

function SenderDetails({ saved }: { saved: WorkspaceSettings }) {
  return (
    <>
      <dl className="details">
        <div>
          <dt>Sender name</dt>
          <dd>{saved.sender_name || saved.name}</dd>
        </div>
        <div>
          <dt>Postal address</dt>
          <dd className="pre-line">{saved.postal_address || "Not set"}</dd>
        </div>
      </dl>
      <p className="field__hint">Only workspace owners and admins can change the sender.</p>
    </>
  );
}

function SenderForm({
  saved,
  onSaved,
}: {
  saved: WorkspaceSettings;
  onSaved(settings: WorkspaceSettings): void;
}) {
  const [senderName, setSenderName] = useState(saved.sender_name);
  const [address, setAddress] = useState(saved.postal_address);
  const [notice, setNotice] = useState<string | null>(null);
  const form = useSubmit({ fields: FIELDS });

  // When the stored values change (a save here, or a reload after another tab saved), the form
  // shows them. Only on a real change: the mount itself, or a fetch returning the same values,
  // must not wipe what the user has started typing (a mount effect can run after the first
  // keystroke).
  const shown = useRef(saved);
  useEffect(() => {
    const before = shown.current;
    shown.current = saved;
    if (
      before.sender_name === saved.sender_name &&
      before.postal_address === saved.postal_address
    ) {
      return;
    }
    setSenderName(saved.sender_name);
    setAddress(saved.postal_address);
  }, [saved]);

  function submit() {
    setNotice(null);
    const problems: Record<string, string> = {};
    if (senderName.trim().length > NAME_MAX) {
      problems.sender_name = `Use at most ${NAME_MAX} characters.`;
    }
    if (address.length > ADDRESS_MAX) {
      problems.postal_address = `Use at most ${ADDRESS_MAX} characters.`;
    } else if (addressLines(address).length > ADDRESS_LINES_MAX) {
      problems.postal_address = `Use at most ${ADDRESS_LINES_MAX} lines.`;
    }
    if (Object.keys(problems).length > 0) {
      form.reject(problems);
      return;
    }
    void form.run(async () => {
      const updated = await updateWorkspace({ sender_name: senderName, postal_address: address });
      onSaved(updated);
      setNotice(
        updated.postal_address
          ? "Sender saved. New emails carry this name and address."
          : "Sender saved. Add a postal address before sending a campaign.",
      );
    });
  }

  return (
    <Form
      onSubmit={submit}
      failures={form.failures}
      pending={form.pending}
      label="Sender"
      className="form form--narrow"
    >
      <FormAlert message={form.errors.general} />
      <FormNotice message={notice} />
      <Field
        label="Sender name"
        name="sender_name"
        autoComplete="organization"
        maxLength={NAME_MAX}
        hint={`Shown as who the email is from. Empty uses the workspace name, ${saved.name}.`}
        {...form.bind("sender_name", senderName, setSenderName)}
      />
      <TextAreaField
        label="Postal address"
        name="postal_address"
        autoComplete="street-address"
        rows={4}
        hint={`Up to ${ADDRESS_LINES_MAX} lines, printed in every email's footer.`}
        {...form.bind("postal_address", address, setAddress)}
      />
      <SubmitButton pending={form.pending} pendingText="Saving…">
        Save sender
      </SubmitButton>
    </Form>
  );
}
