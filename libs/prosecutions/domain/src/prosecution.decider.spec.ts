import { describe, expect, it } from '@jest/globals';
import {
  type Actor,
  DEADLINE_WATCHER_ACTOR,
  InvalidInputError,
  NotFoundError,
  parsingDecider,
  RuleViolationError,
} from '@pamoja/contracts';
// Test-only dependency: the boundary rule has no spec-file exception for type:testing yet.
import { DeciderSpecification, fields, rule } from '@pamoja/testing';
import {
  type AppealFiled,
  type CaseFileReceived,
  type ChargesFiled,
  type CloseProsecution,
  type HearingHeld,
  type HearingScheduled,
  type SentProsecutionCommand,
  parseProsecutionCommand,
  type ProsecutionEvent,
  type ProsecutionOffence,
  type ProsecutionClosed,
  type RestitutionOrdered,
  type SentenceImposed,
  type VerdictRendered,
  isProsecutionEvent,
  isVictimRef,
  prosecutionDecider,
  prosecutionStatus,
  prosecutionStreamId,
} from './index.js';

// The whole command contract: parsed at the edge, then decided.
const spec = DeciderSpecification.for(parsingDecider(prosecutionDecider, parseProsecutionCommand));

const PROSECUTION_ID = 'pros-0001';
const JOINT_CASE_ID = '5b0e6c2e-7f0a-4d57-9f1e-4a3f0d2b9c11';
const SUSPECT_A = 'suspect-a';
const SUSPECT_B = 'suspect-b';
const CHARGE_1 = 'charge-1';
const CHARGE_2 = 'charge-2';
const HEARING_1 = 'hearing-1';
const NOW = new Date('2025-04-01T08:00:00.000Z');
const LATER = new Date('2025-05-02T09:00:00.000Z');
const HEARING_DATE = new Date('2025-04-15T07:30:00.000Z');
const LEGAL_BASIS = 'Code pénal, art. 174j (loi du 26 octobre 2022)';

// Fictional agencies only.
const parquet: Actor = { userId: 'user-pg-1', agencyId: 'parquet-goma', agencyType: 'prosecutor', roles: [] };
const otherParquet: Actor = { userId: 'user-pb-1', agencyId: 'parquet-bukavu', agencyType: 'prosecutor', roles: [] };
const police: Actor = { userId: 'user-pmh-1', agencyId: 'pmh-masisi', agencyType: 'police', roles: [] };

type DataOf<T extends SentProsecutionCommand['type']> = Omit<
  Extract<SentProsecutionCommand, { type: T }>['data'],
  'prosecutionId'
>;

function command<T extends SentProsecutionCommand['type']>(
  type: T,
  data: DataOf<T>,
  actor: Actor = parquet,
  now: Date = LATER,
): SentProsecutionCommand {
  return {
    type,
    data: { prosecutionId: PROSECUTION_ID, ...data },
    metadata: { actor, now },
  } as unknown as SentProsecutionCommand;
}

const receive = (overrides: Partial<DataOf<'ReceiveCaseFile'>> = {}, actor: Actor = parquet) =>
  command(
    'ReceiveCaseFile',
    {
      jointCaseId: JOINT_CASE_ID,
      caseFileId: 'case-file-1',
      investigationId: 'investigation-1',
      fromPoliceAgencyId: police.agencyId,
      suspects: [
        { suspectId: SUSPECT_A, role: 'recruiter' },
        { suspectId: SUSPECT_B, role: 'exploiter' },
      ],
      ...overrides,
    },
    actor,
    NOW,
  );
const fileCharge = (overrides: Partial<DataOf<'FileCharges'>> = {}, actor: Actor = parquet) =>
  command(
    'FileCharges',
    { chargeId: CHARGE_1, suspectId: SUSPECT_A, offence: 'forced_labour', legalBasis: LEGAL_BASIS, ...overrides },
    actor,
  );
