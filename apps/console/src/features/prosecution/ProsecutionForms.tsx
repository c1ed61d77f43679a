import { type FieldMessage } from '../../components/form';
import type { ConsoleProsecutionQuery } from '../../gql/graphql';
import { useKivuTime, useT } from '../../i18n/i18n';
import { CommandForm, instantOf, numberOf, textOf, type CommandDocument, type FieldSpec } from './CommandForm';
import {
  CancelHearingMutation,
  CloseProsecutionMutation,
  DecideAppealMutation,
  FileAppealMutation,
  FileChargesMutation,
  ImposeSentenceMutation,
  OrderRestitutionMutation,
  RecordHearingHeldMutation,
  RenderVerdictMutation,
  RescheduleHearingMutation,
  ScheduleHearingMutation,
} from './operations';
import {
  APPEAL_OUTCOMES,
  APPEAL_PARTIES,
  CLOSE_REASONS,
  CURRENCIES,
  OFFENCES,
  shortId,
  VERDICTS,
  type ProsecutionMutation,
} from './vocabulary';

export type ProsecutionData = ConsoleProsecutionQuery['prosecution'];
export type ChargeData = ProsecutionData['charges'][number];
export type HearingData = ProsecutionData['hearings'][number];
type Acknowledged = (mutation: ProsecutionMutation, answer: unknown) => void;

const MAX_TEXT = 2000;
const MAX_SHORT = 500;
/** An opaque victim reference, as the API accepts it: never a name. */
const VICTIM_REF = /^[A-Za-z0-9._:-]+$/;

/** How a suspect reads on screen: their role in the case file and a short mark (never a name here). */
export function useSuspectLabel(prosecution: ProsecutionData): (suspectId: string) => string {
  const t = useT();
  return (suspectId) => {
    const role = prosecution.suspects.find((s) => s.suspectId === suspectId)?.role;
    return role
      ? t('prosecution.suspect.label', { role, mark: shortId(suspectId) })
      : t('prosecution.suspect.unlisted', { mark: shortId(suspectId) });
  };
}

/** How a charge reads in a choice: its offence and its suspect. */
export function useChargeLabel(prosecution: ProsecutionData): (charge: ChargeData) => string {
  const t = useT();
  const suspect = useSuspectLabel(prosecution);
  return (charge) =>
    t('prosecution.charge.label', {
      offence: t(`prosecution.offence.${charge.offence}`),
      suspect: suspect(charge.suspectId),
    });
}

interface Props {
  readonly prosecution: ProsecutionData;
  readonly onAcknowledged: Acknowledged;
}

const base = (p: ProsecutionData) => ({ prosecutionId: p.prosecutionId, expectedRevision: p.revision });
const subjectOf = (p: ProsecutionData) => ({ kind: 'prosecution' as const, id: p.prosecutionId });

export function FileChargesForm({ prosecution, onAcknowledged }: Props) {
  const t = useT();
  const suspect = useSuspectLabel(prosecution);
  const fields: FieldSpec<'suspectId' | 'offence' | 'legalBasis'>[] = [
    {
      name: 'suspectId',
      kind: 'select',
      label: 'prosecution.field.suspect',
      required: true,
      options: prosecution.suspects.map((s) => ({ value: s.suspectId, label: suspect(s.suspectId) })),
    },
    {
      name: 'offence',
      kind: 'select',
      label: 'prosecution.field.offence',
      required: true,
      options: OFFENCES.map((o) => ({ value: o, label: t(`prosecution.offence.${o}`) })),
    },
    {
      name: 'legalBasis',
      kind: 'text',
      label: 'prosecution.field.legalBasis',
      hint: 'prosecution.field.legalBasis.hint',
      required: true,
      maxLength: MAX_SHORT,
    },
  ];
  return (
    <CommandForm
      mutation="fileCharges"
      document={FileChargesMutation as CommandDocument}
      subject={subjectOf(prosecution)}
      title="prosecution.form.fileCharges.title"
      submit="prosecution.form.fileCharges.submit"
      fields={fields}
      toInput={(v) => ({
        ...base(prosecution),
        suspectId: v.suspectId,
        offence: v.offence,
        legalBasis: v.legalBasis.trim(),
      })}
      onAcknowledged={onAcknowledged}
    />
  );
}

