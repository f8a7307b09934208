import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonical, sameJson } from '../../shared/json';

/**
 * A restart compares every replayed event with the stored one (`restoreStored`): a difference quarantines the
 * drill, so the compare must say "equal" exactly when the two would be stored as the same JSON, and never more.
 */
describe('sameJson: the replay compare', () => {
  // JSON-like values with members left undefined and holes, as an event built in code can have (no NaN: JSON has none).
  const value = fc.letrec((tie) => ({
    leaf: fc.oneof(fc.string({ maxLength: 3 }), fc.integer({ min: -3, max: 3 }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), fc.constant(undefined)),
    node: fc.oneof({ depthSize: 'small' }, tie('leaf'), fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(fc.constantFrom('a', 'b', 'c', 'seq', 't'), tie('node'), { maxKeys: 4 })),
  })).node;

  it('agrees with comparing canonical JSON, for any two values', () => {
    fc.assert(fc.property(value, value, (a, b) => sameJson(a, b) === (canonical(a) === canonical(b))), { numRuns: 3000 });
  });

  it('agrees on a value and its reordered, JSON round-tripped copy (equal), and on any one change to it (not equal)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('a', 'b', 'c', 'seq', 't'), value, { minKeys: 1 }), (event) => {
        const copy = JSON.parse(JSON.stringify(event)) as Record<string, unknown>;
        const reordered = Object.fromEntries(Object.entries(copy).reverse());
        expect(sameJson(event, reordered)).toBe(canonical(event) === canonical(reordered));
        expect(sameJson(event, reordered)).toBe(true);
        const changed = { ...reordered, seq: [reordered.seq ?? null] };
        expect(sameJson(event, changed)).toBe(false);
      }),
    );
  });

  it('tells a stored event from a regenerated one that differs deep inside, or only in a member the other lacks', () => {
    const stored = { seq: 7, t: 120_000, type: 'inject.delivered', inject: { id: 'db-down', channel: 'page', body: 'Primary is down' }, to: ['all'] };
    expect(sameJson(stored, { ...stored, inject: { ...stored.inject, body: 'Primary is up' } })).toBe(false);
    expect(sameJson(stored, { ...stored, to: ['all', 'ops'] })).toBe(false);
    expect(sameJson(stored, { ...stored, extra: false })).toBe(false);
    expect(sameJson({ ...stored, extra: undefined }, stored)).toBe(true);
    expect(sameJson([1, undefined], [1, null])).toBe(true);
    expect(sameJson({ a: [] }, { a: {} })).toBe(false);
  });
});
