import { describe, expect, it } from 'vitest';
import { LIMITS, OVERRIDE_RATINGS, STATUS_PHASES } from '../../shared/drill/commands';
import { JOIN_CODE as SHARED_JOIN_CODE } from '../../shared/protocol/messages';
import { CHANNELS, SEVERITIES } from '../../shared/scenario/schema';
import { CHANNEL_LIST, DEFAULT_OUTBOUND_CHANNEL_LIST, OVERRIDE_RATING_LIST, OUTBOUND_CHANNEL_LABELS, SEVERITY_LIST, STATUS_PHASES_LIST, TEXT_LIMITS } from '../../client/src/drill/constants';
import { codeProblem, JOIN_CODE, nameProblem, normalizeCode } from '../../client/src/home/join';
import { DEFAULT_OUTBOUND_CHANNELS, OUTBOUND_CHANNELS } from '../../server/outbound/messages';

// The client keeps copies of these lists so that zod stays out of the participant bundle; they must not drift.
describe('client copies of shared constants', () => {
  it('match the originals', () => {
    expect(STATUS_PHASES_LIST).toEqual(STATUS_PHASES);
    expect(SEVERITY_LIST).toEqual(SEVERITIES);
    expect(CHANNEL_LIST).toEqual(CHANNELS);
    expect(TEXT_LIMITS).toEqual(LIMITS);
    expect(OVERRIDE_RATING_LIST).toEqual(OVERRIDE_RATINGS);
    expect(JOIN_CODE.source).toBe(SHARED_JOIN_CODE.source);
    expect(Object.keys(OUTBOUND_CHANNEL_LABELS)).toEqual([...OUTBOUND_CHANNELS]);
    expect(DEFAULT_OUTBOUND_CHANNEL_LIST).toEqual(DEFAULT_OUTBOUND_CHANNELS);
  });
});

describe('display names as people type them', () => {
  it('says when a name is empty or too long instead of cutting it', () => {
    expect(nameProblem('  ')).toMatch(/Tell the team your name/);
    expect(nameProblem('m'.repeat(300))).toBe('A name can be at most 60 characters; this one has 300. Shorten it (a first name is fine).');
    expect(nameProblem('m'.repeat(60))).toBeUndefined();
  });
});

describe('join codes as people type them', () => {
  it('normalises case, spaces and the dash', () => {
    expect(normalizeCode('k7pm2q')).toBe('K7P-M2Q');
    expect(normalizeCode('K7P M2Q')).toBe('K7P-M2Q');
  });
  it('explains what is wrong before asking the server', () => {
    expect(codeProblem('')).toMatch(/Enter the join code/);
    expect(codeProblem('K7P-M2')).toMatch(/six letters and digits/);
    expect(codeProblem('k7p-m2q')).toBeUndefined();
  });
});