export function ScheduleHearingForm({ prosecution, onAcknowledged }: Props) {
  const fields: FieldSpec<'scheduledFor' | 'court' | 'purpose'>[] = [
    {
      name: 'scheduledFor',
      kind: 'datetime',
      label: 'prosecution.field.scheduledFor',
      hint: 'prosecution.field.kivuTime.hint',
      required: true,
      future: true,
    },
    { name: 'court', kind: 'text', label: 'prosecution.field.court', required: true, maxLength: MAX_SHORT },
    { name: 'purpose', kind: 'text', label: 'prosecution.field.purpose', required: true, maxLength: MAX_SHORT },
  ];
  return (
    <CommandForm
      mutation="scheduleHearing"
      document={ScheduleHearingMutation as CommandDocument}
      subject={subjectOf(prosecution)}
      title="prosecution.form.scheduleHearing.title"
      submit="prosecution.form.scheduleHearing.submit"
      fields={fields}
      toInput={(v) => ({
        ...base(prosecution),
        scheduledFor: instantOf(v.scheduledFor),
        court: v.court.trim(),
        purpose: v.purpose.trim(),
      })}
      onAcknowledged={onAcknowledged}
    />
  );
}

interface HearingProps extends Props {
  readonly hearing: HearingData;
}

export function RescheduleHearingForm({ prosecution, hearing, onAcknowledged }: HearingProps) {
  const fields: FieldSpec<'scheduledFor' | 'court' | 'reason'>[] = [
    {
      name: 'scheduledFor',
      kind: 'datetime',
      label: 'prosecution.field.newDate',
      hint: 'prosecution.field.kivuTime.hint',
      required: true,
      future: true,
    },
    {
      name: 'court',
      kind: 'text',
      label: 'prosecution.field.newCourt',
      hint: 'prosecution.field.newCourt.hint',
      maxLength: MAX_SHORT,
    },
    {
      name: 'reason',
      kind: 'textarea',
      label: 'prosecution.field.rescheduleReason',
      required: true,
      maxLength: MAX_TEXT,
    },
  ];
  return (
    <CommandForm
      mutation="rescheduleHearing"
      document={RescheduleHearingMutation as CommandDocument}
      subject={subjectOf(prosecution)}
      title="prosecution.form.rescheduleHearing.title"
      submit="prosecution.form.rescheduleHearing.submit"
      fields={fields}
      toInput={(v) => {
        const court = textOf(v.court);
        return {
          ...base(prosecution),
          hearingId: hearing.hearingId,
          scheduledFor: instantOf(v.scheduledFor),
          ...(court ? { court } : {}),
          reason: v.reason.trim(),
        };
      }}
      onAcknowledged={onAcknowledged}
      secondary
    />
  );
}

export function CancelHearingForm({ prosecution, hearing, onAcknowledged }: HearingProps) {
  const fields: FieldSpec<'reason'>[] = [
    { name: 'reason', kind: 'textarea', label: 'prosecution.field.cancelReason', required: true, maxLength: MAX_TEXT },
  ];
  return (
    <CommandForm
      mutation="cancelHearing"
      document={CancelHearingMutation as CommandDocument}
      subject={subjectOf(prosecution)}
      title="prosecution.form.cancelHearing.title"
      submit="prosecution.form.cancelHearing.submit"
      fields={fields}
      toInput={(v) => ({ ...base(prosecution), hearingId: hearing.hearingId, reason: v.reason.trim() })}
      onAcknowledged={onAcknowledged}
      secondary
    />
  );
}

