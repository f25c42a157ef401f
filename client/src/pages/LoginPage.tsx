import { Link } from "react-router";
import { EmptyState, Page } from "../components/Page";

export default function LoginPage() {
  return (
    <Page title="Log in">
      <EmptyState>
        <p>Log in to your Inkwell workspace with your email and password.</p>
        <p>
          New to Inkwell? <Link to="/signup">Sign up</Link>
        </p>
      </EmptyState>
    </Page>
  );
}
