import { useEffect, type ReactNode } from "react";

interface PageProps {
  /** The page's one `h1`, also used in the document title. */
  title: string;
  children?: ReactNode;
}

export function Page({ title, children }: PageProps) {
  useEffect(() => {
    document.title = `${title} · Inkwell`;
  }, [title]);

  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title">{title}</h1>
      {children}
    </section>
  );
}

interface EmptyStateProps {
  children: ReactNode;
}

/** The placeholder body a page shows until its feature lands. */
export function EmptyState({ children }: EmptyStateProps) {
  return <div className="empty-state">{children}</div>;
}
