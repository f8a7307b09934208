import { describe, expect, it } from 'vitest';
import { edit, problemsOf } from './helpers';

/** BASE with the vendor (replies 4m after the page) speaking in the recovery state at `at`. */
function vendorSpeaksAt(at: string, when = '{ escalated: vendor }'): string {
  const withInject = edit('  recovery:\n', `  recovery:\n    injects:\n      - { at: ${at}, channel: email, from: Vendor support (Ana), title: Found it }\n`);
  return withInject.replaceAll('{ when: { escalated: vendor }, goto: recovery }', `{ when: ${when}, goto: recovery }`);
}

describe('validate: evidence before the story moves on', () => {
  it('warns when a page moves the story to a state where the contact speaks before their reply is due', () => {
    const problems = problemsOf(vendorSpeaksAt('2m'));
    expect(problems).toHaveLength(2); // both transitions into recovery page the vendor
    expect(problems[0]).toMatch(/^24:30: warning: the story moves on to "recovery" as soon as Vendor support is paged, but there "Found it" \(at 2m\) comes from Vendor support, who replies 4m after the page/);
    expect(problems[0]).toContain('Wait for the answer with { replied: vendor }, or deliver the inject at 4m or later');
  });

  it('is satisfied by waiting for the reply, or by an inject that comes after the reply is due', () => {
    expect(problemsOf(vendorSpeaksAt('2m', '{ replied: vendor }'))).toEqual([]);
    expect(problemsOf(vendorSpeaksAt('2m', '{ all: [{ escalated: vendor }, { replied: vendor }] }'))).toEqual([]);
    expect(problemsOf(vendorSpeaksAt('4m'))).toEqual([]);
  });

  it('reads only what must hold: a page the condition forbids is no evidence either way', () => {
    expect(problemsOf(vendorSpeaksAt('2m', '{ not: { escalated: vendor } }'))).toEqual([]);
  });

  it('matches the contact by whole words of the name, not by fragments', () => {
    const other = vendorSpeaksAt('2m').replace('from: Vendor support (Ana)', 'from: Vendor supporter');
    expect(problemsOf(other)).toEqual([]);
  });
});