const schedule = (overrides: Partial<DataOf<'ScheduleHearing'>> = {}) =>
  command(
    'ScheduleHearing',
    {
      hearingId: HEARING_1,
      court: 'Tribunal de grande instance de Goma',
      scheduledFor: HEARING_DATE,
      purpose: 'Audience de fond',
      ...overrides,
    },
    parquet,
    NOW,
  );
const hold = (overrides: Partial<DataOf<'RecordHearingHeld'>> = {}) =>
  command('RecordHearingHeld', { hearingId: HEARING_1, outcome: 'Witnesses heard', ...overrides });
const verdict = (overrides: Partial<DataOf<'RenderVerdict'>> = {}) =>
  command('RenderVerdict', { chargeId: CHARGE_1, verdict: 'convicted', ...overrides });
const sentence = (overrides: Partial<DataOf<'ImposeSentence'>> = {}) =>
  command('ImposeSentence', {
    chargeId: CHARGE_1,
    imprisonmentMonths: 60,
    fine: { amount: 500, currency: 'USD' },
    ...overrides,
  });
const restitution = (overrides: Partial<DataOf<'OrderRestitution'>> = {}) =>
  command('OrderRestitution', {
    restitutionId: 'restitution-1',
    victimRef: 'VIC-NK-0042',
    amount: 1200,
    currency: 'USD',
    ...overrides,
  });
const appeal = (overrides: Partial<DataOf<'FileAppeal'>> = {}) =>
  command('FileAppeal', { appealId: 'appeal-1', chargeId: CHARGE_1, by: 'defence', ...overrides });
const closeWith = (reason: CloseProsecution['data']['reason'], note?: string, actor: Actor = parquet) =>
  command('CloseProsecution', note === undefined ? { reason } : { reason, note }, actor);

const received: CaseFileReceived = {
  type: 'CaseFileReceived',
  schemaVersion: 1,
  data: {
    prosecutionId: PROSECUTION_ID,
    jointCaseId: JOINT_CASE_ID,
    caseFileId: 'case-file-1',
    investigationId: 'investigation-1',
    fromPoliceAgencyId: police.agencyId,
    officeAgencyId: parquet.agencyId,
    receivedAt: NOW.toISOString(),
    suspects: [
      { suspectId: SUSPECT_A, role: 'recruiter' },
      { suspectId: SUSPECT_B, role: 'exploiter' },
    ],
  },
};
const charged: ChargesFiled = {
  type: 'ChargesFiled',
  schemaVersion: 1,
  data: {
    prosecutionId: PROSECUTION_ID,
    chargeId: CHARGE_1,
    suspectId: SUSPECT_A,
    offence: 'forced_labour',
    legalBasis: LEGAL_BASIS,
    filedAt: LATER.toISOString(),
  },
};
const charged2: ChargesFiled = {
  ...charged,
  data: { ...charged.data, chargeId: CHARGE_2, suspectId: SUSPECT_B, offence: 'child_recruitment_by_armed_group' },
};
const scheduled: HearingScheduled = {
  type: 'HearingScheduled',
  schemaVersion: 1,
  data: {
    prosecutionId: PROSECUTION_ID,
    hearingId: HEARING_1,
    court: 'Tribunal de grande instance de Goma',
    scheduledFor: HEARING_DATE.toISOString(),
    purpose: 'Audience de fond',
    scheduledAt: NOW.toISOString(),
  },
};
const held: HearingHeld = {
  type: 'HearingHeld',
  schemaVersion: 1,
  data: {
    prosecutionId: PROSECUTION_ID,
    hearingId: HEARING_1,
    heldAt: LATER.toISOString(),
    outcome: 'Witnesses heard',
  },
};
const convicted: VerdictRendered = {
  type: 'VerdictRendered',
  schemaVersion: 1,
  data: { prosecutionId: PROSECUTION_ID, chargeId: CHARGE_1, verdict: 'convicted', renderedAt: LATER.toISOString() },
};
const acquitted: VerdictRendered = { ...convicted, data: { ...convicted.data, verdict: 'acquitted' } };
const sentenced: SentenceImposed = {
  type: 'SentenceImposed',
  schemaVersion: 1,
  data: {
    prosecutionId: PROSECUTION_ID,
    chargeId: CHARGE_1,
    imprisonmentMonths: 60,
    fine: { amount: 500, currency: 'USD' },
    otherMeasures: null,
    imposedAt: LATER.toISOString(),
  },
};
const restituted: RestitutionOrdered = {
  type: 'RestitutionOrdered',
  schemaVersion: 1,
  data: {
    prosecutionId: PROSECUTION_ID,
    restitutionId: 'restitution-1',
    victimRef: 'VIC-NK-0042',
    amount: 1200,
    currency: 'USD',
    note: null,
    orderedAt: LATER.toISOString(),
  },
};
const appealed: AppealFiled = {
  type: 'AppealFiled',
  schemaVersion: 1,
  data: {
    prosecutionId: PROSECUTION_ID,
    appealId: 'appeal-1',
    chargeId: CHARGE_1,
    by: 'defence',
    filedAt: LATER.toISOString(),
  },
};
const closed: ProsecutionClosed = {
  type: 'ProsecutionClosed',
  schemaVersion: 1,
  data: { prosecutionId: PROSECUTION_ID, reason: 'adjudicated', note: null, closedAt: LATER.toISOString() },
};

