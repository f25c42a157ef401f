import { Link, useLocation } from "react-router";
import { Page } from "../components/Page";

export default function NotFoundPage() {
  const { pathname } = useLocation();
  return (
    <Page title="Page not found">
      <p>
        There is no page at <code>{pathname}</code>.
      </p>
      <p>
        <Link to="/chat">Go to Chat</Link>
      </p>
    </Page>
  );
}
