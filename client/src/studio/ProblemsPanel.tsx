import type { ScenarioProblem } from '../../../shared/scenario/problems';

/**
 * Every problem of the file in one list, in file order, each a button that puts the cursor where it is. The
 * same messages as `firedrill validate` prints, from the same loader.
 */
export function ProblemsPanel({ problems, checking, onJump }: { problems: readonly ScenarioProblem[]; checking: boolean; onJump: (line: number, col: number) => void }) {
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  return (
    <section className="problems" aria-labelledby="problems-title" data-testid="problems">
      <h2 id="problems-title" className="problems-title">
        {checking ? 'Checking…' : problems.length === 0 ? <><span className="ok-mark" aria-hidden="true">✓</span> No problems</> : (
          <>{errors ? `${errors} error${errors === 1 ? '' : 's'}` : ''}{errors && warnings ? ', ' : ''}{warnings ? `${warnings} warning${warnings === 1 ? '' : 's'}` : ''}</>
        )}
      </h2>
      {problems.length ? (
        <ul className="problem-list">
          {problems.map((p, i) => (
            <li key={`${p.line}:${p.col}:${i}`} className={`problem ${p.severity}`}>
              <button type="button" className="problem-btn" onClick={() => onJump(p.line, p.col)} data-line={p.line}>
                <span className="problem-where tabular">{p.line}:{p.col}</span>
                <span className="problem-kind">{p.severity === 'error' ? 'error' : 'warning'}</span>
                <span className="problem-msg">{p.message}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
