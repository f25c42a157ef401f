import { describe, expect, it } from "vitest";
import { ApiError } from "../api/client";
import { describeSaveError } from "./saveErrors";

describe("describeSaveError", () => {
  it("names the section and field of each validation message", () => {
    const error = new ApiError(422, "validation_error", "Some fields are invalid.", {
      fields: {
        "sections.1.heading.text": ["String should have at least 1 character"],
        "sections.3.button.href": ["Value error, must be a http or https or mailto URL"],
      },
    });
    expect(describeSaveError(error)).toBe(
      "Some fields are invalid. Section 2, text: String should have at least 1 character; " +
        "Section 4, href: Value error, must be a http or https or mailto URL.",
    );
  });

  it("keeps whole-template messages and plain errors as they are", () => {
    const footer = new ApiError(422, "validation_error", "Some fields are invalid.", {
      fields: { sections: ["Value error, the footer section must be the last section"] },
    });
    expect(describeSaveError(footer)).toBe(
      "Some fields are invalid. sections: Value error, the footer section must be the last section.",
    );
    expect(describeSaveError(new ApiError(403, "plan_required", "Needs Pro."))).toBe("Needs Pro.");
    expect(describeSaveError(new Error("boom"))).toBe("Something went wrong. Please try again.");
  });
});
