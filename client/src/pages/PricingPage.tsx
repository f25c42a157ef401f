import { EmptyState, Page } from "../components/Page";

export default function PricingPage() {
  return (
    <Page title="Pricing">
      <EmptyState>
        <p>Compare the plans for your workspace. The pro plan unlocks pro templates.</p>
      </EmptyState>
    </Page>
  );
}
