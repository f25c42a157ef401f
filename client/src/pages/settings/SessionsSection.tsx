import { useState } from "react";
import {
  listSessions,
  revokeOtherSessions,
  revokeSession,
  type SessionInfo,
} from "../../api/auth";
import { TableHead } from "../../components/TableHead";
import { errorMessage } from "../../forms/errors";
import { FormAlert, FormNotice } from "../../forms/Form";
import { describeUserAgent, formatDateTime, relativeTime } from "../../lib/format";
import { useLoad } from "../../lib/useLoad";

const COLUMNS = ["Device", "IP address", "Last active"];

/** This device first, then the most recently active. */
function sortSessions(sessions: SessionInfo[]): SessionInfo[] {
  return [...sessions].sort((a, b) => {
    if (a.current !== b.current) return a.current ? -1 : 1;
    return Date.parse(b.last_seen_at) - Date.parse(a.last_seen_at);
  });
}

export function SessionsSection() {
  const sessions = useLoad(listSessions);
  const [busy, setBusy] = useState<Set<string>>(new Set());
  const [revokingOthers, setRevokingOthers] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const list = sortSessions(sessions.data ?? []);
  const others = list.filter((s) => !s.current);

  async function signOut(session: SessionInfo) {
    setError(null);
    setNotice(null);
    setBusy((current) => new Set(current).add(session.id));
    try {
      await revokeSession(session.id);
      sessions.set((items) => items.filter((s) => s.id !== session.id));
      setNotice(`Signed out ${describeUserAgent(session.user_agent)}.`);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy((current) => {
        const rest = new Set(current);
        rest.delete(session.id);
        return rest;
      });
    }
  }

  async function signOutOthers() {
    setError(null);
    setNotice(null);
    setRevokingOthers(true);
    try {
      const { revoked } = await revokeOtherSessions();
      sessions.set((items) => items.filter((s) => s.current));
      setNotice(
        revoked === 1 ? "Signed out 1 other session." : `Signed out ${revoked} other sessions.`,
      );
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setRevokingOthers(false);
    }
  }

  return (
    <section className="panel">
      <div className="panel__header">
        <h2>Sessions</h2>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => void signOutOthers()}
          disabled={revokingOthers || others.length === 0}
        >
          {revokingOthers ? "Signing out…" : "Sign out other sessions"}
        </button>
      </div>
      <p className="panel__intro">
        Devices and browsers signed in to your account. Sign out any you do not recognise.
      </p>
      <FormAlert message={error} />
      <FormNotice message={notice} />
      {sessions.status === "error" ? (
        <div className="notice notice--error" role="alert">
          <p>Could not load your sessions. {errorMessage(sessions.error)}</p>
          <p>
            <button type="button" className="button button--secondary" onClick={sessions.reload}>
              Try again
            </button>
          </p>
        </div>
      ) : null}
      {sessions.status === "loading" && sessions.data === undefined ? (
        <p className="muted" aria-busy="true">
          Loading sessions…
        </p>
      ) : null}
      {sessions.data !== undefined ? (
        <div className="table-wrap">
          <table className="table table--stack" role="table">
            <caption className="visually-hidden">Active sessions</caption>
            <TableHead columns={COLUMNS} actions />
            <tbody>
              {list.map((session) => {
                const deviceId = `session-${session.id}-device`;
                return (
                  <tr key={session.id} role="row" data-current={session.current || undefined}>
                    <td role="cell" className="table__title">
                      <span id={deviceId} title={session.user_agent ?? undefined}>
                        {describeUserAgent(session.user_agent)}
                      </span>
                      {session.current ? <span className="badge badge--accent">This device</span> : null}
                      <span className="table__sub">
                        Signed in {formatDateTime(session.created_at)}
                      </span>
                    </td>
                    <td role="cell" data-label="IP address">
                      {session.ip ?? "Unknown"}
                    </td>
                    <td role="cell" data-label="Last active">
                      <time dateTime={session.last_seen_at} title={formatDateTime(session.last_seen_at)}>
                        {session.current ? "Now" : relativeTime(session.last_seen_at)}
                      </time>
                    </td>
                    <td role="cell" className="table__actions">
                      {session.current ? null : (
                        <button
                          type="button"
                          className="button button--small button--secondary"
                          aria-describedby={deviceId}
                          onClick={() => void signOut(session)}
                          disabled={busy.has(session.id)}
                        >
                          {busy.has(session.id) ? "Signing out…" : "Sign out"}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
