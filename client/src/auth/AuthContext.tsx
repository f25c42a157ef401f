import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from "react";
import { useLocation } from "react-router";
import { getMe, logout as logoutRequest, type Me } from "../api/auth";
import { ApiError, onUnauthorized } from "../api/client";
import { connect, disconnect, restart } from "../realtime/socket";

/**
 * `loading` until the first `/api/auth/me` answers; `error` when it could not
 * be asked (server down, network), which is not the same as signed out.
 */
export type AuthStatus = "loading" | "signed_in" | "signed_out" | "error";

export interface AuthContextValue {
  status: AuthStatus;
  me: Me | null;
  /** Re-reads `/api/auth/me`; resolves to the user, or `null` when signed out. */
  refresh(): Promise<Me | null>;
  /** Call with the `Me` a login, verify, reset or link call answered with. */
  signedIn(me: Me): void;
  /** Replaces the user's details without touching the session (profile, password). */
  update(me: Me): void;
  /** Ends the session on the server, then forgets the user here. */
  logout(): Promise<void>;
  /**
   * True on the page where the user just logged out, so that page sends them
   * to /login without asking to come back to it. Any navigation clears it.
   */
  justLoggedOut: boolean;
}

const AuthContext = createContext<AuthContextValue | null>(null);

interface State {
  status: AuthStatus;
  me: Me | null;
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<State>({ status: "loading", me: null });
  const location = useLocation();
  const locationKey = useRef(location.key);
  const [loggedOutAt, setLoggedOutAt] = useState<string | null>(null);
  useEffect(() => {
    locationKey.current = location.key;
    if (loggedOutAt !== null && loggedOutAt !== location.key) setLoggedOutAt(null);
  }, [location.key, loggedOutAt]);
  const signedInRef = useRef(false);
  useEffect(() => {
    signedInRef.current = state.me !== null;
  }, [state.me]);

  const refresh = useCallback(async (): Promise<Me | null> => {
    try {
      const me = await getMe();
      setState({ status: "signed_in", me });
      // The server only accepts signed-in sockets: start it once we know there is a user.
      connect();
      return me;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        setState({ status: "signed_out", me: null });
        return null;
      }
      // Keep a known user through a blip; only a first load has nothing to fall back to.
      setState((current) => (current.me ? current : { status: "error", me: null }));
      throw error;
    }
  }, []);

  const signedIn = useCallback((me: Me) => {
    setState({ status: "signed_in", me });
    // The socket handshake carries the cookie, so reconnect as the new user.
    restart();
  }, []);

  const update = useCallback((me: Me) => {
    setState({ status: "signed_in", me });
  }, []);

  const logout = useCallback(async () => {
    try {
      await logoutRequest();
    } catch (error) {
      // Already signed out on the server: nothing left to end.
      if (!(error instanceof ApiError && error.status === 401)) throw error;
    }
    setLoggedOutAt(locationKey.current);
    setState({ status: "signed_out", me: null });
    // Anonymous sockets are refused, so close it rather than reconnect without a session.
    disconnect();
  }, []);

  // Load the user once at start (the ref survives StrictMode's effect replay).
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    refresh().catch(() => undefined);
  }, [refresh]);

  // Any API call answering 401 `unauthorized` means the session is gone.
  useEffect(
    () =>
      onUnauthorized(() => {
        if (!signedInRef.current) return;
        setState({ status: "signed_out", me: null });
        disconnect();
      }),
    [],
  );

  const justLoggedOut = loggedOutAt !== null && loggedOutAt === location.key;
  const value = useMemo<AuthContextValue>(
    () => ({ status: state.status, me: state.me, refresh, signedIn, update, logout, justLoggedOut }),
    [state, refresh, signedIn, update, logout, justLoggedOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error("useAuth needs an <AuthProvider> above it");
  return value;
}
