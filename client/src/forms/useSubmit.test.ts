import { act, renderHook } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { useSubmit } from "./useSubmit";

describe("useSubmit bind", () => {
  function withErrors() {
    const hook = renderHook(() => useSubmit({ fields: ["email", "password"] }));
    act(() => hook.result.current.reject({ email: "Bad address.", password: "Too short." }));
    return hook;
  }

  it("gives the field its value and its own error", () => {
    const { result } = withErrors();
    const props = result.current.bind("email", "ada@", vi.fn());
    expect(props.value).toBe("ada@");
    expect(props.error).toBe("Bad address.");
    expect(result.current.bind("name", "", vi.fn()).error).toBeUndefined();
  });

  it("on change sets the value and drops that field's error, not the others'", () => {
    const { result } = withErrors();
    const setEmail = vi.fn();
    act(() => result.current.bind("email", "ada@", setEmail).onChange("ada@example.com"));

    expect(setEmail).toHaveBeenCalledExactlyOnceWith("ada@example.com");
    expect(result.current.errors.fields).toEqual({ password: "Too short." });
    expect(result.current.bind("email", "ada@example.com", setEmail).error).toBeUndefined();
    expect(result.current.bind("password", "", vi.fn()).error).toBe("Too short.");
  });
});
