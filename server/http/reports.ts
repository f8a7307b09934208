import { createHash } from 'node:crypto';
import { Router, type Response } from 'express';
import { timelineCsv } from '../../shared/report/csv';
import { REPORT_CSS, reportHtml } from '../../shared/report/html';
import { compareRuns, renderReport, type RunComparison, type Scorecard } from '../../shared/scoring';
import { actionItemsCsv } from '../../shared/runs/action-items-csv';
import type { AppContext } from '../context';
import type { DrillRecord } from '../store/store';
import { participantAccess, staffAccess, TOKEN_HEADER } from './access';
import { ScorecardCache } from './scorecard-cache';
import { comparableRun } from '../../shared/runs/summary';
import { ApiError } from './errors';

/** How many of the scenario's latest ended runs a report's summary compares with. */
export const MAX_RUNS = 20;

/** What a participant is told when they ask for the scorecard of a drill that has not ended. */
export const SCORECARD_OPENS_AT_END = 'The scorecard opens when the drill ends.';

/** The HTML report's policy: its one inline stylesheet, nothing else (the charts are inline SVG). */
export const REPORT_CSP = [
  "default-src 'none'", `style-src 'sha256-${createHash('sha256').update(REPORT_CSS).digest('base64')}'`,
  "img-src data:", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
].join('; ');

/** Who reads a scorecard: staff (key) get all of it; participants (seat token, after the end) the team's part. */
type Reader = 'staff' | 'participant';

/**
 * The scorecard without the facilitator's notes: no observations, no "Facilitator note" timeline entries.
 * Same shape, so every client renders it unchanged.
 */
export function teamScorecard(card: Scorecard): Scorecard {
  return { ...card, observations: [], timeline: card.timeline.filter((entry) => entry.kind !== 'note') };
}

/**
 * Scorecards and reports, mounted at `/api`:
 * - `GET /drills/:id/scorecard` — the full Scorecard (JSON), facilitator or observer key; once the drill has
 *   ended also a participant's seat token (`x-firedrill-token`), without the facilitator's notes;
 * - `GET /drills/:id/report.md` — the after-action report (Markdown), the same readers; a participant's has no
 *   "Facilitator observations" section;
 * - `GET /drills/:id/report.html` — the same report as one standalone HTML page (inline CSS and SVG, no external
 *   asset), served with its own Content Security Policy that allows only its stylesheet;
 * - `GET /drills/:id/timeline.csv` — the timeline as CSV (RFC 4180, formula-safe cells), the same readers; a
 *   participant's has no facilitator notes;
 * - `GET /drills/:id/action-items.csv` — the action items with their latest values (CSV), the same readers.
 *
 * The runs of a scenario are in runs.ts.
 *
 * A drill still running is scored up to its latest event. Scorecards are cached per (drill, last seq): see
 * `ScorecardCache`.
 */
export function reportsRouter(ctx: AppContext): Router {
  const router = Router();
  // Kept per (drill, last seq): a reload or a room full of participants does not re-score the log.
  const scorecards = new ScorecardCache(ctx.store);
  const scorecardOf = (record: DrillRecord): Promise<Scorecard> => scorecards.get(record);
  /** The drill and who may read its scorecard: a key wins over a token; a wrong one of either is a 403. */
  const readable = async (id: string, req: Parameters<typeof staffAccess>[0]): Promise<{ record: DrillRecord; reader: Reader }> => {
    const record = await ctx.store.getDrill(id);
    if (!record) throw new ApiError(404, 'not-found', `There is no drill "${id}". Check the link you were given.`);
    if (staffAccess(req, record)) return { record, reader: 'staff' };
    if (await participantAccess(req, record, ctx.store)) {
      if (record.status !== 'ended') throw new ApiError(403, 'forbidden', SCORECARD_OPENS_AT_END);
      return { record, reader: 'participant' };
    }
    throw new ApiError(401, 'unauthorized', `This needs the facilitator or observer key (?key= or the x-firedrill-key header), or after the drill a participant's seat token (the ${TOKEN_HEADER} header).`);
  };

  router.get('/drills/:id/scorecard', async (req, res) => {
    const { record, reader } = await readable(req.params.id, req);
    const card = await scorecardOf(record);
    // One address, two answers (key or token): never kept by a cache that could hand one reader's copy to another.
    res.set('Cache-Control', 'private, no-store').json(reader === 'staff' ? card : teamScorecard(card));
  });

  /** Finished runs of the drill's scenario compared, so the report's summary gives the change since the previous run. */
  const runsFor = async (record: DrillRecord): Promise<RunComparison> => {
    // From the run summaries kept when each drill ended: never the earlier runs' whole logs.
    const ended = await ctx.store.listEndedRuns(record.scenarioId, { limit: MAX_RUNS });
    const summaries = await Promise.all(ended.map((run) => ctx.runSummaries.backfill(run)));
    return compareRuns(summaries.map((s) => comparableRun(s, s.drillId === record.id)));
  };
  /** The report for its reader: staff get everything; participants the team's copy without facilitator observations. */
  const reportFor = async (req: Parameters<typeof staffAccess>[0]): Promise<{ report: string; record: DrillRecord; card: Scorecard; reader: Reader }> => {
    const { record, reader } = await readable(String(req.params.id), req);
    const [card, runs] = await Promise.all([scorecardOf(record), runsFor(record)]);
    // The report reads times as the room did: story time (the scenario's `starts-at`) next to drill time.
    const startsAt = record.scenario['starts-at'];
    const report = reader === 'staff' ? renderReport(card, { startsAt, runs }) : renderReport(teamScorecard(card), { observations: false, startsAt, runs });
    return { report, record, card, reader };
  };
  const privately = (res: Response) => res.set('Cache-Control', 'private, no-store');

  router.get('/drills/:id/report.md', async (req, res) => {
    const { report } = await reportFor(req);
    privately(res).type('text/markdown; charset=utf-8').send(report);
  });

  router.get('/drills/:id/report.html', async (req, res) => {
    const { report, card } = await reportFor(req);
    // A page of its own: no script, nothing fetched; only its inline stylesheet (by hash) may apply.
    privately(res).set('Content-Security-Policy', REPORT_CSP).type('text/html; charset=utf-8')
      .send(reportHtml(report, `After-action report: ${card.scenario.title}`));
  });

  router.get('/drills/:id/timeline.csv', async (req, res) => {
    const { record, reader } = await readable(req.params.id, req);
    const card = await scorecardOf(record);
    const csv = timelineCsv(reader === 'staff' ? card : teamScorecard(card), record.scenario['starts-at']);
    privately(res).type('text/csv; charset=utf-8; header=present')
      .set('Content-Disposition', `attachment; filename="firedrill-${record.id.replace(/[^\w.-]/g, '_')}-timeline.csv"`).send(csv);
  });

  router.get('/drills/:id/action-items.csv', async (req, res) => {
    const { record } = await readable(req.params.id, req);
    const csv = actionItemsCsv(await scorecardOf(record));
    res.set('Cache-Control', 'private, no-store').set('Content-Disposition', `attachment; filename="action-items-${record.id}.csv"`)
      // A byte-order mark, so that spreadsheets read names with accents as UTF-8.
      .type('text/csv; charset=utf-8; header=present').send(`\uFEFF${csv}`);
  });

  return router;
}
