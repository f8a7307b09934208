import { useId, useState, type InputHTMLAttributes, type KeyboardEvent } from 'react';
import { mentionAt, suggestions, type Directory, type Suggestion } from './mentions';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'> & {
  value: string;
  onChange: (value: string) => void;
  directory: Directory;
};

/**
 * A text input that offers roles and people after an `@` (WAI-ARIA combobox with a list): arrow keys move,
 * Enter or Tab take the highlighted one, Escape closes the list. Without an `@` it is a plain input.
 */
export function MentionInput({ value, onChange, directory, onKeyDown, ...rest }: Props) {
  const id = useId();
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState<number>();
  const at = mentionAt(value, caret);
  const items = at && dismissed !== at.start ? suggestions(at.partial, directory) : [];
  const open = items.length > 0;
  const listId = `${id}-mentions`;

  const accept = (item: Suggestion, input: HTMLInputElement) => {
    if (!at) return;
    const after = value.slice(caret);
    const next = `${value.slice(0, at.start)}${item.insert} ${after.replace(/^\s+/, '')}`;
    const position = at.start + item.insert.length + 1;
    onChange(next);
    setCaret(position);
    requestAnimationFrame(() => input.setSelectionRange(position, position));
  };
  const keyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (open) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        setActive((i) => (i + (event.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length);
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        accept(items[Math.min(active, items.length - 1)], event.currentTarget);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        setDismissed(at?.start);
        return;
      }
    }
    onKeyDown?.(event);
  };

  return (
    <div className="mention-input">
      <input {...rest} value={value} role="combobox" aria-autocomplete="list" aria-expanded={open} aria-controls={open ? listId : undefined}
        aria-activedescendant={open ? `${listId}-${Math.min(active, items.length - 1)}` : undefined}
        onChange={(e) => {
          onChange(e.target.value);
          setCaret(e.target.selectionStart ?? e.target.value.length);
          setActive(0);
        }}
        onSelect={(e) => setCaret(e.currentTarget.selectionStart ?? 0)}
        onKeyDown={keyDown}
        onBlur={() => setDismissed(at?.start)}
        onFocus={() => setDismissed(undefined)} />
      {open ? (
        <ul className="mention-list" role="listbox" id={listId} aria-label="Mention">
          {items.map((item, i) => (
            <li key={item.insert} id={`${listId}-${i}`} role="option" aria-selected={i === Math.min(active, items.length - 1)}
              className={i === Math.min(active, items.length - 1) ? 'active' : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                accept(item, e.currentTarget.closest('.mention-input')!.querySelector('input')!);
              }}>
              <span className="mono">{item.insert}</span> <span>{item.label}</span>{item.detail ? <span className="muted small"> · {item.detail}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
