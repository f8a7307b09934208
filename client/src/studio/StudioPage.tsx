import './zod-jitless';
import './studio.css';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ScenarioSummary, StudioInfo } from '../../../shared/protocol/messages';
import type { Locate } from '../../../shared/scenario/load';
import { scenarioJsonSchema, type Scenario } from '../../../shared/scenario/schema';
import { Loading } from '../app/App';
import { navigate, useLocation } from '../app/router';
import { SiteHeader } from '../app/SiteHeader';
import { http } from '../net/http';
import { Tabs } from '../ui/Tabs';
import { ErrorNote } from '../ui/bits';
import { CommsSandbox, SANDBOX_START, type SandboxDraft } from './CommsSandbox';
import { CoveragePanel } from './CoveragePanel';
import { ProblemsPanel } from './ProblemsPanel';
import { referencesOf, type References } from './references';
import { RehearsePanel, type RehearseState } from './RehearsePanel';
import { SaveDialog } from './SaveDialog';
import { ScenarioEditor, type Checked, type EditorHandle } from './ScenarioEditor';
import { SchemaNavigator, type JsonSchema } from './schema-nav';
import { StartDialog } from './StartDialog';
import { StoryChart } from './StoryChart';
import { KeyPrompt } from './KeyPrompt';
import { download, needsKey, studioApi, studioStorage } from './studio-api';
import { copyOf, idOf, MINIMAL_SCENARIO, withIdAndTitle } from './templates';
import { Superseded, StudioWorker } from './worker-client';

/**
 * The scenario studio (`/studio`): write a scenario in the browser, see every problem as you type, watch the
 * story take shape as a statechart, rehearse it with bot teams, try status posts against its rubric, and save it
 * into the library. Loaded only on this page (App.tsx lazy-loads it), so the room's bundle never carries it.
 */
export default function StudioPage() {
  const { query } = useLocation();
  const from = query.get('from');
  const [start, setStart] = useState<Start | undefined>(() => (from ? undefined : firstText()));
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!from) return;
    let live = true;
    Promise.all([studioApi.source(from), http.scenarios().catch(() => [] as ScenarioSummary[])]).then(
      ([source, library]) => {
        if (!live) return;
        const title = library.find((s) => s.id === from)?.title ?? from;
        const text = copyOf(source.text, from, title, library.map((s) => s.id));
        // The copy is the draft now: a reload keeps editing it rather than copying again.
        studioStorage.setDraft(text);
        navigate('/studio', { replace: true });
        setStart({ text, note: `A copy of "${title}": saving it makes a new scenario, the original stays as it is.` });
      },
      (error: Error) => {
        if (!live) return;
        setStart(needsKey(error) ? { needKey: error.message } : { error: `Could not open a copy of "${from}": ${error.message}` });
      },
    );
    return () => {
      live = false;
    };
  }, [from, attempt]);

  return (
    <>
      <SiteHeader><span className="studio-crumb">Scenario studio</span></SiteHeader>
      {!start ? <Loading what="Opening the studio" /> : 'error' in start ? (
        <main id="main" className="page page-narrow"><ErrorNote error={start.error} /><p><a href="/studio">Open the studio with your draft or the minimal scenario</a></p></main>
      ) : 'needKey' in start ? (
        <main id="main" className="page page-narrow">
          <h1>Edit a copy of “{from}”</h1>
          <KeyPrompt message={start.needKey} action="Open the copy" onKey={() => { setStart(undefined); setAttempt((n) => n + 1); }} />
          <p className="small muted">Or <a href="/studio">open the studio</a> with your draft or the minimal scenario.</p>
        </main>
      ) : <Workspace initialText={start.text} initialNote={start.note} />}
    </>
  );
}

type Start = { text: string; note?: string } | { error: string } | { needKey: string };

/** The draft kept in this browser, or the minimal scenario. */
function firstText(): { text: string; note: string } {
  const draft = studioStorage.draft();
  return draft
    ? { text: draft, note: 'Your draft from last time, kept in this browser.' }
    : { text: MINIMAL_SCENARIO, note: 'Started from the minimal scenario of the format guide. "New…" offers copies of the library and MSEL import.' };
}

