import type { Player, TestServer } from './helpers';

/** Shared by the tests of what people without a key may read (join code, public status page, team scorecard). */

export const WAR_ROOM = 'War room: ops here, orders-db-primary-eu1 is wedged, paging PartnerDB';
export const PAGE = 'P1: writes to orders-db time out, please fail over';
export const NOTE = 'Facilitator only: Ben froze for two minutes before posting';
export const ADHOC = 'Ad hoc: the CFO is on the phone';
export const UPDATE_1 = 'Investigating: customers cannot check out. We are sorry; we are on it. Next update in 15 minutes.';
export const UPDATE_2 = 'Monitoring: checkout works again for all customers. Next update in 30 minutes.';

export interface Drill {
  drillId: string;
  facilitatorKey: string;
  observerKey: string;
  facilitator: Player;
  ana: Player;
  ben: Player;
}

/**
 * A running drill with two participants (Ana the IC, Ben on comms), a war-room post, a page (the scenario moves
 * to vendor-engaged), a facilitator note, an ad-hoc inject and a severity change.
 */
export async function runningDrill(s: TestServer): Promise<Drill> {
  const { drillId, joinCode, facilitatorKey, observerKey } = await s.createDrill();
  const facilitator = await s.join({ as: 'facilitator', drillId, key: facilitatorKey });
  const ana = await s.join({ as: 'participant', code: joinCode, name: 'Ana' });
  const ben = await s.join({ as: 'participant', code: joinCode, name: 'Ben' });
  await ana.act({ type: 'role.claim', role: 'ic' });
  await ben.act({ type: 'role.claim', role: 'comms' });
  await facilitator.act({ type: 'drill.start' });
  await ana.act({ type: 'chat.post', text: WAR_ROOM });
  await ana.act({ type: 'contact.page', contact: 'vendor-support', message: PAGE });
  await facilitator.act({ type: 'note.add', text: NOTE });
  await facilitator.act({ type: 'inject.send', to: ['all'], channel: 'chat', from: 'Front desk', title: ADHOC });
  await ana.act({ type: 'severity.set', severity: 'SEV2' });
  return { drillId, facilitatorKey, observerKey, facilitator, ana, ben };
}

export const getJson = async <T>(url: string, headers: Record<string, string> = {}) => {
  const res = await fetch(url, { headers });
  return { res, body: (await res.json()) as T };
};
