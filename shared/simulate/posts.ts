import type { StatusPhase } from '../drill/commands';
import type { DrillState } from '../drill/state';
import type { Facts, Scenario } from '../scenario/schema';
import type { Rng } from './prng';

/**
 * What bots write. Textbook posts are built to pass every line of the communication rubric (phase, impact in
 * user terms, what we are doing, next update time, apology, no blame, jargon or fix promise, and in the final
 * post a statement about customer data that is true to the scenario's facts); thin posts name the phase and the
 * impact and stop there; chaotic posts shift blame and promise fixes. The adversarial teams write to game the
 * rubric: stuffed posts are strings of cue words, shifting posts are well formed (impact, next update) but blame
 * the vendor, "human error" or a person and over-promise. Texts are generic on purpose: bots know no
 * per-scenario scripts.
 */
export type Writing = 'good' | 'thin' | 'blaming' | 'stuffed' | 'shifting';

export interface StatusDraft { phase: StatusPhase; final: boolean; nextUpdateMinutes: number }

const GOOD: Record<StatusPhase, readonly string[]> = {
  investigating: [
    'Investigating: some customers are unable to use parts of our service right now. We are sorry for the disruption. Our engineers are working on it and we are investigating the cause. Next update in {n} minutes.',
    'Investigating: customers may see errors or be unable to complete what they came to do. This is on us and we are sorry. Our team is working on it right now. Next update in {n} minutes.',
  ],
  identified: [
    'Identified: we have found what is stopping some customers from using our service, and our engineers are working on the fix now. We are sorry for the trouble this is causing. Next update in {n} minutes.',
    'Identified: we know why customers are seeing errors, and our team is working with the people who can put it right. We apologise for the disruption. Next update in {n} minutes.',
  ],
  monitoring: [
    'Monitoring: the service is working again for customers and we are monitoring it closely while our engineers finish the clean-up. We are sorry for the disruption. Next update in {n} minutes.',
    'Monitoring: customers should be able to use the service normally again. Our team is watching every part of it to make sure it stays that way. We apologise for the trouble. Next update in {n} minutes.',
  ],
  resolved: [
    'Resolved: the incident is over and customers can use the service normally again. We are sorry; this was our responsibility. {data} We will publish an incident report within five business days.',
    'Resolved: everything is working again for customers. We apologise for the disruption; we own this. {data} Our engineers have fixed the cause, and a full incident report will follow within five business days.',
  ],
};

/**
 * What the final post says about customer data, true to the scenario's facts: a textbook team does not say
 * "no data was lost" when data was lost, and says so when personal or card data was exposed.
 */
function dataSentence(facts: Facts): string {
  const said = [
    facts['data-lost'] === true ? 'Some customer data could not be recovered; we are contacting every affected customer with exactly what was lost.'
      : facts['data-lost'] === false ? 'Our team has checked and no customer data was lost.'
        : 'Our team is checking whether any customer data was lost and will tell every affected customer what we find.',
  ];
  if (facts['personal-data-exposed']) said.push('Some personal data was exposed, and we have told everyone affected.');
  if (facts['card-data-exposed']) said.push('Payment card details were exposed; we have told the card companies and everyone affected.');
  return said.join(' ');
}

const THIN: Record<StatusPhase, readonly string[]> = {
  investigating: ['Investigating reports of problems for some customers.', 'We are looking into errors some users are seeing.'],
  identified: ['Identified: we found the issue behind the errors some customers see.', 'Identified the cause of the problems for some users.'],
  monitoring: ['Monitoring: things look better for customers now.', 'Monitoring after a fix; users should see fewer errors.'],
  resolved: ['Resolved. Service is back to normal for customers.', 'This incident has been resolved for all users.'],
};

const BLAMING: Record<StatusPhase, readonly string[]> = {
  investigating: [
    'Investigating an outage. This is the vendor\'s fault, not ours; looks like human error on their end. Should be fixed in 10 minutes.',
    'Some users see errors because of our provider. Not our problem, probably human error over there. Back up within the hour.',
  ],
  identified: [
    'Identified: caused by a third party vendor. Human error on their side. We expect it to be fixed in 15 minutes.',
    'Found the root cause: human error by an engineer at our supplier, so this is their fault. Should be resolved within the hour.',
  ],
  monitoring: [
    'Monitoring. It was the vendor\'s fault all along, human error on their end.',
    'Watching it now; a third party issue caused by human error at our provider.',
  ],
  resolved: [
    'Resolved. It was a third party issue and human error, beyond our control.',
    'Fixed. Human error at the vendor, nothing to do with us.',
  ],
};

