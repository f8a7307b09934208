/**
 * Dry runs: a bot team plays a scenario headless through the real drill core, and the log is scored as a
 * real drill's would be. Pure: no I/O, no clock, no Math.random (a seeded generator decides when bots act).
 */
export { simulate, type SimulateOptions, type SimulationResult } from './simulate';
export { ADVERSARIAL, PROFILES, PROFILE_SPECS, isProfile, type AdversarialProfile, type Profile, type ProfileSpec } from './profiles';
export { THRESHOLDS, separateProfiles, separationCaveats, separationProblems, type ProfileScores, type SeparationContext } from './separation';
export { createRng, type Rng } from './prng';
export { rehearse, rateStatusPost, type Rehearsal, type TeamRun, type ObjectiveSpread, type SandboxPost } from './rehearse';
