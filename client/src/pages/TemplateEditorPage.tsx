import { useCallback, useState } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import {
  duplicateTemplate,
  sendTest,
  getTemplate,
  isVersionConflict,
  publishTemplate,
  saveTemplate,
  unpublishTemplate,
  type ImageAsset,
  type Section,
  type Template,
  type TemplateContent,
} from "../api/templates";
import { ApiError } from "../api/client";
import { Page } from "../components/Page";
import { FormNotice } from "../forms/Form";
import { errorMessage } from "../forms/errors";
import { useLoad } from "../lib/useLoad";
import { ConflictDialog } from "../templates/ConflictDialog";
import { TextInput } from "../templates/controls";
import { DraftContext } from "../templates/DraftContext";
import { ImageDialog } from "../templates/ImageDialog";
import { editorPath } from "../templates/links";
import { PreviewDialog } from "../templates/PreviewDialog";
import { describeSaveError } from "../templates/saveErrors";
import { SaveStatus } from "../templates/SaveStatus";
import { SectionList } from "../templates/SectionList";
import {
  ADDABLE,
  blankSection,
  insertSection,
  moveById,
  moveSection,
  removeSection,
  replaceSection,
  SECTION_LABELS,
  type AddableType,
} from "../templates/sections";
import { useAutosave } from "../templates/useAutosave";
import { VersionHistory } from "../templates/VersionHistory";

function contentOf(template: Template): TemplateContent {
  return { name: template.name, sections: template.sections };
}

function snapshotOf(template: Template) {
  return { version: template.version, content: contentOf(template) };
}

function AddSection({ onAdd }: { onAdd(type: AddableType): void }) {
  const [type, setType] = useState<AddableType>("text");
  return (
    <div className="add-block add-section">
      <label htmlFor="add-section-type">Add a section</label>
      <select
        id="add-section-type"
        value={type}
        onChange={(event) => setType(event.target.value as AddableType)}
      >
        {ADDABLE.map((t) => (
          <option key={t} value={t}>
            {SECTION_LABELS[t]}
          </option>
        ))}
      </select>
      <button type="button" className="button button--secondary" onClick={() => onAdd(type)}>
        Add section
      </button>
    </div>
  );
}

