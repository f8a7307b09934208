import { describe, expect, it } from 'vitest';
import { closest, didYouMean, editDistance, formatPath } from '../../../shared/scenario/problems';

describe('"did you mean" suggestions', () => {
  it('counts a swap of neighbouring letters as one edit', () => {
    expect(editDistance('tilte', 'title')).toBe(1);
    expect(editDistance('recovry', 'recovery')).toBe(1);
    expect(editDistance('ic', 'ops')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('suggests the one close candidate, ignoring case', () => {
    expect(closest('icc', ['ic', 'comms', 'ops'])).toBe('ic');
    expect(closest('IC', ['ic', 'comms'])).toBe('ic');
    expect(closest('escalatd', ['escalated', 'replied'])).toBe('escalated');
    expect(didYouMean('tittle', ['title', 'body'])).toBe(' — did you mean "title"?');
  });

  it('stays quiet when nothing is close, or when two candidates are equally close', () => {
    expect(closest('press', ['ic', 'comms'])).toBeUndefined();
    expect(closest('SEV9', ['SEV1', 'SEV2', 'SEV3', 'SEV4'])).toBeUndefined();
    expect(didYouMean('zzz', ['title'])).toBe('');
  });

  it('allows more edits in longer words', () => {
    expect(closest('vendor-suport', ['vendor-support', 'vp-eng'])).toBe('vendor-support');
    expect(closest('vndr-suport', ['vendor-support'])).toBe('vendor-support');
    expect(closest('ab', ['xy'])).toBeUndefined();
  });
});

describe('paths as an author reads them', () => {
  it('joins keys with dots and shows list positions in brackets', () => {
    expect(formatPath(['states', 'detection', 'injects', 1, 'to'])).toBe('states.detection.injects[1].to');
    expect(formatPath(['states', 'war room'])).toBe('states["war room"]');
    expect(formatPath([])).toBe('the top level');
  });
});
