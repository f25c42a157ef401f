import type { ReactNode } from "react";
import { Page } from "./Page";

interface AuthCardProps {
  title: string;
  intro?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}

/** The narrow, centred layout of the sign-up, log-in and recovery pages. */
export function AuthCard({ title, intro, children, footer }: AuthCardProps) {
  return (
    <Page title={title} className="page--auth">
      {intro ? <div className="page__intro">{intro}</div> : null}
      <div className="card">{children}</div>
      {footer ? <div className="auth-footer">{footer}</div> : null}
    </Page>
  );
}
