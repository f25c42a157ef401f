import { Navigate, Outlet, useLocation, useSearchParams } from "react-router";
import { Page } from "../components/Page";
import { useAuth } from "./AuthContext";
import { safeNext } from "./safeNext";

/** Shown while the first `/api/auth/me` is in flight. */
export function AuthLoading() {
  return (
    <div className="page-loading" aria-busy="true">
      <span className="spinner" aria-hidden="true" />
      Loading…
    </div>
  );
}

function AuthUnavailable() {
  const { refresh } = useAuth();
  return (
    <Page title="Inkwell is unreachable">
      <div className="notice notice--error" role="alert">
        Could not reach Inkwell to check your sign-in. Check your connection and try again.
      </div>
      <p>
        <button
          type="button"
          className="button"
          onClick={() => void refresh().catch(() => undefined)}
        >
          Try again
        </button>
      </p>
    </Page>
  );
}

/**
 * Wraps the app pages: signed-out visitors go to /login with the page they
 * asked for in `next`, and come back to it after logging in.
 */
export function RequireAuth() {
  const { status, justLoggedOut } = useAuth();
  const location = useLocation();
  if (status === "loading") return <AuthLoading />;
  if (status === "error") return <AuthUnavailable />;
  if (status === "signed_out") {
    if (justLoggedOut) return <Navigate to="/login" replace />;
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <Outlet />;
}

/** Wraps /login and /signup: a signed-in visitor goes on to `next` (or /chat). */
export function GuestOnly() {
  const { status } = useAuth();
  const [params] = useSearchParams();
  if (status === "loading") return <AuthLoading />;
  if (status === "signed_in") return <Navigate to={safeNext(params.get("next"))} replace />;
  return <Outlet />;
}