/** The InvalidInputError names exactly these fields, in order. */

const fold = (events: readonly ProsecutionEvent[]) =>
  events.reduce(prosecutionDecider.evolve, prosecutionDecider.initialState);

describe('ReceiveCaseFile', () => {
  it('acknowledges the police handoff, with the receiving office and the suspects of the case file', () => {
    spec.given([]).when(receive()).then([received]);
  });

  it('trims suspect roles and accepts a case file without suspects', () => {
    spec
      .given([])
      .when(receive({ suspects: [{ suspectId: SUSPECT_A, role: '  transporter ' }] }))
      .then([{ ...received, data: { ...received.data, suspects: [{ suspectId: SUSPECT_A, role: 'transporter' }] } }]);
    spec
      .given([])
      .when(receive({ suspects: [] }))
      .then([{ ...received, data: { ...received.data, suspects: [] } }]);
  });

  it.each([
    ['the police', police],
    ['an NGO', { ...police, agencyId: 'ngo-kivu', agencyType: 'first_responder' } as const],
  ])('refuses receipt by %s: only a prosecutor receives case files', (_label, actor) => {
    spec.given([]).when(receive({}, actor)).thenThrows(RuleViolationError, rule('only_prosecutor'));
  });

  it('refuses a second receipt of the same prosecution', () => {
    spec.given([received]).when(receive()).thenThrows(RuleViolationError, rule('case_file_already_received'));
  });

  it('requires a joint case and reports every problem at once', () => {
    spec
      .given([])
      .when(
        receive({
          jointCaseId: ' ',
          caseFileId: '',
          fromPoliceAgencyId: parquet.agencyId,
          suspects: [
            { suspectId: SUSPECT_A, role: ' ' },
            { suspectId: SUSPECT_A, role: 'x'.repeat(101) },
          ],
        }),
      )
      .thenThrows(
        InvalidInputError,
        fields('jointCaseId', 'caseFileId', 'fromPoliceAgencyId', 'suspects.0.role', 'suspects.1.role', 'suspects'),
      );
  });
});

