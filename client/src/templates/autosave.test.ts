import { describe, expect, it } from "vitest";
import {
  autosaveReducer,
  hasUnsavedWork,
  initialState,
  wantsSave,
  type AutosaveEvent,
  type AutosaveState,
} from "./autosave";

type S = AutosaveState<string>;

function run(state: S, ...events: AutosaveEvent<string>[]): S {
  return events.reduce(autosaveReducer<string>, state);
}

const edit = (text: string): AutosaveEvent<string> => ({ type: "edited", change: () => text });
const start = initialState({ version: 3, content: "v3" });

describe("autosaveReducer", () => {
  it("starts saved and asks for a save after an edit", () => {
    expect(start.status).toBe("saved");
    expect(wantsSave(start)).toBe(false);
    const edited = run(start, edit("mine"));
    expect(edited.status).toBe("dirty");
    expect(edited.draft).toBe("mine");
    expect(wantsSave(edited)).toBe(true);
    expect(hasUnsavedWork(edited)).toBe(true);
  });

  it("ignores an edit that changes nothing", () => {
    expect(run(start, { type: "edited", change: (d) => d })).toBe(start);
  });

  it("composes quick edits through the change function", () => {
    const state = run(
      start,
      { type: "edited", change: (d) => `${d}a` },
      { type: "edited", change: (d) => `${d}b` },
    );
    expect(state.draft).toBe("v3ab");
  });

  it("is saved once the save of the latest revision succeeds, on the new version", () => {
    const state = run(start, edit("mine"), { type: "save_started" }, { type: "save_succeeded", version: 4 });
    expect(state.status).toBe("saved");
    expect(state.version).toBe(4);
    expect(hasUnsavedWork(state)).toBe(false);
  });

  it("keeps an edit made during a save and saves it next, on top of the new version", () => {
    const saving = run(start, edit("one"), { type: "save_started" });
    expect(saving.status).toBe("saving");
    expect(wantsSave(saving)).toBe(false);
    const during = run(saving, edit("two"));
    expect(during.status).toBe("saving");
    const after = run(during, { type: "save_succeeded", version: 4 });
    expect(after.status).toBe("dirty");
    expect(after.draft).toBe("two");
    expect(after.version).toBe(4);
    expect(wantsSave(after)).toBe(true);
  });

  it("does not start a second save while one is in flight", () => {
    const saving = run(start, edit("one"), { type: "save_started" }, edit("two"));
    expect(run(saving, { type: "save_started" })).toBe(saving);
  });

  it("on a conflict holds both versions and stops saving", () => {
    const state = run(
      start,
      edit("mine"),
      { type: "save_started" },
      { type: "save_conflicted", theirs: { version: 5, content: "theirs" } },
    );
    expect(state.status).toBe("conflict");
    expect(state.conflict).toEqual({
      base: "v3",
      mine: "mine",
      theirs: { version: 5, content: "theirs" },
    });
    expect(wantsSave(state)).toBe(false);
    expect(hasUnsavedWork(state)).toBe(true);
  });

  it("keep mine saves my draft again on top of their version", () => {
    const state = run(
      start,
      edit("mine"),
      { type: "save_started" },
      { type: "save_conflicted", theirs: { version: 5, content: "theirs" } },
      { type: "keep_mine" },
    );
    expect(state.status).toBe("dirty");
    expect(state.version).toBe(5);
    expect(state.draft).toBe("mine");
    expect(state.conflict).toBeNull();
    expect(wantsSave(state)).toBe(true);
    const saved = run(state, { type: "save_started" }, { type: "save_succeeded", version: 6 });
    expect(saved.status).toBe("saved");
    expect(saved.version).toBe(6);
  });

  it("the merge base follows successful saves", () => {
    const state = run(
      start,
      edit("one"),
      { type: "save_started" },
      edit("two"),
      { type: "save_succeeded", version: 4 },
      { type: "save_started" },
      { type: "save_conflicted", theirs: { version: 5, content: "theirs" } },
    );
    expect(state.conflict?.base).toBe("one");
    expect(state.conflict?.mine).toBe("two");
  });

  it("merged saves the combined content on top of their version", () => {
    const state = run(
      start,
      edit("mine"),
      { type: "save_started" },
      { type: "save_conflicted", theirs: { version: 5, content: "theirs" } },
      { type: "merged", content: "mine+theirs" },
    );
    expect(state).toMatchObject({ status: "dirty", version: 5, draft: "mine+theirs", conflict: null });
    expect(state.base).toBe("theirs");
    expect(wantsSave(state)).toBe(true);
  });

  it("take theirs replaces the draft and is saved", () => {
    const state = run(
      start,
      edit("mine"),
      { type: "save_started" },
      { type: "save_conflicted", theirs: { version: 5, content: "theirs" } },
      { type: "take_theirs" },
    );
    expect(state.status).toBe("saved");
    expect(state.draft).toBe("theirs");
    expect(state.version).toBe(5);
    expect(hasUnsavedWork(state)).toBe(false);
  });

  it("an edit during a conflict updates my side of it", () => {
    const state = run(
      start,
      edit("mine"),
      { type: "save_started" },
      { type: "save_conflicted", theirs: { version: 5, content: "theirs" } },
      edit("mine, more"),
    );
    expect(state.status).toBe("conflict");
    expect(state.conflict?.mine).toBe("mine, more");
  });

  it("a failed save shows the error, keeps the draft and retries on request", () => {
    const failed = run(start, edit("mine"), { type: "save_started" }, { type: "save_failed", message: "Offline" });
    expect(failed.status).toBe("error");
    expect(failed.error).toBe("Offline");
    expect(failed.draft).toBe("mine");
    expect(wantsSave(failed)).toBe(false);
    const retried = run(failed, { type: "retry" });
    expect(retried.status).toBe("dirty");
    expect(wantsSave(retried)).toBe(true);
  });

  it("an edit after a failure tries again", () => {
    const state = run(start, edit("a"), { type: "save_started" }, { type: "save_failed", message: "x" }, edit("b"));
    expect(state.status).toBe("dirty");
    expect(state.error).toBeNull();
  });

  it("replaced (a restore) takes the new snapshot as saved", () => {
    const state = run(start, edit("mine"), { type: "replaced", snapshot: { version: 9, content: "restored" } });
    expect(state).toMatchObject({ status: "saved", version: 9, draft: "restored", inFlight: null });
    expect(hasUnsavedWork(state)).toBe(false);
  });
});
