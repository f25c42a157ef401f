import { Link } from "react-router";
import { EmptyState, Page } from "../components/Page";

export default function SignupPage() {
  return (
    <Page title="Sign up">
      <EmptyState>
        <p>Create an account, confirm your email with a 6-digit code, and start drafting.</p>
        <p>
          Already have an account? <Link to="/login">Log in</Link>
        </p>
      </EmptyState>
    </Page>
  );
}
