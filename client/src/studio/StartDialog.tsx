import { useId, useState, type ChangeEvent } from 'react';
import type { ScenarioSummary } from '../../../shared/protocol/messages';
import { formatMselProblem, importMsel } from '../../../shared/msel';
import { ErrorNote } from '../ui/bits';
import { Dialog } from './Dialog';
import { KeyPrompt } from './KeyPrompt';
import { needsKey, studioApi } from './studio-api';
import { copyOf, MINIMAL_SCENARIO } from './templates';

interface Props {
  open: boolean;
  onClose(): void;
  library: ScenarioSummary[] | undefined;
  /** Puts a new text in the editor, with a note for the page. */
  onStart(text: string, note: string): void;
}

/** Reads a file the user picked. */
function readFile(event: ChangeEvent<HTMLInputElement>): Promise<{ name: string; text: string } | undefined> {
  const file = event.target.files?.[0];
  event.target.value = '';
  if (!file) return Promise.resolve(undefined);
  return file.text().then((text) => ({ name: file.name, text }));
}

const stem = (name: string) => name.replace(/\.[^.]+$/, '');
const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'imported-msel';

/**
 * Where a new scenario starts: the minimal scenario from the format guide, a copy of any scenario in the library,
 * an MSEL spreadsheet (CSV) converted on the spot, or a scenario file from this computer.
 */
export function StartDialog({ open, onClose, library, onStart }: Props) {
  const id = useId();
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();
  const [mselProblems, setMselProblems] = useState<string[]>([]);
  /** The scenario whose copy waits for the admin key, and the server's words. */
  const [locked, setLocked] = useState<{ scenario: ScenarioSummary; message: string }>();
  const taken = (library ?? []).map((s) => s.id);

  const done = (text: string, note: string) => {
    setError(undefined);
    setMselProblems([]);
    onStart(text, note);
    onClose();
  };
  const copy = async (scenario: ScenarioSummary) => {
    setBusy(scenario.id);
    setError(undefined);
    try {
      const source = await studioApi.source(scenario.id);
      setLocked(undefined);
      done(copyOf(source.text, scenario.id, scenario.title, taken), `A copy of "${scenario.title}": saving it makes a new scenario, the original stays as it is.`);
    } catch (e) {
      if (needsKey(e)) setLocked({ scenario, message: e.message });
      else setError(`Could not open ${scenario.id}: ${(e as Error).message}`);
    } finally {
      setBusy(undefined);
    }
  };
  const msel = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = await readFile(event);
    if (!file) return;
    const result = importMsel(file.text, { id: slug(stem(file.name)) });
    if (!result.ok) {
      setError(`${file.name} does not convert into a scenario:`);
      setMselProblems(result.problems.map(formatMselProblem));
      return;
    }
    const warnings = result.warnings.length ? ` ${result.warnings.length} warning${result.warnings.length === 1 ? '' : 's'}: ${result.warnings.map(formatMselProblem).join('; ')}` : '';
    done(result.yaml, `Imported ${file.name} (docs/msel.md says how each column maps).${warnings}`);
  };
  const open_ = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = await readFile(event);
    if (file) done(file.text, `Opened ${file.name} from this computer.`);
  };

  return (
    <Dialog open={open} title="Start a scenario" onClose={onClose} wide>
      <p className="small muted">This replaces the text in the editor; Ctrl-Z (⌘Z) brings the old text back.</p>
      <ErrorNote error={error} />
      {mselProblems.length ? <ul className="small msel-problems">{mselProblems.map((p) => <li key={p}>{p}</li>)}</ul> : null}
      <div className="start-grid">
        <section className="start-option">
          <h3>The minimal scenario</h3>
          <p className="small">"The cache went cold": five states, a contingency and six objectives, the complete example of the format guide.</p>
          <button type="button" className="btn btn-primary" onClick={() => done(MINIMAL_SCENARIO, 'Started from the minimal scenario of the format guide.')}>Start from it</button>
        </section>
        <section className="start-option">
          <h3>An MSEL spreadsheet</h3>
          <p className="small">A master scenario events list saved as CSV: phases become states, rows become injects.</p>
          <label className="btn" htmlFor={`${id}-msel`}>Import CSV…</label>
          <input id={`${id}-msel`} className="file-input" type="file" accept=".csv,text/csv" onChange={msel} />
        </section>
        <section className="start-option">
          <h3>A file on this computer</h3>
          <p className="small">A scenario file (.yaml or .json), for example one from the repository's scenarios folder.</p>
          <label className="btn" htmlFor={`${id}-file`}>Open file…</label>
          <input id={`${id}-file`} className="file-input" type="file" accept=".yaml,.yml,.json,application/yaml,application/json,text/yaml" onChange={open_} />
        </section>
      </div>
      <h3 className="start-h">A copy of a scenario in the library</h3>
      {locked ? <KeyPrompt message={locked.message} action={`Open a copy of ${locked.scenario.id}`} busy={busy !== undefined} onKey={() => copy(locked.scenario)} /> : null}
      {!library ? <p className="muted small">Loading the library…</p> : library.length === 0 ? <p className="empty">The library is empty.</p> : (
        <ul className="start-library">
          {library.map((s) => (
            <li key={s.id}>
              <span><strong>{s.title}</strong> <span className="mono small muted">{s.id}</span></span>
              <button type="button" className="btn btn-small" onClick={() => copy(s)} disabled={busy !== undefined} aria-label={`Copy ${s.title}`}>{busy === s.id ? 'Opening…' : 'Copy'}</button>
            </li>
          ))}
        </ul>
      )}
    </Dialog>
  );
}
