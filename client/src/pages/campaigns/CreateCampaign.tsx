import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Link } from "react-router";
import {
  countAudience,
  createCampaign,
  listTemplates,
  previewCampaignHtml,
  scheduleCampaign,
  sendCampaign,
  testSend,
  updateCampaign,
  type AudienceCount,
  type Campaign,
} from "../../api/campaigns";
import { ApiError } from "../../api/client";
import { listThreads } from "../../api/chat";
import { listLists, parseTags } from "../../api/contacts";
import { useAuth } from "../../auth/AuthContext";
import { EmailFrame } from "../../components/EmailFrame";
import { errorMessage } from "../../forms/errors";
import { Field, FormAlert, FormNotice } from "../../forms/Form";
import { useDebounced } from "../../lib/useDebounced";
import { useLoad } from "../../lib/useLoad";
import { browserZones } from "../../lib/zones";

type Step = "content" | "audience" | "subject" | "confirm";
const STEPS: Step[] = ["content", "audience", "subject", "confirm"];
const STEP_NAMES: Record<Step, string> = {
  content: "Content",
  audience: "Audience",
  subject: "Details",
  confirm: "Confirm",
};

/** Every IANA zone the browser knows, with `current` first when the list leaves it out:
 * browsers set to UTC report "UTC", which Chromium's list does not hold, and the select
 * would show (and the schedule use) a zone the user never chose. */
function zones(current: string): string[] {
  const known = browserZones();
  return known.includes(current) ? known : [current, ...known];
}

/** What "in each reader's time zone" will do for this audience, in words. */
export function readerZoneHint(counted: AudienceCount | null, zone: string): string {
  if (!counted)
    return `Each reader gets it at this time where they live; readers without a time zone get it in ${zone}.`;
  const without = counted.time_zones.find((z) => z.timezone === null)?.recipients ?? 0;
  const zoned = counted.recipients - without;
  const places = counted.time_zones.filter((z) => z.timezone !== null).length;
  if (zoned === 0)
    return (
      `None of these readers has a time zone yet, so all get it in ${zone}: ` +
      "set one on a contact, or import a “Time zone” column."
    );
  const spread =
    `${zoned} of ${counted.recipients} readers have a time zone ` +
    `(${places} ${places === 1 ? "zone" : "zones"})`;
  return without
    ? `${spread}; the other ${without} get it in ${zone}.`
    : `${spread}: each gets it at this time where they are.`;
}

