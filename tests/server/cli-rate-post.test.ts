import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../server/cli/rate-post';
import { RUBRIC_CHECK_TITLES, type RubricCheck } from '../../shared/scoring/rubric';
import { BASE, edit } from '../shared/scenario/helpers';
import { runCli } from './cli-helpers';

const rate = (...args: string[]) => runCli(run, args);

const GOOD = "Checkout is failing for some customers. We're switching to a standby database now. We're sorry. Next update at 19:30.";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'firedrill-rate-post-'));
  // A scenario of our own, with its own jargon and facts.
  writeFileSync(join(dir, 'tiny.yaml'), edit('roles:\n', 'internal-terms: [Ledger]\nfacts: { data-lost: true }\nroles:\n'));
  writeFileSync(join(dir, 'broken.yaml'), edit('severity: SEV2', 'severity: SEV9', BASE));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('firedrill rate-post', () => {
  it('prints the score against the scenario\'s target, then every check with its explanation', async () => {
    const { code, out, err } = await rate('--scenario', 'partner-db-down', '--phase', 'identified', GOOD);
    expect({ code, err }).toEqual({ code: 0, err: [] });
    const lines = out.join('\n').split('\n');
    expect(lines[0]).toBe('100/100 — meets the target of 70');
    expect(lines[1]).toBe('Rated as an identified update of "Your partner database just went down" (partner-db-down), with its 8 internal terms and 5 facts.');
    for (const title of Object.values(RUBRIC_CHECK_TITLES)) expect(lines.some((l) => l.includes(title)), title).toBe(true);
    expect(lines.find((l) => l.includes('Says what we are doing'))).toMatch(/^ {2}✓ Says what we are doing +Says what the team is doing: "We're switching to a standby database now"\.$/);
    expect(lines.find((l) => l.includes('Says what happened to customer data'))).toMatch(/^ {2}· /);
  });

  it('marks what fails, with the words and the points it cost', async () => {
    const { code, out } = await rate('--scenario', 'partner-db-down', '--phase', 'identified', "Writes to orders-db fail. It's the vendor's fault. Back by 19:30.");
    expect(code).toBe(0);
    const text = out.join('\n');
    expect(text).toMatch(/^0\/100 — below the target of 70/);
    expect(text).toContain('✗ Does not shift blame to a third party  Shifts blame to a third party: "vendor\'s fault" (−60).');
    expect(text).toContain('Uses internal names or jargon customers won\'t understand: "orders-db" (−12).');
  });

  it('prints { score, checks } with --json', async () => {
    const { code, out } = await rate('--json', '--scenario', 'partner-db-down', '--phase', 'monitoring', GOOD);
    expect(code).toBe(0);
    const json = JSON.parse(out.join('\n')) as { score: number; checks: RubricCheck[] };
    expect(Object.keys(json)).toEqual(['score', 'checks']);
    expect(json.score).toBe(100);
    expect(json.checks.map((c) => c.id)).toEqual(Object.keys(RUBRIC_CHECK_TITLES));
    expect(json.checks[0]).toEqual({ id: 'phase', title: 'Names the phase', applicable: true, passed: true, weight: 5, evidence: ['phase: monitoring'], explanation: 'Names the phase: "phase: monitoring".' });
  });

  it('uses the scenario\'s facts: "No data was lost" fails on deleted-prod-db, passes on partner-db-down', async () => {
    const post = 'Resolved: the app has worked normally since 02:15. We restored it from a backup. No data was lost. We are sorry.';
    const lost = JSON.parse((await rate('--json', '--scenario', 'deleted-prod-db', '--phase', 'resolved', post)).out.join('\n')) as { score: number; checks: RubricCheck[] };
    expect(lost.checks.find((c) => c.id === 'facts')).toMatchObject({ passed: false, evidence: ['No data was lost'] });
    expect(lost.score).toBeLessThan(70);
    const kept = JSON.parse((await rate('--json', '--scenario', 'partner-db-down', '--phase', 'resolved', post)).out.join('\n')) as { score: number; checks: RubricCheck[] };
    expect(kept.checks.find((c) => c.id === 'facts')).toMatchObject({ passed: true });
  });

  it('reads a scenario file, with its own internal terms and facts', async () => {
    const { code, out } = await rate('--json', '--scenario', join(dir, 'tiny.yaml'), '--phase', 'resolved', 'Ledger works again for customers. We restored it. No data was lost. Sorry.');
    expect(code).toBe(0);
    const json = JSON.parse(out.join('\n')) as { checks: RubricCheck[] };
    expect(json.checks.find((c) => c.id === 'no-jargon')).toMatchObject({ passed: false, evidence: ['Ledger'] });
    expect(json.checks.find((c) => c.id === 'facts')).toMatchObject({ passed: false });
  });

  it('rates a resolved post, or one marked --final, as the final update: no next-update time asked', async () => {
    for (const args of [['--phase', 'resolved'], ['--phase', 'monitoring', '--final']]) {
      const json = JSON.parse((await rate('--json', '--scenario', 'partner-db-down', ...args, 'Checkout works again.')).out.join('\n')) as { checks: RubricCheck[] };
      expect(json.checks.find((c) => c.id === 'next-update'), args.join(' ')).toMatchObject({ applicable: false });
      expect(json.checks.find((c) => c.id === 'data-loss'), args.join(' ')).toMatchObject({ applicable: true });
    }
  });

  it('joins unquoted words, and reads the post from standard input after "-"', async () => {
    const words = await rate('--json', '--scenario', 'partner-db-down', '--phase', 'identified', ...GOOD.split(' '));
    expect((JSON.parse(words.out.join('\n')) as { score: number }).score).toBe(100);
    const piped = await runCli((args) => run(args, async () => `${GOOD}\n`), ['--json', '--scenario', 'partner-db-down', '--phase', 'identified', '-']);
    expect((JSON.parse(piped.out.join('\n')) as { score: number }).score).toBe(100);
  });

  it.each([
    ['no scenario', ['--phase', 'identified', 'text'], 'Name the scenario the post belongs to with --scenario'],
    ['no phase', ['--scenario', 'partner-db-down', 'text'], "Give the post's phase with --phase: investigating, identified, monitoring, resolved."],
    ['a mistyped phase', ['--scenario', 'partner-db-down', '--phase', 'identifed', 'text'], 'There is no phase "identifed" — did you mean "identified"? The phases are investigating, identified, monitoring, resolved.'],
    ['no text', ['--scenario', 'partner-db-down', '--phase', 'identified'], 'Give the text of the post, in quotes, after the options'],
    ['an unknown option', ['--scenaro', 'partner-db-down'], 'Unknown option "--scenaro" — did you mean "--scenario"?'],
    ['a post longer than a status update may be', ['--scenario', 'partner-db-down', '--phase', 'identified', 'x'.repeat(2001)], 'A status update is at most 2000 characters; this one has 2001.'],
  ])('refuses %s with a message that says what to do, and exits 2', async (_name, args, message) => {
    const { code, out, err } = await rate(...args);
    expect({ code, out }).toEqual({ code: 2, out: [] });
    expect(err[0]).toContain(message);
    expect(err.join('\n')).toContain('Usage: npm run firedrill -- rate-post');
  });

  it('names the closest scenario id when one is mistyped, and exits 1', async () => {
    const { code, err } = await rate('--scenario', 'partner-db', '--phase', 'identified', GOOD);
    expect(code).toBe(1);
    expect(err[0]).toMatch(/^There is no scenario "partner-db" in scenarios — did you mean "partner-db-down"\? The scenarios there are ci-provider-breach, .*; you can also name a scenario file\.$/);
  });

  it('reports the problems of a scenario file that does not load, and exits 1', async () => {
    const { code, err } = await rate('--scenario', join(dir, 'broken.yaml'), '--phase', 'identified', GOOD);
    expect(code).toBe(1);
    expect(err).toEqual([`Cannot rate against ${join(dir, 'broken.yaml')}:\n${join(dir, 'broken.yaml')}:5:11: severity must be one of SEV1, SEV2, SEV3, SEV4`]);
  });

  it('prints its usage with --help', async () => {
    const { code, out } = await rate('--help');
    expect(code).toBe(0);
    expect(out[0]).toContain('Usage: npm run firedrill -- rate-post --scenario <id-or-file> --phase <phase> [--final] [--json] "<text>"');
  });
});
