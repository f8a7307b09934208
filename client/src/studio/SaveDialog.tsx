import { useId, useState, type FormEvent } from 'react';
import type { SaveScenarioResponse, StudioInfo } from '../../../shared/protocol/messages';
import { Link } from '../app/router';
import { Dialog } from './Dialog';
import { SaveError, studioApi, studioStorage } from './studio-api';
import { copyId } from './templates';

interface Props {
  open: boolean;
  onClose(): void;
  info?: StudioInfo;
  /** The scenario's id as the file says it, when it reads. */
  id?: string;
  text: string;
  errors: number;
  /** Ids already in the library, for suggesting a free one. */
  taken: string[];
  onDownload(): void;
  /** Changes the file's id (after a clash with a library file). */
  onUseId(id: string): void;
  onSaved(saved: SaveScenarioResponse): void;
}

/**
 * Saving: into the server's scenario folder with the admin key when the server allows it, else a download and
 * how to turn saving on. The server checks the file again and never overwrites a file it did not write.
 */
export function SaveDialog({ open, onClose, info, id, text, errors, taken, onDownload, onUseId, onSaved }: Props) {
  const keyId = useId();
  const [key, setKey] = useState(() => studioStorage.adminKey());
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<SaveScenarioResponse>();
  const [failure, setFailure] = useState<SaveError>();

  const close = () => {
    setSaved(undefined);
    setFailure(undefined);
    onClose();
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!id) return;
    setBusy(true);
    setFailure(undefined);
    try {
      const result = await studioApi.save(id, text, key.trim());
      studioStorage.setAdminKey(key.trim());
      setSaved(result);
      onSaved(result);
    } catch (error) {
      setFailure(error instanceof SaveError ? error : new SaveError(0, (error as Error).message));
    } finally {
      setBusy(false);
    }
  };
  const keyRefused = failure && (failure.status === 401 || failure.status === 403);
  const other = copyId(id ?? 'scenario', taken);

  return (
    <Dialog open={open} title="Save the scenario" onClose={close}>
      {!info ? <p className="muted">Asking the server whether it saves scenarios…</p> : null}
      {info && !info.save ? (
        <div data-testid="save-off">
          <p><strong>Saving to the library is off on this server.</strong> Whoever runs it can turn it on by starting it
            with <code>FIREDRILL_ADMIN_KEY</code> set to a long secret (see the operations guide), and then share that key with the people who write scenarios.</p>
          <p>Meanwhile, download the file and put it in the server's <code>scenarios/</code> folder; it joins the library when the server restarts.</p>
          <div className="btn-row"><button type="button" className="btn btn-primary" onClick={onDownload}>Download {id ?? 'scenario'}.yaml</button></div>
        </div>
      ) : null}
      {info?.save && saved ? (
        <div data-testid="save-done" role="status">
          <p className="verdict verdict-ok"><strong>Saved as {saved.file}.</strong> {saved.created ? 'It is in the library now.' : 'The library has the new version now.'}</p>
          {saved.backup ? <p className="small">The previous version is kept on the server as <code>{saved.backup}</code>.</p> : null}
          {saved.warnings.length ? <p className="small">{saved.warnings.length} warning{saved.warnings.length === 1 ? '' : 's'} (the file plays, but look at them).</p> : null}
          <div className="btn-row">
            <Link to="/" className="btn btn-primary">Open the library</Link>
            <button type="button" className="btn" onClick={close}>Keep editing</button>
          </div>
        </div>
      ) : null}
      {info?.save && !saved ? (
        <form onSubmit={submit} data-testid="save-form">
          <p>Saves <strong>{id ? `${id}.yaml` : 'the file'}</strong> into the server's scenario folder; it appears in the library at once.
            The server checks it again, keeps the previous version of a file the studio wrote, and never overwrites a bundled scenario.</p>
          {errors ? <p className="notice">Fix the {errors} error{errors === 1 ? '' : 's'} first: the server refuses a file with errors.</p> : null}
          {!id && !errors ? <p className="notice">The file needs an <code>id:</code> to be saved.</p> : null}
          <div className="field">
            <label htmlFor={keyId}>Admin key</label>
            <input id={keyId} type="password" autoComplete="off" data-autofocus value={key} onChange={(e) => setKey(e.target.value)} aria-invalid={keyRefused ? true : undefined}
              aria-describedby={`${keyId}-hint`} required />
            <span id={`${keyId}-hint`} className="field-hint">The FIREDRILL_ADMIN_KEY the server was started with. Kept in this tab only.</span>
          </div>
          {failure ? (
            <div className="error-note" role="alert">
              <p>{failure.message}</p>
              {failure.code === 'conflict' ? (
                <button type="button" className="btn btn-small" onClick={() => { onUseId(other); setFailure(undefined); }}>Use the id "{other}"</button>
              ) : null}
              {failure.problems.length ? (
                <ul className="small">{failure.problems.filter((p) => p.severity === 'error').map((p) => <li key={`${p.line}:${p.col}:${p.message}`}>{p.line}:{p.col}: {p.message}</li>)}</ul>
              ) : null}
            </div>
          ) : null}
          <div className="btn-row">
            <button type="submit" className="btn btn-primary" disabled={busy || errors > 0 || !id || !key.trim()}>{busy ? 'Saving…' : 'Save to library'}</button>
            <button type="button" className="btn" onClick={onDownload}>Download instead</button>
          </div>
        </form>
      ) : null}
    </Dialog>
  );
}