describe('FileCharges', () => {
  it('files a charge against a suspect of the case file with its trimmed legal basis', () => {
    spec
      .given([received])
      .when(fileCharge({ legalBasis: `  ${LEGAL_BASIS} ` }))
      .then([charged]);
  });

  it('refuses charges without a received case file', () => {
    spec.given([]).when(fileCharge()).thenThrows(RuleViolationError, rule('case_file_not_received'));
  });

  it('refuses a suspect who is not in the case file', () => {
    spec
      .given([received])
      .when(fileCharge({ suspectId: 'suspect-z' }))
      .thenThrows(RuleViolationError, rule('suspect_not_in_case_file'));
  });

  it('refuses the same charge twice', () => {
    spec.given([received, charged]).when(fileCharge()).thenThrows(RuleViolationError, rule('charge_already_filed'));
  });

  it('refuses charges by another prosecutor’s office', () => {
    spec
      .given([received])
      .when(fileCharge({}, otherParquet))
      .thenThrows(RuleViolationError, rule('only_prosecuting_office'));
  });

  it.each([' ', 'x'.repeat(301)])('refuses legal basis %#', (legalBasis) => {
    spec.given([received]).when(fileCharge({ legalBasis })).thenThrows(InvalidInputError, fields('legalBasis'));
  });

  it('accepts a legal basis of exactly 300 characters and refuses an unknown offence', () => {
    spec
      .given([received])
      .when(fileCharge({ legalBasis: 'x'.repeat(300) }))
      .then([{ ...charged, data: { ...charged.data, legalBasis: 'x'.repeat(300) } }]);
    spec
      .given([received])
      .when(fileCharge({ offence: 'theft' as ProsecutionOffence }))
      .thenThrows(InvalidInputError, fields('offence'));
  });
});

describe('ScheduleHearing and RecordHearingHeld', () => {
  it('schedules a hearing in the future', () => {
    spec
      .given([received, charged])
      .when(schedule({ court: ' Tribunal de grande instance de Goma ' }))
      .then([scheduled]);
  });

  it.each([
    ['now', NOW],
    ['in the past', new Date(NOW.getTime() - 1)],
    ['more than two years ahead', new Date(NOW.getTime() + 731 * 24 * 3600_000)],
    ['not a date', new Date('not a date')],
  ])('refuses a hearing %s', (_label, scheduledFor) => {
    spec.given([received]).when(schedule({ scheduledFor })).thenThrows(InvalidInputError, fields('scheduledFor'));
  });

  it('refuses a hearing id already scheduled, and a blank court or purpose', () => {
    spec
      .given([received, scheduled])
      .when(schedule())
      .thenThrows(RuleViolationError, rule('hearing_already_scheduled'));
    spec
      .given([received])
      .when(schedule({ court: '', purpose: ' ' }))
      .thenThrows(InvalidInputError, fields('court', 'purpose'));
  });

  it('refuses scheduling on an unknown prosecution', () => {
    const error = spec.given([]).when(schedule()).thenThrows(NotFoundError);
    expect([error.entity, error.id]).toEqual(['Prosecution', PROSECUTION_ID]);
  });

  it('records a scheduled hearing as held, at now by default or at an earlier time', () => {
    spec.given([received, scheduled]).when(hold()).then([held]);
    spec
      .given([received, scheduled])
      .when(hold({ heldAt: HEARING_DATE, outcome: ' Adjourned ' }))
      .then([{ ...held, data: { ...held.data, heldAt: HEARING_DATE.toISOString(), outcome: 'Adjourned' } }]);
  });

  it('refuses a hearing that was never scheduled', () => {
    spec
      .given([received])
      .when(hold({ hearingId: 'hearing-x' }))
      .thenThrows(RuleViolationError, rule('hearing_unknown'));
  });

  it('refuses a hearing recorded as held days before its date (that is a rescheduling)', () => {
    spec
      .given([received, scheduled])
      .when(hold({ heldAt: NOW }))
      .thenThrows(RuleViolationError, rule('hearing_not_yet_due'));
  });

  it('refuses to hold a hearing twice', () => {
    spec.given([received, scheduled, held]).when(hold()).thenThrows(RuleViolationError, rule('hearing_already_held'));
  });

  it('refuses a heldAt in the future and a blank outcome', () => {
    spec
      .given([received, scheduled])
      .when(hold({ heldAt: new Date(LATER.getTime() + 1), outcome: '' }))
      .thenThrows(InvalidInputError, fields('heldAt', 'outcome'));
  });
});

