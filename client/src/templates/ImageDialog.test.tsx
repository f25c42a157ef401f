import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { createMemoryRouter, RouterProvider } from "react-router";
import { describe, expect, it, vi } from "vitest";
import type { ImageAsset } from "../api/templates";
import { apiError, json, stubApi } from "../test/api";
import { ImageDialog } from "./ImageDialog";

const ASSET: ImageAsset = {
  id: "a1",
  path: "/media/a1",
  url: "http://127.0.0.1:8000/media/a1",
  source: "url",
  content_type: "image/png",
  size: 68,
  original_name: "logo.png",
  source_url: "https://example.com/logo.png",
  prompt: null,
  created_at: "2026-01-01T00:00:00Z",
};

function open(onPicked = vi.fn()) {
  const router = createMemoryRouter(
    [{ path: "/", element: <ImageDialog onClose={() => undefined} onPicked={onPicked} /> }],
    { initialEntries: ["/"] },
  );
  render(<RouterProvider router={router} />);
  return { onPicked, dialog: screen.getByRole("dialog", { name: "Choose an image" }) };
}

describe("ImageDialog", () => {
  it("imports an https URL and hands back the stored image", async () => {
    const api = stubApi({ "POST /api/assets/import": () => json(ASSET, 201) });
    const { onPicked, dialog } = open();
    fireEvent.click(within(dialog).getByRole("tab", { name: "From a URL" }));
    const field = within(dialog).getByLabelText("Image URL");

    fireEvent.change(field, { target: { value: "http://example.com/logo.png" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Import image" }));
    expect(within(dialog).getByRole("alert").textContent).toContain("Enter an https:// address");
    expect(api.sent).toHaveLength(0);

    fireEvent.change(field, { target: { value: "https://example.com/logo.png" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Import image" }));
    await waitFor(() => expect(onPicked).toHaveBeenCalledWith(ASSET));
    expect(api.to("POST /api/assets/import")[0]!.body).toEqual({ url: "https://example.com/logo.png" });
  });

  it("shows the server's refusal, such as AI not being configured", async () => {
    stubApi({
      "POST /api/assets/generate": () =>
        apiError(409, "ai_images_not_configured", "AI images are not available: no OpenAI API key is configured."),
      "POST /api/assets/import": () =>
        apiError(400, "url_not_allowed", "That URL cannot be imported.", { reason: "private address" }),
    });
    const { onPicked, dialog } = open();
    fireEvent.click(within(dialog).getByRole("tab", { name: "Generate with AI" }));
    fireEvent.change(within(dialog).getByLabelText("Describe the image"), {
      target: { value: "a loaf of bread" },
    });
    fireEvent.click(within(dialog).getByRole("button", { name: "Generate image" }));
    const alert = await within(dialog).findByRole("alert");
    expect(alert.textContent).toContain("AI images are not available: no OpenAI API key is configured.");

    fireEvent.keyDown(within(dialog).getByRole("tab", { name: "Generate with AI" }), { key: "ArrowLeft" });
    expect(within(dialog).getByRole("tab", { name: "From a URL" }).getAttribute("aria-selected")).toBe("true");
    fireEvent.change(within(dialog).getByLabelText("Image URL"), {
      target: { value: "https://169.254.169.254/latest" },
    });
    fireEvent.click(within(dialog).getByRole("button", { name: "Import image" }));
    await waitFor(() =>
      expect(within(dialog).getByRole("alert").textContent).toContain("That URL cannot be imported."),
    );
    expect(onPicked).not.toHaveBeenCalled();
  });

  it("lists the workspace's images to use again", async () => {
    stubApi({ "GET /api/assets": () => json({ items: [ASSET] }) });
    const { onPicked, dialog } = open();
    fireEvent.click(within(dialog).getByRole("tab", { name: "Your images" }));
    fireEvent.click(await within(dialog).findByRole("button", { name: "Use logo.png" }));
    expect(onPicked).toHaveBeenCalledWith(ASSET);
  });
});
