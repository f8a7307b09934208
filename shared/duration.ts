/**
 * Durations as facilitators write them: "45s", "5m", "1h30m", "90s", "0s".
 * Units: h, m, s (and ms for completeness). Parts must come in descending order, each at most once.
 */
const DURATION = /^(?:(\d+)h)?(?:(\d+)m(?!s))?(?:(\d+)s)?(?:(\d+)ms)?$/;

/** Parses a duration string into milliseconds, or returns undefined when it is not a duration. */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const match = DURATION.exec(trimmed);
  if (!match || match.slice(1).every((part) => part === undefined)) return undefined;
  const [h, m, s, ms] = match.slice(1).map((part) => (part === undefined ? 0 : Number(part)));
  return ((h * 60 + m) * 60 + s) * 1000 + ms;
}

/** The longest duration a scenario may use anywhere (a drill, a delay, a reply): 24 hours. */
export const MAX_DURATION_MS = 24 * 60 * 60_000;

/** True when `text` is a duration string. */
export function isDuration(text: string): boolean {
  return parseDuration(text) !== undefined;
}

/** Formats milliseconds as the shortest duration string that parses back to the same value ("1h30m", "45s"). */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  const rest = Math.round(ms) % 1000;
  let secs = Math.floor(Math.round(ms) / 1000);
  const h = Math.floor(secs / 3600);
  secs -= h * 3600;
  const m = Math.floor(secs / 60);
  const s = secs - m * 60;
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s ? `${s}s` : ''}${rest ? `${rest}ms` : ''}`;
}

/** Drill-clock time as a stopwatch, "T+12:05" or "T+1:02:03", for timelines and reports. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h ? `T+${h}:${pad(m)}:${pad(s)}` : `T+${pad(m)}:${pad(s)}`;
}

/** Minutes with one decimal at most, for sentences like "first updated at 14 min". */
export function formatMinutes(ms: number): string {
  const minutes = Math.round(ms / 6000) / 10;
  return `${minutes} min`;
}
