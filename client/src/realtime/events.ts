/**
 * Socket.IO event payloads from CONTRACT.md ("Chat", "Contacts", "Campaigns
 * and activity"). Events are hints: after a reconnect, re-read state over REST.
 */

/** The contract does not fix the id type; narrow it once the server's event models are generated. */
export type EntityId = string | number;

export interface ChatToken {
  thread_id: EntityId;
  message_id: EntityId;
  /** Starts at 1 and has no gaps, so a missing number means a missed token. */
  seq: number;
  delta: string;
}

export interface ChatDone {
  thread_id: EntityId;
  message_id: EntityId;
  content: string;
}

export interface ChatError {
  thread_id: EntityId;
  message_id: EntityId;
  code: string;
  message: string;
}

export interface ChatStateChange {
  thread_id: EntityId;
  state: string;
}

export type ImportStatus = "queued" | "running" | "completed" | "failed";

/** Assumed to mirror GET /api/contacts/imports/{id}. */
export interface ImportProgress {
  id: EntityId;
  status: ImportStatus;
  total_rows: number;
  imported: number;
  updated: number;
  skipped: number;
  failed: number;
}

/** Mirrors GET /api/contacts/bulk/{id}: a bulk action running as a job. */
export interface BulkProgress {
  id: string;
  action: "tag" | "untag" | "add_to_list" | "remove_from_list" | "unsubscribe" | "delete";
  status: ImportStatus;
  total: number;
  done: number;
  affected: number;
  error?: string | null;
}

/** The body of GET /api/campaigns/{id}/progress plus the campaign id. */
export interface CampaignProgress {
  campaign_id: EntityId;
  status: string;
  status_reason?: string | null;
  total: number;
  queued: number;
  sending: number;
  sent: number;
  delivered: number;
  failed: number;
  bounced: number;
  opened: number;
  clicked: number;
  unsubscribed: number;
  updated_at: string;
}

export interface ServerToClientEvents {
  "chat:token": (payload: ChatToken) => void;
  "chat:done": (payload: ChatDone) => void;
  "chat:error": (payload: ChatError) => void;
  "chat:state": (payload: ChatStateChange) => void;
  "import:progress": (payload: ImportProgress) => void;
  "bulk:progress": (payload: BulkProgress) => void;
  "campaign:progress": (payload: CampaignProgress) => void;
}

/** The acknowledgement of `chat:join` and `chat:resume`. */
export interface ChatAck {
  ok: boolean;
  code?: string;
  message?: string;
}

/** The acknowledgement of `campaign:watch`: the current snapshot to start from. */
export interface CampaignWatchAck {
  ok: boolean;
  code?: string;
  message?: string;
  progress?: CampaignProgress;
}

export interface ClientToServerEvents {
  "chat:join": (payload: { thread_id: EntityId }, ack: (answer: ChatAck) => void) => void;
  "chat:send": (payload: { thread_id: EntityId; content: string }) => void;
  "chat:resume": (payload: {
    thread_id: EntityId;
    message_id: EntityId;
    after_seq: number;
  }, ack: (answer: ChatAck) => void) => void;
  "campaign:watch": (
    payload: { campaign_id: EntityId },
    ack: (answer: CampaignWatchAck) => void,
  ) => void;
}
