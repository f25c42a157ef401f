import { useId, useState } from "react";
import { Link } from "react-router";
import { generateImage, importImage, uploadImage, type ImageAsset } from "../api/templates";
import { Dialog } from "../components/Dialog";
import { Tabs, type TabItem } from "../components/Tabs";
import { errorMessage } from "../forms/errors";
import { FormAlert } from "../forms/Form";
import { ImageLibrary } from "./ImageLibrary";
import { needsUpgrade } from "./links";

type Mode = "upload" | "url" | "ai" | "library";

const MODES: readonly TabItem<Mode>[] = [
  { id: "upload", label: "Upload" },
  { id: "url", label: "From a URL" },
  { id: "ai", label: "Generate with AI" },
  { id: "library", label: "Your images" },
];

interface ImageDialogProps {
  onClose(): void;
  onPicked(asset: ImageAsset): void;
}

/** Choose an image: upload a file, import one from the web, have AI draw it, or reuse one. */
export function ImageDialog({ onClose, onPicked }: ImageDialogProps) {
  const titleId = useId();
  const fileId = useId();
  const urlId = useId();
  const promptId = useId();
  const [mode, setMode] = useState<Mode>("upload");
  const [file, setFile] = useState<File | null>(null);
  const [url, setUrl] = useState("");
  const [prompt, setPrompt] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<{ message: string; upgrade: boolean } | null>(null);
  function switchMode(next: Mode) {
    setMode(next);
    setError(null);
  }

  async function submit() {
    let action: (() => Promise<ImageAsset>) | null = null;
    if (mode === "upload") {
      if (!file) return setError({ message: "Choose an image file first.", upgrade: false });
      action = () => uploadImage(file);
    } else if (mode === "url") {
      if (!url.trim().startsWith("https://")) {
        return setError({ message: "Enter an https:// address of an image.", upgrade: false });
      }
      action = () => importImage(url.trim());
    } else {
      if (prompt.trim().length < 3) {
        return setError({ message: "Describe the image in a few words.", upgrade: false });
      }
      action = () => generateImage(prompt.trim());
    }
    setPending(true);
    setError(null);
    try {
      onPicked(await action());
    } catch (caught) {
      setError({ message: errorMessage(caught), upgrade: needsUpgrade(caught) });
      setPending(false);
    }
  }

  const submitLabel =
    mode === "upload" ? "Upload image" : mode === "url" ? "Import image" : "Generate image";
  const pendingLabel = mode === "upload" ? "Uploading…" : mode === "url" ? "Importing…" : "Generating…";

  return (
    <Dialog labelledBy={titleId} onClose={onClose}>
      <div className="dialog__header">
        <h2 id={titleId}>Choose an image</h2>
        <button type="button" className="button button--small button--link" onClick={onClose}>
          Close
        </button>
      </div>
      <Tabs label="Image source" tabs={MODES} selected={mode} onSelect={switchMode} idPrefix={titleId} />
      {mode === "library" ? (
        <div id={`${titleId}-panel`} role="tabpanel" aria-labelledby={`${titleId}-library`}>
          <ImageLibrary onPicked={onPicked} />
        </div>
      ) : (
        <form
          id={`${titleId}-panel`}
          role="tabpanel"
          aria-labelledby={`${titleId}-${mode}`}
          className="form"
          noValidate
          aria-busy={pending}
          onSubmit={(event) => {
            event.preventDefault();
            if (!pending) void submit();
          }}
        >
          {error ? (
            <FormAlert message={error.message}>
              {error.upgrade ? (
                <p>
                  <Link to="/pricing">See plans on the Pricing page</Link>
                </p>
              ) : null}
            </FormAlert>
          ) : null}
          {mode === "upload" ? (
            <div className="field">
              <label htmlFor={fileId}>Image file</label>
              <p id={`${fileId}-hint`} className="field__hint">
                PNG, JPEG, GIF or WebP.
              </p>
              <input
                id={fileId}
                type="file"
                accept="image/png,image/jpeg,image/gif,image/webp"
                aria-describedby={`${fileId}-hint`}
                onChange={(event) => setFile(event.target.files?.[0] ?? null)}
              />
            </div>
          ) : mode === "url" ? (
            <div className="field">
              <label htmlFor={urlId}>Image URL</label>
              <p id={`${urlId}-hint`} className="field__hint">
                We copy the image to our servers, so the email never depends on the other site.
              </p>
              <input
                id={urlId}
                type="url"
                value={url}
                placeholder="https://"
                aria-describedby={`${urlId}-hint`}
                onChange={(event) => setUrl(event.target.value)}
              />
            </div>
          ) : (
            <div className="field">
              <label htmlFor={promptId}>Describe the image</label>
              <textarea
                id={promptId}
                rows={3}
                value={prompt}
                onChange={(event) => setPrompt(event.target.value)}
              />
            </div>
          )}
          <div className="form__actions">
            <button type="submit" className="button button--primary" disabled={pending}>
              {pending ? pendingLabel : submitLabel}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
