import type { Contact } from "../api/contacts";

/** A contact as the API returns it: c1, ada@example.com, subscribed, changed by `overrides`. */
export function contact(overrides: Partial<Contact> = {}): Contact {
  return {
    id: "c1",
    email: "ada@example.com",
    first_name: "",
    last_name: "",
    timezone: null,
    status: "subscribed",
    attributes: {},
    tags: [],
    list_ids: [],
    created_at: "2026-01-01T00:00:00Z",
    ...overrides,
  };
}
