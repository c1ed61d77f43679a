import {
  duplicatesOf,
  type FieldProblem,
  InputParser,
  InvalidInputError,
  isAgencyType,
  parseInput,
} from '@pamoja/contracts';
import { CONSENT_GIVERS, CONSENT_METHODS, isConsentPurpose } from './consent.js';
import {
  isChildLabourFlag,
  isForcedLabourIndicator,
  isJointCaseLink,
  isReferralUrgency,
  isSiteCode,
} from './indicators.js';
import {
  type HeldProblems,
  type ReferralCommand,
  type ReferralConsentGrant,
  type SentReferralCommand,
} from './referral.commands.js';
import { isExploitationPurpose, isTraffickingAct, isTraffickingMeans } from './trafficking-screening.js';

export const REFERRAL_LIMITS = {
  maxTextLength: 2000,
  maxSiteDescriptionLength: 500,
  /** Beyond this a deadline stops being one (decisions that slip for months). */
  maxDueInDays: 90,
  /** An `immediate` referral means danger to life: it cannot wait longer for an answer. */
  immediateDueWithinHours: 24,
} as const;

const L = REFERRAL_LIMITS;
const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/**
 * A referral command as a client sent it, turned into the domain's values once, before `decide`: every
 * field problem at once (BAD_USER_INPUT naming each field), nothing of the referral's state.
 */
export function parseReferralCommand(sent: SentReferralCommand): ReferralCommand {
  const { metadata } = sent;
  return parseInput((p): ReferralCommand => {
    switch (sent.type) {
      case 'SubmitReferral': {
        const d = sent.data;
        p.id('referralId', d.referralId);
        if (d.jointCaseId !== null && isBlank(d.jointCaseId)) p.add('jointCaseId', 'must be null or not blank');
        if (!isJointCaseLink(d.jointCase)) p.add('jointCase', 'must be opened or joined');
        else if (d.jointCase === 'joined' && d.jointCaseId === null) {
          p.add('jointCaseId', 'is required to join an existing joint case');
        }
        // Commands come from untyped input: null is "not known", anything else but a boolean is a mistake.
        if (d.subject.isChild !== null && typeof d.subject.isChild !== 'boolean') {
          p.add('subject.isChild', 'must be true, false or null (not known)');
        }
        const consent = d.consent ? consentGrant(p, d.consent, 'consent.') : null;

        const siteCode = blankToNull(d.site.code);
        if (siteCode === null && blankToNull(d.site.description) === null) {
          p.add('site.code', 'a site code or a site description is required');
        }
        if (siteCode !== null && !isSiteCode(siteCode)) {
          p.add('site.code', 'must look like NK-MAS-014: province NK or SK, territory, three digits');
        }
        const siteDescription = p.optionalText('site.description', d.site.description, L.maxSiteDescriptionLength);

        if (d.indicators.length === 0 && d.childLabourFlags.length === 0) {
          p.add('indicators', 'at least one forced-labour indicator or child-labour flag is required');
        }
        vocabulary(p, 'indicators', d.indicators, isForcedLabourIndicator, 'indicator');
        vocabulary(p, 'childLabourFlags', d.childLabourFlags, isChildLabourFlag, 'child-labour flag');
        if (!isReferralUrgency(d.urgency)) p.add('urgency', 'must be routine, urgent or immediate');

        if (isBlank(d.toAgencyId)) p.add('toAgencyId', 'is required');
        else if (d.toAgencyId === metadata.actor.agencyId)
          p.add('toAgencyId', 'cannot refer a case to your own agency');
        if (!isAgencyType(d.toAgencyType)) p.add('toAgencyType', 'is not an agency type');
        // Integrators receive privacy-safe events only; a referral carries case details they must not see.
        else if (d.toAgencyType === 'integrator') p.add('toAgencyType', 'integrators do not receive referrals');

        const dueBy = p.instant('dueBy', d.dueBy);
        const summary = d.summary.trim();
        const summaryTooLong = summary.length > L.maxTextLength;
        // How far ahead the due time is depends on when the command is decided, so the decider checks it (a
        // retry, later, is recognised before); a command refused here names those problems too, in one go.
        if (!p.ok || summaryTooLong) {
          for (const { field, reason } of dueByProblems(dueBy, d.urgency, metadata.now)) p.add(field, reason);
        }
        if (summaryTooLong) p.add('summary', `must be at most ${L.maxTextLength} characters`);

        return {
          type: sent.type,
          metadata,
          data: {
            referralId: d.referralId,
            jointCaseId: d.jointCaseId,
            jointCase: d.jointCase,
            subject: { isChild: d.subject.isChild, personId: blankToNull(d.subject.personId ?? null) },
            consent,
            site: { code: siteCode, description: siteDescription },
            indicators: d.indicators,
            childLabourFlags: d.childLabourFlags,
            urgency: d.urgency,
            toAgencyId: d.toAgencyId,
            toAgencyType: d.toAgencyType,
            dueBy,
            summary,
          },
        };
      }
      case 'AcceptReferral':
        return {
          type: sent.type,
          metadata,
          data: {
            referralId: sent.data.referralId,
            note: p.optionalText('note', sent.data.note, L.maxTextLength),
          },
        };
      case 'DeclineReferral':
      case 'RevokeReferral':
        return {
          type: sent.type,
          metadata,
          data: {
            referralId: sent.data.referralId,
            // A reason is required so that the other agency knows where the case stands.
            reason: p.text('reason', sent.data.reason, L.maxTextLength),
          },
        };
      case 'CompleteReferral':
        return {
          type: sent.type,
          metadata,
          data: {
            referralId: sent.data.referralId,
            outcome: p.text('outcome', sent.data.outcome, L.maxTextLength),
          },
        };
      case 'AssessTraffickingScreening': {
        const d = sent.data;
        vocabulary(p, 'acts', d.acts, isTraffickingAct, 'act');
        vocabulary(p, 'means', d.means, isTraffickingMeans, 'means');
        vocabulary(p, 'purposes', d.purposes, isExploitationPurpose, 'purpose');
        if (typeof d.personIsChild !== 'boolean') p.add('personIsChild', 'must be true or false');
        return { type: sent.type, metadata, data: d };
      }
      case 'RecordConsent': {
        const { referralId, ...terms } = sent.data;
        return {
          type: sent.type,
          metadata,
          data: {
            referralId,
            consent: heldProblems((held) => consentGrant(held, terms, '')),
          },
        };
      }
      case 'WithdrawConsent':
        return {
          type: sent.type,
          metadata,
          data: {
            referralId: sent.data.referralId,
            consentId: sent.data.consentId,
            reason: p.optionalText('reason', sent.data.reason, L.maxTextLength),
          },
        };
      case 'RecordReferralDeadlineMissed':
        return sent;
    }
  });
}

