import { EmptyState, Page } from "../components/Page";

export default function ActivityPage() {
  return (
    <Page title="Activity">
      <EmptyState>
        <p>Watch a campaign go out live: sent, delivered, opened, clicked and bounced.</p>
        <p>Activity appears here once a campaign starts sending.</p>
      </EmptyState>
    </Page>
  );
}
