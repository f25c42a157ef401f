import { useEffect, useRef, useState } from "react";
import { getProgress, type Progress } from "../../api/campaigns";
import type { CampaignProgress } from "../../realtime/events";
import { emit, on, onReconnect, useConnectionState } from "../../realtime/socket";

/** How often the page polls while the socket is not live. */
export const POLL_MS = 2000;
/** Events are hints: even while live, the snapshot is re-read this often. */
export const LIVE_REFRESH_MS = 15000;

export type ProgressMap = Record<string, Progress>;

/**
 * Live progress for some campaigns: `campaign:watch` answers with the snapshot, then
 * `campaign:progress` events keep it current. While the socket is down the progress
 * endpoint is polled instead, and `polling` says so.
 */
export function useCampaignProgress(ids: string[]): { progress: ProgressMap; polling: boolean } {
  const [progress, setProgress] = useState<ProgressMap>({});
  const connection = useConnectionState();
  const key = ids.join(",");
  const idsRef = useRef(ids);
  useEffect(() => {
    idsRef.current = ids;
  });

  useEffect(() => {
    const wanted = new Set(key ? key.split(",") : []);
    const apply = (payload: CampaignProgress) => {
      const id = String(payload.campaign_id);
      if (!wanted.has(id)) return;
      setProgress((previous) => {
        const current = previous[id];
        // Events may arrive out of order across workers; keep the newest snapshot.
        if (current && current.updated_at > payload.updated_at) return previous;
        return { ...previous, [id]: payload as Progress };
      });
    };
    const watch = () => {
      for (const id of wanted) {
        emit("campaign:watch", { campaign_id: id }, (answer) => {
          if (answer.ok && answer.progress) apply(answer.progress);
        });
      }
    };
    const stop = on("campaign:progress", apply);
    const stopReconnect = onReconnect(watch);
    watch();
    return () => {
      stop();
      stopReconnect();
    };
  }, [key]);

  const polling = connection !== "live";
  useEffect(() => {
    if (!key) return;
    const controller = new AbortController();
    const poll = async () => {
      for (const id of idsRef.current) {
        try {
          const body = await getProgress(id, controller.signal);
          setProgress((previous) => ({ ...previous, [id]: body }));
        } catch {
          // The next poll tries again; the page keeps the last numbers meanwhile.
        }
      }
    };
    if (polling) void poll();
    const timer = setInterval(() => void poll(), polling ? POLL_MS : LIVE_REFRESH_MS);
    return () => {
      controller.abort();
      clearInterval(timer);
    };
  }, [polling, key]);

  return { progress, polling };
}
