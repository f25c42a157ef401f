import { isRouteErrorResponse, Link, useRouteError } from "react-router";
import { Page } from "../components/Page";

/** Shown in the layout when a route throws while loading or rendering. */
export default function RouteErrorPage() {
  const error = useRouteError();
  const detail = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : undefined;
  return (
    <Page title="Something went wrong">
      <p>This page failed to load. Reload to try again.</p>
      {detail ? (
        <p>
          <code>{detail}</code>
        </p>
      ) : null}
      <p>
        <Link to="/chat">Go to Chat</Link>
      </p>
    </Page>
  );
}