describe('RenderVerdict', () => {
  it('renders a verdict on a filed charge', () => {
    spec.given([received, charged]).when(verdict()).then([convicted]);
  });

  it('refuses a charge that was not filed', () => {
    spec
      .given([received, charged])
      .when(verdict({ chargeId: CHARGE_2 }))
      .thenThrows(RuleViolationError, rule('charge_not_filed'));
  });

  it('renders one verdict per charge', () => {
    spec
      .given([received, charged, convicted])
      .when(verdict({ verdict: 'acquitted' }))
      .thenThrows(RuleViolationError, rule('verdict_already_rendered'));
  });

  it('refuses a renderedAt in the future', () => {
    spec
      .given([received, charged])
      .when(verdict({ renderedAt: new Date(LATER.getTime() + 60_000) }))
      .thenThrows(InvalidInputError, fields('renderedAt'));
  });
});

describe('ImposeSentence', () => {
  it('sentences a convicted charge', () => {
    spec.given([received, charged, convicted]).when(sentence()).then([sentenced]);
  });

  it('accepts other measures alone, without a fine', () => {
    spec
      .given([received, charged, convicted])
      .when(sentence({ imprisonmentMonths: 0, fine: null, otherMeasures: ' Servitude pénale à perpétuité ' }))
      .then([
        {
          ...sentenced,
          data: {
            ...sentenced.data,
            imprisonmentMonths: 0,
            fine: null,
            otherMeasures: 'Servitude pénale à perpétuité',
          },
        },
      ]);
  });

  it.each([
    ['an acquitted charge', [received, charged, acquitted]],
    ['a charge awaiting its verdict', [received, charged]],
  ])('refuses %s', (_label, given) => {
    spec.given(given).when(sentence()).thenThrows(RuleViolationError, rule('not_convicted'));
  });

  it('refuses a charge that was not filed, and a second sentence', () => {
    spec
      .given([received, charged, convicted])
      .when(sentence({ chargeId: CHARGE_2 }))
      .thenThrows(RuleViolationError, rule('charge_not_filed'));
    spec
      .given([received, charged, convicted, sentenced])
      .when(sentence())
      .thenThrows(RuleViolationError, rule('sentence_already_imposed'));
  });

  it('refuses negative or fractional months, a negative fine and an unknown currency', () => {
    spec
      .given([received, charged, convicted])
      .when(sentence({ imprisonmentMonths: -1, fine: { amount: -5, currency: 'EUR' as 'USD' } }))
      .thenThrows(InvalidInputError, fields('imprisonmentMonths', 'fine.amount', 'fine.currency'));
    spec
      .given([received, charged, convicted])
      .when(sentence({ imprisonmentMonths: 1.5 }))
      .thenThrows(InvalidInputError, fields('imprisonmentMonths'));
  });

  it('refuses an empty sentence', () => {
    spec
      .given([received, charged, convicted])
      .when(sentence({ imprisonmentMonths: 0, fine: { amount: 0, currency: 'CDF' } }))
      .thenThrows(InvalidInputError, fields('imprisonmentMonths'));
  });
});

describe('OrderRestitution', () => {
  it('orders restitution to a victim reference once a charge is convicted', () => {
    spec.given([received, charged, convicted]).when(restitution()).then([restituted]);
  });

  it('needs at least one conviction', () => {
    spec
      .given([received, charged, acquitted])
      .when(restitution())
      .thenThrows(RuleViolationError, rule('no_conviction'));
  });

  it('refuses a victim name instead of a reference, and a zero amount', () => {
    spec
      .given([received, charged, convicted])
      .when(restitution({ victimRef: 'Amani Bahati', amount: 0 }))
      .thenThrows(InvalidInputError, fields('victimRef', 'amount'));
  });

  it('refuses an amount with more than two decimals', () => {
    spec
      .given([received, charged, convicted])
      .when(restitution({ amount: 10.005 }))
      .thenThrows(InvalidInputError, fields('amount'));
  });

  it('refuses the same restitution twice', () => {
    spec
      .given([received, charged, convicted, restituted])
      .when(restitution())
      .thenThrows(RuleViolationError, rule('restitution_already_ordered'));
  });
});

