import { formatMinutes } from '../../../shared/duration';
import type { RatingOrNA } from '../../../shared/scoring/types';

export const RATING_TEXT: Record<RatingOrNA, string> = {
  P: 'Performed without challenges', S: 'Performed with some challenges', M: 'Performed with major challenges',
  U: 'Unable to be performed', 'N/A': 'Not applicable in this run',
};

/** A rating letter with its meaning in the accessible name and a tooltip; the colour only repeats the letter. */
export function RatingBadge({ rating }: { rating: RatingOrNA }) {
  const cls = rating === 'N/A' ? 'na' : rating.toLowerCase();
  return <abbr className={`rating rating-${cls}`} title={RATING_TEXT[rating]} aria-label={`${rating}: ${RATING_TEXT[rating]}`}>{rating}</abbr>;
}

export function formatValue(unit: 'ms' | 'score', value: number | null): string {
  if (value === null) return 'never';
  return unit === 'ms' ? formatMinutes(value) : `${Math.round(value)}/100`;
}
