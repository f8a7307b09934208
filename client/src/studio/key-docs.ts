import type { Path } from '../../../shared/scenario/problems';

/**
 * One sentence per key of the format, from docs/scenario-format.md, for hover help where the schema itself has
 * no description. The schema decides which keys exist and what values they take; these only explain them.
 */
const DOCS: Record<string, string> = {
  'scenario.id': 'The scenario\'s id, kebab-case, equal to the file name without .yaml.',
  'scenario.version': 'The format version: always 1.',
  'scenario.title': 'One line shown in the scenario library and on the scorecard.',
  'scenario.summary': 'One or two sentences for the facilitator: what happens.',
  'scenario.briefing': 'Read to the team in the lobby before the drill: setting, time of day, what they own. No spoilers.',
  'scenario.severity': 'The starting severity; the team may change it during the drill.',
  'scenario.duration': 'The longest the drill runs; it ends then at the latest.',
  'scenario.tags': 'Free words for the library: [database, vendor].',
  'scenario.roles': 'Who the team can be. Mark the ones a drill needs with required: true.',
  'scenario.contacts': 'Who the team can page, how long they take to answer and what they say.',
  'scenario.telemetry': 'Simulated dashboard series that telemetry injects add points to.',
  'scenario.objectives': 'What the scorecard rates: each measures one behaviour against a target.',
  'scenario.initial': 'The id of the state the drill starts in.',
  'scenario.states': 'The story: a map of state id → state.',
  'role.id': 'How injects (to:) and conditions (role-filled:) refer to this role.',
  'role.name': 'Shown to the team: "Incident Commander".',
  'role.required': 'The drill expects someone in this role; the roles-filled objective waits for every required role.',
  'role.description': 'What this role does, shown when claiming it.',
  'contact.id': 'How escalated:, replied: and escalated objectives refer to this contact.',
  'contact.name': 'Who they are: "Luis Ferreira".',
  'contact.responds': 'Their reply arrives this long after they are paged.',
  'objective.id': 'Shown on the scorecard and in exports.',
  'objective.title': 'The behaviour in words: "Customers hear from us". Derived from the measure when left out.',
  'objective.measure': 'What is measured: a kind and its parameter.',
  'objective.target': 'A duration from the drill start (for ack: from when the inject arrived; for cadence: the largest gap), or a score 0–100 for rubric.',
  'objective.weight': 'How much it counts in its dimension; 2–3 for what the drill is really about.',
  'measure.kind': 'ack, role-filled, roles-filled, first-post, cadence, escalated, declared, reached or rubric.',
  'state.description': 'A note for facilitators: what this part of the story is about.',
  'state.injects': 'What happens in this state, each at its time after the state is entered.',
  'state.on': 'Move as soon as a condition holds: - { when: <condition>, goto: <state> }.',
  'state.after': 'Move when the time is up, unless a condition holds by then: - { in: 12m, unless: <condition>, goto: <state> }.',
  'state.final': 'true ends the story: the drill is over. A final state has only a description.',
  'inject.id': 'Needed when an objective or condition refers to this inject; otherwise it is known as <state>.<n>.',
  'inject.at': 'When, after its state is entered. Must be less than the duration.',
  'inject.to': 'The role ids that receive it, or [all].',
  'inject.channel': 'Where it shows up: pager, chat, email, support, social, news, vendor or telemetry.',
  'inject.from': 'Who it is from: "Paging system", "@angry_customer".',
  'inject.title': 'The headline. Only a bare telemetry inject goes without.',
  'inject.body': 'The full text. Use body: | for several lines.',
  'inject.ack': 'The team must acknowledge it; pair it with an ack objective or an acked condition.',
  'inject.telemetry': 'Points added to telemetry series, one at a time over the following minute.',
  'on.when': 'The condition that moves the story on. Conditions remember everything the team did since the start.',
  'on.goto': 'The state to move to.',
  'after.in': 'How long after the state was entered the transition fires.',
  'after.unless': 'The transition is skipped when this holds by then: a contingency for a team that did not act.',
  'after.goto': 'The state to move to.',
  'condition.escalated': 'The team has paged this contact.',
  'condition.replied': 'That contact\'s reply has arrived (paged, then responds has passed).',
  'condition.posted': 'The team has posted on this channel (status-page or war-room).',
  'condition.role-filled': 'Someone holds this role.',
  'condition.handed-over': 'Since the drill started, this role has passed from one participant to another (a handover).',
  'condition.acked': 'This inject (ack: true) has been acknowledged.',
  'condition.declared': 'The team has declared the incident mitigated (or resolved).',
  'condition.severity': 'The incident\'s current severity is this.',
  'condition.all': 'Every condition in the list holds.',
  'condition.any': 'At least one condition in the list holds.',
  'condition.not': 'The condition does not hold. Keep conditions that move the story forward positive.',
};

/** What kind of map the path points into: `inject` for `states.x.injects[0]`. */
export function mapKind(path: Path): string | undefined {
  const s = path.filter((p): p is string => typeof p === 'string');
  if (path.length === 0) return 'scenario';
  const [top] = s;
  if (top === 'roles' && path.length === 2) return 'role';
  if (top === 'contacts' && path.length === 2) return 'contact';
  if (top === 'telemetry' && path.length === 2) return 'telemetry';
  if (top === 'objectives') return path.length === 2 ? 'objective' : s.at(-1) === 'measure' ? 'measure' : undefined;
  if (top === 'states') {
    if (path.length === 2) return 'state';
    if (s.includes('when') || s.includes('unless')) return 'condition';
    if (path.length === 4 && path[2] === 'injects') return 'inject';
    if (path.length === 4 && path[2] === 'on') return 'on';
    if (path.length === 4 && path[2] === 'after') return 'after';
  }
  return undefined;
}

/** The sentence for `key` in the map at `path`, if there is one. */
export function keyDoc(path: Path, key: string): string | undefined {
  const kind = mapKind(path);
  return kind ? DOCS[`${kind}.${key}`] : undefined;
}
