import { LoadError } from "./LoadError";
import { useLoad } from "../lib/useLoad";

interface EmailFrameProps {
  /** Fetches the email's HTML; a new function loads it again. */
  load(signal: AbortSignal): Promise<string>;
  /** Names the frame for assistive technology ("Preview of Weekly digest"). */
  title: string;
}

/**
 * An email rendered by the server, in a sandboxed frame: no scripts, no same-origin
 * access, so nothing in the email can reach the app.
 */
export function EmailFrame({ load, title }: EmailFrameProps) {
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
