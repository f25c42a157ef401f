import { useCallback, useId, useState } from "react";
import {
  fullName,
  getTimeline,
  parseTags,
  updateContact,
  type Contact,
  type ContactList,
  type TimelineEvent,
} from "../../api/contacts";
import { Dialog } from "../../components/Dialog";
import { errorMessage } from "../../forms/errors";
import { Form, FormAlert, FormNotice, SubmitButton } from "../../forms/Form";
import { useSubmit } from "../../forms/useSubmit";
import { formatDateTime, relativeTime } from "../../lib/format";
import { useLoad } from "../../lib/useLoad";
import { ContactFields } from "./ContactFields";
import { StatusBadge } from "./StatusBadge";

const FIELDS = ["first_name", "last_name", "timezone", "tags", "list_ids"] as const;

const KIND_LABELS: Record<string, string> = {
  created: "Created",
  updated: "Updated",
  list_added: "Added to a list",
  list_removed: "Removed from a list",
  tagged: "Tagged",
  untagged: "Untagged",
  unsubscribed: "Unsubscribed",
  subscribed: "Subscribed",
  bounced: "Bounced",
  complained: "Marked as spam",
  imported: "Imported",
  campaign_sent: "Sent",
  campaign_delivered: "Delivered",
  campaign_opened: "Opened",
  campaign_clicked: "Clicked",
  campaign_bounced: "Bounced",
  campaign_failed: "Not delivered",
};

function describeEvent(event: TimelineEvent, lists: ContactList[]): string {
  const label = KIND_LABELS[event.kind] ?? event.kind.replace(/_/g, " ");
  const data = event.data ?? {};
  const parts: string[] = [];
  const listName =
    typeof data.list_name === "string"
      ? data.list_name
      : typeof data.list_id === "string"
        ? lists.find((l) => l.id === data.list_id)?.name
        : undefined;
  if (listName) parts.push(listName);
  // Lines about a campaign carry its name; a click, the link; a failure, why.
  if (typeof data.name === "string" && data.name) parts.push(data.name);
  if (typeof data.url === "string") parts.push(data.url);
  if (typeof data.reason === "string" && data.reason) parts.push(data.reason);
  if (typeof data.tag === "string") parts.push(data.tag);
  if (Array.isArray(data.tags)) parts.push(data.tags.filter((t) => typeof t === "string").join(", "));
  if (Array.isArray(data.fields)) parts.push(data.fields.filter((t) => typeof t === "string").join(", "));
  const detail = parts.filter(Boolean).join(" · ");
  return detail ? `${label}: ${detail}` : label;
}

interface ContactDrawerProps {
  contact: Contact;
  lists: ContactList[];
  /** Focus the first name field on open (the row's "Edit"). */
  editing: boolean;
  onClose(): void;
  onChanged(contact: Contact): void;
}