function Workspace({ initialText, initialNote }: { initialText: string; initialNote?: string }) {
  const editor = useRef<EditorHandle>(null);
  const worker = useMemo(() => new StudioWorker(), []);
  useEffect(() => () => worker.dispose(), [worker]);
  const nav = useMemo(() => new SchemaNavigator(scenarioJsonSchema() as JsonSchema), []);
  const refs = useRef<References>(referencesOf(undefined));
  const assist = useMemo(() => ({ nav, references: () => refs.current }), [nav]);

  const [text, setText] = useState(initialText);
  const [checked, setChecked] = useState<Checked>();
  const [lastGood, setLastGood] = useState<Scenario>();
  const [note, setNote] = useState(initialNote);
  const [tab, setTab] = useState('story');
  const [rehearsal, setRehearsal] = useState<RehearseState>({ status: 'idle' });
  const [seed, setSeed] = useState(1);
  const [dialog, setDialog] = useState<'start' | 'save'>();
  const [info, setInfo] = useState<StudioInfo>();
  const [library, setLibrary] = useState<ScenarioSummary[]>();
  const [post, setPost] = useState<SandboxDraft>(SANDBOX_START);

  useEffect(() => {
    studioApi.info().then(setInfo, () => setInfo({ save: false, sourcesNeedKey: false }));
    http.scenarios().then(setLibrary, () => setLibrary([]));
  }, []);
  // The draft survives a reload: saved half a second after typing stops.
  useEffect(() => {
    const timer = setTimeout(() => studioStorage.setDraft(text), 500);
    return () => clearTimeout(timer);
  }, [text]);

  // While a line is half typed the file may not parse at all: the story stays as it last read meanwhile.
  const [lastRead, setLastRead] = useState<{ scenario: Scenario; locate: Locate }>();
  const onChecked = useCallback((c: Checked) => {
    setChecked(c);
    const read = c.result.ok ? c.result.scenario : c.result.draft;
    if (read) {
      refs.current = referencesOf(read);
      setLastRead({ scenario: read, locate: c.result.locate });
    }
    if (c.result.ok) setLastGood(c.result.scenario);
  }, []);
  const jump = useCallback((line: number, col: number) => editor.current?.jumpTo(line, col), []);

  const result = checked?.result;
  const problems = result ? (result.ok ? result.warnings : result.problems) : [];
  const errors = problems.filter((p) => p.severity === 'error').length;
  const current = result ? (result.ok ? result.scenario : result.draft) : undefined;
  const shown = current ?? lastRead?.scenario;
  const locate = current && result ? result.locate : lastRead?.locate;
  const unparsed = Boolean(result && !current && lastRead);
  const checking = !checked || checked.text !== text;
  const id = (result?.ok ? result.scenario.id : undefined) ?? idOf(text);
  const fileName = `${id ?? 'scenario'}.yaml`;

  const runRehearsal = () => {
    if (!result?.ok) return;
    const ran = text;
    setRehearsal((r) => ({ ...r, status: 'running', error: undefined }));
    worker.rehearse(result.scenario, seed).then(
      ({ rehearsal: r, ms }) => setRehearsal({ status: 'done', rehearsal: r, ms, text: ran }),
      (error: Error) => { if (!(error instanceof Superseded)) setRehearsal((r) => ({ ...r, status: 'error', error: error.message })); },
    );
  };
  const jumpState = (state: string) => {
    if (!locate) return;
    const { line, col } = locate(['states', state], 'key');
    jump(line, col);
  };
  const replaceText = (next: string, message: string) => {
    editor.current?.setText(next);
    setNote(message);
    setRehearsal({ status: 'idle' });
  };

  const summary = result?.ok
    ? `${Object.keys(result.scenario.states).length} states · ${Object.values(result.scenario.states).reduce((n, s) => n + s.injects.length, 0)} injects · ${result.scenario.objectives.length} objectives`
    : undefined;

  const tabs = [
    {
      id: 'story', label: 'Story',
      content: shown && locate ? (
        <>
          {unparsed ? <p className="notice small">The file does not read right now ({problems[0]?.message ?? 'syntax error'}, line {problems[0]?.line}). This is the story as it last read.</p> : null}
          <StoryChart scenario={shown} locate={locate} problems={unparsed ? [] : problems} partial={!result?.ok && !unparsed} onJump={jump} />
        </>
      ) : <p className="empty">{checking ? 'Reading the file…' : 'The story shows here once the file reads as a map of keys.'}</p>,
    },
    {
      id: 'rehearse', label: 'Rehearse',
      content: <RehearsePanel state={rehearsal} seed={seed} onSeed={setSeed} onRun={runRehearsal} onJumpState={jumpState}
        stale={rehearsal.text !== undefined && rehearsal.text !== text}
        blocked={result && !result.ok ? `Rehearsals run once the file has no errors (${errors} now).` : !result ? 'Reading the file…' : undefined} />,
    },
    {
      id: 'coverage', label: 'Coverage',
      content: shown && locate ? <CoveragePanel scenario={shown} locate={locate} partial={!result?.ok} rehearsal={rehearsal.rehearsal} onJump={jump} />
        : <p className="empty">Coverage shows once the file reads.</p>,
    },
    { id: 'comms', label: 'Comms sandbox', content: <CommsSandbox scenario={lastGood} worker={worker} partial={Boolean(result && !result.ok)} draft={post} onDraft={setPost} /> },
  ];

  return (
    <main id="main" className="studio-page">
      <div className="studio-bar">
        <div className="studio-file">
          <h1 className="studio-title">{shown?.title && shown.title !== '-' ? shown.title : 'Untitled scenario'}</h1>
          <span className="mono small muted" data-testid="studio-file">{fileName}</span>
          <span className={`studio-status ${checking ? 'is-checking' : errors ? 'is-bad' : 'is-ok'}`} role="status" data-testid="studio-status">
            {checking ? 'Checking…' : errors ? `${errors} error${errors === 1 ? '' : 's'}` : `✓ Valid${summary ? ` · ${summary}` : ''}`}
          </span>
        </div>
        <div className="btn-row studio-actions">
          <button type="button" className="btn" onClick={() => setDialog('start')}>New…</button>
          <button type="button" className="btn" onClick={() => download(fileName, text)}>Download</button>
          <button type="button" className="btn btn-primary" onClick={() => setDialog('save')}>Save to library</button>
        </div>
      </div>
      {note ? (
        <p className="studio-note" role="status">
          {note} <button type="button" className="btn btn-quiet btn-small" onClick={() => setNote(undefined)}>Dismiss</button>
        </p>
      ) : null}
      <div className="studio-grid">
        <div className="studio-left">
          <ScenarioEditor ref={editor} initialText={initialText} assist={assist} onChange={setText} onChecked={onChecked} onSave={() => setDialog('save')} />
          <p className="studio-keys small muted">Ctrl-Space completes · hover a key for help · a problem's fix is one click in its tooltip · Ctrl-S saves · Esc then Tab leaves the editor</p>
          <ProblemsPanel problems={problems} checking={checking} onJump={jump} />
        </div>
        <div className="studio-right">
          <Tabs tabs={tabs} selected={tab} onSelect={setTab} label="See and rehearse the scenario" />
        </div>
      </div>
      <StartDialog open={dialog === 'start'} onClose={() => setDialog(undefined)} library={library} onStart={replaceText} />
      <SaveDialog open={dialog === 'save'} onClose={() => setDialog(undefined)} info={info} id={id} text={text} errors={checking ? 0 : errors}
        taken={(library ?? []).map((s) => s.id)} onDownload={() => download(fileName, text)}
        onUseId={(next) => editor.current?.setText(withIdAndTitle(text, next))}
        onSaved={() => http.scenarios().then(setLibrary, () => undefined)} />
    </main>
  );
}
