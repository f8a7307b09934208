/** Posts that contradict the scenario's facts, in both directions, and honest uncertainty (shared/scoring/rubric-facts.ts). */
import { describe, it } from 'vitest';
import { assertCase, scorerAgrees, PARTNER_FACTS, type Case } from './rubric-cases';

const CASES: Case[] = [
  // --- Facts ----------------------------------------------------------------------------------------------
  {
    name: 'facts: "No data was lost" when data was lost',
    post: { phase: 'resolved', text: 'Tallyboard works again. We restored from a backup. No data was lost. We are sorry.' },
    options: { facts: { 'data-lost': true } },
    expect: { 'facts': [false, ['No data was lost']], 'data-loss': [false, []] },
    score: [0, 40],
  },
  {
    name: 'facts: "Everything since 17:10 is gone" when no data was lost',
    post: { phase: 'monitoring', text: 'Boards load again. Everything you created since 17:10 is gone. We are contacting admins.' },
    options: { facts: { 'data-lost': false } },
    expect: { 'facts': [false, ['Everything you created since 17:10 is gone']] },
  },
  {
    name: 'facts: an honest "we don\'t yet know whether any data was lost" contradicts nothing',
    post: { phase: 'investigating', text: "Boards are not loading. We don't yet know whether any of your data was lost. We are working on it." },
    options: { facts: { 'data-lost': true } },
    expect: { 'facts': [true, []] },
  },
  {
    name: 'facts: "nobody was charged twice" when customers were charged',
    post: { phase: 'resolved', text: 'Checkout works again. We switched databases. Nobody was charged twice.' },
    options: { facts: { 'customers-charged': true } },
    expect: { 'facts': [false, ['Nobody was charged twice']] },
  },
  {
    name: 'facts: "some customers were charged twice" when nobody was',
    post: { phase: 'resolved', text: 'Checkout works again. We switched databases. Some customers were charged twice.' },
    options: PARTNER_FACTS,
    expect: { 'facts': [false, ['Some customers were charged twice']] },
  },
  {
    name: 'facts: "you have not been charged twice" when nobody was: true',
    post: { phase: 'monitoring', text: 'Checkout is working again. You may see a pending authorisation, but you have not been charged twice. We are watching orders. Sorry for the worry. Next update by 19:45.' },
    options: PARTNER_FACTS,
    expect: { 'facts': [true, []] },
    score: 100,
  },
  {
    name: 'facts: "no personal data was accessed" when it was',
    post: { phase: 'resolved', text: 'Our systems are restored. We are pleased to confirm that no personal data was accessed.' },
    options: { facts: { 'personal-data-exposed': true } },
    expect: { 'facts': [false, ['no personal data was accessed']] },
  },
  {
    name: 'facts: "no customer card data was involved" speaks of card data, not personal data',
    post: { phase: 'resolved', text: 'Plants are back. Staff personal data was stolen; we have told everyone affected. No customer card data was involved. We are sorry.' },
    options: { facts: { 'personal-data-exposed': true, 'card-data-exposed': false } },
    expect: { 'facts': [true, []] },
  },
  {
    name: 'facts: "no card data has been compromised" when it was',
    post: { phase: 'identified', text: 'Some customers reported card issues. No customer card data has been compromised.' },
    options: { facts: { 'card-data-exposed': true } },
    expect: { 'facts': [false, ['No customer card data has been compromised']] },
  },
  {
    name: 'facts: "paying by card is safe again" speaks of now, not of the breach',
    post: { phase: 'resolved', text: 'Our stores trade normally and paying by card is safe again. Card details were stolen between October and December.' },
    options: { facts: { 'card-data-exposed': true } },
    expect: { 'facts': [true, []] },
  },
  {
    name: 'facts: denying an attack that happened',
    post: { phase: 'resolved', text: 'The VAT fix is live. The delay was a technical issue with a supplier, not a security incident.' },
    options: { facts: { 'attack': true } },
    expect: { 'facts': [false, ['not a security incident']] },
  },
  {
    name: 'facts: claiming an attack that did not happen',
    post: { phase: 'identified', text: 'Files are not loading. We were hacked. We are restoring service.' },
    options: { facts: { 'attack': false } },
    expect: { 'facts': [false, ['We were hacked']] },
  },
  {
    name: 'facts: orders that have "gone through" and a file "gone to the bank" are not lost data',
    post: { phase: 'monitoring', text: "Orders have gone through normally since 18:59. The payment file has gone to the bank. We're double-checking every total." },
    options: { facts: { 'data-lost': false } },
    expect: { 'facts': [true, []], 'action': [true, ["We're double-checking every total"]] },
  },
  {
    name: 'facts: a scenario without facts checks none',
    post: { phase: 'resolved', text: 'Checkout works again. We switched databases. No data was lost.' },
    expect: { 'facts': 'n/a' },
  },
];

describe("the rubric checks posts against the scenario's facts", () => {
  it.each(CASES)('$name', (c) => assertCase(c));
  scorerAgrees(CASES);
});
