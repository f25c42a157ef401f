import { useCallback } from "react";
import { previewHtml, previewUnsavedHtml, type Section, type Template } from "../api/templates";
import { LoadError } from "../components/LoadError";
import { useLoad } from "../lib/useLoad";

interface PreviewFrameProps {
  templateId: string;
  /** A saved version; the current one when left out. */
  version?: number;
  /** Unsaved content to render instead of a saved version. */
  unsaved?: { sections: Section[]; theme: Template["theme"] };
  /** Names the frame for assistive technology ("Preview of Weekly digest"). */
  title: string;
}

/**
 * The exact HTML the server sends, in a sandboxed frame: no scripts, no same-origin
 * access, so nothing in a template can reach the app.
 */
export function PreviewFrame({ templateId, version, unsaved, title }: PreviewFrameProps) {
  const load = useCallback(
    (signal: AbortSignal) =>
      unsaved
        ? previewUnsavedHtml(unsaved.sections, unsaved.theme, signal)
        : previewHtml(templateId, version, signal),
    [templateId, version, unsaved],
  );
  const preview = useLoad(load);

  if (preview.status === "error") {
    return <LoadError what="the preview" error={preview.error} onRetry={preview.reload} />;
  }
  if (preview.data === undefined) {
    return (
      <p className="page-loading" role="status">
        Loading preview…
      </p>
    );
  }
  return <iframe className="preview-frame" title={title} sandbox="" srcDoc={preview.data} />;
}
