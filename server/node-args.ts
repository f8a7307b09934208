/**
 * The flags `npm start` gives Node for the server (package.json's `start` script says them again; a test keeps
 * the two the same, and the bench starts every server it measures with them).
 *
 * `--max-semi-space-size=64`: a young generation of up to 64 MiB per semi-space instead of V8's 16. The server's
 * work makes many objects that live a short while but longer than a small nursery lasts: a scorecard of a long
 * drill (every post, check and timeline line) and a burst of turns (events, fan-out messages). With 16 MiB
 * they are copied out of the nursery and promoted, and the collector works on them twice; with 64 MiB most die
 * where they were made. The memory is taken only when used.
 */
export const SERVER_NODE_ARGS: readonly string[] = ['--max-semi-space-size=64'];
