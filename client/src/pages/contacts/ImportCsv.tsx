import { useId, useState } from "react";
import {
  getImport,
  importReportUrl,
  startImport,
  type ContactList,
  type DuplicatePolicy,
  type ImportJob,
} from "../../api/contacts";
import { ProgressBar } from "../../components/ProgressBar";
import { errorMessage } from "../../forms/errors";
import { isJobDone as isDone, useJobProgress } from "../../lib/useJobProgress";
import {
  guessMapping,
  IMPORT_FIELDS,
  mappingJson,
  PREVIEW_BYTES,
  previewCsv,
  unclosedQuoteLine,
  type CsvPreview,
  type ImportField,
} from "./csv";

export { POLL_MS } from "../../lib/useJobProgress";

const DELIMITER_NAMES: Record<string, string> = {
  ",": "comma",
  ";": "semicolon",
  "\t": "tab",
  "|": "pipe",
};

function processed(job: ImportJob): number {
  return job.imported + job.updated + job.skipped + job.failed;
}

function readStart(file: File): Promise<string> {
  const slice = file.slice(0, PREVIEW_BYTES);
  if (typeof slice.text === "function") return slice.text();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ""));
    reader.onerror = () => reject(reader.error ?? new Error("Could not read the file."));
    reader.readAsText(slice);
  });
}

/** Follows one import job: socket events as hints, a GET every second until it ends. */
function useImportJob(id: string | null, onDone: (job: ImportJob) => void) {
  return useJobProgress({
    id,
    fetchJob: getImport,
    event: "import:progress",
    fromEvent: (payload, jobId) =>
      String(payload.id) === jobId ? { error: null, ...payload, id: String(payload.id) } : null,
    progress: processed,
    onDone,
  });
}

function ImportProgressView({ job, pollError }: { job: ImportJob | null; pollError: string | null }) {
  const total = job?.total_rows ?? 0;
  const done = job ? processed(job) : 0;
  const status = job?.status ?? "queued";
  return (
    <section className="import__progress" aria-label="Import progress">
      <p role="status">
        {status === "queued"
          ? "Waiting for the import to start…"
          : status === "running"
            ? "Importing…"
            : status === "completed"
              ? "Import completed."
              : "Import failed."}
      </p>
      <ProgressBar
        label="Import progress"
        done={done}
        total={total}
        unit="rows"
        complete={status === "completed"}
      />
      {job ? (
        <dl className="import__counts">
          <div>
            <dt>Rows</dt>
            <dd data-count="total">{job.total_rows}</dd>
          </div>
          <div>
            <dt>Imported</dt>
            <dd data-count="imported">{job.imported}</dd>
          </div>
          <div>
            <dt>Updated</dt>
            <dd data-count="updated">{job.updated}</dd>
          </div>
          <div>
            <dt>Skipped</dt>
            <dd data-count="skipped">{job.skipped}</dd>
          </div>
          <div>
            <dt>Failed</dt>
            <dd data-count="failed">{job.failed}</dd>
          </div>
        </dl>
      ) : null}
      {job?.status === "failed" ? (
        <p className="notice notice--error" role="alert">
          {job.error || "The import stopped with an error."}
        </p>
      ) : null}
      {pollError && !isDone(job) ? (
        <p className="field__error">Could not check the import: {pollError} Retrying…</p>
      ) : null}
      {job?.status === "completed" ? (
        <p>
          {`Imported ${job.imported}, updated ${job.updated}, skipped ${job.skipped}, failed ${job.failed}.`}
          {job.skipped + job.failed > 0 ? (
            <>
              {" "}
              <a href={importReportUrl(job.id)} download>
                Download report
              </a>
            </>
          ) : null}
        </p>
      ) : null}
    </section>
  );
}

interface ImportCsvProps {
  lists: ContactList[];
  onClose(): void;
  /** The job ended (completed or failed): refresh the table. */
  onFinished(job: ImportJob): void;
}

