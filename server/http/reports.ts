import { Router } from 'express';
import { actionItemsCsv } from '../../shared/runs/action-items-csv';
import { renderReport, score, type Scorecard } from '../../shared/scoring';
import type { AppContext } from '../context';
import type { DrillRecord } from '../store/store';
import { participantAccess, staffAccess, TOKEN_HEADER } from './access';
import { ApiError } from './errors';

/** What a participant is told when they ask for the scorecard of a drill that has not ended. */
export const SCORECARD_OPENS_AT_END = 'The scorecard opens when the drill ends.';

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
 * - `GET /drills/:id/action-items.csv` — the action items with their latest values (CSV), the same readers.
 *
 * The runs of a scenario are in runs.ts.
 *
 * A drill still running is scored up to its latest event.
 */
export function reportsRouter(ctx: AppContext): Router {
  const router = Router();
  const scorecardOf = async (record: DrillRecord): Promise<Scorecard> => score(record.scenario, await ctx.store.events(record.id), { drillId: record.id });
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

  router.get('/drills/:id/report.md', async (req, res) => {
    const { record, reader } = await readable(req.params.id, req);
    const card = await scorecardOf(record);
    // The report reads times as the room did: story time (the scenario's `starts-at`) next to drill time.
    const startsAt = record.scenario['starts-at'];
    const report = reader === 'staff' ? renderReport(card, { startsAt }) : renderReport(teamScorecard(card), { observations: false, startsAt });
    res.set('Cache-Control', 'private, no-store').type('text/markdown; charset=utf-8').send(report);
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
