import { describe, expect, it } from 'vitest';
import { FacilitatorCommand, TeamCommand } from '../../shared/drill/commands';
import { CreateDrillRequest, JoinRequest } from '../../shared/protocol/messages';
import { hasLoneSurrogate, isBlank, normalizeText } from '../../shared/text';

describe('text people type (issue 16, defect 8)', () => {
  it('is normalised to NFC, so one word typed two ways is one string', () => {
    const decomposed = 'Cafe\u0301 re\u0301sume\u0301';
    const parsed = TeamCommand.parse({ type: 'chat.post', text: decomposed });
    expect(parsed).toEqual({ type: 'chat.post', text: 'Café résumé' });
    expect(normalizeText(decomposed)).toBe(decomposed.normalize('NFC'));
  });

  it('refuses a lone surrogate in every kind of text field', () => {
    const lone = 'ok \ud800 ok';
    expect(hasLoneSurrogate(lone)).toBe(true);
    expect(hasLoneSurrogate('ok 😀 ok')).toBe(false);
    expect(TeamCommand.safeParse({ type: 'chat.post', text: lone }).success).toBe(false);
    expect(TeamCommand.safeParse({ type: 'chat.post', text: 'tail \udc00' }).success).toBe(false);
    expect(TeamCommand.safeParse({ type: 'action-item.add', text: 'x', owner: 'Ana', due: lone }).success).toBe(false);
    expect(FacilitatorCommand.safeParse({ type: 'inject.send', title: 'x', body: lone }).success).toBe(false);
    expect(JoinRequest.safeParse({ as: 'participant', code: 'ABC-DEF', name: lone }).success).toBe(false);
    expect(TeamCommand.safeParse({ type: 'chat.post', text: 'emoji 😀 is fine' }).success).toBe(true);
  });

  it('refuses text that is only white space or invisible characters (100 zero-width spaces)', () => {
    for (const blank of ['\u200b'.repeat(100), ' \u200c\u200d\u2060\ufeff ', '\u00ad\u180e', '\u3000\u00a0', '\u202e']) {
      expect(isBlank(blank), JSON.stringify(blank)).toBe(true);
      const reply = TeamCommand.safeParse({ type: 'chat.post', text: blank });
      expect(reply.success).toBe(false);
      expect(reply.error?.issues[0].message).toBe('A message cannot be empty');
      expect(JoinRequest.safeParse({ as: 'participant', code: 'ABC-DEF', name: blank }).success).toBe(false);
      expect(CreateDrillRequest.safeParse({ scenarioId: 'x', title: blank }).success).toBe(false);
    }
    expect(isBlank('a\u200b')).toBe(false);
    // Invisible characters at the ends are trimmed; inside they are kept (joiners make emoji and scripts).
    expect(TeamCommand.parse({ type: 'chat.post', text: '\u200b hi \ufeff' })).toEqual({ type: 'chat.post', text: 'hi' });
    expect(TeamCommand.parse({ type: 'chat.post', text: '👩\u200d💻' })).toEqual({ type: 'chat.post', text: '👩\u200d💻' });
  });

  it('counts the limit after normalising, and treats a blank optional field as absent', () => {
    expect(TeamCommand.safeParse({ type: 'chat.post', text: `${'x'.repeat(1000)}\u200b\u200b` }).success).toBe(true);
    expect(TeamCommand.parse({ type: 'action-item.add', text: 'Fix it', owner: 'Ana', due: ' \u200b ' })).toEqual({ type: 'action-item.add', text: 'Fix it', owner: 'Ana' });
  });
});

describe('inject targets (issue 16, defect 8)', () => {
  it('are de-duplicated and bounded: 2,500 copies of all are refused, a few duplicates are one target', () => {
    const many = FacilitatorCommand.safeParse({ type: 'inject.send', title: 'x', to: Array(2500).fill('all') });
    expect(many.success).toBe(false);
    expect(many.error?.issues[0].message).toBe('An inject goes to at most 32 roles');
    expect(FacilitatorCommand.parse({ type: 'inject.send', title: 'x', to: ['ops', 'all', 'ops', 'all'] })).toMatchObject({ to: ['ops', 'all'] });
    expect(FacilitatorCommand.parse({ type: 'inject.send', title: 'x' })).toMatchObject({ to: ['all'] });
  });
});
