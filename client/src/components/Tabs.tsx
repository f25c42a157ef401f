import { useRef, type KeyboardEvent } from "react";

export interface TabItem<T extends string> {
  id: T;
  label: string;
}

interface TabsProps<T extends string> {
  /** Names the tab list ("Image source"). */
  label: string;
  tabs: readonly TabItem<T>[];
  selected: T;
  onSelect(id: T): void;
  /** Tab ids are `${idPrefix}-${id}`; the panel they control is `${idPrefix}-panel`. */
  idPrefix: string;
  className?: string;
}

/**
 * A tab list with the keyboard behaviour screen reader users expect: one tab stop,
 * arrow keys (and Home / End) move between tabs and select them.
 */
export function Tabs<T extends string>({ label, tabs, selected, onSelect, idPrefix, className }: TabsProps<T>) {
  const refs = useRef<Partial<Record<T, HTMLButtonElement | null>>>({});

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
    const index = tabs.findIndex((t) => t.id === selected);
    let target: number | null = null;
    if (event.key === "ArrowRight") target = (index + 1) % tabs.length;
    if (event.key === "ArrowLeft") target = (index - 1 + tabs.length) % tabs.length;
    if (event.key === "Home") target = 0;
    if (event.key === "End") target = tabs.length - 1;
    const to = target === null ? undefined : tabs[target];
    if (!to) return;
    event.preventDefault();
    onSelect(to.id);
    refs.current[to.id]?.focus();
  }

  return (
    <div className={className ? `tabs ${className}` : "tabs"} role="tablist" aria-label={label}>
      {tabs.map((tab) => (
        <button
          key={tab.id}
          ref={(el) => {
            refs.current[tab.id] = el;
          }}
          type="button"
          role="tab"
          id={`${idPrefix}-${tab.id}`}
          className="tabs__tab"
          aria-selected={selected === tab.id}
          aria-controls={`${idPrefix}-panel`}
          tabIndex={selected === tab.id ? 0 : -1}
          onClick={() => onSelect(tab.id)}
          onKeyDown={onKeyDown}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}
