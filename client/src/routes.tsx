import type { ComponentType } from "react";
import { Navigate, type RouteObject } from "react-router";
import { AuthProvider } from "./auth/AuthContext";
import { AuthLoading, GuestOnly, RequireAuth } from "./auth/RequireAuth";
import { Layout } from "./components/Layout";
import CheckoutPage from "./pages/CheckoutPage";
import ForgotPage from "./pages/ForgotPage";
import LinkAccountPage from "./pages/LinkAccountPage";
import LoginPage from "./pages/LoginPage";
import NotFoundPage from "./pages/NotFoundPage";
import PricingPage from "./pages/PricingPage";
import ResetPage from "./pages/ResetPage";
import RouteErrorPage from "./pages/RouteErrorPage";
import SignupPage from "./pages/SignupPage";
import VerifyPage from "./pages/VerifyPage";

/**
 * The signed-in pages load on first visit, each in its own chunk: the sign-in pages and the
 * shell stay small, and the editor's drag and drop or the chat's socket client are fetched only
 * by the pages that use them.
 */
function page(load: () => Promise<{ default: ComponentType }>) {
  return async () => ({ Component: (await load()).default });
}

/** The one route table, shared by the browser router and the tests. */
export const routes: RouteObject[] = [
  {
    path: "/",
    element: (
      <AuthProvider>
        <Layout />
      </AuthProvider>
    ),
    errorElement: <RouteErrorPage />,
    // While a page's chunk loads on the first visit.
    hydrateFallbackElement: <AuthLoading />,
    children: [
      {
        // Keeps the header and navigation on screen when a page fails.
        errorElement: <RouteErrorPage />,
        children: [
          { index: true, element: <Navigate to="/chat" replace /> },
          {
            // A signed-in visitor has nothing to do here and goes on to `next`.
            element: <GuestOnly />,
            children: [
              { path: "login", element: <LoginPage /> },
              { path: "signup", element: <SignupPage /> },
            ],
          },
          { path: "login/link", element: <LinkAccountPage /> },
          { path: "verify", element: <VerifyPage /> },
          { path: "forgot", element: <ForgotPage /> },
          { path: "reset", element: <ResetPage /> },
          { path: "pricing", element: <PricingPage /> },
          {
            element: <RequireAuth />,
            children: [
              // One route for both, so picking a conversation keeps the page (and its list) mounted.
              { path: "chat/:threadId?", lazy: page(() => import("./pages/ChatPage")) },
              { path: "templates", lazy: page(() => import("./pages/TemplatesPage")) },
              { path: "templates/:templateId", lazy: page(() => import("./pages/TemplateEditorPage")) },
              { path: "contacts", lazy: page(() => import("./pages/ContactsPage")) },
              { path: "campaigns", lazy: page(() => import("./pages/CampaignsPage")) },
              { path: "activity", lazy: page(() => import("./pages/ActivityPage")) },
              { path: "settings", lazy: page(() => import("./pages/SettingsPage")) },
              { path: "checkout", element: <CheckoutPage /> },
            ],
          },
          { path: "*", element: <NotFoundPage /> },
        ],
      },
    ],
  },
];
