import { useId, useState } from "react";
import {
  createContact,
  parseTags,
  type Contact,
  type ContactList,
  type ImportJob,
} from "../../api/contacts";
import { Dialog } from "../../components/Dialog";
import { Field, Form, FormAlert, SubmitButton } from "../../forms/Form";
import { EMAIL_PATTERN, useSubmit } from "../../forms/useSubmit";
import { ImportCsv } from "./ImportCsv";
import { ContactFields } from "./ContactFields";

const FIELDS = ["email", "first_name", "last_name", "timezone", "tags", "list_ids"] as const;
const CODE_FIELDS = { contact_exists: "email" };

interface AddContactDialogProps {
  lists: ContactList[];
  onClose(): void;
  onCreated(contact: Contact): void;
  /** An import ended (completed or failed). */
  onImported?(job: ImportJob): void;
  /** Which tab the dialog opens on: typing one contact in, or importing a CSV file. */
  initialMode?: AddMode;
}

export type AddMode = "manual" | "import";

export function AddContactDialog({
  lists,
  onClose,
  onCreated,
  onImported,
  initialMode = "manual",
}: AddContactDialogProps) {
  const titleId = useId();
  const tabsId = useId();
  const [mode, setMode] = useState<AddMode>(initialMode);
  const [email, setEmail] = useState("");
  const [firstName, setFirstName] = useState("");
  const [lastName, setLastName] = useState("");
  const [timezone, setTimezone] = useState("");
  const [tags, setTags] = useState("");
  const [listIds, setListIds] = useState<string[]>([]);
  const form = useSubmit({ fields: FIELDS, codeFields: CODE_FIELDS });

  function submit() {
    const trimmed = email.trim();
    if (!trimmed) {
      form.reject({ email: "Enter an email address." });
      return;
    }
    if (!EMAIL_PATTERN.test(trimmed)) {
      form.reject({ email: "Enter a valid email address, like name@example.com." });
      return;
    }
    const zone = timezone.trim();
    void form.run(async () => {
      const contact = await createContact({
        email: trimmed,
        first_name: firstName.trim(),
        last_name: lastName.trim(),
        ...(zone ? { timezone: zone } : {}),
        tags: parseTags(tags),
        list_ids: listIds,
      });
      onCreated(contact);
    });
  }

  return (
    <Dialog
      labelledBy={titleId}
      onClose={onClose}
      initialFocus={initialMode === "import" ? 'input[type="file"]' : 'input[name="email"]'}
    >
      <div className="dialog__header">
        <h2 id={titleId}>Add contact</h2>
        <button type="button" className="button button--small button--link" onClick={onClose}>
          Close
        </button>
      </div>
      <div role="tablist" aria-label="How to add" className="tabs">
        {(["manual", "import"] as const).map((value) => (
          <button
            key={value}
            type="button"
            role="tab"
            id={`${tabsId}-${value}-tab`}
            aria-selected={mode === value}
            aria-controls={`${tabsId}-${value}-panel`}
            tabIndex={mode === value ? 0 : -1}
            className={`tabs__tab${mode === value ? " tabs__tab--active" : ""}`}
            onClick={() => setMode(value)}
            onKeyDown={(event) => {
              if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
              event.preventDefault();
              const next = value === "manual" ? "import" : "manual";
              setMode(next);
              document.getElementById(`${tabsId}-${next}-tab`)?.focus();
            }}
          >
            {value === "manual" ? "Manual" : "Import CSV"}
          </button>
        ))}
      </div>
      {mode === "import" ? (
        <div role="tabpanel" id={`${tabsId}-import-panel`} aria-labelledby={`${tabsId}-import-tab`}>
          <ImportCsv lists={lists} onClose={onClose} onFinished={(job) => onImported?.(job)} />
        </div>
      ) : (
        <div role="tabpanel" id={`${tabsId}-manual-panel`} aria-labelledby={`${tabsId}-manual-tab`}>
          <h3>Manual</h3>
          <Form onSubmit={submit} failures={form.failures} pending={form.pending} label="Add contact">
            <FormAlert message={form.errors.general} />
            <Field
              label="Email"
              name="email"
              type="email"
              autoComplete="off"
              required
              maxLength={320}
              {...form.bind("email", email, setEmail)}
            />
            <ContactFields
              values={{ firstName, lastName, timezone, tags, listIds }}
              onChange={(next) => {
                setFirstName(next.firstName);
                setLastName(next.lastName);
                setTimezone(next.timezone);
                setTags(next.tags);
                setListIds(next.listIds);
              }}
              lists={lists}
              errors={form.errors.fields}
              clearField={form.clearField}
              tagsHint="Comma separated, e.g. “vip, beta”."
            />
            <div className="form__actions">
              <SubmitButton pending={form.pending} pendingText="Adding contact…">
                Add contact
              </SubmitButton>
              <button type="button" className="button button--secondary" onClick={onClose}>
                Cancel
              </button>
            </div>
          </Form>
        </div>
      )}
    </Dialog>
  );
}
