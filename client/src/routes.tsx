import { Navigate, type RouteObject } from "react-router";
import { AuthProvider } from "./auth/AuthContext";
import { GuestOnly, RequireAuth } from "./auth/RequireAuth";
import { Layout } from "./components/Layout";
import ActivityPage from "./pages/ActivityPage";
import CampaignsPage from "./pages/CampaignsPage";
import ChatPage from "./pages/ChatPage";
import CheckoutPage from "./pages/CheckoutPage";
import ContactsPage from "./pages/ContactsPage";
import ForgotPage from "./pages/ForgotPage";
import LinkAccountPage from "./pages/LinkAccountPage";
import LoginPage from "./pages/LoginPage";
import NotFoundPage from "./pages/NotFoundPage";
import PricingPage from "./pages/PricingPage";
import ResetPage from "./pages/ResetPage";
import RouteErrorPage from "./pages/RouteErrorPage";
import SettingsPage from "./pages/SettingsPage";
import SignupPage from "./pages/SignupPage";
import TemplateEditorPage from "./pages/TemplateEditorPage";
import TemplatesPage from "./pages/TemplatesPage";
import VerifyPage from "./pages/VerifyPage";

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
              { path: "chat/:threadId?", element: <ChatPage /> },
              { path: "templates", element: <TemplatesPage /> },
              { path: "templates/:templateId", element: <TemplateEditorPage /> },
              { path: "contacts", element: <ContactsPage /> },
              { path: "campaigns", element: <CampaignsPage /> },
              { path: "activity", element: <ActivityPage /> },
              { path: "settings", element: <SettingsPage /> },
              { path: "checkout", element: <CheckoutPage /> },
            ],
          },
          { path: "*", element: <NotFoundPage /> },
        ],
      },
    ],
  },
];
