/**
 * Sections of the after-action report for what the team declared and decided, and what the evaluators
 * changed: declarations and retractions (who, when, why, and whether the story had got there), decisions (the
 * options with the author's ratings and reasons, the choice, who made it and their rationale), and every
 * evaluator override with the automatic value, the override and the note. Times go through the report's stamp
 * (story time next to T+ when the scenario has `starts-at`).
 */
import type { OverrideTarget, OverrideValue } from '../drill/commands';
import { formatClock as plainClock } from '../duration';
import { escapeMarkdown as md } from './markdown';
import { code, table } from './report-md-table';
import type { Scorecard } from './types';

const STATUS_WORDS: Record<Scorecard['overrides'][number]['status'], string> = {
  applied: 'in force', superseded: 'replaced by a later override', cleared: 'cleared: back to the automatic value', 'no-target': 'no such objective, rated post or check',
};

export function declarations(card: Scorecard, formatClock: (ms: number) => string = plainClock): string {
  if (card.declarations.length === 0) return '## Declarations\n\n_The incident was never declared mitigated or resolved._';
  const rows = card.declarations.map((d) => [
    formatClock(d.at), `#${d.seq}`, md(d.by),
    d.action === 'declare' ? `declared **${d.status}**${d.premature ? ' — premature: before the story got there' : ''}` : `retracted **${d.status}**`,
    d.reason ? md(d.reason) : '—',
  ]);
  const fixed = [card.metrics.fixed.mitigated && `worked again at ${formatClock(card.metrics.fixed.mitigated.at)}`, card.metrics.fixed.resolved && `was fixed at ${formatClock(card.metrics.fixed.resolved.at)}`].filter(Boolean);
  const story = fixed.length ? `\n\nIn the story, the service ${fixed.join(' and ')}.` : '';
  return `## Declarations\n\n${table(['Time', 'Event', 'Who', 'What', 'Why'], rows)}${story}`;
}

export function decisions(card: Scorecard, formatClock: (ms: number) => string = plainClock): string {
  if (card.decisions.length === 0) return '## Decisions\n\n_No decision came up in this run._';
  const parts = card.decisions.map((d) => {
    const head = `### ${md(d.title)} (${code(d.injectId)}, arrived ${formatClock(d.delivered.at)})`;
    const options = table(['Option', 'Rating', 'Why (the scenario author)', 'Chosen'], d.options.map((o) => [md(o.label), `**${o.rating}**`, md(o.why), o.chosen ? 'yes' : '']));
    const choice = d.choice
      ? `Chosen by ${md(d.choice.by)} at ${formatClock(d.choice.at)} (#${d.choice.seq}): "${md(d.choice.label)}"${d.choice.reason ? `, because "${md(d.choice.reason)}"` : ', with no reason given'}.`
      : 'Nobody decided.';
    const changes = d.history.length > 1
      ? `\n\nChanges of mind: ${d.history.map((c) => `${formatClock(c.at)} ${md(c.by)}: "${md(c.label)}"`).join('; ')}.`
      : '';
    const closed = d.closed ? ` The decision closed at ${formatClock(d.closed.at)}.` : '';
    return `${head}\n\n${options}\n\n${choice}${closed}${changes}`;
  });
  return `## Decisions\n\n${parts.join('\n\n')}`;
}

const targetText = (t: OverrideTarget) => ('objective' in t ? `objective ${code(t.objective)}` : `post #${t.post}, check ${code(t.check)}`);
const valueText = (v: OverrideValue) => (v === null ? 'cleared' : 'rating' in v ? `rated ${v.rating}` : v.passed ? 'passed' : 'failed');

export function overrides(card: Scorecard, formatClock: (ms: number) => string = plainClock): string {
  if (card.overrides.length === 0) return '## Evaluator overrides\n\n_None: every rating above is the automatic one._';
  const rows = card.overrides.map((o) => [formatClock(o.at), `#${o.seq}`, md(o.by), targetText(o.target), valueText(o.value), md(o.note), STATUS_WORDS[o.status]]);
  return `## Evaluator overrides\n\nEvaluators have the last word: the scores above use the overrides in force.\n\n${table(['Time', 'Event', 'Who', 'What', 'Override', 'Note', 'Status'], rows)}`;
}
