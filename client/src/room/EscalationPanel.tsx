import { useId, useRef, useState, type FormEvent } from 'react';
import type { Page } from '../../../shared/drill/state';
import type { PublicScenario } from '../../../shared/protocol/messages';
import { actorName } from '../drill/names';
import { useCommand, useView } from '../session/DrillSession';
import { ErrorNote } from '../ui/bits';
import { Icon } from '../ui/icons';
import { Stamp } from '../ui/Stamp';
import { useStoryStart } from '../drill/story-clock';

type Contact = PublicScenario['contacts'][number];

/** The people the team can page: who has been paged, who is still to answer, and what they said. */
export function EscalationPanel({ readOnly = false }: { readOnly?: boolean }) {
  const view = useView();
  const { contacts } = view.scenario;
  if (contacts.length === 0) return <p className="empty">This scenario has nobody to escalate to.</p>;
  return (
    <ul className="contact-list">
      {contacts.map((contact) => (
        <ContactRow key={contact.id} contact={contact} pages={view.state.pages.filter((p) => p.contact === contact.id)} readOnly={readOnly} />
      ))}
    </ul>
  );
}

function ContactRow({ contact, pages, readOnly }: { contact: Contact; pages: Page[]; readOnly: boolean }) {
  const view = useView();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState('');
  const { run, pending, error } = useCommand();
  const field = useRef<HTMLTextAreaElement>(null);
  const start = useStoryStart();
  const waiting = pages.some((p) => !p.reply);
  const answered = pages.some((p) => p.reply);
  const state = waiting ? { text: 'Paged — waiting for a reply', cls: 'badge-warn' } : answered ? { text: 'Answered', cls: 'badge-ok' } : { text: 'Not paged', cls: '' };

  const page = async (event: FormEvent) => {
    event.preventDefault();
    if (await run({ type: 'contact.page', contact: contact.id, message })) {
      setMessage('');
      setOpen(false);
    }
  };

  return (
    <li className="contact" data-testid={`contact-${contact.id}`}>
      <div className="contact-head">
        <div>
          <strong className="contact-name">{contact.name}</strong>
          {contact.title ? <span className="muted small"> · {contact.title}</span> : null}
        </div>
        <span className={`badge ${state.cls}`} data-testid="contact-state">{state.text}</span>
      </div>
      {pages.length ? (
        <ol className="page-thread">
          {pages.map((p) => (
            <li key={p.seq}>
              <p className="page-out small"><Icon name="page" size={16} /> <Stamp t={p.t} start={start} className="muted" /> {actorName(view.state, p.by)}: “{p.message}”</p>
              {p.reply ? (
                <blockquote className="page-reply" data-testid="contact-reply">
                  <p className="small muted"><Icon name="reply" size={16} /> {contact.name} replied at <Stamp t={p.reply.t} start={start} /></p>
                  <p>{p.reply.text}</p>
                </blockquote>
              ) : null}
            </li>
          ))}
        </ol>
      ) : null}
      {readOnly ? null : open ? (
        <form className="page-form" onSubmit={page}>
          <label htmlFor={`${id}-msg`} className="field-label">Message to {contact.name}</label>
          <textarea id={`${id}-msg`} ref={field} value={message} onChange={(e) => setMessage(e.target.value)} rows={2} maxLength={500}
            placeholder="What is happening and what you need from them" aria-invalid={!!error} aria-describedby={error ? `${id}-err` : undefined} />
          <div className="btn-row">
            <button type="submit" className="btn btn-primary btn-small" disabled={pending}>Send page</button>
            <button type="button" className="btn btn-quiet btn-small" onClick={() => setOpen(false)}>Cancel</button>
          </div>
        </form>
      ) : (
        <button type="button" className="btn btn-small" onClick={() => { setOpen(true); setTimeout(() => field.current?.focus(), 0); }}
          aria-label={`Page ${contact.name}`}>
          <Icon name="page" size={16} /> {pages.length ? 'Page again' : 'Page'}
        </button>
      )}
      <ErrorNote error={error} id={`${id}-err`} />
    </li>
  );
}
