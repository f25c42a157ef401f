import type { Campaign } from "../../api/campaigns";
import { formatDateTime } from "../../lib/format";

/** When a scheduled campaign goes out, in words: "Dec 10, 2026, 9:00 AM (Europe/Paris)", or
 * for one sent in each reader's zone "Dec 10, 2026, 9:00 AM in each reader's time zone
 * (Europe/Paris for readers without one)". The time is shown in the zone it was chosen in,
 * whatever the browser's. Null for a campaign not scheduled. */
export function describeSchedule(
  campaign: Pick<Campaign, "send_at" | "timezone" | "reader_time_zone">,
): string | null {
  if (!campaign.send_at) return null;
  const zone = campaign.timezone ?? "UTC";
  const when = formatDateTime(campaign.send_at, zone);
  return campaign.reader_time_zone
    ? `${when} in each reader's time zone (${zone} for readers without one)`
    : `${when} (${zone})`;
}
