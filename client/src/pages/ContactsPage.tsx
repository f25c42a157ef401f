import { EmptyState, Page } from "../components/Page";

export default function ContactsPage() {
  return (
    <Page title="Contacts">
      <EmptyState>
        <p>Your subscribers, their lists and tags.</p>
        <p>Contacts you add or import from a CSV file will be listed here.</p>
      </EmptyState>
    </Page>
  );
}
