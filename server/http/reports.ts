import { createHash } from 'node:crypto';
import { Router, type Response } from 'express';
import { timelineCsv } from '../../shared/report/csv';
import { REPORT_CSS, reportHtml } from '../../shared/report/html';
import { compareRuns, renderReport, score, type RunComparison, type Scorecard } from '../../shared/scoring';
import type { AppContext } from '../context';
import type { DrillRecord } from '../store/store';
import { participantAccess, staffAccess, TOKEN_HEADER } from './access';
import { ScorecardCache } from './scorecard-cache';
import { ApiError } from './errors';

/** How many of a scenario's latest finished runs `GET /api/scenarios/:id/runs` compares. */
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
 * - `GET /scenarios/:id/runs` — finished runs of a scenario compared per objective and dimension. Public,
 *   so it carries numbers only: no names or post texts, and no drill ids except the caller's own run when
 *   `?drill=<id>&key=<its facilitator or observer key>` is given.
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
    const finished = (await ctx.store.listFinishedDrills(record.scenarioId)).slice(-MAX_RUNS);
    return compareRuns(finished.map(({ drill, events }) => score(drill.scenario, events, drill.id === record.id ? { drillId: drill.id } : {})));
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

  router.get('/scenarios/:id/runs', async (req, res) => {
    const finished = (await ctx.store.listFinishedDrills(req.params.id)).slice(-MAX_RUNS);
    if (finished.length === 0 && !ctx.scenarios.get(req.params.id)) {
      throw new ApiError(404, 'not-found', `There is no scenario "${req.params.id}". GET /api/scenarios lists them.`);
    }
    // `?drill=&key=`: the caller's own run keeps its id (so a page can mark it); every other run stays anonymous.
    const own = typeof req.query.drill === 'string' ? await ctx.store.getDrill(req.query.drill) : undefined;
    const ownId = own && own.scenarioId === req.params.id && staffAccess(req, own) ? own.id : undefined;
    const body: RunComparison = compareRuns(finished.map(({ drill, events }) => score(drill.scenario, events, drill.id === ownId ? { drillId: drill.id } : {})));
    res.json(body);
  });

  return router;
}