function Editor({ template, threadId }: { template: Template; threadId: string | null }) {
  const navigate = useNavigate();
  const [meta, setMeta] = useState(template);
  const [imagePicker, setImagePicker] = useState<((asset: ImageAsset) => void) | null>(null);
  // What the preview shows: the saved version, or the unsaved draft as it stood on opening.
  const [previewing, setPreviewing] = useState<
    { sections: Section[]; theme: Template["theme"] } | "saved" | null
  >(null);
  const [history, setHistory] = useState(false);
  const [action, setAction] = useState<string | null>(null);
  const [actionError, setActionError] = useState<{ message: string; code: string | null } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const save = useCallback(
    async (version: number, content: TemplateContent) => {
      const saved = await saveTemplate(template.id, version, content);
      setMeta(saved);
      return saved.version;
    },
    [template.id],
  );
  const loadCurrent = useCallback(async () => snapshotOf(await getTemplate(template.id)), [template.id]);
  const autosave = useAutosave<TemplateContent>({
    initial: snapshotOf(template),
    save,
    isConflict: isVersionConflict,
    loadCurrent,
    describe: describeSaveError,
  });
  const { state, edit } = autosave;
  const { draft } = state;
  const idle = state.status === "saved";

  const setSections = (change: (sections: Section[]) => Section[]) =>
    edit((current) => ({ ...current, sections: change(current.sections) }));

  function pickImage(apply: (asset: ImageAsset) => void) {
    // A function in state must be wrapped, or React would call it as an updater.
    setImagePicker(() => apply);
  }

  function addSection(type: AddableType) {
    if (type === "image") {
      pickImage((asset) =>
        setSections((sections) =>
          insertSection(sections, { ...blankSection("image", asset.path), asset_id: asset.id } as Section),
        ),
      );
      return;
    }
    setSections((sections) => insertSection(sections, blankSection(type)));
  }

  async function run<T>(label: string, call: () => Promise<T>, then: (result: T) => void) {
    setAction(label);
    setActionError(null);
    setNotice(null);
    try {
      then(await call());
    } catch (error) {
      setActionError({ message: errorMessage(error), code: error instanceof ApiError ? error.code : null });
    } finally {
      setAction(null);
    }
  }

  const published = meta.status === "published";

  return (
    <Page title="Edit template" className="page--template-editor">
      <p>
        <Link to={threadId ? `/templates?thread=${encodeURIComponent(threadId)}&tab=mine` : "/templates?tab=mine"}>
          ← All templates
        </Link>
      </p>
      <div className="editor__toolbar">
        <div className="editor__title">
          <span className="badge">{published ? "Published" : "Draft"}</span>
          {meta.is_pro ? <span className="badge badge--accent">Pro</span> : null}
          <span className="muted">Version {state.version}</span>
          <SaveStatus status={state.status} error={state.error} onRetry={autosave.retry} />
        </div>
        <div className="editor__actions">
          <button type="button" className="button button--secondary" onClick={() => setPreviewing(idle ? "saved" : { sections: draft.sections, theme: meta.theme })}>
            Preview
          </button>
          <button type="button" className="button button--secondary" onClick={() => setHistory(true)}>
            Version history
          </button>
          <button
            type="button"
            className="button button--secondary"
            disabled={action !== null || !idle}
            title={idle ? undefined : "Wait until your changes are saved"}
            onClick={() =>
              void run("test", () => sendTest(template.id), (sent) =>
                setNotice(`Test sent to ${sent.to}. It is exactly what recipients will get.`),
              )
            }
          >
            {action === "test" ? "Sending…" : "Send a test"}
          </button>
          <button
            type="button"
            className="button button--secondary"
            disabled={action !== null}
            onClick={() =>
              void run("duplicate", () => duplicateTemplate(template.id), (copy) =>
                void navigate(editorPath(copy.id, threadId)),
              )
            }
          >
            {action === "duplicate" ? "Duplicating…" : "Duplicate"}
          </button>
          {meta.available ? (
            <Link
              className="button button--secondary"
              to={`/campaigns?new=1&template=${encodeURIComponent(template.id)}`}
            >
              Send as a campaign
            </Link>
          ) : null}
          <button
            type="button"
            className="button button--primary"
            disabled={action !== null || !idle}
            title={idle ? undefined : "Wait until your changes are saved"}
            onClick={() =>
              void run(
                published ? "unpublish" : "publish",
                () => (published ? unpublishTemplate(template.id) : publishTemplate(template.id)),
                setMeta,
              )
            }
          >
            {action === "publish" ? "Publishing…" : action === "unpublish" ? "Unpublishing…" : published ? "Unpublish" : "Publish"}
          </button>
        </div>
      </div>
      {meta.available ? null : (
        <div className="notice notice--error" role="alert">
          <p>“{meta.name}” is a Pro template: your plan cannot save changes to it or send it.</p>
          <p>
            <Link to="/pricing">See plans on the Pricing page</Link>
          </p>
        </div>
      )}
      {actionError ? (
        <div className="notice notice--error" role="alert">
          <p>{actionError.message}</p>
          {actionError.code === "postal_address_missing" ? (
            <p>
              <Link to="/settings">Open Settings</Link>
            </p>
          ) : actionError.code === "plan_required" ? (
            <p>
              <Link to="/pricing">See plans on the Pricing page</Link>
            </p>
          ) : null}
        </div>
      ) : null}
      <FormNotice message={notice} />

      <div className="editor">
        <div className="editor__main">
          <TextInput
            label="Template name"
            value={draft.name}
            onChange={(name) => edit((current) => ({ ...current, name }))}
          />
          <SectionList
            sections={draft.sections}
            onChange={(section) => setSections((sections) => replaceSection(sections, section))}
            onMove={(from, to) => setSections((sections) => moveSection(sections, from, to))}
            onMoveById={(active, over) => setSections((sections) => moveById(sections, active, over))}
            onRemove={(id) => setSections((sections) => removeSection(sections, id))}
            pickImage={pickImage}
          />
          <AddSection onAdd={addSection} />
        </div>
        {threadId ? (
          <div className="editor__aside">
            <DraftContext threadId={threadId} />
          </div>
        ) : null}
      </div>

      {imagePicker ? (
        <ImageDialog
          onClose={() => setImagePicker(null)}
          onPicked={(asset) => {
            imagePicker(asset);
            setImagePicker(null);
          }}
        />
      ) : null}
      {previewing ? (
        <PreviewDialog
          template={meta}
          version={state.version}
          {...(previewing === "saved" ? {} : { unsaved: previewing })}
          onClose={() => setPreviewing(null)}
        />
      ) : null}
      {history ? (
        <VersionHistory
          template={meta}
          version={state.version}
          restoreBlocked={idle ? null : "Restoring is possible once your changes are saved."}
          onClose={() => setHistory(false)}
          onRestored={(restored) => {
            setMeta(restored);
            autosave.replace(snapshotOf(restored));
            setHistory(false);
          }}
        />
      ) : null}
      {state.status === "conflict" && state.conflict ? (
        <ConflictDialog
          conflict={state.conflict}
          onKeepMine={autosave.keepMine}
          onTakeTheirs={autosave.takeTheirs}
          onMerge={autosave.merge}
        />
      ) : null}
    </Page>
  );
}

export default function TemplateEditorPage() {
  const { templateId = "" } = useParams();
  const [searchParams] = useSearchParams();
  const threadId = searchParams.get("thread");
  const load = useCallback((signal: AbortSignal) => getTemplate(templateId, signal), [templateId]);
  const template = useLoad(load);

  if (template.status === "error") {
    return (
      <Page title="Edit template">
        <div className="notice notice--error" role="alert">
          <p>Could not open this template. {errorMessage(template.error)}</p>
          <p>
            <button type="button" className="button button--small button--secondary" onClick={template.reload}>
              Try again
            </button>{" "}
            <Link to="/templates">Back to templates</Link>
          </p>
        </div>
      </Page>
    );
  }
  if (template.status === "loading" || template.data === undefined) {
    return (
      <Page title="Edit template">
        <p className="page-loading" role="status">
          Loading the template…
        </p>
      </Page>
    );
  }
  // Keyed, so opening another template (after "Duplicate") starts a fresh editor.
  return <Editor key={template.data.id} template={template.data} threadId={threadId} />;
}
