import { describe, expect, it } from "vitest";
import { readableReply } from "./replyText";

const FULL = JSON.stringify(
  {
    subject: "Fresh from the oven",
    preheader: "Sourdough and a workshop",
    sections: [
      { heading: "New sourdough", body: "Our rye loaf is back.\nEvery \"Friday\"." },
      { heading: "Saturday workshop", body: "Bake with us." },
    ],
  },
  null,
  2,
);

describe("readableReply", () => {
  it("reads a finished draft", () => {
    expect(readableReply(FULL)).toEqual({
      kind: "draft",
      subject: "Fresh from the oven",
      preheader: "Sourdough and a workshop",
      sections: [
        { heading: "New sourdough", body: 'Our rye loaf is back.\nEvery "Friday".' },
        { heading: "Saturday workshop", body: "Bake with us." },
      ],
    });
  });

  it("reads a draft cut off mid-string, mid-escape", () => {
    const cut = FULL.slice(0, FULL.indexOf("back.") + 5) + "\\";
    expect(readableReply(cut)).toEqual({
      kind: "draft",
      subject: "Fresh from the oven",
      preheader: "Sourdough and a workshop",
      sections: [{ heading: "New sourdough", body: "Our rye loaf is back." }],
    });
  });

  it("leaves prose as it is", () => {
    expect(readableReply("Sure! What is the newsletter about?")).toEqual({
      kind: "text",
      text: "Sure! What is the newsletter about?",
    });
  });
});
