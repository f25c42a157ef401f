import { render } from "@testing-library/react";
import { createMemoryRouter, RouterProvider } from "react-router";
import { routes } from "../routes";

/** Renders the real route table at `path`; returns the router to inspect its location. */
export function renderAt(path: string) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const view = render(<RouterProvider router={router} />);
  return { router, ...view };
}

export function locationOf(router: ReturnType<typeof renderAt>["router"]): string {
  const { pathname, search } = router.state.location;
  return `${pathname}${search}`;
}