export function RecordHearingHeldForm({ prosecution, hearing, onAcknowledged }: HearingProps) {
  const fields: FieldSpec<'heldAt' | 'outcome'>[] = [
    {
      name: 'outcome',
      kind: 'textarea',
      label: 'prosecution.field.hearingOutcome',
      required: true,
      maxLength: MAX_TEXT,
    },
    {
      name: 'heldAt',
      kind: 'datetime',
      label: 'prosecution.field.heldAt',
      hint: 'prosecution.field.whenAbsentNow.hint',
      past: true,
    },
  ];
  return (
    <CommandForm
      mutation="recordHearingHeld"
      document={RecordHearingHeldMutation as CommandDocument}
      subject={subjectOf(prosecution)}
      title="prosecution.form.recordHearingHeld.title"
      submit="prosecution.form.recordHearingHeld.submit"
      fields={fields}
      toInput={(v) => {
        const heldAt = instantOf(v.heldAt);
        return {
          ...base(prosecution),
          hearingId: hearing.hearingId,
          outcome: v.outcome.trim(),
          ...(heldAt ? { heldAt } : {}),
        };
      }}
      onAcknowledged={onAcknowledged}
    />
  );
}

export function RenderVerdictForm({ prosecution, onAcknowledged }: Props) {
  const t = useT();
  const chargeLabel = useChargeLabel(prosecution);
  const open = prosecution.charges.filter((c) => !c.verdict);
  const fields: FieldSpec<'chargeId' | 'verdict' | 'renderedAt'>[] = [
    {
      name: 'chargeId',
      kind: 'select',
      label: 'prosecution.field.charge',
      required: true,
      options: open.map((c) => ({ value: c.chargeId, label: chargeLabel(c) })),
    },
    {
      name: 'verdict',
      kind: 'select',
      label: 'prosecution.field.verdict',
      required: true,
      options: VERDICTS.map((v) => ({ value: v, label: t(`prosecution.verdict.${v}`) })),
    },
    {
      name: 'renderedAt',
      kind: 'datetime',
      label: 'prosecution.field.renderedAt',
      hint: 'prosecution.field.whenAbsentNow.hint',
      past: true,
    },
  ];
  return (
    <CommandForm
      mutation="renderVerdict"
      document={RenderVerdictMutation as CommandDocument}
      subject={subjectOf(prosecution)}
      title="prosecution.form.renderVerdict.title"
      submit="prosecution.form.renderVerdict.submit"
      fields={fields}
      toInput={(v) => {
        const renderedAt = instantOf(v.renderedAt);
        return {
          ...base(prosecution),
          chargeId: v.chargeId,
          verdict: v.verdict,
          ...(renderedAt ? { renderedAt } : {}),
        };
      }}
      onAcknowledged={onAcknowledged}
    />
  );
}

type SentenceField = 'chargeId' | 'imprisonmentMonths' | 'fineAmount' | 'fineCurrency' | 'otherMeasures';

export function ImposeSentenceForm({ prosecution, onAcknowledged }: Props) {
  const t = useT();
  const chargeLabel = useChargeLabel(prosecution);
  const convicted = prosecution.charges.filter((c) => c.verdict === 'CONVICTED' && !c.sentence);
  const fields: FieldSpec<SentenceField>[] = [
    {
      name: 'chargeId',
      kind: 'select',
      label: 'prosecution.field.convictedCharge',
      required: true,
      options: convicted.map((c) => ({ value: c.chargeId, label: chargeLabel(c) })),
    },
    {
      name: 'imprisonmentMonths',
      kind: 'number',
      label: 'prosecution.field.imprisonmentMonths',
      required: true,
      integer: true,
      min: 0,
      initial: '0',
    },
    { name: 'fineAmount', kind: 'number', label: 'prosecution.field.fineAmount', min: 0 },
    {
      name: 'fineCurrency',
      kind: 'select',
      label: 'prosecution.field.fineCurrency',
      options: CURRENCIES.map((c) => ({ value: c, label: t(`prosecution.currency.${c}`) })),
    },
    { name: 'otherMeasures', kind: 'textarea', label: 'prosecution.field.otherMeasures', maxLength: MAX_TEXT },
  ];
  return (
    <CommandForm
      mutation="imposeSentence"
      document={ImposeSentenceMutation as CommandDocument}
      subject={subjectOf(prosecution)}
      title="prosecution.form.imposeSentence.title"
      submit="prosecution.form.imposeSentence.submit"
      fields={fields}
      check={(v) => {
        const problems: Partial<Record<SentenceField, FieldMessage[]>> = {};
        // A fine is an amount in a currency: one without the other is not a fine.
        if (v.fineAmount.trim() !== '' && v.fineCurrency === '') {
          problems.fineCurrency = [{ key: 'prosecution.problem.currencyForFine' }];
        }
        if (v.fineAmount.trim() === '' && v.fineCurrency !== '') {
          problems.fineAmount = [{ key: 'prosecution.problem.amountForCurrency' }];
        }
        return problems;
      }}
      fieldOf={(apiField) =>
        apiField === 'fine.amount' || apiField === 'fine'
          ? 'fineAmount'
          : apiField === 'fine.currency'
            ? 'fineCurrency'
            : ((['chargeId', 'imprisonmentMonths', 'otherMeasures'] as const).find((f) => f === apiField) ?? null)
      }
      toInput={(v) => {
        const amount = numberOf(v.fineAmount);
        const other = textOf(v.otherMeasures);
        return {
          ...base(prosecution),
          chargeId: v.chargeId,
          imprisonmentMonths: numberOf(v.imprisonmentMonths) ?? 0,
          ...(amount !== undefined ? { fine: { amount, currency: v.fineCurrency } } : {}),
          ...(other ? { otherMeasures: other } : {}),
        };
      }}
      onAcknowledged={onAcknowledged}
    />
  );
}

