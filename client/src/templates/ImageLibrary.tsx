import { listImages, type ImageAsset } from "../api/templates";
import { LoadError } from "../components/LoadError";
import { useLoad } from "../lib/useLoad";

/** The workspace's images, newest first, to use one again. */
export function ImageLibrary({ onPicked }: { onPicked(asset: ImageAsset): void }) {
  const images = useLoad(listImages);
  if (images.status === "error") {
    return <LoadError what="your images" error={images.error} onRetry={images.reload} />;
  }
  if (images.data === undefined) {
    return (
      <p className="muted" role="status">
        Loading your images…
      </p>
    );
  }
  if (images.data.length === 0) {
    return <p className="muted">No images yet. Upload one, import one from a URL or generate one.</p>;
  }
  return (
    <ul className="image-library" aria-label="Your images">
      {images.data.map((asset) => {
        const name = asset.original_name || asset.prompt || asset.source_url || "Image";
        return (
          <li key={asset.id} className="image-library__item">
            <img src={asset.path} alt="" />
            <button
              type="button"
              className="button button--small button--secondary"
              aria-label={`Use ${name}`}
              onClick={() => onPicked(asset)}
            >
              Use
            </button>
          </li>
        );
      })}
    </ul>
  );
}