const STUFFED: Record<StatusPhase, readonly string[]> = {
  investigating: ['Investigating. Sorry. We take this seriously. Our responsibility. Impact. Working on it. Next update in {n} minutes. Sorry. Update.'],
  identified: ['Identified. Sorry. Cause found. Our responsibility. Impact. Fix. Next update in {n} minutes. We apologise. Update.'],
  monitoring: ['Monitoring. Sorry. Fixed. Our responsibility. Impact. Monitoring. Next update in {n} minutes. Update. Update.'],
  resolved: ['Resolved. Sorry. Our responsibility. Impact. Fix. Data. Update. We apologise. Thank you. Report.'],
};

const SHIFTING: Record<StatusPhase, readonly string[]> = {
  investigating: [
    'Investigating: some customers cannot complete what they came to do right now. Our provider caused this outage; it is their fault, not ours. Our team is pushing them to fix it. Next update in {n} minutes.',
    'Investigating: customers may see errors right now. This looks like human error by an engineer on the ops team, and we are dealing with the person responsible. Next update in {n} minutes.',
  ],
  identified: ['Identified: an engineer at our vendor made a mistake that is stopping customers from using our service. We are waiting for them to fix it; it will never happen again. Next update in {n} minutes.'],
  monitoring: ['Monitoring: the service works again for customers now that our vendor fixed their mistake. This was human error on their side, not ours. Next update in {n} minutes.'],
  resolved: ['Resolved: customers can use the service normally again. The outage was caused by human error at our vendor, and we have removed the engineer responsible. We guarantee it will not happen again.'],
};

const TEXTS: Record<Writing, Record<StatusPhase, readonly string[]>> = { good: GOOD, thin: THIN, blaming: BLAMING, stuffed: STUFFED, shifting: SHIFTING };

/**
 * A status-page post in the given style; `{n}` becomes the minutes to the next update, `{data}` what the
 * scenario's `facts` say happened to customer data.
 */
export function statusText(writing: Writing, draft: StatusDraft, rng: Rng, facts: Facts = {}): string {
  return rng.pick(TEXTS[writing][draft.phase])
    .replace('{n}', String(Math.max(5, Math.round(draft.nextUpdateMinutes))))
    .replace('{data}', dataSentence(facts));
}

/** War-room messages: short, operational, and for the chaotic team, pointed at someone else. */
export const WAR_ROOM = {
  open: (ic: string, contacts: string[], firstUpdate: number) =>
    `${ic} here, I am taking incident command. Roles are claimed; ${contacts.length ? `we are paging ${contacts.join(', ')}` : 'no escalation needed yet'}. First status-page update in ${Math.max(1, Math.round(firstUpdate))} minutes.`,
  update: (state: DrillState, scenario: Scenario, next: number) => {
    const names = (pages: DrillState['pages']) => [...new Set(pages.map((p) => contactName(scenario, p.contact)))].join(', ');
    const replied = state.pages.filter((p) => p.reply);
    const waiting = state.pages.filter((p) => !p.reply);
    const what = state.declared.mitigated
      ? 'mitigation is declared; we are watching recovery and cleaning up.'
      : `${replied.length ? `${names(replied)} answered and we are working through it.` : 'still working the problem.'}${waiting.length ? ` Waiting on ${names(waiting)}.` : ''}`;
    return `Update for the room: ${what} Next check-in in ${Math.round(next)} minutes.`;
  },
  thin: ['anyone looking at this?', 'still on it', 'what is the status?'] as const,
  chaotic: [
    'This is the vendor\'s fault again. Paging everyone until somebody answers.',
    'Honestly this looks like human error. Who touched it last?',
    'Can someone just restart everything?',
    'Not our problem, it is their platform. Why are we even here?',
  ] as const,
  shifting: [
    'The vendor broke it again. Make sure the status page says whose fault this is.',
    'Find out who on ops pushed the last change; that person is answering for this.',
  ] as const,
};

export function contactName(scenario: Scenario, id: string): string {
  return scenario.contacts.find((c) => c.id === id)?.name ?? id;
}

/** Hot-wash action items, each with an owner (a bot's name) and a due date; the team keeps as many as its profile says. */
export function actionItems(state: DrillState, scenario: Scenario, owners: readonly string[]): { text: string; owner: string; due: string }[] {
  const slow = state.pages.filter((p) => !p.reply || p.reply.t - p.t >= 10 * 60_000).map((p) => contactName(scenario, p.contact));
  return [
    { text: 'Write and circulate the after-action report with a timeline of this incident', owner: owners[3], due: 'in 5 business days' },
    ...[...new Set(slow)].map((name) => ({ text: `Test the escalation path to ${name} and agree a response time`, owner: owners[2], due: 'in 2 weeks' })),
    { text: 'Add an alert that fires before customers notice, and a runbook entry for it', owner: owners[0], due: 'in 4 weeks' },
    { text: 'Prepare status-page templates for this kind of incident', owner: owners[1], due: 'in 2 weeks' },
  ];
}