export function ImportCsv({ lists, onClose, onFinished }: ImportCsvProps) {
  const fileId = useId();
  const duplicatesId = useId();
  const listId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<CsvPreview | null>(null);
  const [fields, setFields] = useState<ImportField[]>([]);
  const [readError, setReadError] = useState<string | null>(null);
  const [policy, setPolicy] = useState<DuplicatePolicy>("skip");
  const [list, setList] = useState("");
  const [pending, setPending] = useState(false);
  const [startError, setStartError] = useState<string | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const { job, pollError } = useImportJob(jobId, onFinished);

  async function choose(chosen: File | null) {
    setFile(chosen);
    setPreview(null);
    setFields([]);
    setReadError(null);
    setStartError(null);
    if (!chosen) return;
    try {
      const text = await readStart(chosen);
      const parsed = previewCsv(text);
      if (parsed.headers.length === 0) {
        setReadError("This file looks empty.");
        return;
      }
      // Only a file read whole can be known to end inside a quote; the server checks the rest.
      const openQuote = chosen.size <= PREVIEW_BYTES ? unclosedQuoteLine(text, parsed.delimiter) : null;
      if (openQuote !== null) {
        setReadError(
          `Line ${openQuote}: a quote opened here is never closed, so the rest of the file would be read as one cell. Close the quote and choose the file again.`,
        );
        return;
      }
      setPreview(parsed);
      setFields(guessMapping(parsed.headers));
    } catch (error) {
      setReadError(`Could not read the file. ${errorMessage(error)}`);
    }
  }

  async function start() {
    if (!file || !preview) {
      setStartError("Choose a CSV file first.");
      return;
    }
    if (!fields.includes("email")) {
      setStartError("Map one column to Email.");
      return;
    }
    setPending(true);
    setStartError(null);
    try {
      const started = await startImport({
        file,
        fileName: file.name,
        duplicatePolicy: policy,
        listId: list,
        mapping: mappingJson(preview.headers, fields),
      });
      setJobId(started.id);
    } catch (error) {
      setStartError(errorMessage(error));
    } finally {
      setPending(false);
    }
  }

  if (jobId) {
    return (
      <div className="import">
        <ImportProgressView job={job} pollError={pollError} />
        <div className="form__actions">
          <button type="button" className="button button--secondary" onClick={onClose}>
            {isDone(job) ? "Close" : "Close (the import carries on)"}
          </button>
        </div>
      </div>
    );
  }

  return (
    <form
      className="form import"
      aria-label="Import CSV"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void start();
      }}
    >
      {startError ? (
        <p className="notice notice--error" role="alert">
          {startError}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor={fileId}>CSV file</label>
        <input
          id={fileId}
          name="file"
          type="file"
          accept=".csv,text/csv,text/plain"
          onChange={(event) => void choose(event.target.files?.[0] ?? null)}
        />
        {readError ? <p className="field__error">{readError}</p> : null}
      </div>

      {preview ? (
        <>
          <p className="muted">
            {`Detected ${preview.headers.length} column${preview.headers.length === 1 ? "" : "s"} (${
              DELIMITER_NAMES[preview.delimiter] ?? preview.delimiter
            } separated): ${preview.headers.join(", ")}`}
          </p>
          <div className="table-wrap">
            <table className="table import__preview">
              <caption>Preview (first {preview.rows.length} rows)</caption>
              <thead>
                <tr>
                  {preview.headers.map((header, index) => (
                    <th key={index} scope="col">
                      {header || <span className="muted">(no header)</span>}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((row, r) => (
                  <tr key={r}>
                    {preview.headers.map((_, c) => (
                      <td key={c}>{row[c] ?? ""}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <table className="table import__mapping">
            <caption>Column mapping</caption>
            <thead>
              <tr>
                <th scope="col">Column</th>
                <th scope="col">Import as</th>
              </tr>
            </thead>
            <tbody>
              {preview.headers.map((header, index) => (
                <tr key={index}>
                  <th scope="row">{header || "(no header)"}</th>
                  <td>
                    <select
                      aria-label={`Import column ${header || index + 1} as`}
                      value={fields[index] ?? "attribute"}
                      disabled={!header}
                      onChange={(event) => {
                        const value = event.target.value as ImportField;
                        setFields((previous) => previous.map((f, i) => (i === index ? value : f)));
                      }}
                    >
                      {IMPORT_FIELDS.map((option) => (
                        <option key={option.value} value={option.value}>
                          {option.label}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {fields.includes("timezone") ? (
            <p className="muted">
              Time zones are IANA names such as Europe/Berlin (any letter case). A row with a zone
              we do not know is not imported; the report lists it so you can fix it and import it
              again. An empty cell keeps a contact's current zone.
            </p>
          ) : null}
        </>
      ) : null}

      <div className="form__row">
        <div className="field">
          <label htmlFor={duplicatesId}>Duplicates</label>
          <select
            id={duplicatesId}
            value={policy}
            onChange={(event) => setPolicy(event.target.value as DuplicatePolicy)}
          >
            <option value="skip">Skip</option>
            <option value="update">Update existing</option>
            <option value="error">Report as error</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={listId}>Add to list</label>
          <select id={listId} value={list} onChange={(event) => setList(event.target.value)}>
            <option value="">No list</option>
            {lists.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={pending || !preview}>
          {pending ? "Starting import…" : "Start import"}
        </button>
        <button type="button" className="button button--secondary" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
