import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useNavigate, useSearchParams } from "react-router";
import {
  controlCampaign,
  getKpis,
  getUpcoming,
  listCampaigns,
  listRecipients,
  RECIPIENT_STATUSES,
  retryFailed,
  settledShare,
  type Campaign,
  type CampaignAction,
  type Kpis,
  type Progress,
  type RecipientPage,
  type RecipientStatus,
  type Upcoming,
} from "../api/campaigns";
import { EmptyState, Page } from "../components/Page";
import { TableHead } from "../components/TableHead";
import { errorMessage } from "../forms/errors";
import { FormAlert, FormNotice } from "../forms/Form";
import { formatDateTime } from "../lib/format";
import { SEARCH_DELAY_MS, useDebounced } from "../lib/useDebounced";
import { useLoad } from "../lib/useLoad";
import { useThrottled } from "../lib/useThrottled";
import { refreshInterval } from "./activity/refresh";
import { SeriesChart } from "./activity/SeriesChart";
import { useCampaignProgress } from "./activity/useCampaignProgress";
import { useLiveStatuses } from "./campaigns/useLiveStatuses";
import { describeSchedule } from "./campaigns/schedule";

const percent = (share: number) => `${Math.round(share * 100)}%`;
/** Recipients shown at first, and added by each "Show more". */
const RECIPIENTS_STEP = 100;
const RECIPIENT_COLUMNS = ["Email", "Status", "Attempts", "Failure reason", "Sent"];

function ProgressBar({ name, progress }: { name: string; progress: Progress | undefined }) {
  const share = progress ? settledShare(progress) : 0;
  return (
    <div className="campaign-progress">
      <progress
        max={100}
        value={Math.round(share * 100)}
        aria-label={`${name} progress`}
        aria-valuetext={percent(share)}
      />
      <span className="campaign-progress__label">
        {progress
          ? `${percent(share)} · ${progress.sent} of ${progress.total} sent`
          : "Loading progress…"}
      </span>
    </div>
  );
}

const ACTIONS: Record<string, CampaignAction[]> = {
  sending: ["pause", "cancel"],
  paused: ["resume", "cancel"],
  scheduled: ["unschedule", "cancel"],
};
const ACTION_LABELS: Record<CampaignAction, string> = {
  pause: "Pause",
  resume: "Resume",
  cancel: "Cancel",
  unschedule: "Back to draft",
};
const ACTION_DONE: Record<CampaignAction, string> = {
  pause: "Paused.",
  resume: "Resumed.",
  cancel: "Cancelled.",
  unschedule: "Back to draft.",
};

function KpiList({ kpis, progress }: { kpis: Kpis | undefined; progress: Progress }) {
  const rates = kpis?.rates;
  // Deliveries and bounces come only from the provider's reports: without them "0 (0%)"
  // delivered would read as mail that never arrived, and 0 bounced as a clean list.
  const noReports = kpis?.delivery_reports === false;
  const items: [string, number | null, number | undefined][] = [
    ["Sent", progress.sent, undefined],
    ["Delivered", noReports ? null : progress.delivered, rates?.delivery_rate],
    ["Opened", progress.opened, rates?.open_rate],
    ["Clicked", progress.clicked, rates?.click_rate],
    ["Bounced", noReports ? null : progress.bounced, rates?.bounce_rate],
    ["Failed", progress.failed, rates?.failure_rate],
    ["Unsubscribed", progress.unsubscribed, rates?.unsubscribe_rate],
  ];
  return (
    <>
      <dl className="kpis">
        {items.map(([label, count, rate]) => (
          <div key={label} className="kpis__item">
            <dt>{label}</dt>
            {count === null ? (
              <dd aria-describedby="kpis-no-reports">—</dd>
            ) : (
              <dd>
                {count}
                {rate !== undefined ? <span className="muted"> ({percent(rate)})</span> : null}
              </dd>
            )}
          </div>
        ))}
      </dl>
      {noReports ? (
        <p id="kpis-no-reports" className="muted">
          Deliveries and bounces are not counted: your mail provider&apos;s reports are not set
          up. Sent counts the messages your mail server accepted, Failed those it refused.
        </p>
      ) : null}
    </>
  );
}

/** Who of a campaign sent in each reader's zone is still to go, and when (in the viewer's own
 * time): its readers leave zone by zone over a day or so. */
function StillToGo({ upcoming }: { upcoming: Upcoming }) {
  if (upcoming.waiting === 0) return null;
  const shown = upcoming.items.reduce((sum, group) => sum + group.recipients, 0);
  const plural = (n: number) => `${n} reader${n === 1 ? "" : "s"}`;
  return (
    <section className="still-to-go" aria-labelledby="still-to-go-title">
      <h3 id="still-to-go-title">Still to go</h3>
      <p className="muted">At these times in your own time zone:</p>
      <ul>
        {upcoming.items.map((group) => (
          <li key={group.at}>
            {plural(group.recipients)} at {formatDateTime(group.at)}
          </li>
        ))}
      </ul>
      {upcoming.waiting > shown ? (
        <p className="muted">{`and ${plural(upcoming.waiting - shown)} later.`}</p>
      ) : null}
    </section>
  );
}

