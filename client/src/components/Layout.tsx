import { Link, NavLink, Outlet } from "react-router";
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
        </div>
      </header>
      <main id="main" className="app-main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
