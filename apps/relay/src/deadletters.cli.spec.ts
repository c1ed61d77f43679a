import { describe, expect, it } from '@jest/globals';
import { type DeadLetter } from '@pamoja/platform/kafka';
import {
  formatDeadLetter,
  formatReplayed,
  parseDeadLetterArgs,
  selectForReplay,
  summarizeDeadLetters,
  UsageError,
} from './deadletters.cli.js';

function letter(ref: string, overrides: Partial<DeadLetter> = {}): DeadLetter {
  return {
    ref,
    consumer: 'coordination.joint-cases',
    original: { topic: 'pamoja.referrals.v1', partition: 2, offset: '41' },
    eventId: 'e-1',
    eventType: 'org.pamoja.referrals.referral-submitted.v1',
    error: 'Error: boom',
    failedAt: '2026-11-27T10:00:00.000Z',
    replayedAt: undefined,
    message: { topic: 'pamoja.referrals.v1', key: 'case-1', value: Buffer.from('{}'), headers: {} },
    ...overrides,
  };
}

describe('deadletters command line', () => {
  describe('arguments', () => {
    it('lists, for every consumer or one', () => {
      expect(parseDeadLetterArgs(['list'])).toEqual({ action: 'list', consumer: undefined });
      expect(parseDeadLetterArgs(['list', '--consumer', 'coordination.joint-cases'])).toEqual({
        action: 'list',
        consumer: 'coordination.joint-cases',
      });
    });

    it('replays named refs (once each) or every one not replayed yet', () => {
      expect(parseDeadLetterArgs(['replay', '0:12', '2:3', '0:12'])).toEqual({
        action: 'replay',
        refs: ['0:12', '2:3'],
        all: false,
      });
      expect(parseDeadLetterArgs(['replay', '--all', '--consumer', 'x'])).toEqual({
        action: 'replay',
        refs: [],
        all: true,
        consumer: 'x',
      });
    });

    it('asks for help', () => {
      expect(parseDeadLetterArgs(['--help'])).toEqual({ action: 'help' });
      expect(parseDeadLetterArgs(['help'])).toEqual({ action: 'help' });
    });

    it.each([
      [[], /a command is needed/],
      [['purge'], /unknown command purge/],
      [['list', 'extra'], /list takes no arguments/],
      [['list', '--all'], /--all goes with replay/],
      [['replay'], /needs the refs/],
      [['replay', '0:1', '--all'], /either refs or --all/],
      [['replay', '12'], /<partition>:<offset>/],
      [['replay', '0:1', '--consumer', 'x'], /--consumer goes with list or replay --all/],
      [['list', '--consumer'], /--consumer/],
      [['list', '--frobnicate'], /frobnicate/],
    ])('refuses %j', (args, message) => {
      expect(() => parseDeadLetterArgs(args)).toThrow(UsageError);
      expect(() => parseDeadLetterArgs(args)).toThrow(message);
    });
  });

  describe('selection for replay', () => {
    const replayed = letter('0:2', { replayedAt: new Date('2026-11-27T11:00:00Z') });
    const other = letter('1:0', { consumer: 'investigations.case-file-receipt' });
    const letters = [letter('0:1'), replayed, other];

    it('with --all, skips those replayed already, and keeps to the consumer asked for', () => {
      const all = selectForReplay(letters, { action: 'replay', refs: [], all: true, consumer: undefined });
      expect(all.selected.map((l) => l.ref)).toEqual(['0:1', '1:0']);
      expect(all.skipped.map((l) => l.ref)).toEqual(['0:2']);
      const one = selectForReplay(letters, {
        action: 'replay',
        refs: [],
        all: true,
        consumer: 'coordination.joint-cases',
      });
      expect(one.selected.map((l) => l.ref)).toEqual(['0:1']);
    });

    it('replays named refs even when replayed before, and reports those it cannot find', () => {
      const named = selectForReplay(letters, { action: 'replay', refs: ['0:2', '7:7'], all: false });
      expect(named.selected.map((l) => l.ref)).toEqual(['0:2']);
      expect(named.missing).toEqual(['7:7']);
    });
  });

  describe('output', () => {
    it('shows where a dead letter came from, its event, its error and whether it was replayed', () => {
      const text = formatDeadLetter(letter('0:1', { error: 'Error: boom\n  at somewhere' }));
      expect(text).toBe(
        [
          '0:1  coordination.joint-cases  not replayed',
          '    from     pamoja.referrals.v1 partition 2 offset 41',
          '    event    org.pamoja.referrals.referral-submitted.v1  e-1',
          '    failed   2026-11-27T10:00:00.000Z',
          '    error    Error: boom',
          '               at somewhere',
        ].join('\n'),
      );
    });

    it('leaves the event out of a message that was not an event', () => {
      const text = formatDeadLetter(
        letter('0:1', { eventId: undefined, eventType: undefined, replayedAt: new Date('2026-11-27T11:00:00Z') }),
      );
      expect(text).toContain('replayed 2026-11-27T11:00:00.000Z');
      expect(text).not.toContain('event ');
    });

    it('sums up and says what a replay did', () => {
      expect(summarizeDeadLetters([], undefined)).toBe('no dead letters');
      expect(summarizeDeadLetters([letter('0:1')], 'x')).toBe('1 dead letter of x (0 replayed, 1 not)');
      expect(formatReplayed(letter('0:1'))).toBe(
        'replayed 0:1 -> pamoja.referrals.v1 org.pamoja.referrals.referral-submitted.v1 e-1 ' +
          '(failed in coordination.joint-cases)',
      );
    });
  });
});