describe('FileAppeal', () => {
  it('files an appeal against a verdict', () => {
    spec.given([received, charged, convicted]).when(appeal()).then([appealed]);
  });

  it('lets each party appeal once', () => {
    spec
      .given([received, charged, convicted, appealed])
      .when(appeal({ appealId: 'appeal-2', by: 'prosecution' }))
      .then([{ ...appealed, data: { ...appealed.data, appealId: 'appeal-2', by: 'prosecution' } }]);
    spec
      .given([received, charged, convicted, appealed])
      .when(appeal({ appealId: 'appeal-2' }))
      .thenThrows(RuleViolationError, rule('appeal_already_filed'));
  });

  it('refuses an appeal on a charge without a verdict, or not filed', () => {
    spec.given([received, charged]).when(appeal()).thenThrows(RuleViolationError, rule('no_verdict'));
    spec
      .given([received, charged, convicted])
      .when(appeal({ chargeId: CHARGE_2 }))
      .thenThrows(RuleViolationError, rule('charge_not_filed'));
  });

  it('refuses an appeal dated before the verdict', () => {
    spec
      .given([received, charged, convicted])
      .when(appeal({ filedAt: NOW }))
      .thenThrows(InvalidInputError, fields('filedAt'));
  });
});

describe('CloseProsecution', () => {
  it('closes an adjudicated prosecution', () => {
    spec.given([received, charged, convicted]).when(closeWith('adjudicated')).then([closed]);
  });

  it('refuses to close as adjudicated while a charge has no verdict', () => {
    spec
      .given([received, charged, charged2, convicted])
      .when(closeWith('adjudicated'))
      .thenThrows(RuleViolationError, rule('charges_pending'));
    spec
      .given([received, charged])
      .when(closeWith('other', 'Suspect deceased'))
      .thenThrows(RuleViolationError, rule('charges_pending'));
  });

  it.each(['withdrawn', 'transferred'] as const)('closes as %s with charges pending', (reason) => {
    spec
      .given([received, charged])
      .when(closeWith(reason, ' Military prosecutor takes over '))
      .then([{ ...closed, data: { ...closed.data, reason, note: 'Military prosecutor takes over' } }]);
  });

  it('requires a note when the reason is other', () => {
    spec.given([received]).when(closeWith('other')).thenThrows(InvalidInputError, fields('note'));
  });

  it('refuses closing by another office', () => {
    spec
      .given([received])
      .when(closeWith('withdrawn', undefined, otherParquet))
      .thenThrows(RuleViolationError, rule('only_prosecuting_office'));
  });

  it.each([
    ['FileCharges', fileCharge({ chargeId: CHARGE_2, suspectId: SUSPECT_B })],
    ['ScheduleHearing', schedule()],
    ['RenderVerdict', verdict()],
    ['FileAppeal', appeal()],
    ['CloseProsecution', closeWith('withdrawn')],
  ])('a closed prosecution takes no changes: %s', (_label, when) => {
    spec
      .given([received, charged, convicted, closed])
      .when(when)
      .thenThrows(RuleViolationError, rule('prosecution_closed'));
  });
});

