import type { ContactStatus } from "../../api/contacts";

const LABELS: Record<ContactStatus, string> = {
  subscribed: "Subscribed",
  unsubscribed: "Unsubscribed",
  bounced: "Bounced",
  complained: "Complained",
};

export function statusLabel(status: ContactStatus): string {
  return LABELS[status] ?? status;
}

export function StatusBadge({ status }: { status: ContactStatus }) {
  return (
    <span className={`badge status-badge status-badge--${status}`}>{statusLabel(status)}</span>
  );
}
