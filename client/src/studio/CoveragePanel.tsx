import { useMemo } from 'react';
import { blindSpots, objectiveCoverage } from '../../../shared/scenario/coverage';
import type { Locate } from '../../../shared/scenario/load';
import type { Path } from '../../../shared/scenario/problems';
import type { Scenario } from '../../../shared/scenario/schema';
import type { Rehearsal } from '../../../shared/simulate/rehearse';

interface Props {
  scenario: Scenario;
  locate: Locate;
  partial: boolean;
  /** The last rehearsal, for what no bot team reached. */
  rehearsal?: Rehearsal;
  onJump(line: number, col: number): void;
}

/**
 * What the objectives evaluate (shared/scenario/coverage.ts): the states, branches and injects no objective
 * looks at. A scorecard that ignores half the story reads as better than it is.
 */
export function CoveragePanel({ scenario, locate, partial, rehearsal, onJump }: Props) {
  const coverage = useMemo(() => objectiveCoverage(scenario), [scenario]);
  const spots = useMemo(() => blindSpots(coverage), [coverage]);
  const jump = (path: Path, at?: 'key') => {
    const { line, col } = locate(path, at);
    onJump(line, col);
  };
  const count = (all: number, blind: number) => `${all - blind} of ${all}`;
  const clean = !spots.states.length && !spots.transitions.length && !spots.injects.length && !spots.unmeasuredAcks.length;
  const injectPath = (state: string, index: number): Path => ['states', state, 'injects', index];
  return (
    <div className="coverage" data-testid="coverage">
      {partial ? <p className="notice small">The file has errors: this covers the part that reads.</p> : null}
      <p className="coverage-summary">
        The objectives evaluate <strong>{count(coverage.states.length, spots.states.length)}</strong> states,{' '}
        <strong>{count(coverage.transitions.length, spots.transitions.length)}</strong> transitions and{' '}
        <strong>{count(coverage.injects.length, spots.injects.length)}</strong> injects.
      </p>
      <p className="small muted">An objective evaluates a transition when it measures what the transition waits for (a page, a post, a
        declaration…), or the state it leads to (reached); a state through its ways out; an inject through its acknowledgement or its state.</p>
      {clean ? <p className="verdict verdict-ok">Every part of the story is evaluated by at least one objective.</p> : null}
      {spots.states.length ? (
        <section aria-labelledby="cov-states">
          <h3 id="cov-states" className="rehearse-h">States no objective evaluates</h3>
          <ul className="cov-list">
            {spots.states.map((s) => (
              <li key={s.id}>
                <button type="button" className="link-btn mono" onClick={() => jump(['states', s.id], 'key')}>{s.id}</button>{' '}
                <span className="small muted">{s.final ? 'nothing measures how the team gets here' : 'nothing measures what the team does to move on from here'}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {spots.transitions.length ? (
        <section aria-labelledby="cov-branches">
          <h3 id="cov-branches" className="rehearse-h">Branches no objective evaluates</h3>
          <ul className="cov-list">
            {spots.transitions.map((t) => (
              <li key={`${t.from}-${t.kind}-${t.index}`}>
                <button type="button" className="link-btn" onClick={() => jump(['states', t.from, t.kind, t.index])}><span className="mono">{t.from}</span> → <span className="mono">{t.to}</span></button>{' '}
                <span className="small muted">{t.kind === 'on' ? `when ${t.label}` : t.label}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {spots.injects.length ? (
        <section aria-labelledby="cov-injects">
          <h3 id="cov-injects" className="rehearse-h">Injects no objective evaluates</h3>
          <ul className="cov-list">
            {spots.injects.map((i) => (
              <li key={i.id}>
                <button type="button" className="link-btn mono" onClick={() => jump(injectPath(i.state, i.index))}>{i.id}</button>{' '}
                <span className="small muted">{i.title ?? ''}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {spots.unmeasuredAcks.length ? (
        <section aria-labelledby="cov-acks">
          <h3 id="cov-acks" className="rehearse-h">Acknowledgements nothing measures</h3>
          <ul className="cov-list">
            {spots.unmeasuredAcks.map((i) => (
              <li key={i.id}>
                <button type="button" className="link-btn mono" onClick={() => jump(injectPath(i.state, i.index))}>{i.id}</button>{' '}
                <span className="small muted">asks for an acknowledgement (ack: true) that no ack objective rates</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="cov-reached">
        <h3 id="cov-reached" className="rehearse-h">What no bot team reached</h3>
        {!rehearsal ? <p className="small muted">Rehearse to see which states and injects no team ever sees.</p>
          : rehearsal.unreached.states.length + rehearsal.unreached.injects.length === 0 ? <p className="small">Every state and inject was reached by at least one team (seed {rehearsal.seed}).</p> : (
            <ul className="cov-list">
              {rehearsal.unreached.states.map((id) => (
                <li key={`s-${id}`}>state <button type="button" className="link-btn mono" onClick={() => jump(['states', id], 'key')}>{id}</button></li>
              ))}
              {rehearsal.unreached.injects.map((id) => {
                const found = coverage.injects.find((i) => i.id === id);
                return (
                  <li key={`i-${id}`}>inject {found ? <button type="button" className="link-btn mono" onClick={() => jump(injectPath(found.state, found.index))}>{id}</button> : <span className="mono">{id}</span>}</li>
                );
              })}
            </ul>
          )}
      </section>
    </div>
  );
}
