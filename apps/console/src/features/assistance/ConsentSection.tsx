import { useId, useState, type SyntheticEvent } from 'react';
import { AgencyName } from '../../components/agency';
import { CheckboxGroup, describedBy, FieldError, RadioGroup } from '../../components/form';
import type {
  AgencyType,
  ReferralConsentGiver,
  ReferralConsentMethod,
  ReferralConsentPurpose,
} from '../../gql/graphql';
import { useKivuTime, useT } from '../../i18n/i18n';
import { type AssistanceData, type OnDone } from './CaseForms';
import { CommandNote, FormTop, SubmitButton, useFormCommand, type FormProblem } from './formKit';
import { AssistanceRecordConsentMutation, AssistanceWithdrawConsentMutation } from './operations';
import {
  agencyTypeKey,
  CONSENT_AGENCY_TYPES,
  CONSENT_METHODS,
  CONSENT_PURPOSES,
  REFERRAL_CONSENT_GIVERS,
} from './vocabulary';

type CaseReferral = AssistanceData['jointCase']['referrals'][number];
type ConsentRecord = CaseReferral['consent']['records'][number];

/** A list in words: "Police, Prosecutor's office". */
function useWords() {
  const t = useT();
  return {
    agencies: (types: readonly AgencyType[]) => types.map((a) => t(agencyTypeKey(a))).join(', '),
    purposes: (purposes: readonly ReferralConsentPurpose[]) =>
      purposes.map((p) => t(`assistance.purpose.${p}`)).join(', '),
  };
}

/**
 * What the person agreed to share, with whom and for what, as it stands and as it was given: the consents
 * are recorded on the referral that brought the person. The assisting agency keeps them: it records a new
 * one (or a wider one) and withdraws one when the person asks, at any time.
 */
export function ConsentSection({
  assistance,
  mayChange,
  idle,
  onDone,
}: {
  readonly assistance: AssistanceData;
  readonly mayChange: boolean;
  /** Nothing for the case is on its way: the forms show (hidden, not removed, meanwhile: their answer comes back). */
  readonly idle: boolean;
  readonly onDone: OnDone;
}) {
  const t = useT();
  const referrals = assistance.jointCase.referrals.filter(
    (r) => r.toAgencyId === assistance.assistingAgencyId || r.fromAgencyId === assistance.assistingAgencyId,
  );
  return (
    <section aria-labelledby="assistance-consent">
      <h2 id="assistance-consent">{t('assistance.consent.title')}</h2>
      <p>
        {assistance.consentGivenBy
          ? t('assistance.consent.forAssistance', {
              givenBy: t(`assistance.consentGivenBy.${assistance.consentGivenBy}`),
            })
          : null}
      </p>
      {referrals.length === 0 ? <p>{t('assistance.consent.noReferral')}</p> : null}
      {referrals.map((r) => (
        <ReferralConsent key={r.referralId} referral={r} mayChange={mayChange} idle={idle} onDone={onDone} />
      ))}
    </section>
  );
}

