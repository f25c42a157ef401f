import { useEffect, type ReactNode } from "react";

interface PageProps {
  /** The page's one `h1`, also used in the document title. */
  title: string;
  children?: ReactNode;
  className?: string;
}

export function Page({ title, children, className }: PageProps) {
  useEffect(() => {
    document.title = `${title} · Inkwell`;
  }, [title]);

  return (
    // No aria-labelledby: `main` is already the landmark, and a section named by its h1
    // ("Choose a new password", "Verify your email") would also match those fields' labels.
    <section className={className ? `page ${className}` : "page"}>
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
