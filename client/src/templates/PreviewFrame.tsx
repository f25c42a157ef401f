import { useCallback } from "react";
import { previewHtml, previewUnsavedHtml, type Section, type Template } from "../api/templates";
import { EmailFrame } from "../components/EmailFrame";

interface PreviewFrameProps {
  templateId: string;
  /** A saved version; the current one when left out. */
  version?: number;
  /** Unsaved content to render instead of a saved version. */
  unsaved?: { sections: Section[]; theme: Template["theme"] };
  /** Names the frame for assistive technology ("Preview of Weekly digest"). */
  title: string;
}

/** The exact HTML the server sends for a template (a saved version or unsaved content). */
export function PreviewFrame({ templateId, version, unsaved, title }: PreviewFrameProps) {
  const load = useCallback(
    (signal: AbortSignal) =>
      unsaved
        ? previewUnsavedHtml(unsaved.sections, unsaved.theme, signal)
        : previewHtml(templateId, version, signal),
    [templateId, version, unsaved],
  );
  return <EmailFrame load={load} title={title} />;
}
