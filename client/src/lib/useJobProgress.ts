import { useEffect, useRef, useState } from "react";
import { errorMessage } from "../forms/errors";
import { on } from "../realtime/socket";
import type { ServerToClientEvents } from "../realtime/events";

export const POLL_MS = 1000;

interface Job {
  status: string;
}

export function isJobDone(job: Job | null): boolean {
  return job?.status === "completed" || job?.status === "failed";
}

type ProgressEvent = "import:progress" | "bulk:progress";

export interface JobProgressOptions<J extends Job, E extends ProgressEvent> {
  /** The job to follow; nothing happens while it is null. */
  id: string | null;
  /** GET of the job's status: the truth, polled every POLL_MS until the job ends. */
  fetchJob(id: string): Promise<J>;
  /** The socket event carrying the same body; events are hints that arrive sooner. */
  event: E;
  /** The job from an event's payload, or null when the event is about another job. */
  fromEvent(payload: Parameters<ServerToClientEvents[E]>[0], id: string): J | null;
  /** How far the job got; an older answer that got less far is ignored. */
  progress(job: J): number;
  onDone(job: J): void;
}

/** Follows one background job: socket events as hints, a GET every second until it ends. */
export function useJobProgress<J extends Job, E extends ProgressEvent>(
  options: JobProgressOptions<J, E>,
): { job: J | null; pollError: string | null } {
  const { id } = options;
  const [job, setJob] = useState<J | null>(null);
  const [pollError, setPollError] = useState<string | null>(null);
  const optionsRef = useRef(options);
  useEffect(() => {
    optionsRef.current = options;
  });

  useEffect(() => {
    if (!id) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let finished = false;

    function accept(next: J) {
      if (stopped || finished) return;
      setJob((previous) => {
        const { progress } = optionsRef.current;
        // Counts only grow: an older answer must not move the bar back.
        if (previous && !isJobDone(next) && progress(next) < progress(previous)) return previous;
        return next;
      });
      if (isJobDone(next)) {
        finished = true;
        if (timer) clearTimeout(timer);
        optionsRef.current.onDone(next);
      }
    }

    async function poll() {
      try {
        const next = await optionsRef.current.fetchJob(id!);
        setPollError(null);
        accept(next);
      } catch (error) {
        if (!stopped) setPollError(errorMessage(error));
      }
      if (!stopped && !finished) timer = setTimeout(() => void poll(), POLL_MS);
    }

    let unsubscribe: () => void = () => {};
    try {
      const listener = (payload: Parameters<ServerToClientEvents[E]>[0]) => {
        const next = optionsRef.current.fromEvent(payload, id);
        if (!next) return;
        if (isJobDone(next)) {
          // The GET carries the job's error too; let it settle the job.
          if (timer) clearTimeout(timer);
          void poll();
          return;
        }
        accept(next);
      };
      unsubscribe = on(optionsRef.current.event, listener as ServerToClientEvents[E]);
    } catch {
      // No socket: polling alone still gets there.
    }
    timer = setTimeout(() => void poll(), POLL_MS);
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      unsubscribe();
    };
  }, [id]);

  return { job, pollError };
}