describe('status', () => {
  it('moves from case file received to charged, in trial, adjudicated and closed', () => {
    expect(fold([received]).status).toBe('case_file_received');
    expect(fold([received, scheduled]).status).toBe('case_file_received');
    expect(fold([received, charged]).status).toBe('charged');
    expect(fold([received, charged, scheduled, held]).status).toBe('in_trial');
    expect(fold([received, charged, charged2, scheduled, convicted]).status).toBe('in_trial');
    expect(fold([received, charged, scheduled, convicted]).status).toBe('adjudicated');
    expect(fold([received, charged, convicted, charged2]).status).toBe('charged');
    expect(fold([received, charged, convicted, sentenced, appealed, closed]).status).toBe('closed');
  });

  it('keeps only what decisions need', () => {
    expect(fold([received, charged, scheduled, held, convicted, sentenced, restituted, appealed])).toStrictEqual({
      status: 'adjudicated',
      prosecutionId: PROSECUTION_ID,
      jointCaseId: JOINT_CASE_ID,
      officeAgencyId: parquet.agencyId,
      fromPoliceAgencyId: police.agencyId,
      suspectIds: [SUSPECT_A, SUSPECT_B],
      charges: {
        [CHARGE_1]: {
          suspectId: SUSPECT_A,
          verdict: 'convicted',
          renderedAt: LATER.toISOString(),
          sentenced: true,
          appealedBy: ['defence'],
        },
      },
      hearings: {
        [HEARING_1]: {
          scheduledFor: HEARING_DATE.toISOString(),
          court: 'Tribunal de grande instance de Goma',
          held: true,
          cancelled: false,
        },
      },
      restitutionIds: ['restitution-1'],
      appeals: { 'appeal-1': { chargeId: CHARGE_1, filedAt: LATER.toISOString(), decided: false } },
    });
  });

  it('is computed the same way for the read model', () => {
    expect(prosecutionStatus({ closed: false, charges: 2, verdicts: 2, hearings: 0 })).toBe('adjudicated');
    expect(prosecutionStatus({ closed: true, charges: 2, verdicts: 0, hearings: 0 })).toBe('closed');
  });
});

describe('names', () => {
  it('recognises prosecution events, victim references and the stream name', () => {
    expect(isProsecutionEvent(appealed)).toBe(true);
    expect(isProsecutionEvent({ type: 'ReferralSubmitted' })).toBe(false);
    expect(['VIC-NK-0042', 'assist:7f3a'].map(isVictimRef)).toEqual([true, true]);
    expect(['Amani Bahati', '', 'x'.repeat(65)].map(isVictimRef)).toEqual([false, false, false]);
    expect(prosecutionStreamId(PROSECUTION_ID)).toBe('prosecution-pros-0001');
  });
});

