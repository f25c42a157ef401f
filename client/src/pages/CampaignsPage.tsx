import { useCallback, useEffect, useRef, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import {
  controlCampaign,
  deleteCampaign,
  duplicateCampaign,
  listCampaigns,
  type Campaign,
} from "../api/campaigns";
import { EmptyState, Page } from "../components/Page";
import { TableHead } from "../components/TableHead";
import { errorMessage } from "../forms/errors";
import { FormAlert } from "../forms/Form";
import { formatDateTime } from "../lib/format";
import { useLoad } from "../lib/useLoad";
import { CreateCampaign, type CampaignSource } from "./campaigns/CreateCampaign";
import { useLiveStatuses } from "./campaigns/useLiveStatuses";
import { describeSchedule } from "./campaigns/schedule";

const COLUMNS = ["Name", "Subject", "Status", "Recipients", "Created"];

/** `?new=1&template=<id>` or `?new=1&thread=<id>`: the create flow, its content chosen. */
function sourceFrom(params: URLSearchParams): CampaignSource | undefined {
  const template = params.get("template");
  if (template) return { source: "template", id: template };
  const thread = params.get("thread");
  return thread ? { source: "thread", id: thread } : undefined;
}

export default function CampaignsPage() {
  const campaigns = useLoad(useCallback((signal: AbortSignal) => listCampaigns(signal), []));
  useLiveStatuses(campaigns.data, campaigns.set, campaigns.reload);
  const [params] = useSearchParams();
  const [initial] = useState(() => sourceFrom(params));
  const [creating, setCreating] = useState(() => params.get("new") === "1");
  // A draft made before, opened where it was left: its confirm step.
  const [draft, setDraft] = useState<Campaign | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  // The draft whose row asks "delete it?" before it goes.
  const [deleting, setDeleting] = useState<string | null>(null);
  // `?draft=<id>` (from Activity, a scheduled campaign taken back to draft): that draft opens
  // at its confirm step once the list holds it.
  const [draftParam] = useState(() => params.get("draft"));
  const openedParam = useRef(false);
  useEffect(() => {
    if (openedParam.current || !draftParam || !campaigns.data) return;
    openedParam.current = true;
    const found = campaigns.data.find((c) => c.id === draftParam && c.status === "draft");
    if (found) {
      setDraft(found);
      setCreating(true);
    }
  }, [draftParam, campaigns.data]);
  const navigate = useNavigate();

  const open = (campaign: Campaign) => {
    setActionError(null);
    setDraft(campaign);
    setCreating(true);
    window.scrollTo({ top: 0 });
  };
  const duplicate = async (campaign: Campaign) => {
    setActionError(null);
    try {
      const copy = await duplicateCampaign(campaign.id);
      campaigns.reload();
      open(copy);
    } catch (error) {
      setActionError(errorMessage(error));
    }
  };

  // A scheduled campaign back to draft: changed in place, then continued like any draft.
  const unschedule = async (campaign: Campaign) => {
    setActionError(null);
    try {
      const changed = await controlCampaign(campaign.id, "unschedule");
      campaigns.set((items) => items.map((c) => (c.id === changed.id ? changed : c)));
    } catch (error) {
      setActionError(errorMessage(error));
    }
  };

  const remove = async (campaign: Campaign) => {
    setActionError(null);
    try {
      await deleteCampaign(campaign.id);
      campaigns.set((items) => items.filter((c) => c.id !== campaign.id));
      if (draft?.id === campaign.id) {
        setCreating(false);
        setDraft(null);
      }
    } catch (error) {
      setActionError(errorMessage(error));
    } finally {
      setDeleting(null);
    }
  };

  return (
    <Page title="Campaigns">
      {creating ? (
        <CreateCampaign
          key={draft?.id ?? "new"}
          initial={draft ? undefined : initial}
          draft={draft ?? undefined}
          onDone={(campaign) => {
            setCreating(false);
            setDraft(null);
            campaigns.reload();
            void navigate(`/activity?campaign=${campaign.id}`);
          }}
        />
      ) : (
        <button type="button" className="button button--primary" onClick={() => setCreating(true)}>
          New campaign
        </button>
      )}
      {campaigns.status === "error" ? <FormAlert message={errorMessage(campaigns.error)} /> : null}
      {actionError ? <FormAlert message={actionError} /> : null}
      {campaigns.status === "ready" && campaigns.data.length === 0 && !creating ? (
        <EmptyState>
          <p>Send a newsletter to your contacts now or schedule it for later.</p>
          <p>Campaigns you create will be listed here with their status.</p>
        </EmptyState>
      ) : null}
      {campaigns.data && campaigns.data.length > 0 ? (
        <div className="table-wrap">
          <table className="table table--stack" role="table">
            <TableHead columns={COLUMNS} actions />
            <tbody>
              {campaigns.data.map((c) => (
                <tr key={c.id} role="row">
                  <td role="cell" className="table__title">
                    {c.status === "draft" ? (
                      c.name
                    ) : (
                      <Link to={`/activity?campaign=${c.id}`}>{c.name}</Link>
                    )}
                  </td>
                  <td role="cell" data-label="Subject">
                    {c.subject}
                  </td>
                  <td role="cell" data-label="Status">
                    {c.status}
                    {c.status === "scheduled" && c.send_at ? ` for ${describeSchedule(c)}` : ""}
                    {c.reader_time_zone && (c.status === "sending" || c.status === "paused")
                      ? " · each reader at their own time"
                      : ""}
                    {c.status_reason ? (
                      <p className="campaign-reason" role="note">
                        {c.status_reason}
                      </p>
                    ) : null}
                  </td>
                  <td role="cell" data-label="Recipients">
                    {c.total || ""}
                  </td>
                  <td role="cell" data-label="Created">
                    {formatDateTime(c.created_at)}
                  </td>
                  <td role="cell" className="table__actions">
                    {deleting === c.id ? (
                      <>
                        <span role="alert">Delete this draft?</span>{" "}
                        <button
                          type="button"
                          className="button button--danger button--small"
                          onClick={() => void remove(c)}
                        >
                          Delete draft
                        </button>
                        <button
                          type="button"
                          className="button button--secondary button--small"
                          onClick={() => setDeleting(null)}
                        >
                          Keep
                        </button>
                      </>
                    ) : null}
                    {c.status === "draft" && deleting !== c.id ? (
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        aria-label={`Delete ${c.name}`}
                        onClick={() => setDeleting(c.id)}
                      >
                        Delete
                      </button>
                    ) : null}
                    {c.status === "draft" ? (
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        aria-label={`Continue ${c.name}`}
                        onClick={() => open(c)}
                      >
                        Continue
                      </button>
                    ) : null}
                    {c.status === "scheduled" ? (
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        aria-label={`Back to draft: ${c.name}`}
                        onClick={() => void unschedule(c)}
                      >
                        Back to draft
                      </button>
                    ) : null}
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      aria-label={`Duplicate ${c.name}`}
                      onClick={() => void duplicate(c)}
                    >
                      Duplicate
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Page>
  );
}
