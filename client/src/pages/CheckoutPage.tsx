import { EmptyState, Page } from "../components/Page";

export default function CheckoutPage() {
  return (
    <Page title="Checkout">
      <EmptyState>
        <p>Upgrade your workspace to a paid plan.</p>
      </EmptyState>
    </Page>
  );
}