type RestitutionField = 'victimRef' | 'amount' | 'currency' | 'note';

export function OrderRestitutionForm({ prosecution, onAcknowledged }: Props) {
  const t = useT();
  const fields: FieldSpec<RestitutionField>[] = [
    {
      name: 'victimRef',
      kind: 'text',
      label: 'prosecution.field.victimRef',
      hint: 'prosecution.field.victimRef.hint',
      required: true,
      maxLength: 100,
    },
    { name: 'amount', kind: 'number', label: 'prosecution.field.amount', required: true, min: 0 },
    {
      name: 'currency',
      kind: 'select',
      label: 'prosecution.field.currency',
      required: true,
      options: CURRENCIES.map((c) => ({ value: c, label: t(`prosecution.currency.${c}`) })),
    },
    { name: 'note', kind: 'textarea', label: 'prosecution.field.note', maxLength: MAX_TEXT },
  ];
  return (
    <CommandForm
      mutation="orderRestitution"
      document={OrderRestitutionMutation as CommandDocument}
      subject={subjectOf(prosecution)}
      title="prosecution.form.orderRestitution.title"
      submit="prosecution.form.orderRestitution.submit"
      fields={fields}
      check={(v) => {
        const problems: Partial<Record<RestitutionField, FieldMessage[]>> = {};
        if (v.victimRef.trim() !== '' && !VICTIM_REF.test(v.victimRef.trim())) {
          problems.victimRef = [{ key: 'prosecution.problem.victimRef' }];
        }
        if (numberOf(v.amount) === 0) problems.amount = [{ key: 'prosecution.problem.positive' }];
        return problems;
      }}
      toInput={(v) => {
        const note = textOf(v.note);
        return {
          ...base(prosecution),
          victimRef: v.victimRef.trim(),
          amount: numberOf(v.amount),
          currency: v.currency,
          ...(note ? { note } : {}),
        };
      }}
      onAcknowledged={onAcknowledged}
    />
  );
}

export function FileAppealForm({ prosecution, onAcknowledged }: Props) {
  const t = useT();
  const chargeLabel = useChargeLabel(prosecution);
  const judged = prosecution.charges.filter((c) => c.verdict);
  const fields: FieldSpec<'chargeId' | 'by' | 'filedAt'>[] = [
    {
      name: 'chargeId',
      kind: 'select',
      label: 'prosecution.field.judgedCharge',
      required: true,
      options: judged.map((c) => ({ value: c.chargeId, label: chargeLabel(c) })),
    },
    {
      name: 'by',
      kind: 'select',
      label: 'prosecution.field.appealBy',
      required: true,
      options: APPEAL_PARTIES.map((p) => ({ value: p, label: t(`prosecution.appealParty.${p}`) })),
    },
    {
      name: 'filedAt',
      kind: 'datetime',
      label: 'prosecution.field.appealFiledAt',
      hint: 'prosecution.field.whenAbsentNow.hint',
      past: true,
    },
  ];
  return (
    <CommandForm
      mutation="fileAppeal"
      document={FileAppealMutation as CommandDocument}
      subject={subjectOf(prosecution)}
      title="prosecution.form.fileAppeal.title"
      submit="prosecution.form.fileAppeal.submit"
      fields={fields}
      toInput={(v) => {
        const filedAt = instantOf(v.filedAt);
        return { ...base(prosecution), chargeId: v.chargeId, by: v.by, ...(filedAt ? { filedAt } : {}) };
      }}
      onAcknowledged={onAcknowledged}
    />
  );
}

