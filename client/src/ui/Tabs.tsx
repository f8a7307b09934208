import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface Tab { id: string; label: ReactNode; content: ReactNode }

/**
 * WAI-ARIA tabs: arrow keys move between tabs, Home/End jump, only the selected panel is rendered.
 * The selection is controlled so pages can switch tabs (e.g. to action items when the drill ends).
 */
export function Tabs({ tabs, selected, onSelect, label }: { tabs: Tab[]; selected: string; onSelect: (id: string) => void; label: string }) {
  const base = useId();
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});
  const index = Math.max(0, tabs.findIndex((t) => t.id === selected));
  const move = (to: number) => {
    const tab = tabs[(to + tabs.length) % tabs.length];
    onSelect(tab.id);
    refs.current[tab.id]?.focus();
  };
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'ArrowRight') move(index + 1);
    else if (event.key === 'ArrowLeft') move(index - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(tabs.length - 1);
    else return;
    event.preventDefault();
  };
  const current = tabs[index];
  return (
    <div className="tabs">
      <div role="tablist" aria-label={label} className="tablist" onKeyDown={onKey}>
        {tabs.map((tab) => (
          <button key={tab.id} ref={(el) => { refs.current[tab.id] = el; }} type="button" role="tab" id={`${base}-${tab.id}-tab`}
            aria-selected={tab.id === current.id} aria-controls={`${base}-${tab.id}-panel`} tabIndex={tab.id === current.id ? 0 : -1}
            className="tab" onClick={() => onSelect(tab.id)}>
            {tab.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${base}-${current.id}-panel`} aria-labelledby={`${base}-${current.id}-tab`} className="tabpanel" tabIndex={0}>
        {current.content}
      </div>
    </div>
  );
}
