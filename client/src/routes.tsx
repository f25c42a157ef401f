import { Navigate, type RouteObject } from "react-router";
import { Layout } from "./components/Layout";
import ActivityPage from "./pages/ActivityPage";
import CampaignsPage from "./pages/CampaignsPage";
import ChatPage from "./pages/ChatPage";
import CheckoutPage from "./pages/CheckoutPage";
import ContactsPage from "./pages/ContactsPage";
import LoginPage from "./pages/LoginPage";
import NotFoundPage from "./pages/NotFoundPage";
import PricingPage from "./pages/PricingPage";
import RouteErrorPage from "./pages/RouteErrorPage";
import SettingsPage from "./pages/SettingsPage";
import SignupPage from "./pages/SignupPage";
import TemplatesPage from "./pages/TemplatesPage";

/** The one route table, shared by the browser router and the tests. */
export const routes: RouteObject[] = [
  {
    path: "/",
    element: <Layout />,
    errorElement: <RouteErrorPage />,
    children: [
      {
        // Keeps the header and navigation on screen when a page fails.
        errorElement: <RouteErrorPage />,
        children: [
          { index: true, element: <Navigate to="/chat" replace /> },
          { path: "login", element: <LoginPage /> },
          { path: "signup", element: <SignupPage /> },
          { path: "chat", element: <ChatPage /> },
          { path: "templates", element: <TemplatesPage /> },
          { path: "contacts", element: <ContactsPage /> },
          { path: "campaigns", element: <CampaignsPage /> },
          { path: "activity", element: <ActivityPage /> },
          { path: "settings", element: <SettingsPage /> },
          { path: "pricing", element: <PricingPage /> },
          { path: "checkout", element: <CheckoutPage /> },
          { path: "*", element: <NotFoundPage /> },
        ],
      },
    ],
  },
];
