import { useEffect, useLayoutEffect, useRef } from "react";
import type { Campaign, CampaignStatus } from "../../api/campaigns";
import { on } from "../../realtime/socket";

const STATUSES: readonly string[] = [
  "draft",
  "scheduled",
  "sending",
  "paused",
  "cancelled",
  "sent",
  "failed",
] satisfies CampaignStatus[];

/**
 * Keeps a list of campaigns current from `campaign:progress` events (every socket of the
 * workspace gets them): status, its reason and the total, so a scheduled campaign shows as
 * sending and then sent, or an automatic pause with its reason, without a reload. A campaign
 * the list does not hold yet (made in another tab or by a teammate) makes it be read again,
 * once per campaign.
 */
export function useLiveStatuses(
  campaigns: Campaign[] | undefined,
  set: (update: (list: Campaign[]) => Campaign[]) => void,
  reload: () => void,
): void {
  const listed = useRef(campaigns);
  // Before the browser paints, not after: an event arriving between a render and a passive
  // effect would otherwise be read against the list before it and be lost.
  useLayoutEffect(() => {
    listed.current = campaigns;
  });

  useEffect(() => {
    const reloadedFor = new Set<string>();
    const newest = new Map<string, string>();
    return on("campaign:progress", (payload) => {
      const id = String(payload.campaign_id);
      const list = listed.current;
      if (!list || !STATUSES.includes(payload.status)) return;
      // Events may arrive out of order across workers: an older snapshot changes nothing.
      if ((newest.get(id) ?? "") > payload.updated_at) return;
      newest.set(id, payload.updated_at);
      const current = list.find((c) => c.id === id);
      if (!current) {
        if (!reloadedFor.has(id)) {
          reloadedFor.add(id);
          reload();
        }
        return;
      }
      const status = payload.status as CampaignStatus;
      const reason = payload.status_reason ?? null;
      // Most events only move counts this list does not show: no re-render for those.
      if (current.status === status && current.status_reason === reason && current.total === payload.total) {
        return;
      }
      set((all) =>
        all.map((c) => (c.id === id ? { ...c, status, status_reason: reason, total: payload.total } : c)),
      );
    });
  }, [set, reload]);
}
