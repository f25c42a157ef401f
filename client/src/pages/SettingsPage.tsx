import { EmptyState, Page } from "../components/Page";

export default function SettingsPage() {
  return (
    <Page title="Settings">
      <EmptyState>
        <p>Your account, your workspace, how your mail is sent, and API keys.</p>
      </EmptyState>
    </Page>
  );
}
