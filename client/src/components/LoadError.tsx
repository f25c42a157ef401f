import { errorMessage } from "../forms/errors";

/** "Could not load the templates." with the reason and a way to try again. */
export function LoadError({ what, error, onRetry }: { what: string; error: unknown; onRetry(): void }) {
  return (
    <div className="notice notice--error" role="alert">
      <p>
        Could not load {what}. {errorMessage(error)}
      </p>
      <p>
        <button type="button" className="button button--small button--secondary" onClick={onRetry}>
          Try again
        </button>
      </p>
    </div>
  );
}
