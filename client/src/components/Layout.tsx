import { useState } from "react";
import { Link, NavLink, Outlet, useLocation } from "react-router";
import { useAuth } from "../auth/AuthContext";
import { withNext } from "../auth/safeNext";
import { errorMessage } from "../forms/errors";
import { ConnectionStatus } from "./ConnectionStatus";

export const NAV_ITEMS = [
  { to: "/chat", label: "Chat" },
  { to: "/templates", label: "Templates" },
  { to: "/contacts", label: "Contacts" },
  { to: "/campaigns", label: "Campaigns" },
  { to: "/activity", label: "Activity" },
  { to: "/settings", label: "Settings" },
  { to: "/pricing", label: "Pricing" },
] as const;

const AUTH_PATHS = ["/login", "/signup", "/verify", "/forgot", "/reset"];

function AccountMenu() {
  const auth = useAuth();
  const location = useLocation();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (auth.status === "loading") return <div className="account" aria-hidden="true" />;

  if (!auth.me) {
    // Come back to the page being viewed, unless it is one of the auth pages.
    const here = `${location.pathname}${location.search}`;
    const next = AUTH_PATHS.some((p) => location.pathname.startsWith(p)) ? null : here;
    return (
      <div className="account">
        <Link to={withNext("/login", next)} className="account__link">
          Log in
        </Link>
        <Link to={withNext("/signup", next)} className="button button--primary button--small">
          Sign up
        </Link>
      </div>
    );
  }

  async function logOut() {
    setPending(true);
    setError(null);
    try {
      // App pages then send the user to /login; a public page (pricing) stays put.
      await auth.logout();
    } catch (caught) {
      setError(`Could not log out. ${errorMessage(caught)}`);
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="account">
      <span className="account__name" title={auth.me.email}>
        {auth.me.name}
      </span>
      <button
        type="button"
        className="button button--secondary button--small"
        onClick={() => void logOut()}
        disabled={pending}
      >
        {pending ? "Logging out…" : "Log out"}
      </button>
      {error ? (
        <p className="account__error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function Layout() {
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <div className="app-header__inner">
          <Link to="/chat" className="brand">
            <span className="brand__mark" aria-hidden="true" />
            Inkwell
          </Link>
          <nav aria-label="Main" className="main-nav">
            <ul>
              {NAV_ITEMS.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to}>{item.label}</NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <ConnectionStatus />
          <AccountMenu />
        </div>
      </header>
      <main id="main" className="app-main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
