import { useCallback, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { copyTemplate, listTemplates, type Scope, type TemplateSummary } from "../api/templates";
import { LoadError } from "../components/LoadError";
import { Page } from "../components/Page";
import { Tabs, type TabItem } from "../components/Tabs";
import { errorMessage } from "../forms/errors";
import { useLoad } from "../lib/useLoad";
import { DraftContext } from "../templates/DraftContext";
import { editorPath, needsUpgrade } from "../templates/links";
import { PreviewDialog } from "../templates/PreviewDialog";
import { TemplateCard } from "../templates/TemplateCard";

const TABS: readonly TabItem<Scope>[] = [
  { id: "marketplace", label: "Marketplace" },
  { id: "mine", label: "My templates" },
];

interface UseError {
  template: TemplateSummary;
  message: string;
  upgrade: boolean;
}

function TemplateGrid({
  scope,
  threadId,
  onPreview,
  onUse,
  using,
}: {
  scope: Scope;
  threadId: string | null;
  onPreview(template: TemplateSummary): void;
  onUse(template: TemplateSummary): void;
  using: string | null;
}) {
  const load = useCallback((signal: AbortSignal) => listTemplates(scope, signal), [scope]);
  const templates = useLoad(load);

  if (templates.status === "error") {
    return <LoadError what="the templates" error={templates.error} onRetry={templates.reload} />;
  }
  if (templates.data === undefined) {
    return (
      <p className="page-loading" role="status">
        Loading templates…
      </p>
    );
  }
  if (templates.data.length === 0) {
    return (
      <div className="empty-state">
        {scope === "mine" ? (
          <>
            <p>You have no templates yet.</p>
            <p>Pick one in the marketplace with “Use this template” and it appears here.</p>
          </>
        ) : (
          <p>The marketplace is empty. Run `make seed` to load the catalog.</p>
        )}
      </div>
    );
  }
  return (
    <ul className="template-grid" aria-label={scope === "mine" ? "My templates" : "Marketplace templates"}>
      {templates.data.map((template) => {
        const describedBy = `template-${template.id}-name`;
        return (
          <TemplateCard key={template.id} template={template}>
            <button
              type="button"
              className="button button--small button--secondary"
              aria-describedby={describedBy}
              onClick={() => onPreview(template)}
            >
              Preview
            </button>
            {scope === "mine" ? (
              <Link
                className="button button--small button--primary"
                aria-describedby={describedBy}
                to={editorPath(template.id, threadId)}
              >
                Edit
              </Link>
            ) : (
              <button
                type="button"
                className="button button--small button--primary"
                aria-describedby={describedBy}
                disabled={using !== null}
                onClick={() => onUse(template)}
              >
                {using === template.id ? "Copying…" : "Use this template"}
              </button>
            )}
          </TemplateCard>
        );
      })}
    </ul>
  );
}

export default function TemplatesPage() {
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useSearchParams();
  const scope: Scope = searchParams.get("tab") === "mine" ? "mine" : "marketplace";
  const threadId = searchParams.get("thread");
  const [previewing, setPreviewing] = useState<TemplateSummary | null>(null);
  const [using, setUsing] = useState<string | null>(null);
  const [useError, setUseError] = useState<UseError | null>(null);
  function selectTab(next: Scope) {
    const params = new URLSearchParams(searchParams);
    if (next === "mine") params.set("tab", "mine");
    else params.delete("tab");
    setSearchParams(params, { replace: true });
    setUseError(null);
  }

  async function use(template: TemplateSummary) {
    setUsing(template.id);
    setUseError(null);
    try {
      // From a chat thread the draft's subject names the copy; otherwise the template's name.
      const copy = await copyTemplate(template.id, threadId ? { threadId } : { name: template.name });
      void navigate(editorPath(copy.id, threadId));
    } catch (error) {
      setUseError({ template, message: errorMessage(error), upgrade: needsUpgrade(error) });
      setPreviewing(null);
      setUsing(null);
    }
  }

  return (
    <Page title="Templates" className="page--templates">
      <p className="page__intro muted">
        Start from a marketplace template, or keep editing one of yours. Every change is saved as
        you type.
      </p>
      {threadId ? <DraftContext threadId={threadId} /> : null}

      <Tabs
        label="Templates"
        tabs={TABS}
        selected={scope}
        onSelect={selectTab}
        idPrefix="templates"
        className="templates__tabs"
      />

      {useError ? (
        <div className="notice notice--error" role="alert">
          <p>
            {useError.upgrade
              ? useError.message
              : `Could not use “${useError.template.name}”. ${useError.message}`}
          </p>
          {useError.upgrade ? (
            <p>
              <Link to="/pricing">See plans on the Pricing page</Link>
            </p>
          ) : null}
        </div>
      ) : null}

      <div role="tabpanel" id="templates-panel" aria-labelledby={`templates-${scope}`}>
        <TemplateGrid
          key={scope}
          scope={scope}
          threadId={threadId}
          onPreview={setPreviewing}
          onUse={(template) => void use(template)}
          using={using}
        />
      </div>

      {previewing ? (
        <PreviewDialog
          template={previewing}
          onClose={() => setPreviewing(null)}
          actions={
            previewing.scope === "marketplace" ? (
              <button
                type="button"
                className="button button--primary"
                disabled={using !== null}
                onClick={() => void use(previewing)}
              >
                {using === previewing.id ? "Copying…" : "Use this template"}
              </button>
            ) : (
              <Link className="button button--primary" to={editorPath(previewing.id, threadId)}>
                Edit
              </Link>
            )
          }
        />
      ) : null}
    </Page>
  );
}