/**
 * When the receiving agency must answer by, as seen at `now`: in the future, not beyond 90 days, within a
 * day for a referral that means danger to life. Nothing to say about a date that is not one.
 */
export function dueByProblems(dueBy: Date, urgency: string, now: Date): FieldProblem[] {
  const due = dueBy.getTime();
  if (Number.isNaN(due)) return [];
  if (due <= now.getTime()) return [{ field: 'dueBy', reason: 'must be in the future' }];
  if (due > now.getTime() + L.maxDueInDays * DAY_MS) {
    return [{ field: 'dueBy', reason: `must be at most ${L.maxDueInDays} days ahead` }];
  }
  if (urgency === 'immediate' && due > now.getTime() + L.immediateDueWithinHours * HOUR_MS) {
    return [
      {
        field: 'dueBy',
        reason: `an immediate referral (danger to life) must be due within ${L.immediateDueWithinHours} hours`,
      },
    ];
  }
  return [];
}

/** Input whose problems are kept for the decider to tell after its refusals (see `HeldProblems`). */
export function withoutProblems<T>(held: HeldProblems<T>): T {
  if (held.problems.length > 0) throw new InvalidInputError(held.problems);
  return held.value;
}

function heldProblems<T>(parse: (p: InputParser) => T): HeldProblems<T> {
  const p = new InputParser();
  const value = parse(p);
  try {
    return { value: p.done(value), problems: [] };
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    return { value, problems: error.problems };
  }
}

function consentGrant(p: InputParser, consent: ReferralConsentGrant, prefix: string): ReferralConsentGrant {
  p.id(`${prefix}consentId`, consent.consentId);
  p.oneOf(`${prefix}givenBy`, consent.givenBy, CONSENT_GIVERS);
  const method = consent.method ?? null;
  if (method !== null) p.oneOf(`${prefix}method`, method, CONSENT_METHODS);
  const formSha256 = consent.formSha256 ?? null;
  if (formSha256 !== null && !/^[0-9a-f]{64}$/.test(formSha256)) {
    p.add(`${prefix}formSha256`, 'must be a SHA-256 in lower-case hex (64 characters)');
  }
  if (consent.agencyTypes.length === 0) p.add(`${prefix}agencyTypes`, 'name at least one kind of agency');
  vocabulary(p, `${prefix}agencyTypes`, consent.agencyTypes, isAgencyType, 'agency type');
  if (consent.purposes.length === 0) p.add(`${prefix}purposes`, 'name at least one purpose');
  vocabulary(p, `${prefix}purposes`, consent.purposes, isConsentPurpose, 'purpose');
  return {
    consentId: consent.consentId,
    givenBy: consent.givenBy,
    method,
    formSha256,
    agencyTypes: consent.agencyTypes,
    purposes: consent.purposes,
  };
}

/** Each value known, and listed once. */
function vocabulary(
  p: InputParser,
  field: string,
  values: readonly string[],
  isKnown: (value: unknown) => boolean,
  noun: string,
): void {
  for (const value of values.filter((v) => !isKnown(v))) p.add(field, `unknown ${noun} ${value}`);
  for (const value of duplicatesOf(values)) p.add(field, `${value} is listed twice`);
}

function isBlank(value: string): boolean {
  return value.trim() === '';
}

function blankToNull(value: string | null | undefined): string | null {
  const text = value?.trim() ?? '';
  return text === '' ? null : text;
}