export function ContactDrawer({ contact, lists, editing, onClose, onChanged }: ContactDrawerProps) {
  const titleId = useId();
  const [firstName, setFirstName] = useState(contact.first_name);
  const [lastName, setLastName] = useState(contact.last_name);
  const [timezone, setTimezone] = useState(contact.timezone ?? "");
  const [tags, setTags] = useState(contact.tags.join(", "));
  const [listIds, setListIds] = useState<string[]>(contact.list_ids);
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [unsubscribing, setUnsubscribing] = useState(false);
  const form = useSubmit({ fields: FIELDS });
  const loadTimeline = useCallback(
    (signal: AbortSignal) => getTimeline(contact.id, signal),
    [contact.id],
  );
  const timeline = useLoad(loadTimeline);

  function save() {
    setNotice(null);
    setActionError(null);
    void form.run(async () => {
      const updated = await updateContact(contact.id, {
        first_name: firstName.trim(),
        last_name: lastName.trim(),
        // An emptied field clears the zone ("" on the wire; null would leave it).
        timezone: timezone.trim(),
        tags: parseTags(tags),
        list_ids: listIds,
      });
      onChanged(updated);
      // Shown as the server stored it (canonical spelling).
      setTimezone(updated.timezone ?? "");
      setNotice("Changes saved.");
      timeline.reload();
    });
  }

  async function unsubscribe() {
    setNotice(null);
    setActionError(null);
    setUnsubscribing(true);
    try {
      const updated = await updateContact(contact.id, { status: "unsubscribed" });
      onChanged(updated);
      setNotice("Unsubscribed.");
      // The button is gone now; keep focus inside the drawer.
      document.getElementById(titleId)?.closest<HTMLElement>('[role="dialog"]')?.focus();
      timeline.reload();
    } catch (error) {
      setActionError(errorMessage(error));
    } finally {
      setUnsubscribing(false);
    }
  }

  const attributes = Object.entries(contact.attributes ?? {});
  const name = fullName(contact);

  return (
    <Dialog
      labelledBy={titleId}
      onClose={onClose}
      variant="drawer"
      initialFocus={editing ? 'input[name="first_name"]' : undefined}
    >
      <div className="dialog__header">
        <h2 id={titleId} className="drawer__title">
          {contact.email}
        </h2>
        <button type="button" className="button button--small button--link" onClick={onClose}>
          Close
        </button>
      </div>

      <dl className="details details--compact">
        <div>
          <dt>Name</dt>
          <dd>{name || <span className="muted">No name</span>}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>
            <StatusBadge status={contact.status} />
          </dd>
        </div>
        <div>
          <dt>Time zone</dt>
          <dd>{contact.timezone || <span className="muted">Not set</span>}</dd>
        </div>
        <div>
          <dt>Added</dt>
          <dd>{formatDateTime(contact.created_at)}</dd>
        </div>
        {attributes.map(([key, value]) => (
          <div key={key}>
            <dt>{key}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>

      <FormNotice message={notice} />
      <FormAlert message={actionError} />

      {contact.status === "subscribed" ? (
        <p>
          <button
            type="button"
            className="button button--small button--danger"
            onClick={() => void unsubscribe()}
            disabled={unsubscribing}
          >
            {unsubscribing ? "Unsubscribing…" : "Unsubscribe"}
          </button>
        </p>
      ) : null}

      <h3>Edit</h3>
      <Form onSubmit={save} failures={form.failures} pending={form.pending} label="Edit contact">
        <FormAlert message={form.errors.general} />
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
          tagsHint="Comma separated."
        />
        <div className="form__actions">
          <SubmitButton pending={form.pending} pendingText="Saving…">
            Save changes
          </SubmitButton>
        </div>
      </Form>

      <section aria-labelledby={`${titleId}-timeline`} className="timeline">
        <h3 id={`${titleId}-timeline`}>Timeline</h3>
        {timeline.status === "error" ? (
          <div className="notice notice--error" role="alert">
            <p>Could not load the timeline. {errorMessage(timeline.error)}</p>
            <p>
              <button type="button" className="button button--secondary" onClick={timeline.reload}>
                Try again
              </button>
            </p>
          </div>
        ) : null}
        {timeline.data === undefined && timeline.status === "loading" ? (
          <p className="muted" aria-busy="true">
            Loading timeline…
          </p>
        ) : null}
        {timeline.data !== undefined && timeline.data.length === 0 ? (
          <p className="muted">Nothing has happened yet.</p>
        ) : null}
        {timeline.data && timeline.data.length > 0 ? (
          <ol className="timeline__list">
            {timeline.data.map((event) => (
              <li key={event.id} className="timeline__item" data-kind={event.kind}>
                <span>{describeEvent(event, lists)}</span>
                <time
                  className="table__sub"
                  dateTime={event.created_at}
                  title={formatDateTime(event.created_at)}
                >
                  {relativeTime(event.created_at)}
                </time>
              </li>
            ))}
          </ol>
        ) : null}
      </section>
    </Dialog>
  );
}