/** "Readers, Members and contacts tagged vip": who an audience reaches, in words. */
function audienceNames(audience: Campaign["audience"], lists: { id: string; name: string }[]): string {
  const names = (audience.list_ids ?? []).map((id) => lists.find((l) => l.id === id)?.name ?? "a list");
  const tagged = audience.tags ?? [];
  const tags = tagged.length ? [`contacts tagged ${tagged.join(" or ")}`] : [];
  const parts = [...names, ...tags];
  if (parts.length <= 1) return parts[0] ?? "Nobody";
  return `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}

export interface CampaignSource {
  source: "thread" | "template";
  id: string;
}

function sourceOf(draft: Campaign): CampaignSource {
  return draft.template_id
    ? { source: "template", id: draft.template_id }
    : { source: "thread", id: draft.thread_id ?? "" };
}

/** template or chat draft → audience with a live count → subject → confirm (test, send, schedule).
 * `initial` preselects the content when the user arrives from the chat or the template editor;
 * `draft` opens a draft campaign made before (left half way, or a duplicate) at its confirm
 * step, every earlier step filled in from it. */
export function CreateCampaign({
  onDone,
  initial,
  draft,
}: {
  onDone(campaign: Campaign): void;
  initial?: CampaignSource | undefined;
  draft?: Campaign | undefined;
}) {
  const start = draft ? sourceOf(draft) : initial;
  const [step, setStep] = useState<Step>(draft ? "confirm" : "content");
  const [source, setSource] = useState<"thread" | "template">(start?.source ?? "thread");
  const [sourceId, setSourceId] = useState(start?.id ?? "");
  const [listIds, setListIds] = useState<string[]>(draft?.audience.list_ids ?? []);
  const [tags, setTags] = useState((draft?.audience.tags ?? []).join(", "));
  const [name, setName] = useState(draft?.name ?? "");
  const [subject, setSubject] = useState(draft?.subject ?? "");
  const [preheader, setPreheader] = useState(draft?.preheader ?? "");
  const [fromName, setFromName] = useState(draft?.from_name ?? "");
  const [replyTo, setReplyTo] = useState(draft?.reply_to ?? "");
  const [campaign, setCampaign] = useState<Campaign | null>(draft ?? null);
  // What the draft campaign was made from: going back and changing it makes a new draft.
  const [madeFrom, setMadeFrom] = useState<string | null>(
    start && draft ? `${start.source}:${start.id}` : null,
  );
  // A test goes to the sender's own inbox unless they say otherwise.
  const { me } = useAuth();
  const [testEmail, setTestEmail] = useState(me?.email ?? "");
  const [sendAt, setSendAt] = useState("");
  const [zone, setZone] = useState(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  const [readerZone, setReaderZone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The server refuses to mail without the sender's postal address; the fix lives in Settings.
  const [addressMissing, setAddressMissing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const idempotencyKey = useRef(crypto.randomUUID());
  const [previewing, setPreviewing] = useState(false);
  // Loaded again whenever the draft changes (back from the confirm step, a new draft):
  // its updated_at is in the dependencies for that, though the load does not read it.
  const previewId = campaign?.id;
  const previewVersion = campaign?.updated_at;
  const loadPreview = useCallback(
    (signal: AbortSignal) => previewCampaignHtml(previewId ?? "", signal),
    [previewId, previewVersion],
  );

  const threads = useLoad(useCallback((signal: AbortSignal) => listThreads(signal), []));
  const anyDraft = (threads.data ?? []).some((t) => t.has_draft);
  const templates = useLoad(useCallback((signal: AbortSignal) => listTemplates(signal), []));
  const lists = useLoad(useCallback((signal: AbortSignal) => listLists(signal), []));

  // A conversation whose draft already went into a template sends that template: its design
  // is what the user chose, the plain draft is not.
  const fromThread = initial?.source === "thread" ? initial.id : null;
  const madeFromThread = templates.data?.find((t) => t.scope === "mine" && t.source_thread_id === fromThread);
  const preferred = useRef(false);
  useEffect(() => {
    if (preferred.current || !madeFromThread) return;
    preferred.current = true;
    setSource("template");
    setSourceId(madeFromThread.id);
  }, [madeFromThread]);

  const audience = useMemo(() => ({ list_ids: listIds, tags: parseTags(tags) }), [listIds, tags]);
  const settledAudience = useDebounced(audience, 300);
  const [counted, setCounted] = useState<AudienceCount | null>(null);
  const count = counted?.recipients ?? null;
  useEffect(() => {
    const controller = new AbortController();
    setCounted(null);
    countAudience(settledAudience, controller.signal).then(
      (n) => setCounted(n),
      () => undefined,
    );
    return () => controller.abort();
  }, [settledAudience]);

  // A chat draft, or a template made from one, brings its own subject.
  const draftSubject =
    source === "thread" || Boolean(templates.data?.find((t) => t.id === sourceId)?.source_thread_id);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setAddressMissing(false);
    setNotice(null);
    try {
      await work();
    } catch (caught) {
      setError(errorMessage(caught));
      setAddressMissing(caught instanceof ApiError && caught.code === "postal_address_missing");
    } finally {
      setBusy(false);
    }
  };

  const next = () => {
    setError(null);
    if (step === "content" && !sourceId) return setError("Choose a draft or a template.");
    if (step === "audience" && !count) return setError("Choose lists or tags with contacts.");
    if (step === "subject") {
      if (!name.trim()) return setError("Give the campaign a name.");
      if (!draftSubject && !subject.trim()) return setError("Write a subject.");
      const contentKey = `${source}:${sourceId}`;
      if (campaign && madeFrom === contentKey) {
        // Back from the confirm step: the draft exists, so this changes it.
        return void run(async () => {
          const changed = await updateCampaign(campaign.id, {
            name: name.trim(),
            audience,
            ...(subject.trim() ? { subject: subject.trim() } : {}),
            ...(preheader.trim() ? { preheader: preheader.trim() } : {}),
            // Emptied, these go back to the workspace's sender name and the sending address.
            from_name: fromName.trim(),
            reply_to: replyTo.trim() || null,
          });
          setCampaign(changed);
          setStep("confirm");
        });
      }
      if (campaign) idempotencyKey.current = crypto.randomUUID();
      return void run(async () => {
        const created = await createCampaign(
          {
            name: name.trim(),
            audience,
            ...(subject.trim() ? { subject: subject.trim() } : {}),
            ...(preheader.trim() ? { preheader: preheader.trim() } : {}),
            ...(fromName.trim() ? { from_name: fromName.trim() } : {}),
            ...(replyTo.trim() ? { reply_to: replyTo.trim() } : {}),
            ...(source === "thread" ? { thread_id: sourceId } : { template_id: sourceId }),
          },
          idempotencyKey.current,
        );
        setCampaign(created);
        setMadeFrom(contentKey);
        setStep("confirm");
      });
    }
    setStep(STEPS[STEPS.indexOf(step) + 1] ?? step);
  };

  const at = STEPS.indexOf(step);
  const back = () => {
    setError(null);
    setNotice(null);
    setStep(STEPS[at - 1] ?? step);
  };

  return (
    <section className="create-campaign panel" aria-labelledby="create-campaign-title">
      <h2 id="create-campaign-title">{draft ? "Draft campaign" : "New campaign"}</h2>
      <ol className="steps create-campaign__steps" aria-label="Steps">
        {STEPS.map((s, index) => (
          <li
            key={s}
            className="steps__step"
            aria-current={s === step ? "step" : undefined}
            data-done={index < at ? "" : undefined}
          >
            <span className="steps__dot" aria-hidden="true" />
            {STEP_NAMES[s]}
          </li>
        ))}
      </ol>

      {step === "content" ? (
        <fieldset>
          <legend>Content</legend>
          <div className="field">
            <label htmlFor="campaign-source">Start from</label>
            <select
              id="campaign-source"
              value={source}
              onChange={(e) => {
                setSource(e.target.value as "thread" | "template");
                setSourceId("");
              }}
            >
              <option value="thread">A chat draft</option>
              <option value="template">A template</option>
            </select>
          </div>
          {source === "thread" ? (
            <div className="field">
              <label htmlFor="campaign-thread">Chat draft</label>
              <select id="campaign-thread" value={sourceId} onChange={(e) => setSourceId(e.target.value)}>
                <option value="">Choose a conversation</option>
                {/* A conversation the assistant has not drafted in yet has nothing to send:
                    listed, so it is not missed, but not to be chosen. */}
                {(threads.data ?? []).map((t) => (
                  <option key={t.id} value={t.id} disabled={!t.has_draft}>
                    {t.has_draft ? t.title : `${t.title} (no draft yet)`}
                  </option>
                ))}
              </select>
              <p className="field__hint">
                {anyDraft ? "Or write a new one" : "No draft yet? Write one"} in{" "}
                <Link to="/chat">Chat</Link>.
              </p>
            </div>
          ) : (
            <div className="field">
              <label htmlFor="campaign-template">Template</label>
              <select
                id="campaign-template"
                value={sourceId}
                onChange={(e) => setSourceId(e.target.value)}
              >
                <option value="">Choose a template</option>
                {(templates.data ?? []).map((t) => (
                  <option key={t.id} value={t.id} disabled={!t.available}>
                    {t.name}
                    {t.is_pro ? " (Pro)" : ""}
                  </option>
                ))}
              </select>
            </div>
          )}
        </fieldset>
      ) : null}

      {step === "audience" ? (
        <fieldset>
          <legend>Audience</legend>
          {(lists.data ?? []).map((l) => (
            <label key={l.id} className="checkbox">
              <input
                type="checkbox"
                checked={listIds.includes(l.id)}
                onChange={(e) =>
                  setListIds((ids) =>
                    e.target.checked ? [...ids, l.id] : ids.filter((id) => id !== l.id),
                  )
                }
              />{" "}
              {l.name} ({l.contact_count})
            </label>
          ))}
          <Field label="Tags" value={tags} onChange={setTags} hint="Comma-separated; any of them." />
          <p role="status" aria-live="polite" data-testid="recipient-count">
            {count === null ? "Counting recipients…" : `${count} recipients`}
          </p>
        </fieldset>
      ) : null}

      {step === "subject" ? (
        <fieldset>
          <legend>Details</legend>
          <Field label="Campaign name" value={name} onChange={setName} />
          <Field
            label="Subject"
            value={subject}
            onChange={setSubject}
            hint={draftSubject ? "Leave empty to use the draft's subject." : undefined}
          />
          <Field label="Preheader" value={preheader} onChange={setPreheader} />
          <Field
            label="From name"
            value={fromName}
            onChange={setFromName}
            maxLength={200}
            hint="Leave empty to use the sender name set in Settings."
          />
          <Field
            label="Reply-to"
            type="email"
            value={replyTo}
            onChange={setReplyTo}
            hint="Where replies go. Leave empty and they go to the sending address."
          />
        </fieldset>
      ) : null}

      {step === "confirm" && campaign ? (
        <div className="create-campaign__confirm">
          <dl className="create-campaign__summary">
            <div>
              <dt>Campaign</dt>
              <dd>{campaign.name}</dd>
            </div>
            <div>
              <dt>From</dt>
              <dd>{campaign.from_address}</dd>
            </div>
            {campaign.reply_to ? (
              <div>
                <dt>Reply-to</dt>
                <dd>{campaign.reply_to}</dd>
              </div>
            ) : null}
            <div>
              <dt>Subject</dt>
              <dd>{campaign.subject}</dd>
            </div>
            {campaign.preheader ? (
              <div>
                <dt>Preheader</dt>
                <dd>{campaign.preheader}</dd>
              </div>
            ) : null}
            <div>
              <dt>Recipients</dt>
              <dd>{count ?? "…"}</dd>
            </div>
            <div>
              <dt>To</dt>
              <dd>{audienceNames(campaign.audience, lists.data ?? [])}</dd>
            </div>
          </dl>
          <div className="create-campaign__preview">
            <button
              type="button"
              className="button button--secondary"
              aria-expanded={previewing}
              onClick={() => setPreviewing((open) => !open)}
            >
              {previewing ? "Hide the email" : "Preview the email"}
            </button>
            {previewing ? <EmailFrame load={loadPreview} title={`Preview of ${campaign.name}`} /> : null}
          </div>
          <div className="create-campaign__test">
            <Field
              label="Test email"
              type="email"
              value={testEmail}
              onChange={setTestEmail}
              hint="Send yourself one copy first: it shows exactly what your readers get."
            />
            <button
              type="button"
              className="button button--secondary"
              disabled={busy || !testEmail}
              onClick={() =>
                void run(async () => {
                  await testSend(campaign.id, testEmail);
                  setNotice(`Test sent to ${testEmail}.`);
                })
              }
            >
              Send test
            </button>
          </div>
          <div className="button-row">
            <button type="button" className="button button--secondary" onClick={back}>
              Back
            </button>
            <button
              type="button"
              className="button button--primary"
              disabled={busy}
              onClick={() =>
                void run(async () => {
                  await sendCampaign(campaign.id);
                  onDone(campaign);
                })
              }
            >
              Send now
            </button>
          </div>
          <fieldset className="create-campaign__schedule">
            <legend>Or schedule</legend>
            <Field label="Send at" type="datetime-local" value={sendAt} onChange={setSendAt} />
            <div className="field">
              <label htmlFor="campaign-zone">Time zone</label>
              <select id="campaign-zone" value={zone} onChange={(e) => setZone(e.target.value)}>
                {zones(zone).map((z) => (
                  <option key={z} value={z}>
                    {z}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={readerZone}
                  aria-describedby="reader-zone-hint"
                  onChange={(e) => setReaderZone(e.target.checked)}
                />{" "}
                At this time in each reader's time zone
              </label>
              <p id="reader-zone-hint" className="field__hint" data-testid="reader-zone-hint">
                {readerZoneHint(counted, zone)}
              </p>
            </div>
            <button
              type="button"
              className="button button--secondary"
              disabled={busy || !sendAt}
              onClick={() =>
                void run(async () => {
                  const scheduled = await scheduleCampaign(campaign.id, sendAt, zone, readerZone);
                  onDone(scheduled);
                })
              }
            >
              Schedule
            </button>
          </fieldset>
        </div>
      ) : null}

      <FormAlert message={error}>
        {addressMissing ? (
          <p>
            <Link to="/settings#sender">Set the postal address in Settings</Link>, then send again.
          </p>
        ) : null}
      </FormAlert>
      <FormNotice message={notice} />
      {step !== "confirm" ? (
        <div className="button-row">
          {step !== "content" ? (
            <button type="button" className="button button--secondary" onClick={back}>
              Back
            </button>
          ) : null}
          <button type="button" className="button button--primary" disabled={busy} onClick={next}>
            Next
          </button>
        </div>
      ) : null}
    </section>
  );
}
