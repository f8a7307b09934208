import { fileURLToPath } from 'node:url';

/** What one bench run does. `--quick` is the smoke-sized run (under a minute); the default is the full sweep. */
export interface BenchOptions {
  quick: boolean;
  /** Drills × participants of the fan-out figure. */
  sweep: { drills: number; participants: number }[];
  /** Wall ms each fan-out configuration runs its drills for (per target). */
  windowMs: number;
  /** Each drill's poster sends a status.post this often (wall ms). */
  postEveryMs: number;
  speed: number;
  /** Drill ms of the lone drill whose timer drift is measured. */
  timerDrillMs: number;
  recovery: { drills: number; participants: number; playMs: number };
  /**
   * Events in the synthetic log that score() is timed on (quick: 10,000, because scoring 100,000 takes about
   * a minute here); runs of score() and simulate() (fewer when one run takes longer than `offlineBudgetMs`).
   */
  scoreEvents: number;
  offlineRuns: number;
  offlineBudgetMs: number;
  workers: number;
  /** Interleaved rounds of Firedrill and bare per fan-out configuration (full 3, quick 1). */
  rounds: number;
  /** The whole run is stopped (children killed, partial results written) after this. */
  deadlineMs: number;
  out: string;
  /** Figures to run (all by default). */
  only: Figure[];
  /** `--cluster`: the cluster figures instead (bench/cluster.ts): fan-out on 1 and 3 nodes, failover. */
  cluster: boolean;
}

export const FIGURES = ['offline', 'size', 'fanout', 'timer', 'recovery'] as const;
export type Figure = (typeof FIGURES)[number];

const RESULTS = fileURLToPath(new URL('./results/latest.json', import.meta.url));
const CLUSTER_RESULTS = fileURLToPath(new URL('./results/cluster.json', import.meta.url));

const USAGE = `Usage: npm run bench [-- --quick] [--sweep 10x5,100x10] [--window <s>] [--out <file>]

  --quick        smoke-sized run: 5 drills x 3 participants, short windows, under a minute
  --sweep DxP,…  fan-out configurations (default 10x5,100x10,200x10)
  --window S     seconds each fan-out configuration plays, per target and round (default 10; quick 4)
  --rounds N     interleaved rounds of Firedrill and bare per configuration (default 3; quick 1)
  --out FILE     results JSON (default bench/results/latest.json)
  --only LIST    run only these figures: ${FIGURES.join(',')}
  --cluster      instead: fan-out on bare Socket.IO, one node (SQLite, PostgreSQL) and three nodes (PostgreSQL +
                 Redis, started and stopped by the bench), then failover after kill -9 of an owner (default sweep
                 20x5; results in bench/results/cluster.json)`;

/** Parses `process.argv`-style arguments; throws with the usage text on anything it does not know. */
export function parseOptions(argv: readonly string[]): BenchOptions {
  const quick = argv.includes('--quick');
  const options: BenchOptions = quick
    ? {
        quick, sweep: [{ drills: 5, participants: 3 }], windowMs: 4000, postEveryMs: 1000, speed: 60,
        timerDrillMs: 5 * 60_000, recovery: { drills: 10, participants: 2, playMs: 1500 },
        scoreEvents: 10_000, offlineRuns: 1, offlineBudgetMs: 10_000, workers: 2, rounds: 1, deadlineMs: 100_000, out: RESULTS, only: [...FIGURES], cluster: false,
      }
    : {
        quick, sweep: [{ drills: 10, participants: 5 }, { drills: 100, participants: 10 }, { drills: 200, participants: 10 }],
        windowMs: 10_000, postEveryMs: 2000, speed: 60, timerDrillMs: 60 * 60_000,
        recovery: { drills: 200, participants: 5, playMs: 5000 },
        scoreEvents: 100_000, offlineRuns: 5, offlineBudgetMs: 30_000, workers: 2, rounds: 3, deadlineMs: 840_000, out: RESULTS, only: [...FIGURES], cluster: false,
      };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value\n\n${USAGE}`);
      return v;
    };
    switch (flag) {
      case '--quick':
        break;
      case '--cluster':
        options.cluster = true;
        break;
      case '--sweep':
        options.sweep = value().split(',').map((pair) => {
          const match = /^(\d+)x(\d+)$/.exec(pair.trim());
          if (!match || Number(match[1]) < 1 || Number(match[2]) < 2) throw new Error(`--sweep: "${pair}" is not DxP with D ≥ 1, P ≥ 2 (one participant posts, the others receive)\n\n${USAGE}`);
          return { drills: Number(match[1]), participants: Number(match[2]) };
        });
        break;
      case '--window': {
        const seconds = Number(value());
        if (!(seconds > 0 && seconds <= 120)) throw new Error(`--window: seconds between 1 and 120\n\n${USAGE}`);
        options.windowMs = seconds * 1000;
        break;
      }
      case '--rounds': {
        const rounds = Number(value());
        if (!(Number.isInteger(rounds) && rounds >= 1 && rounds <= 9)) throw new Error(`--rounds: a whole number from 1 to 9\n\n${USAGE}`);
        options.rounds = rounds;
        break;
      }
      case '--only':
        options.only = value().split(',').map((name) => {
          if (!(FIGURES as readonly string[]).includes(name)) throw new Error(`--only: unknown figure "${name}"\n\n${USAGE}`);
          return name as Figure;
        });
        break;
      case '--out':
        options.out = value();
        break;
      case '--help':
      case '-h':
        throw new Error(USAGE);
      default:
        throw new Error(`unknown option ${flag}\n\n${USAGE}`);
    }
  }
  if (options.cluster) {
    if (!argv.includes('--sweep')) options.sweep = [quick ? { drills: 6, participants: 3 } : { drills: 20, participants: 5 }];
    if (!argv.includes('--out')) options.out = CLUSTER_RESULTS;
    // Four targets per size and a failover that waits out a lease: more than the quick run's 100 s.
    options.deadlineMs = Math.max(options.deadlineMs, 300_000);
  }
  return options;
}
