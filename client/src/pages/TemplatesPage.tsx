import { EmptyState, Page } from "../components/Page";

export default function TemplatesPage() {
  return (
    <Page title="Templates">
      <EmptyState>
        <p>Pick an email template from the marketplace or edit your own.</p>
        <p>Templates you create or duplicate will be listed here.</p>
      </EmptyState>
    </Page>
  );
}
