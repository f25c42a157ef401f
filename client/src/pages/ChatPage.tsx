import { EmptyState, Page } from "../components/Page";

export default function ChatPage() {
  return (
    <Page title="Chat">
      <EmptyState>
        <p>Describe your newsletter and the assistant drafts it.</p>
        <p>Your conversations and their drafts will appear here.</p>
      </EmptyState>
    </Page>
  );
}
