import { EmptyState, Page } from "../components/Page";

export default function CampaignsPage() {
  return (
    <Page title="Campaigns">
      <EmptyState>
        <p>Send a newsletter to your contacts now or schedule it for later.</p>
        <p>Campaigns you create will be listed here with their status.</p>
      </EmptyState>
    </Page>
  );
}
