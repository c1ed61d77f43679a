import { duplicatesOf, type InputParser, parseInput } from '@pamoja/contracts';
import {
  type ProsecutionCommand,
  type ProsecutionCommandMetadata,
  type SentProsecutionCommand,
} from './prosecution.commands.js';
import { type Money } from './prosecution.events.js';
import {
  APPEAL_OUTCOMES,
  APPEAL_PARTIES,
  CLOSE_REASONS,
  CURRENCIES,
  isVictimRef,
  PROSECUTION_OFFENCES,
  VERDICTS,
} from './vocabularies.js';

export const PROSECUTION_LIMITS = {
  maxTextLength: 2000,
  maxLegalBasisLength: 300,
  maxCourtLength: 200,
  maxRoleLength: 100,
  maxSuspects: 100,
  /** Beyond this a hearing date is a typo, not a plan. */
  maxScheduledAheadDays: 730,
  /** 100 years: life imprisonment goes in other measures (servitude pénale à perpétuité). */
  maxImprisonmentMonths: 1200,
  maxAmount: 1_000_000_000_000,
} as const;

const L = PROSECUTION_LIMITS;

function money(
  p: InputParser,
  fields: { readonly amount: string; readonly currency: string },
  { amount, currency }: { readonly amount: number; readonly currency: string },
  { allowZero }: { allowZero: boolean },
): Money {
  if (!Number.isFinite(amount) || amount < 0 || (!allowZero && amount === 0)) {
    p.add(fields.amount, allowZero ? 'must be zero or more' : 'must be more than zero');
  } else if (amount > L.maxAmount) {
    p.add(fields.amount, `must be at most ${L.maxAmount}`);
  } else if (Math.round(amount * 100) !== amount * 100) {
    p.add(fields.amount, 'must have at most two decimals');
  }
  return { amount, currency: p.oneOf(fields.currency, currency, CURRENCIES, 'must be CDF or USD') };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** A hearing date is in the future, and near enough to be a plan rather than a typo. */
function futureHearingDate(p: InputParser, value: Date, now: Date): Date {
  const at = p.instant('scheduledFor', value).getTime();
  if (Number.isNaN(at)) return value;
  if (at <= now.getTime()) p.add('scheduledFor', 'must be in the future');
  else if (at > now.getTime() + L.maxScheduledAheadDays * DAY_MS) {
    p.add('scheduledFor', `must be at most ${L.maxScheduledAheadDays} days ahead`);
  }
  return value;
}

/** An instant recorded after the fact (the command's time when absent): never in the future. */
function pastOrNow(p: InputParser, field: string, value: Date | undefined, now: Date): void {
  if (value === undefined) return;
  if (!Number.isNaN(p.instant(field, value).getTime()) && value.getTime() > now.getTime()) {
    p.add(field, 'cannot be in the future');
  }
}

/**
 * A prosecution command as a client sent it, turned into the domain's values once, before `decide`:
 * every field problem at once (BAD_USER_INPUT naming each field), nothing of the prosecution's state.
 */
export function parseProsecutionCommand(sent: SentProsecutionCommand): ProsecutionCommand {
  const metadata: ProsecutionCommandMetadata = sent.metadata;
  return parseInput((p): ProsecutionCommand => {
    const prosecutionId = sent.data.prosecutionId;
    switch (sent.type) {
      case 'ReceiveCaseFile': {
        const d = sent.data;
        p.id('prosecutionId', prosecutionId);
        // Every prosecution belongs to a joint case: a handoff outside a case is one that gets lost.
        p.id('jointCaseId', d.jointCaseId);
        p.id('caseFileId', d.caseFileId);
        p.id('investigationId', d.investigationId);
        // A prosecutor's office cannot hand a case file to itself (whoever else tries is refused by the rule).
        const own = metadata.actor.agencyType === 'prosecutor' && d.fromPoliceAgencyId === metadata.actor.agencyId;
        if (p.id('fromPoliceAgencyId', d.fromPoliceAgencyId).trim() !== '' && own) {
          p.add('fromPoliceAgencyId', 'the case file comes from another agency than yours');
        }
        if (d.suspects.length > L.maxSuspects) p.add('suspects', `must list at most ${L.maxSuspects} suspects`);
        const suspects = d.suspects.map((suspect, index) => {
          p.id(`suspects.${index}.suspectId`, suspect.suspectId);
          return {
            suspectId: suspect.suspectId,
            role: p.text(`suspects.${index}.role`, suspect.role, L.maxRoleLength),
          };
        });
        for (const id of duplicatesOf(d.suspects.map((s) => s.suspectId)))
          p.add('suspects', `suspect ${id} is listed twice`);
        return { type: sent.type, metadata, data: { ...d, suspects } };
      }
      case 'FileCharges': {
        const d = sent.data;
        p.id('chargeId', d.chargeId);
        const offence = p.oneOf('offence', d.offence, PROSECUTION_OFFENCES, `unknown offence ${d.offence}`);
        const legalBasis = p.text('legalBasis', d.legalBasis, L.maxLegalBasisLength);
        return { type: sent.type, metadata, data: { ...d, offence, legalBasis } };
      }
      case 'ScheduleHearing': {
        const d = sent.data;
        p.id('hearingId', d.hearingId);
        const court = p.text('court', d.court, L.maxCourtLength);
        const scheduledFor = futureHearingDate(p, d.scheduledFor, metadata.now);
        const purpose = p.text('purpose', d.purpose, L.maxTextLength);
        return { type: sent.type, metadata, data: { ...d, court, scheduledFor, purpose } };
      }
      case 'RescheduleHearing': {
        const d = sent.data;
        const scheduledFor = futureHearingDate(p, d.scheduledFor, metadata.now);
        const court = p.optionalText('court', d.court, L.maxCourtLength);
        const reason = p.text('reason', d.reason, L.maxTextLength);
        return { type: sent.type, metadata, data: { ...d, scheduledFor, court, reason } };
      }
      case 'CancelHearing': {
        const d = sent.data;
        return { type: sent.type, metadata, data: { ...d, reason: p.text('reason', d.reason, L.maxTextLength) } };
      }
      case 'RecordHearingHeld': {
        const d = sent.data;
        pastOrNow(p, 'heldAt', d.heldAt, metadata.now);
        const outcome = p.text('outcome', d.outcome, L.maxTextLength);
        return { type: sent.type, metadata, data: { ...d, outcome } };
      }
      case 'RecordHearingOutcomeOverdue':
        return { type: sent.type, metadata, data: sent.data };
      case 'RenderVerdict': {
        const d = sent.data;
        const verdict = p.oneOf('verdict', d.verdict, VERDICTS, 'must be convicted, acquitted or dismissed');
        pastOrNow(p, 'renderedAt', d.renderedAt, metadata.now);
        return { type: sent.type, metadata, data: { ...d, verdict } };
      }
      case 'ImposeSentence': {
        const d = sent.data;
        p.wholeNumber(
          'imprisonmentMonths',
          d.imprisonmentMonths,
          0,
          L.maxImprisonmentMonths,
          `must be a whole number of months from 0 to ${L.maxImprisonmentMonths}`,
        );
        const fine =
          d.fine === null || d.fine === undefined
            ? null
            : money(p, { amount: 'fine.amount', currency: 'fine.currency' }, d.fine, { allowZero: true });
        const otherMeasures = p.optionalText('otherMeasures', d.otherMeasures, L.maxTextLength);
        if (d.imprisonmentMonths === 0 && (fine === null || fine.amount === 0) && otherMeasures === null) {
          p.add('imprisonmentMonths', 'a sentence needs imprisonment, a fine or another measure');
        }
        return { type: sent.type, metadata, data: { ...d, fine, otherMeasures } };
      }
      case 'OrderRestitution': {
        const d = sent.data;
        p.id('restitutionId', d.restitutionId);
        if (!isVictimRef(d.victimRef)) {
          p.add('victimRef', 'must be an opaque victim reference (letters, digits, . _ : -), never a name');
        }
        const { amount, currency } = money(
          p,
          { amount: 'amount', currency: 'currency' },
          { amount: d.amount, currency: d.currency },
          { allowZero: false },
        );
        const note = p.optionalText('note', d.note, L.maxTextLength);
        return { type: sent.type, metadata, data: { ...d, amount, currency, note } };
      }
      case 'FileAppeal': {
        const d = sent.data;
        p.id('appealId', d.appealId);
        const by = p.oneOf('by', d.by, APPEAL_PARTIES, 'must be prosecution, defence or civil_party');
        pastOrNow(p, 'filedAt', d.filedAt, metadata.now);
        return { type: sent.type, metadata, data: { ...d, by } };
      }
      case 'DecideAppeal': {
        const d = sent.data;
        const outcome = p.oneOf('outcome', d.outcome, APPEAL_OUTCOMES);
        pastOrNow(p, 'decidedAt', d.decidedAt, metadata.now);
        const note = p.optionalText('note', d.note, L.maxTextLength);
        return { type: sent.type, metadata, data: { ...d, outcome, note } };
      }
      case 'CloseProsecution': {
        const d = sent.data;
        const reason = p.oneOf(
          'reason',
          d.reason,
          CLOSE_REASONS,
          'must be adjudicated, withdrawn, transferred or other',
        );
        const note = p.optionalText('note', d.note, L.maxTextLength);
        // "Other" says nothing by itself: whoever reads the case later must learn why it ended.
        if (d.reason === 'other' && note === null) p.add('note', 'is required when the reason is other');
        return { type: sent.type, metadata, data: { ...d, reason, note } };
      }
    }
  });
}
