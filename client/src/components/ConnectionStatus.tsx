import { CONNECTION_LABELS } from "../realtime/connectionState";
import { useConnectionState } from "../realtime/socket";

export function ConnectionStatus() {
  const state = useConnectionState();
  const label = CONNECTION_LABELS[state];
  return (
    <p
      className="connection-status"
      data-state={state}
      role="status"
      aria-label={`Realtime connection: ${label}`}
      title="Realtime connection"
    >
      <span className="connection-status__dot" aria-hidden="true" />
      <span className="connection-status__label">{label}</span>
    </p>
  );
}
