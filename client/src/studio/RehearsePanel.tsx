import { useId } from 'react';
import { formatClock } from '../../../shared/duration';
import type { RatingOrNA } from '../../../shared/scoring/types';
import type { Rehearsal, TeamRun } from '../../../shared/simulate/rehearse';
import { ADVERSARIAL } from '../../../shared/simulate/profiles';
import { THRESHOLDS } from '../../../shared/simulate/separation';
import { ErrorNote } from '../ui/bits';

/** What each bot team is, in a line (docs/simulation.md); teams added to the simulator later show their name. */
const TEAM_NOTES: Record<string, string> = {
  textbook: 'does everything right, on time',
  slow: 'right things, late; thin updates',
  silent: 'claims roles, then does nothing',
  chaotic: 'no IC for 20 minutes, pages everyone, blames the vendor',
  'declare-victory': 'games the score: roles in the lobby, all-clear at 1 minute',
  'keyword-stuffer': 'games the score: on time, posts of cue words',
  'blame-shifter': 'games the score: on time, posts that blame',
};

const RATING_WORDS: Record<RatingOrNA, string> = { P: 'Performed', S: 'Some challenges', M: 'Major challenges', U: 'Unable to perform', 'N/A': 'Not applicable' };

export interface RehearseState {
  status: 'idle' | 'running' | 'done' | 'error';
  rehearsal?: Rehearsal;
  ms?: number;
  error?: string;
  /** The text the rehearsal ran on; a later edit makes it out of date. */
  text?: string;
}

interface Props {
  state: RehearseState;
  /** Why the current text cannot be rehearsed (errors); undefined when it can. */
  blocked?: string;
  stale: boolean;
  seed: number;
  onSeed(seed: number): void;
  onRun(): void;
  onJumpState(id: string): void;
}

/**
 * Rehearse in one click: every bot team the simulator has plays the scenario in a Web Worker, and the panel shows
 * each team's score and path through the story, which objectives tell the teams apart, and a warning when the
 * scenario fails to tell a good team from a bad one.
 */
export function RehearsePanel({ state, blocked, stale, seed, onSeed, onRun, onJumpState }: Props) {
  const seedId = useId();
  const r = state.rehearsal;
  return (
    <div className="rehearse" data-testid="rehearse">
      <div className="rehearse-head">
        <p className="small muted">Bot teams play the whole drill in your browser, through the same drill core and scoring a real drill uses.</p>
        <div className="btn-row">
          <label htmlFor={seedId} className="field-label">Seed</label>
          <input id={seedId} type="number" min={1} max={9999} value={seed} className="seed-input" onChange={(e) => onSeed(Math.max(1, Math.min(9999, Number(e.target.value) || 1)))} aria-describedby={`${seedId}-hint`} />
          <button type="button" className="btn btn-primary" onClick={onRun} disabled={state.status === 'running' || Boolean(blocked)}>
            {state.status === 'running' ? 'Rehearsing…' : r ? 'Rehearse again' : 'Rehearse'}
          </button>
        </div>
        <p id={`${seedId}-hint`} className="small muted">The seed decides exactly when bots act; another seed shows the spread.</p>
      </div>
      {blocked ? <p className="notice small" role="status">{blocked}</p> : null}
      <ErrorNote error={state.status === 'error' ? state.error : undefined} />
      {r ? (
        <div className={stale ? 'rehearse-result is-stale' : 'rehearse-result'} aria-live="polite">
          {stale ? <p className="notice small">The text changed since this rehearsal. Rehearse again to see the current version.</p> : null}
          <Verdict rehearsal={r} />
          <h3 className="rehearse-h">Scores</h3>
          <ul className="team-scores" aria-label="Team scores">
            {r.teams.map((team) => (
              <li key={team.team} className="team-score" data-team={team.team}>
                <span className="team-name"><strong>{team.team}</strong> <span className="small muted">{TEAM_NOTES[team.team] ?? ''}</span></span>
                <span className="team-bar" aria-hidden="true"><span className={`team-fill team-${team.team}`} style={{ width: `${team.overall}%` }} /></span>
                <span className="team-overall tabular" data-testid={`score-${team.team}`}>{team.overall}</span>
              </li>
            ))}
          </ul>
          <h3 className="rehearse-h">Paths through the story</h3>
          <ul className="team-paths">
            {r.teams.map((team) => <TeamPath key={team.team} team={team} onJumpState={onJumpState} />)}
          </ul>
          <h3 className="rehearse-h">Which objectives tell the teams apart</h3>
          <ObjectiveMatrix rehearsal={r} />
          <p className="small muted">{r.teams.length} teams, seed {r.seed}{state.ms !== undefined ? `, ${state.ms} ms in a Web Worker` : ''}.</p>
        </div>
      ) : state.status === 'idle' && !blocked ? <p className="empty">Press Rehearse to see how each team does.</p> : null}
    </div>
  );
}

