import { useCallback, useRef, useState, type KeyboardEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { copyTemplate, listTemplates, type Scope, type TemplateSummary } from "../api/templates";
import { Page } from "../components/Page";
import { errorMessage } from "../forms/errors";
import { useLoad } from "../lib/useLoad";
import { DraftContext } from "../templates/DraftContext";
import { editorPath, needsUpgrade } from "../templates/links";
import { PreviewDialog } from "../templates/PreviewDialog";
import { TemplateCard } from "../templates/TemplateCard";

const TABS: { scope: Scope; label: string }[] = [
  { scope: "marketplace", label: "Marketplace" },
  { scope: "mine", label: "My templates" },
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
    return (
      <div className="notice notice--error" role="alert">
        <p>Could not load the templates. {errorMessage(templates.error)}</p>
        <button type="button" className="button button--small button--secondary" onClick={templates.reload}>
          Try again
        </button>
      </div>
    );
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
  const tabRefs = useRef<Partial<Record<Scope, HTMLButtonElement | null>>>({});

  function selectTab(next: Scope, focus = false) {
    const params = new URLSearchParams(searchParams);
    if (next === "mine") params.set("tab", "mine");
    else params.delete("tab");
    setSearchParams(params, { replace: true });
    setUseError(null);
    if (focus) tabRefs.current[next]?.focus();
  }

  function onTabKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
    if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
    event.preventDefault();
    const index = TABS.findIndex((t) => t.scope === scope);
    const next = TABS[(index + (event.key === "ArrowRight" ? 1 : TABS.length - 1)) % TABS.length]!;
    selectTab(next.scope, true);
  }

  async function use(template: TemplateSummary) {
    setUsing(template.id);
    setUseError(null);
    try {
      const copy = await copyTemplate(template.id, template.name);
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

      <div className="tabs templates__tabs" role="tablist" aria-label="Templates">
        {TABS.map((tab) => (
          <button
            key={tab.scope}
            ref={(el) => {
              tabRefs.current[tab.scope] = el;
            }}
            type="button"
            role="tab"
            id={`templates-tab-${tab.scope}`}
            className="tabs__tab"
            aria-selected={scope === tab.scope}
            aria-controls="templates-panel"
            tabIndex={scope === tab.scope ? 0 : -1}
            onClick={() => selectTab(tab.scope)}
            onKeyDown={onTabKeyDown}
          >
            {tab.label}
          </button>
        ))}
      </div>

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

      <div role="tabpanel" id="templates-panel" aria-labelledby={`templates-tab-${scope}`}>
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