function ReferralConsent({
  referral: r,
  mayChange,
  idle,
  onDone,
}: {
  readonly referral: CaseReferral;
  readonly mayChange: boolean;
  readonly idle: boolean;
  readonly onDone: OnDone;
}) {
  const t = useT();
  const time = useKivuTime();
  const words = useWords();
  const titleId = useId();
  return (
    <article aria-labelledby={titleId}>
      <h3 id={titleId}>
        {t('assistance.consent.onReferral', { reference: r.reference ?? t('assistance.register.noReference') })}
      </h3>
      <p>
        {t('assistance.consent.referralFrom')} <AgencyName id={r.fromAgencyId} agency={r.fromAgency} />
        {' → '}
        <AgencyName id={r.toAgencyId} agency={r.toAgency} />
      </p>
      <p data-testid="consent-now">
        {r.consent.active
          ? t('assistance.consent.inForce', {
              agencies: words.agencies(r.consent.agencyTypes),
              purposes: words.purposes(r.consent.purposes),
            })
          : t('assistance.consent.noneInForce')}
      </p>
      {r.consent.records.length === 0 ? (
        <p>{t('assistance.consent.noRecord')}</p>
      ) : (
        <ol className="consent-history">
          {r.consent.records.map((c) => (
            <li key={c.consentId}>
              {t('assistance.consent.record', {
                givenBy: t(`assistance.consentGiver.${c.givenBy}`),
                date: time.dateTime(c.recordedAt),
                agencies: words.agencies(c.agencyTypes),
                purposes: words.purposes(c.purposes),
              })}
              {c.withdrawnAt ? (
                <strong>{` ${t('assistance.consent.withdrawnAt', { date: time.dateTime(c.withdrawnAt) })}`}</strong>
              ) : mayChange ? (
                <div hidden={!idle}>
                  <WithdrawConsentForm referral={r} record={c} onDone={onDone} />
                </div>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      {mayChange ? (
        <details hidden={!idle}>
          <summary>{t('assistance.consent.recordTitle')}</summary>
          <RecordConsentForm referral={r} onDone={onDone} />
        </details>
      ) : null}
    </article>
  );
}

type WithdrawField = 'reason';

/** The person withdraws one consent: what stops being shared, with whom, said before the button. */
function WithdrawConsentForm({
  referral,
  record,
  onDone,
}: {
  readonly referral: CaseReferral;
  readonly record: ConsentRecord;
  readonly onDone: OnDone;
}) {
  const t = useT();
  const words = useWords();
  const id = useId();
  const [reason, setReason] = useState('');
  const kit = useFormCommand({
    idPrefix: `withdraw-${record.consentId}`,
    document: AssistanceWithdrawConsentMutation,
    mutation: 'withdrawConsent',
    label: 'assistance.action.withdrawConsent',
    subject: { kind: 'referral', id: referral.referralId },
    fieldOf: (f): WithdrawField | null => (f === 'reason' ? 'reason' : null),
    labels: { reason: 'assistance.consent.withdrawReason' },
    onAcknowledged: (outcome) => onDone('assistance.action.withdrawConsent', outcome),
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const text = reason.trim();
    const found: FormProblem<WithdrawField>[] =
      text.length > 500 ? [{ field: 'reason', message: { key: 'form.problem.tooLong', values: { max: 500 } } }] : [];
    kit.submit(found, {
      referralId: referral.referralId,
      consentId: record.consentId,
      expectedRevision: referral.revision,
      ...(text !== '' ? { reason: text } : {}),
    });
  };
  return (
    <form noValidate onSubmit={submit} aria-labelledby={`${id}-title`} className="consent-withdraw">
      <h4 id={`${id}-title`}>{t('assistance.consent.withdrawTitle')}</h4>
      <p id={`${id}-explain`}>
        {t('assistance.consent.withdrawExplain', {
          agencies: words.agencies(record.agencyTypes),
          purposes: words.purposes(record.purposes),
        })}
      </p>
      <FormTop kit={kit} />
      <label htmlFor={kit.controlId('reason')}>{t('assistance.consent.withdrawReason')}</label>
      <input
        id={kit.controlId('reason')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        aria-invalid={kit.invalid('reason') || undefined}
        aria-describedby={describedBy(kit.invalid('reason') && kit.errorId('reason'))}
      />
      <FieldError id={kit.errorId('reason')} messages={kit.errorsOf('reason')} />
      <CommandNote status={kit.status} />
      <SubmitButton status={kit.status} className="secondary">
        {t('assistance.consent.withdrawSubmit')}
      </SubmitButton>
    </form>
  );
}

const CONSENT_FIELDS = ['givenBy', 'method', 'agencyTypes', 'purposes'] as const;
type ConsentField = (typeof CONSENT_FIELDS)[number];

/** Record a consent the person (or for a child, who decides for them) gives now, said back in plain words. */
function RecordConsentForm({ referral, onDone }: { readonly referral: CaseReferral; readonly onDone: OnDone }) {
  const t = useT();
  const words = useWords();
  const givers: readonly ReferralConsentGiver[] =
    referral.subjectIsChild === true ? REFERRAL_CONSENT_GIVERS.filter((g) => g !== 'SELF') : REFERRAL_CONSENT_GIVERS;
  const [givenBy, setGivenBy] = useState<ReferralConsentGiver | ''>('');
  const [method, setMethod] = useState<ReferralConsentMethod | ''>('');
  const [agencyTypes, setAgencyTypes] = useState<AgencyType[]>([]);
  const [purposes, setPurposes] = useState<ReferralConsentPurpose[]>([]);
  const prefix = `consent-${referral.referralId}`;
  const kit = useFormCommand({
    idPrefix: prefix,
    document: AssistanceRecordConsentMutation,
    mutation: 'recordConsent',
    label: 'assistance.action.recordConsent',
    subject: { kind: 'referral', id: referral.referralId },
    fieldOf: (f): ConsentField | null => {
      const name = f.replace(/^consent\./, '').split('.')[0] ?? '';
      return (CONSENT_FIELDS as readonly string[]).includes(name) ? (name as ConsentField) : null;
    },
    labels: {
      givenBy: 'assistance.consent.givenBy',
      method: 'assistance.consent.method',
      agencyTypes: 'assistance.consent.agencyTypes',
      purposes: 'assistance.consent.purposes',
    },
    onAcknowledged: (outcome) => {
      setGivenBy('');
      setMethod('');
      setAgencyTypes([]);
      setPurposes([]);
      onDone('assistance.action.recordConsent', outcome);
    },
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const found: FormProblem<ConsentField>[] = [];
    if (givenBy === '') found.push({ field: 'givenBy', message: { key: 'form.problem.choose' } });
    if (agencyTypes.length === 0)
      found.push({ field: 'agencyTypes', message: { key: 'assistance.problem.atLeastOne' } });
    if (purposes.length === 0) found.push({ field: 'purposes', message: { key: 'assistance.problem.atLeastOne' } });
    kit.submit(found, {
      referralId: referral.referralId,
      expectedRevision: referral.revision,
      givenBy: givenBy === '' ? 'SELF' : givenBy,
      ...(method !== '' ? { method } : {}),
      agencyTypes,
      purposes,
    });
  };
  return (
    <form noValidate onSubmit={submit}>
      <FormTop kit={kit} />
      <RadioGroup
        id={kit.controlId('givenBy')}
        name={`${prefix}-givenBy`}
        legend={t('assistance.consent.givenBy')}
        options={givers}
        label={(g) => t(`assistance.consentGiver.${g}`)}
        value={givenBy}
        onChange={setGivenBy}
        errors={kit.errorsOf('givenBy')}
      />
      <label htmlFor={kit.controlId('method')}>{t('assistance.consent.method')}</label>
      <select
        id={kit.controlId('method')}
        value={method}
        onChange={(e) => setMethod(e.target.value as ReferralConsentMethod | '')}
        aria-invalid={kit.invalid('method') || undefined}
        aria-describedby={describedBy(kit.invalid('method') && kit.errorId('method'))}
      >
        <option value="">{t('assistance.consent.method.unsaid')}</option>
        {CONSENT_METHODS.map((m) => (
          <option key={m} value={m}>
            {t(`assistance.consentMethod.${m}`)}
          </option>
        ))}
      </select>
      <FieldError id={kit.errorId('method')} messages={kit.errorsOf('method')} />
      <CheckboxGroup
        id={kit.controlId('agencyTypes')}
        name={`${prefix}-agencyTypes`}
        legend={t('assistance.consent.agencyTypes')}
        options={CONSENT_AGENCY_TYPES}
        label={(a) => t(agencyTypeKey(a))}
        values={agencyTypes}
        onChange={setAgencyTypes}
        errors={kit.errorsOf('agencyTypes')}
      />
      <CheckboxGroup
        id={kit.controlId('purposes')}
        name={`${prefix}-purposes`}
        legend={t('assistance.consent.purposes')}
        options={CONSENT_PURPOSES}
        label={(p) => t(`assistance.purpose.${p}`)}
        values={purposes}
        onChange={setPurposes}
        errors={kit.errorsOf('purposes')}
      />
      <p role="status" className="field-hint">
        {agencyTypes.length > 0 && purposes.length > 0
          ? t('assistance.consent.preview', {
              agencies: words.agencies(agencyTypes),
              purposes: words.purposes(purposes),
            })
          : t('assistance.consent.previewEmpty')}
      </p>
      <CommandNote status={kit.status} />
      <SubmitButton status={kit.status}>{t('assistance.consent.recordSubmit')}</SubmitButton>
    </form>
  );
}
