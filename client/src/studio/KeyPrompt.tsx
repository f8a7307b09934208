import { useId, useState, type FormEvent } from 'react';
import { studioStorage } from './studio-api';

/**
 * Asks for the server's admin key where the server wants it (opening a copy of a scenario file on a server that
 * keeps files to key holders). The key is kept for the tab, like the one for saving.
 */
export function KeyPrompt({ message, action, onKey, busy }: { message: string; action: string; onKey: (key: string) => void; busy?: boolean }) {
  const id = useId();
  const [key, setKey] = useState(() => studioStorage.adminKey());
  const submit = (event: FormEvent) => {
    event.preventDefault();
    studioStorage.setAdminKey(key.trim());
    onKey(key.trim());
  };
  return (
    <form className="key-prompt" onSubmit={submit} data-testid="key-prompt">
      <p role="alert">{message}</p>
      <div className="inline-form">
        <label htmlFor={id} className="sr-only">Admin key</label>
        <input id={id} type="password" autoComplete="off" placeholder="Admin key" value={key} onChange={(e) => setKey(e.target.value)} required data-autofocus autoFocus />
        <button type="submit" className="btn btn-primary" disabled={busy || !key.trim()}>{busy ? 'Opening…' : action}</button>
      </div>
    </form>
  );
}