function Verdict({ rehearsal }: { rehearsal: Rehearsal }) {
  const scores = rehearsal.teams.map((t) => `${t.team} ${t.overall}`).join(' · ');
  const caveats = rehearsal.caveats.length > 0 && <ul className="small">{rehearsal.caveats.map((c) => <li key={c}>{c}</li>)}</ul>;
  if (rehearsal.separation.length === 0) {
    return (
      <div className="verdict verdict-ok" data-testid="verdict">
        <p><strong>Good and bad teams score apart.</strong> {scores}</p>
        {caveats}
      </div>
    );
  }
  return (
    <div className="verdict verdict-warn" role="alert" data-testid="verdict">
      <p><strong>This scenario does not tell good teams from bad.</strong> A scenario that cannot tell these bots apart cannot tell real teams apart either.</p>
      <ul>{rehearsal.separation.map((p) => <li key={p}>{p}</li>)}</ul>
      {caveats}
      <p className="small">Expected: textbook ≥ {THRESHOLDS.textbook.min}, slow {THRESHOLDS.slow.min}–{THRESHOLDS.slow.max}, silent ≤ {THRESHOLDS.silent.max}, chaotic below slow, and each team that games the score ({ADVERSARIAL.join(', ')}) ≤ {THRESHOLDS.adversarial.max}. Tighten the targets, or add objectives for what the story asks of the team (see Coverage).</p>
    </div>
  );
}

function TeamPath({ team, onJumpState }: { team: TeamRun; onJumpState: (id: string) => void }) {
  const end = team.ended
    ? team.ended.reason === 'final' ? `finished at ${formatClock(team.ended.at)}` : team.ended.reason === 'duration' ? `time ran out at ${formatClock(team.ended.at)}` : `ended at ${formatClock(team.ended.at)}`
    : 'did not end';
  return (
    <li className="team-path" data-team={team.team}>
      <span className="team-path-name"><strong>{team.team}</strong> <span className="small muted">{end}</span></span>
      <ol className="path-steps" aria-label={`Path of the ${team.team} team`}>
        {team.path.map((step, i) => (
          <li key={`${step.state}-${i}`}>
            <button type="button" className="path-step" onClick={() => onJumpState(step.state)} title={`Entered at ${formatClock(step.at)}`}>
              <span className="tabular small muted">{formatClock(step.at)}</span> {step.state}
            </button>
          </li>
        ))}
      </ol>
    </li>
  );
}

function ObjectiveMatrix({ rehearsal }: { rehearsal: Rehearsal }) {
  if (rehearsal.objectives.length === 0) return <p className="empty">The scenario has no objectives: every team is rated on the standard measures only.</p>;
  const teams = rehearsal.teams.map((t) => t.team);
  return (
    <div className="matrix-wrap">
      <table className="matrix">
        <thead>
          <tr>
            <th scope="col">Objective</th>
            {teams.map((t) => <th key={t} scope="col">{t}</th>)}
            <th scope="col">Tells apart</th>
          </tr>
        </thead>
        <tbody>
          {rehearsal.objectives.map((o) => (
            <tr key={o.id} className={o.favours.length ? 'favours' : o.separates ? '' : 'flat'}>
              <th scope="row"><span className="mono small">{o.id}</span><br />{o.title}</th>
              {teams.map((t) => (
                <td key={t} className={`rating rating-${o.ratings[t] === 'N/A' ? 'na' : o.ratings[t].toLowerCase()}`} title={rehearsal.teams.find((x) => x.team === t)?.objectives[o.id]?.summary}>
                  <span aria-hidden="true">{o.ratings[t]}</span><span className="sr-only">{RATING_WORDS[o.ratings[t]]}</span>
                </td>
              ))}
              <td className="small">
                {o.favours.length ? <strong className="warn-text">rates {o.favours.join(', ')} above textbook</strong> : o.separates ? 'yes' : <span className="muted">no: every team gets {o.ratings[teams[0]]}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