export function DecideAppealForm({ prosecution, onAcknowledged }: Props) {
  const t = useT();
  const time = useKivuTime();
  const chargeLabel = useChargeLabel(prosecution);
  const open = prosecution.appeals.filter((a) => !a.outcome);
  const fields: FieldSpec<'appealId' | 'outcome' | 'decidedAt' | 'note'>[] = [
    {
      name: 'appealId',
      kind: 'select',
      label: 'prosecution.field.appeal',
      required: true,
      options: open.map((a) => {
        const charge = prosecution.charges.find((c) => c.chargeId === a.chargeId);
        return {
          value: a.appealId,
          label: t('prosecution.appeal.label', {
            by: t(`prosecution.appealParty.${a.by}`),
            charge: charge ? chargeLabel(charge) : shortId(a.chargeId),
            filed: time.date(a.filedAt),
          }),
        };
      }),
    },
    {
      name: 'outcome',
      kind: 'select',
      label: 'prosecution.field.appealOutcome',
      required: true,
      options: APPEAL_OUTCOMES.map((o) => ({ value: o, label: t(`prosecution.appealOutcome.${o}`) })),
    },
    {
      name: 'decidedAt',
      kind: 'datetime',
      label: 'prosecution.field.decidedAt',
      hint: 'prosecution.field.whenAbsentNow.hint',
      past: true,
    },
    { name: 'note', kind: 'textarea', label: 'prosecution.field.note', maxLength: MAX_TEXT },
  ];
  return (
    <CommandForm
      mutation="decideAppeal"
      document={DecideAppealMutation as CommandDocument}
      subject={subjectOf(prosecution)}
      title="prosecution.form.decideAppeal.title"
      submit="prosecution.form.decideAppeal.submit"
      fields={fields}
      toInput={(v) => {
        const decidedAt = instantOf(v.decidedAt);
        const note = textOf(v.note);
        return {
          ...base(prosecution),
          appealId: v.appealId,
          outcome: v.outcome,
          ...(decidedAt ? { decidedAt } : {}),
          ...(note ? { note } : {}),
        };
      }}
      onAcknowledged={onAcknowledged}
    />
  );
}

export function CloseProsecutionForm({ prosecution, onAcknowledged }: Props) {
  const t = useT();
  const fields: FieldSpec<'reason' | 'note'>[] = [
    {
      name: 'reason',
      kind: 'select',
      label: 'prosecution.field.closeReason',
      required: true,
      options: CLOSE_REASONS.map((r) => ({ value: r, label: t(`prosecution.closeReason.${r}`) })),
    },
    {
      name: 'note',
      kind: 'textarea',
      label: 'prosecution.field.closeNote',
      hint: 'prosecution.field.closeNote.hint',
      maxLength: MAX_TEXT,
    },
  ];
  return (
    <CommandForm
      mutation="closeProsecution"
      document={CloseProsecutionMutation as CommandDocument}
      subject={subjectOf(prosecution)}
      title="prosecution.form.closeProsecution.title"
      submit="prosecution.form.closeProsecution.submit"
      fields={fields}
      check={(v) =>
        v.reason === 'OTHER' && v.note.trim() === '' ? { note: [{ key: 'prosecution.problem.noteForOther' }] } : {}
      }
      toInput={(v) => {
        const note = textOf(v.note);
        return { ...base(prosecution), reason: v.reason, ...(note ? { note } : {}) };
      }}
      onAcknowledged={onAcknowledged}
      secondary
    />
  );
}