function CampaignDetail({
  campaign,
  progress,
  onChanged,
}: {
  campaign: Campaign;
  progress: Progress | undefined;
  onChanged(): void;
}) {
  const [filter, setFilter] = useState<RecipientStatus | "">("");
  const [shown, setShown] = useState(RECIPIENTS_STEP);
  const [emailInput, setEmailInput] = useState("");
  const email = useDebounced(emailInput, SEARCH_DELAY_MS);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  const navigate = useNavigate();
  const loadRecipients = useCallback(
    (signal: AbortSignal) => listRecipients(campaign.id, { status: filter, email }, shown, signal),
    [campaign.id, filter, email, shown],
  );
  const recipients = useLoad<RecipientPage>(loadRecipients);
  const kpis = useLoad<Kpis>(useCallback((signal) => getKpis(campaign.id, signal), [campaign.id]));
  // Only a campaign sent in each reader's zone has readers waiting for their own time.
  const perReader = campaign.reader_time_zone;
  const upcoming = useLoad<Upcoming>(
    useCallback(
      (signal) =>
        perReader ? getUpcoming(campaign.id, signal) : Promise.resolve({ items: [], waiting: 0 }),
      [campaign.id, perReader],
    ),
  );
  const reloadUpcoming = upcoming.reload;
  const reloadRecipients = recipients.reload;
  const reloadKpis = kpis.reload;
  useEffect(() => {
    reloadRecipients();
  }, [filter, email, shown, reloadRecipients]);
  // Refresh the table and the chart as recipients settle, throttled rather than debounced:
  // progress comes ten times a second while a campaign sends, so waiting for a pause would
  // leave them as the page opened them until the last message.
  const settled = useThrottled(
    progress ? progress.sent + progress.failed + progress.bounced : 0,
    refreshInterval(progress?.total ?? 0),
  );
  const firstSettled = useRef(settled);
  useEffect(() => {
    if (settled === firstSettled.current) return; // useLoad has just loaded them
    firstSettled.current = Number.NaN;
    reloadKpis();
    reloadRecipients();
    reloadUpcoming();
  }, [settled, reloadKpis, reloadRecipients, reloadUpcoming]);

  const status = progress?.status ?? campaign.status;
  const schedule = describeSchedule(campaign);
  /** Runs an action; its notice is what `run` returns (say, how many were requeued). */
  const act = async (run: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      setNotice(await run());
      onChanged();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  const control = (action: CampaignAction) =>
    act(async () => {
      await controlCampaign(campaign.id, action);
      // A draft is changed and sent from Campaigns, where it opens.
      if (action === "unschedule") void navigate(`/campaigns?draft=${campaign.id}`);
      return ACTION_DONE[action];
    });

  return (
    <section className="campaign-detail" aria-labelledby="campaign-detail-title">
      <h2 id="campaign-detail-title">{campaign.name}</h2>
      <p>
        Status: <strong data-testid="campaign-status">{status}</strong>
      </p>
      {schedule && status === "scheduled" ? (
        <p data-testid="campaign-schedule">Scheduled for {schedule}.</p>
      ) : null}
      {schedule && campaign.reader_time_zone && (status === "sending" || status === "paused") ? (
        <p data-testid="campaign-schedule">
          Going out at {schedule}: queued readers are waiting for that time where they are.
        </p>
      ) : null}
      {progress?.status_reason ? (
        <div className="notice notice--error" role="alert">
          <p>{progress.status_reason}</p>
        </div>
      ) : null}
      <ProgressBar name={campaign.name} progress={progress} />
      {progress ? <KpiList kpis={kpis.data} progress={progress} /> : null}
      <div className="button-row">
        {(ACTIONS[status] ?? []).map((action) => (
          <button
            key={action}
            type="button"
            className={`button ${action === "cancel" ? "button--danger" : "button--secondary"}`}
            disabled={busy || confirmingCancel}
            onClick={() =>
              // Cancelling cannot be undone: asked once more, as deleting a draft is.
              action === "cancel" ? setConfirmingCancel(true) : void control(action)
            }
          >
            {ACTION_LABELS[action]}
          </button>
        ))}
        {progress && progress.failed > 0 && status !== "cancelled" ? (
          <button
            type="button"
            className="button button--secondary"
            disabled={busy}
            onClick={() =>
              void act(async () => {
                const n = await retryFailed(campaign.id);
                return `${n} recipient${n === 1 ? "" : "s"} queued again.`;
              })
            }
          >
            Retry failed
          </button>
        ) : null}
      </div>
      {confirmingCancel && (ACTIONS[status] ?? []).includes("cancel") ? (
        <div className="button-row">
          <span role="alert">
            Cancel this campaign? Recipients it has not reached yet will not get it, and it cannot
            be resumed.
          </span>
          <button
            type="button"
            className="button button--danger"
            disabled={busy}
            onClick={() => {
              setConfirmingCancel(false);
              void control("cancel");
            }}
          >
            Cancel campaign
          </button>
          <button type="button" className="button button--secondary" onClick={() => setConfirmingCancel(false)}>
            Keep it
          </button>
        </div>
      ) : null}
      <FormAlert message={error} />
      <FormNotice message={notice} />
      {perReader && upcoming.data && (status === "sending" || status === "paused") ? (
        <StillToGo upcoming={upcoming.data} />
      ) : null}

      <h3>Sends and opens over time</h3>
      {kpis.data ? <SeriesChart kpis={kpis.data} /> : <p className="muted">Loading…</p>}

      <h3>Recipients</h3>
      <div className="activity__filters">
        <div className="field activity__filter">
          <label htmlFor="recipient-email">Find an address</label>
          <input
            id="recipient-email"
            type="search"
            autoComplete="off"
            placeholder="jane@example.com"
            value={emailInput}
            onChange={(event) => {
              setEmailInput(event.target.value);
              setShown(RECIPIENTS_STEP);
            }}
          />
        </div>
        <div className="field activity__filter">
          <label htmlFor="recipient-status">Status</label>
          <select
            id="recipient-status"
            value={filter}
            onChange={(event) => {
              setFilter(event.target.value as RecipientStatus | "");
              setShown(RECIPIENTS_STEP);
            }}
          >
            <option value="">All</option>
            {RECIPIENT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="table-wrap">
        <table className="table table--stack" role="table">
          <TableHead columns={RECIPIENT_COLUMNS} />
          <tbody>
            {(recipients.data?.items ?? []).map((r) => (
              <tr key={r.id} role="row">
                <td role="cell" className="table__title">
                  {r.email}
                </td>
                <td role="cell" data-label="Status">
                  {r.status}
                  {r.due_at
                    ? ` · ${r.attempts > 0 ? "retry at" : "due"} ${formatDateTime(r.due_at)}`
                    : ""}
                </td>
                <td role="cell" data-label="Attempts">
                  {r.attempts}
                </td>
                <td role="cell" data-label="Failure reason">
                  {r.failure_reason ?? ""}
                </td>
                <td role="cell" data-label="Sent">
                  {r.sent_at ? formatDateTime(r.sent_at) : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {recipients.status === "ready" && recipients.data.items.length === 0 ? (
        <p className="muted">
          {email.trim() ? "No recipient's address starts with that." : "No recipients with this status."}
        </p>
      ) : null}
      {recipients.data?.next_cursor != null ? (
        <div className="button-row">
          <button
            type="button"
            className="button button--secondary"
            disabled={recipients.status === "loading"}
            onClick={() => setShown((n) => n + RECIPIENTS_STEP)}
          >
            Show {RECIPIENTS_STEP} more
          </button>
          <span className="muted">Showing {recipients.data.items.length}</span>
        </div>
      ) : null}
    </section>
  );
}

export default function ActivityPage() {
  const campaigns = useLoad(useCallback((signal: AbortSignal) => listCampaigns(signal), []));
  const [params, setParams] = useSearchParams();
  const visible = useMemo(
    () => (campaigns.data ?? []).filter((c) => c.status !== "draft"),
    [campaigns.data],
  );
  const ids = useMemo(() => visible.map((c) => c.id), [visible]);
  // A campaign that starts sending while the page is open (sent from another tab or by a
  // teammate) appears with its live bar: a draft the list holds turns `sending`, and one it
  // does not hold makes it be read again.
  useLiveStatuses(campaigns.data, campaigns.set, campaigns.reload);
  const { progress, polling } = useCampaignProgress(ids);
  const selectedId = params.get("campaign") ?? visible[0]?.id ?? null;
  const selected = visible.find((c) => c.id === selectedId) ?? null;

  return (
    <Page title="Activity">
      {polling && ids.length > 0 ? (
        <p className="notice notice--info" role="status">
          Live updates are not connected; refreshing every 2 seconds instead.
        </p>
      ) : null}
      {campaigns.status === "error" ? <FormAlert message={errorMessage(campaigns.error)} /> : null}
      {campaigns.status !== "loading" && visible.length === 0 ? (
        <EmptyState>
          <p>Activity appears here once a campaign starts sending.</p>
        </EmptyState>
      ) : null}
      {visible.length > 0 ? (
        <ul className="campaign-list" aria-label="Campaigns">
          {visible.map((c) => (
            <li key={c.id} className={c.id === selectedId ? "is-selected" : undefined}>
              <button
                type="button"
                className="button button--link"
                aria-current={c.id === selectedId ? "true" : undefined}
                onClick={() => setParams({ campaign: c.id })}
              >
                {c.name}
              </button>{" "}
              <span className="badge">{progress[c.id]?.status ?? c.status}</span>
              <ProgressBar name={c.name} progress={progress[c.id]} />
            </li>
          ))}
        </ul>
      ) : null}
      {selected ? (
        <CampaignDetail
          key={selected.id}
          campaign={selected}
          progress={progress[selected.id]}
          onChanged={campaigns.reload}
        />
      ) : null}
    </Page>
  );
}