describe('hearings moved, cancelled or left without an outcome; appeal outcomes', () => {
  const NEW_DATE = new Date('2025-04-29T07:30:00.000Z');
  const reschedule = (data: Partial<DataOf<'RescheduleHearing'>> = {}) =>
    command(
      'RescheduleHearing',
      { hearingId: HEARING_1, scheduledFor: NEW_DATE, reason: 'Renvoi', ...data },
      parquet,
      NOW,
    );
  const cancel = (reason = 'Jonction avec une autre affaire') =>
    command('CancelHearing', { hearingId: HEARING_1, reason }, parquet, NOW);
  const rescheduled = {
    type: 'HearingRescheduled',
    schemaVersion: 1,
    data: {
      prosecutionId: PROSECUTION_ID,
      hearingId: HEARING_1,
      scheduledFor: NEW_DATE.toISOString(),
      previousScheduledFor: HEARING_DATE.toISOString(),
      court: 'Tribunal de grande instance de Goma',
      reason: 'Renvoi',
      rescheduledAt: NOW.toISOString(),
    },
  } as const;
  const watcher: Actor = DEADLINE_WATCHER_ACTOR;
  const overdue = (scheduledFor: Date, actor: Actor = watcher) =>
    command('RecordHearingOutcomeOverdue', { hearingId: HEARING_1, scheduledFor }, actor, LATER);

  it('moves a pending hearing to a new date, keeping its court, with the reason', () => {
    spec
      .given([received, scheduled])
      .when(reschedule({ reason: '  Renvoi ' }))
      .then([rescheduled]);
  });

  it('refuses to move a hearing to the past, to the same date and court, or once held or cancelled', () => {
    spec
      .given([received, scheduled])
      .when(reschedule({ scheduledFor: new Date(NOW.getTime() - 1), reason: ' ' }))
      .thenThrows(InvalidInputError, fields('scheduledFor', 'reason'));
    spec
      .given([received, scheduled])
      .when(reschedule({ scheduledFor: HEARING_DATE }))
      .thenThrows(RuleViolationError, rule('hearing_unchanged'));
    spec
      .given([received, scheduled, held])
      .when(reschedule())
      .thenThrows(RuleViolationError, rule('hearing_already_held'));
    const cancelled = {
      type: 'HearingCancelled',
      schemaVersion: 1,
      data: {
        prosecutionId: PROSECUTION_ID,
        hearingId: HEARING_1,
        scheduledFor: HEARING_DATE.toISOString(),
        reason: 'x',
        cancelledAt: NOW.toISOString(),
      },
    } as const;
    spec
      .given([received, scheduled, cancelled])
      .when(reschedule())
      .thenThrows(RuleViolationError, rule('hearing_cancelled'));
    spec.given([received, scheduled, cancelled]).when(hold()).thenThrows(RuleViolationError, rule('hearing_cancelled'));
  });

  it('cancels a pending hearing with its reason, and requires one', () => {
    spec
      .given([received, scheduled])
      .when(cancel())
      .then([
        {
          type: 'HearingCancelled',
          schemaVersion: 1,
          data: {
            prosecutionId: PROSECUTION_ID,
            hearingId: HEARING_1,
            scheduledFor: HEARING_DATE.toISOString(),
            reason: 'Jonction avec une autre affaire',
            cancelledAt: NOW.toISOString(),
          },
        },
      ]);
    spec.given([received, scheduled]).when(cancel('  ')).thenThrows(InvalidInputError, fields('reason'));
  });

  it('flags an outcome overdue only for the date the deadline was opened for, and only from the platform', () => {
    spec
      .given([received, scheduled])
      .when(overdue(HEARING_DATE))
      .then([
        {
          type: 'HearingOutcomeOverdue',
          schemaVersion: 1,
          data: {
            prosecutionId: PROSECUTION_ID,
            hearingId: HEARING_1,
            scheduledFor: HEARING_DATE.toISOString(),
            overdueAt: LATER.toISOString(),
          },
        },
      ]);
    // Moved or held since: nothing to flag.
    spec.given([received, scheduled, rescheduled]).when(overdue(HEARING_DATE)).then([]);
    spec.given([received, scheduled, held]).when(overdue(HEARING_DATE)).then([]);
    spec
      .given([received, scheduled])
      .when(overdue(HEARING_DATE, parquet))
      .thenThrows(RuleViolationError, rule('only_deadline_watcher'));
  });

  it('records the appeal court’s decision once, not before the appeal', () => {
    const decide = (data: Partial<DataOf<'DecideAppeal'>> = {}) =>
      command('DecideAppeal', { appealId: 'appeal-1', outcome: 'upheld', ...data });
    const decided = {
      type: 'AppealDecided',
      schemaVersion: 1,
      data: {
        prosecutionId: PROSECUTION_ID,
        appealId: 'appeal-1',
        chargeId: CHARGE_1,
        outcome: 'upheld',
        decidedAt: LATER.toISOString(),
        note: null,
      },
    } as const;
    spec.given([received, charged, convicted, appealed]).when(decide()).then([decided]);
    spec
      .given([received, charged, convicted, appealed, decided])
      .when(decide())
      .thenThrows(RuleViolationError, rule('appeal_already_decided'));
    spec.given([received, charged, convicted]).when(decide()).thenThrows(RuleViolationError, rule('appeal_unknown'));
    spec
      .given([received, charged, convicted, appealed])
      .when(decide({ outcome: 'quashed' as never, decidedAt: new Date(LATER.getTime() + 1) }))
      .thenThrows(InvalidInputError, fields('outcome', 'decidedAt'));
  });
});
