import { useState } from "react";
import { useAuth } from "../auth/AuthContext";
import { Page } from "../components/Page";
import { ApiKeysSection } from "./settings/ApiKeysSection";
import { PasswordSection } from "./settings/PasswordSection";
import { ProfileSection } from "./settings/ProfileSection";
import { SenderSection } from "./settings/SenderSection";
import { SessionsSection } from "./settings/SessionsSection";

export default function SettingsPage() {
  const { me } = useAuth();
  // Changing the password ends the other sessions; bumping this re-reads the list.
  const [sessionsVersion, setSessionsVersion] = useState(0);
  return (
    <Page title="Settings" className="page--settings">
      <p className="page__intro">Your account, the sender your emails show, where you are signed in, and API keys.</p>
      {me ? <ProfileSection me={me} /> : null}
      {me ? <SenderSection canManage={me.capabilities.includes("workspace:manage")} /> : null}
      <PasswordSection onChanged={() => setSessionsVersion((n) => n + 1)} />
      <SessionsSection key={sessionsVersion} />
      {me?.capabilities.includes("api_keys:manage") ? (
        <ApiKeysSection />
      ) : (
        <section className="panel">
          <h2>API keys</h2>
          <p className="panel__intro">
            Only workspace owners and admins can create and revoke API keys. Ask one of them if
            you need a key.
          </p>
        </section>
      )}
    </Page>
  );
}
