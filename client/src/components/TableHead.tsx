import type { ReactNode } from "react";

/**
 * The header row of a table that stacks in a narrow box (`table--stack`, see styles.css): a
 * column per name, after `before` (a "select all" cell), and a last column for the rows'
 * buttons, named for screen readers only, when `actions` is set. Roles are spelled out because
 * browsers drop a table's semantics once its rows are displayed as blocks.
 */
export function TableHead({
  columns,
  actions = false,
  before,
}: {
  columns: readonly string[];
  actions?: boolean;
  before?: ReactNode;
}) {
  return (
    <thead>
      <tr role="row">
        {before}
        {columns.map((column) => (
          <th key={column} scope="col" role="columnheader">
            {column}
          </th>
        ))}
        {actions ? (
          <th scope="col" role="columnheader">
            <span className="visually-hidden">Actions</span>
          </th>
        ) : null}
      </tr>
    </thead>
  );
}
