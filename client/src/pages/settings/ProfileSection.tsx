import type { Me } from "../../api/auth";

const ROLE_NAMES: Record<string, string> = { owner: "Owner", admin: "Admin", member: "Member" };
const PLAN_NAMES: Record<string, string> = { free: "Free", pro: "Pro" };

export function ProfileSection({ me }: { me: Me }) {
  return (
    <section className="panel">
      <h2>Profile</h2>
      <dl className="details">
        <div>
          <dt>Name</dt>
          <dd>{me.name}</dd>
        </div>
        <div>
          <dt>Email</dt>
          <dd>{me.email}</dd>
        </div>
        <div>
          <dt>Workspace</dt>
          <dd>
            {me.workspace.name}{" "}
            <span className="badge">{PLAN_NAMES[me.workspace.plan] ?? me.workspace.plan} plan</span>
          </dd>
        </div>
        <div>
          <dt>Role</dt>
          <dd>{ROLE_NAMES[me.role] ?? me.role}</dd>
        </div>
      </dl>
    </section>
  );
}
