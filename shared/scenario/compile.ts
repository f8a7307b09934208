import { assign, emit, setup } from 'xstate';
import { emptyFacts, holds, type Facts } from './conditions';
import { injectId, ms } from './model';
import { perScenario } from './per-scenario';
import type { Condition, Scenario, State } from './schema';

/** Events the compiled scenario machine accepts. */
export type ScenarioMachineEvent = { type: 'facts'; facts: Facts };

/** Events the machine emits for the drill to act on. */
export type ScenarioEmitted =
  | { type: 'inject'; injectId: string }
  | { type: 'entered'; state: string };

interface TransitionConfig {
  target?: string;
  /** `target` in the params of an `on` transition's guard: see `MachineContext.entered`. */
  guard?: { type: 'holds' | 'lacks'; params: { condition: Condition; target?: string } };
  actions?: ActionRef[];
}
type ActionRef =
  | { type: 'inject'; params: { injectId: string } }
  | { type: 'entered'; params: { state: string } }
  | { type: 'track'; params: { state: string } }
  | { type: 'newStep' };

/** What the machine keeps: the team's facts, and the states it entered in the current step. */
interface MachineContext {
  facts: Facts;
  /**
   * States entered in the current step (the handling of one facts update or one timed transition). An `on`
   * transition never enters one of them again, so that a loop of `on` transitions whose conditions all hold
   * (facts only grow) stops where it would come round again instead of spinning forever inside one step.
   */
  entered: string[];
}

interface StateConfig {
  type?: 'final';
  entry: ActionRef[];
  always?: TransitionConfig[];
  after?: Record<string, TransitionConfig[]>;
}

/** The machine definition as plain JSON: every guard and action is referred to by name with params. */
export interface ScenarioMachineConfig {
  id: string;
  initial: string;
  context: MachineContext;
  on: { facts: { actions: 'setFacts' } };
  states: Record<string, StateConfig>;
}

const injectAction = (id: string): ActionRef => ({ type: 'inject', params: { injectId: id } });

/**
 * The scenario as an XState machine config (JSON-serialisable). Injects at 0s are entry actions; later
 * injects and `after` transitions share one delayed-transition list per delay, so that an inject and a
 * contingency due at the same moment both happen, inject first. Delayed transitions are cancelled by
 * XState when their state is exited, which is exactly "cancelled on exit". `on` transitions are eventless
 * (`always`), checked on entry and after every facts update; within one step no state is entered twice.
 */
export function scenarioMachineConfig(scenario: Scenario): ScenarioMachineConfig {
  const states: Record<string, StateConfig> = {};
  for (const [id, state] of Object.entries(scenario.states)) states[id] = stateConfig(id, state);
  return {
    id: scenario.id,
    initial: scenario.initial,
    context: { facts: emptyFacts(scenario.severity), entered: [] },
    on: { facts: { actions: 'setFacts' } },
    states,
  };
}

function stateConfig(id: string, state: State): StateConfig {
  const entry: ActionRef[] = [{ type: 'track', params: { state: id } }, { type: 'entered', params: { state: id } }];
  if (state.final) return { type: 'final', entry };
  const timed = new Map<number, { injects: ActionRef[]; transitions: TransitionConfig[] }>();
  const slot = (delay: number) => {
    let found = timed.get(delay);
    if (!found) timed.set(delay, (found = { injects: [], transitions: [] }));
    return found;
  };
  state.injects.forEach((inject, index) => {
    const action = injectAction(injectId(id, index, inject));
    const delay = ms(inject.at);
    if (delay === 0) entry.push(action);
    else slot(delay).injects.push(action);
  });
  for (const after of state.after) {
    slot(ms(after.in)).transitions.push({
      target: after.goto,
      ...(after.unless ? { guard: { type: 'lacks' as const, params: { condition: after.unless } } } : {}),
      actions: [{ type: 'newStep' }],
    });
  }
  const after: Record<string, TransitionConfig[]> = {};
  for (const [delay, { injects, transitions }] of [...timed].sort((a, b) => a[0] - b[0])) {
    const list = transitions.map((t) => ({ ...t, actions: [...injects, ...(t.actions ?? [])] }));
    if (injects.length) list.push({ actions: injects });
    after[String(delay)] = list;
  }
  return {
    entry,
    // An `on` transition back to its own state would fire forever without leaving it (the validator refuses it).
    always: state.on.filter((t) => t.goto !== id).map((t) => ({ target: t.goto, guard: { type: 'holds', params: { condition: t.when, target: t.goto } } })),
    after,
  };
}

/** The implementations the config refers to by name. */
function implementations() {
  return setup({
    types: {
      context: {} as MachineContext,
      events: {} as ScenarioMachineEvent,
      emitted: {} as ScenarioEmitted,
    },
    guards: {
      holds: ({ context }, params: { condition: Condition; target?: string }) =>
        holds(params.condition, context.facts) && !(params.target !== undefined && context.entered.includes(params.target)),
      lacks: ({ context }, params: { condition: Condition }) => !holds(params.condition, context.facts),
    },
    actions: {
      setFacts: assign({ facts: ({ event }) => event.facts, entered: [] }),
      newStep: assign({ entered: [] }),
      track: assign({ entered: ({ context }, params: { state: string }) => [...context.entered, params.state] }),
      inject: emit((_, params: { injectId: string }) => ({ type: 'inject' as const, injectId: params.injectId })),
      entered: emit((_, params: { state: string }) => ({ type: 'entered' as const, state: params.state })),
    },
  });
}

/**
 * Compiles a validated scenario into an XState v5 machine. A machine is a definition (plain config and named
 * implementations, no state), so every drill of one scenario object shares one: compiled once, not per drill
 * (200 drills restored after a restart were 200 compiles; the store hands them one scenario object, rows.ts).
 * Scenario objects are treated as immutable everywhere.
 */
export const compileScenario: (scenario: Scenario) => ScenarioMachine = perScenario((scenario) => compileConfig(scenarioMachineConfig(scenario)));

/** Builds the machine from a (possibly JSON round-tripped) config. */
export function compileConfig(config: ScenarioMachineConfig) {
  // The config is plain data; setup() types it against the named implementations.
  return implementations().createMachine(config as Parameters<ReturnType<typeof implementations>['createMachine']>[0]);
}

export type ScenarioMachine = ReturnType<typeof compileConfig>;
