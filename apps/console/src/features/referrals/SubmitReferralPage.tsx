import { useEffect, useMemo, useRef, useState, type SyntheticEvent } from 'react';
import { type ApiError } from '../../api/errors';
import { retryNow } from '../../api/outbox';
import type { PageProps } from '../../app/page';
import { Link, navigate, searchParam } from '../../app/router';
import { useOnline, useQuery } from '../../api/hooks';
import type {
  AgencyType,
  ReferralConsentGiver,
  ReferralConsentMethod,
  ReferralConsentPurpose,
  Urgency,
} from '../../gql/graphql';
import { useKivuTime, useT } from '../../i18n/i18n';
import { useErrorText } from '../../i18n/errors';
import { useSession } from '../../session/session';
import { useCommand } from '../outbox/useCommand';
import {
  CheckboxGroup,
  describedBy,
  ErrorSummary,
  FieldError,
  RadioGroup,
  type FieldMessage,
} from '../../components/form';
import { useAgenciesOfType } from './agencies';
import { defaultDueLocal } from './kivuTime';
import { ReferralQuery, SubmitReferralMutation } from './operations';
import {
  controlId,
  emptyReferralForm,
  errorId,
  FIELD_LABELS,
  formOfInput,
  inputOfReferral,
  problemOfApiField,
  RULE_PROBLEMS,
  validateReferral,
  type ChildAnswer,
  type FormField,
  type Problem,
  type ReferralFormValues,
} from './referralForm';
import {
  agencyTypeKey,
  CHILD_LABOUR_FLAGS,
  CONSENT_GIVERS,
  CONSENT_METHODS,
  CONSENT_PURPOSES,
  INDICATORS,
  RECEIVING_AGENCY_TYPES,
  URGENCIES,
} from './vocabulary';
import { newId } from '../../api/ids';
import './referrals.css';

const SUMMARY_ID = 'referral-problems';

/**
 * `/referrals/new`: refer a person or a situation to another agency. The form asks for what the API
 * accepts and checks its rules first; the command goes through the outbox, so it is kept on the device
 * and sent once, whenever the link allows; then the referral opens, offering the Palermo screening.
 */
export function SubmitReferralPage(_props: PageProps) {
  const t = useT();
  const time = useKivuTime();
  const errorText = useErrorText();
  const online = useOnline();
  const { session } = useSession();
  const [values, setValues] = useState<ReferralFormValues>(() => emptyReferralForm());
  const [problems, setProblems] = useState<readonly Problem[]>([]);
  const [refusal, setRefusal] = useState<string>();
  const [sentEarlier, setSentEarlier] = useState<string>();
  const summaryRef = useRef<HTMLDivElement>(null);
  const submittedHere = useRef(false);

  // `?from=<referralId>`: the person of that referral is referred on, on the same case; what is known of them
  // (the site, the indicators, whether a child) is taken from it once, then the person checks and completes it.
  const [from] = useState(() => searchParam('from'));
  const origin = useQuery(ReferralQuery, { referralId: from ?? '' }, { skip: !from });
  const originReferral = origin.data?.referral;
  const forwarding = originReferral?.jointCaseId && originReferral.subjectPersonId ? originReferral : undefined;
  const taken = useRef(false);
  useEffect(() => {
    if (!forwarding || taken.current) return;
    taken.current = true;
    setValues((v) => ({
      ...v,
      jointCaseId: forwarding.jointCaseId ?? '',
      personId: forwarding.subjectPersonId,
      siteKind: forwarding.siteCode ? 'registered' : 'unregistered',
      siteCode: forwarding.siteCode ?? '',
      siteDescription: forwarding.siteDescription ?? '',
      isChild: forwarding.subjectIsChild === true ? 'yes' : forwarding.subjectIsChild === false ? 'no' : 'unknown',
      indicators: [...forwarding.indicators],
      childLabourFlags: [...forwarding.childLabourFlags],
    }));
  }, [forwarding]);

  // A refusal: nothing was written. Its reasons go beside their fields, and the summary takes the focus.
  const refused = (error: ApiError, input: Record<string, unknown>) => {
    // Refused after a reload (the command was queued before it): the form comes back as it was sent.
    if (!submittedHere.current) setValues(formOfInput(input));
    const fromFields = (error.details.fields ?? []).map(problemOfApiField);
    const fromRule = error.details.rule ? RULE_PROBLEMS[error.details.rule] : undefined;
    setProblems(fromRule ? [...fromFields, fromRule] : fromFields);
    setRefusal(fromFields.length === 0 && !fromRule ? errorText(error) : undefined);
    requestAnimationFrame(() => summaryRef.current?.focus());
  };

  const { status, send } = useCommand({
    document: SubmitReferralMutation,
    mutation: 'submitReferral',
    label: 'outbox.action.submitReferral',
    persistAs: 'pamoja.referrals.new',
    onRefused: refused,
    onAcknowledged: ({ answer, subject, earlier }) => {
      const id = (answer as { referralId?: string } | undefined)?.referralId ?? subject?.id;
      if (!id) return;
      // Sent while the person was elsewhere: this visit is for a new referral; say where the last one is.
      if (earlier) setSentEarlier(id);
      else navigate(`/referrals/${encodeURIComponent(id)}?screening=offer`);
    },
  });

  const byField = useMemo(() => {
    const map = new Map<FormField, FieldMessage[]>();
    for (const p of problems) {
      if (!p.field) continue;
      map.set(p.field, [...(map.get(p.field) ?? []), { key: p.key, ...(p.values ? { values: p.values } : {}) }]);
    }
    return map;
  }, [problems]);
  const errorsOf = (field: FormField) => byField.get(field) ?? [];
  const invalid = (field: FormField) => errorsOf(field).length > 0;

  const set = <K extends keyof ReferralFormValues>(key: K, value: ReferralFormValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));

  // The receiving agency is one of the directory's agencies of the chosen type (the last list read, offline).
  const directory = useAgenciesOfType(values.toAgencyType);
  const listed = directory.data?.agencies ?? [];
  // Just after the type changed, the former type's list is still there until the new one comes.
  const ofType = listed.filter((a) => a.agencyType === values.toAgencyType);
  const reading = (directory.loading && directory.data === undefined) || (listed.length > 0 && ofType.length === 0);
  const offered = ofType.filter((a) => a.agencyId !== session?.agencyId);
  // A form given back as it was sent may name an agency the list no longer offers: it stays, as its id.
  const unlisted = values.toAgencyId !== '' && !offered.some((a) => a.agencyId === values.toAgencyId);
  const agencyHint =
    values.toAgencyType === ''
      ? 'referrals.field.toAgencyId.chooseType'
      : reading
        ? 'common.loading'
        : directory.data === undefined
          ? 'referrals.field.toAgencyId.unavailable'
          : offered.length === 0
            ? 'referrals.field.toAgencyId.noneOfType'
            : 'referrals.field.toAgencyId.hint';

  const pickType = (type: AgencyType | '') =>
    // Another type: the agency picked for the former one no longer fits.
    setValues((v) => (v.toAgencyType === type ? v : { ...v, toAgencyType: type, toAgencyId: '' }));

  const pickUrgency = (urgency: Urgency) =>
    setValues((v) => ({ ...v, urgency, ...(v.dueEdited ? {} : { dueLocal: defaultDueLocal(urgency) }) }));

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (!session) return;
    // Pressed again while the first is on its way: the same command, nothing new.
    if (status.kind === 'sending' || status.kind === 'queued') return;
    const found = validateReferral(values, session.agencyId);
    setRefusal(undefined);
    setProblems(found);
    if (found.length > 0) {
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    submittedHere.current = true;
    // The referral's id is made with the command: the page can open it once the command is acknowledged.
    const referralId = newId();
    void send(inputOfReferral(values, referralId), { subject: { kind: 'referral', id: referralId } });
  };

  const summaryItems = [
    ...(refusal ? [{ key: 'referrals.problem.refused', values: { text: refusal } }] : []),
    ...problems.map((p) => ({
      key: p.key,
      ...(p.values ? { values: p.values } : {}),
      ...(p.field ? { controlId: controlId(p.field), fieldLabel: FIELD_LABELS[p.field] } : {}),
    })),
  ];

  if (status.kind === 'sending' || status.kind === 'queued' || status.kind === 'conflict') {
    const { entry } = status;
    return (
      <section>
        <h1 tabIndex={-1}>{t('referrals.new.title')}</h1>
        <div role="status" className="banner banner-offline command-status" data-testid="command-status">
          {status.kind === 'sending' ? (
            <p>{t('referrals.new.sending')}</p>
          ) : status.kind === 'queued' ? (
            <>
              <p>
                <strong>{t('referrals.new.queued')}</strong>
              </p>
              <p>
                {t('outbox.pending.attempts', { count: entry?.attempts ?? 0 })}
                {entry?.nextAttemptAt && online
                  ? ` ${t('outbox.pending.nextTry', { when: time.relative(entry.nextAttemptAt) })}`
                  : null}
              </p>
            </>
          ) : (
            <p>{t('referrals.new.conflict')}</p>
          )}
        </div>
        <div className="actions-row">
          {status.kind === 'queued' ? (
            <button type="button" className="secondary" onClick={() => void retryNow()}>
              {t('outbox.retryNow')}
            </button>
          ) : null}
          <Link href="/outbox">{t('referrals.new.seeOutbox')}</Link>
        </div>
      </section>
    );
  }

  const toPolice = values.toAgencyType === 'POLICE';
  const givers: readonly ReferralConsentGiver[] =
    values.isChild === 'yes' ? CONSENT_GIVERS.filter((g) => g !== 'SELF') : CONSENT_GIVERS;

  return (
    <section>
      <h1 tabIndex={-1}>{t('referrals.new.title')}</h1>
      {from ? (
        <p role="status" className="banner" data-testid="referral-forwarding">
          {forwarding
            ? t('referrals.forward.banner', { reference: forwarding.reference ?? '' })
            : origin.loading
              ? t('referrals.forward.reading')
              : t('referrals.forward.unreadable')}
        </p>
      ) : null}
      <p>{t('referrals.new.intro')}</p>
      {sentEarlier ? (
        <p role="status" className="banner">
          {t('referrals.new.sentEarlier')}{' '}
          <Link href={`/referrals/${encodeURIComponent(sentEarlier)}`}>{t('referrals.new.openEarlier')}</Link>
        </p>
      ) : null}
      {!online ? (
        <p className="banner banner-offline" role="note">
          {t('referrals.new.offline')}
        </p>
      ) : null}
      <ErrorSummary ref={summaryRef} id={SUMMARY_ID} items={summaryItems} />
      <form noValidate onSubmit={submit} aria-describedby={summaryItems.length > 0 ? SUMMARY_ID : undefined}>
        <fieldset>
          <legend>{t('referrals.field.toAgency')}</legend>
          <label htmlFor={controlId('toAgencyType')}>{t('referrals.field.toAgencyType')}</label>
          <select
            id={controlId('toAgencyType')}
            name="toAgencyType"
            value={values.toAgencyType}
            onChange={(e) => pickType(e.target.value as AgencyType | '')}
            aria-invalid={invalid('toAgencyType') || undefined}
            aria-describedby={describedBy(invalid('toAgencyType') && errorId('toAgencyType'))}
          >
            <option value="">{t('referrals.field.choose')}</option>
            {RECEIVING_AGENCY_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(agencyTypeKey(type))}
              </option>
            ))}
          </select>
          <FieldError id={errorId('toAgencyType')} messages={errorsOf('toAgencyType')} />

          <label htmlFor={controlId('toAgencyId')}>{t('referrals.field.toAgencyId')}</label>
          <select
            id={controlId('toAgencyId')}
            name="toAgencyId"
            value={values.toAgencyId}
            onChange={(e) => set('toAgencyId', e.target.value)}
            aria-busy={(values.toAgencyType !== '' && reading) || undefined}
            aria-invalid={invalid('toAgencyId') || undefined}
            aria-describedby={describedBy('referral-toAgencyId-hint', invalid('toAgencyId') && errorId('toAgencyId'))}
          >
            <option value="">{t('referrals.field.choose')}</option>
            {unlisted ? <option value={values.toAgencyId}>{values.toAgencyId}</option> : null}
            {offered.map((a) => (
              <option key={a.agencyId} value={a.agencyId} title={a.agencyId}>
                {a.province
                  ? t('referrals.field.toAgencyId.option', {
                      name: a.name,
                      province: t(`referrals.province.${a.province}`),
                    })
                  : a.name}
              </option>
            ))}
          </select>
          <small id="referral-toAgencyId-hint" className="field-hint">
            {t(agencyHint)}
            {directory.offlineAsOf && directory.data
              ? ` ${t('referrals.field.toAgencyId.offline', { time: time.dateTime(directory.offlineAsOf) })}`
              : null}
          </small>
          <FieldError id={errorId('toAgencyId')} messages={errorsOf('toAgencyId')} />
        </fieldset>

        <fieldset>
          <legend>{t('referrals.field.site')}</legend>
          <RadioGroup
            id="referral-siteKind"
            name="siteKind"
            legend={t('referrals.field.siteKind')}
            options={['registered', 'unregistered'] as const}
            label={(kind) => t(`referrals.field.siteKind.${kind}`)}
            value={values.siteKind}
            onChange={(kind) => set('siteKind', kind)}
            errors={[]}
          />
          {values.siteKind === 'registered' ? (
            <>
              <label htmlFor={controlId('site.code')}>{t('referrals.field.siteCode')}</label>
              <input
                id={controlId('site.code')}
                name="siteCode"
                value={values.siteCode}
                onChange={(e) => set('siteCode', e.target.value)}
                autoComplete="off"
                autoCapitalize="characters"
                spellCheck={false}
                aria-invalid={invalid('site.code') || undefined}
                aria-describedby={describedBy('referral-site-code-hint', invalid('site.code') && errorId('site.code'))}
              />
              <small id="referral-site-code-hint" className="field-hint">
                {t('referrals.field.siteCode.hint')}
              </small>
              <FieldError id={errorId('site.code')} messages={errorsOf('site.code')} />
            </>
          ) : (
            <>
              <label htmlFor={controlId('site.description')}>{t('referrals.field.siteDescription')}</label>
              <textarea
                id={controlId('site.description')}
                name="siteDescription"
                rows={3}
                value={values.siteDescription}
                onChange={(e) => set('siteDescription', e.target.value)}
                aria-invalid={invalid('site.description') || undefined}
                aria-describedby={describedBy(
                  'referral-site-description-hint',
                  invalid('site.description') && errorId('site.description'),
                )}
              />
              <small id="referral-site-description-hint" className="field-hint">
                {t('referrals.field.siteDescription.hint')}
              </small>
              <FieldError id={errorId('site.description')} messages={errorsOf('site.description')} />
            </>
          )}
        </fieldset>

        <RadioGroup
          id={controlId('subject.isChild')}
          name="isChild"
          legend={t('referrals.field.isChild')}
          hint={t('referrals.field.isChild.hint')}
          options={['yes', 'no', 'unknown'] as const}
          label={(answer) => t(`referrals.field.isChild.${answer}`)}
          value={values.isChild}
          onChange={(answer: ChildAnswer) => set('isChild', answer)}
          errors={errorsOf('subject.isChild')}
        />

        <CheckboxGroup
          id={controlId('indicators')}
          name="indicators"
          legend={t('referrals.field.indicators')}
          hint={t('referrals.field.indicators.hint')}
          options={INDICATORS}
          label={(indicator) => t(`referrals.indicator.${indicator}`)}
          values={values.indicators}
          onChange={(indicators) => set('indicators', indicators)}
          errors={errorsOf('indicators')}
        />

        <CheckboxGroup
          id={controlId('childLabourFlags')}
          name="childLabourFlags"
          legend={t('referrals.field.childLabourFlags')}
          hint={t('referrals.field.childLabourFlags.hint')}
          options={CHILD_LABOUR_FLAGS}
          label={(flag) => t(`referrals.childLabourFlag.${flag}`)}
          values={values.childLabourFlags}
          onChange={(flags) => set('childLabourFlags', flags)}
          errors={errorsOf('childLabourFlags')}
        />

        <fieldset aria-describedby={describedBy('referral-consent-hint', invalid('consent') && errorId('consent'))}>
          <legend>{t('referrals.field.consent')}</legend>
          <small id="referral-consent-hint" className="field-hint">
            {toPolice && values.isChild !== 'yes'
              ? t('referrals.field.consent.policeHint')
              : t('referrals.field.consent.hint')}
          </small>
          <FieldError id={errorId('consent')} messages={errorsOf('consent')} />
          <RadioGroup
            id={controlId('consent')}
            name="consentGiven"
            legend={t('referrals.field.consentGiven')}
            options={['yes', 'no'] as const}
            label={(answer) => t(`referrals.field.consentGiven.${answer}`)}
            value={values.consentGiven}
            onChange={(answer) =>
              setValues((v) => ({
                ...v,
                consentGiven: answer,
                // The receiving agency is what the consent is first about: offered, not imposed.
                ...(answer === 'yes' && v.consentAgencyTypes.length === 0 && v.toAgencyType !== ''
                  ? { consentAgencyTypes: [v.toAgencyType] }
                  : {}),
              }))
            }
            errors={[]}
          />
          {values.consentGiven === 'yes' ? (
            <>
              <RadioGroup
                id={controlId('consent.givenBy')}
                name="consentGivenBy"
                legend={t('referrals.field.consentGivenBy')}
                options={givers}
                label={(giver) => t(`referrals.consentGiver.${giver}`)}
                value={values.consentGivenBy}
                onChange={(giver) => set('consentGivenBy', giver)}
                errors={errorsOf('consent.givenBy')}
              />
              <label htmlFor={controlId('consent.method')}>{t('referrals.field.consentMethod')}</label>
              <select
                id={controlId('consent.method')}
                name="consentMethod"
                value={values.consentMethod}
                onChange={(e) => set('consentMethod', e.target.value as ReferralConsentMethod | '')}
                aria-invalid={invalid('consent.method') || undefined}
                aria-describedby={describedBy(invalid('consent.method') && errorId('consent.method'))}
              >
                <option value="">{t('referrals.field.consentMethod.unsaid')}</option>
                {CONSENT_METHODS.map((method) => (
                  <option key={method} value={method}>
                    {t(`referrals.consentMethod.${method}`)}
                  </option>
                ))}
              </select>
              <FieldError id={errorId('consent.method')} messages={errorsOf('consent.method')} />
              <CheckboxGroup
                id={controlId('consent.agencyTypes')}
                name="consentAgencyTypes"
                legend={t('referrals.field.consentAgencyTypes')}
                options={RECEIVING_AGENCY_TYPES}
                label={(type) => t(agencyTypeKey(type))}
                values={values.consentAgencyTypes}
                onChange={(types) => set('consentAgencyTypes', types)}
                errors={errorsOf('consent.agencyTypes')}
              />
              <CheckboxGroup
                id={controlId('consent.purposes')}
                name="consentPurposes"
                legend={t('referrals.field.consentPurposes')}
                options={CONSENT_PURPOSES}
                label={(purpose: ReferralConsentPurpose) => t(`referrals.consentPurpose.${purpose}`)}
                values={values.consentPurposes}
                onChange={(purposes) => set('consentPurposes', purposes)}
                errors={errorsOf('consent.purposes')}
              />
            </>
          ) : null}
        </fieldset>

        <fieldset>
          <legend>{t('referrals.field.deadline')}</legend>
          <RadioGroup
            id={controlId('urgency')}
            name="urgency"
            legend={t('referrals.field.urgency')}
            options={URGENCIES}
            label={(urgency) => t(`referrals.urgency.${urgency}.long`)}
            value={values.urgency}
            onChange={pickUrgency}
            errors={errorsOf('urgency')}
          />
          <label htmlFor={controlId('dueBy')}>{t('referrals.field.dueBy')}</label>
          <input
            id={controlId('dueBy')}
            name="dueBy"
            type="datetime-local"
            value={values.dueLocal}
            onChange={(e) => setValues((v) => ({ ...v, dueLocal: e.target.value, dueEdited: true }))}
            aria-invalid={invalid('dueBy') || undefined}
            aria-describedby={describedBy('referral-dueBy-hint', invalid('dueBy') && errorId('dueBy'))}
          />
          <small id="referral-dueBy-hint" className="field-hint">
            {t('referrals.field.dueBy.hint')}
          </small>
          <FieldError id={errorId('dueBy')} messages={errorsOf('dueBy')} />
        </fieldset>

        <label htmlFor={controlId('summary')}>{t('referrals.field.summary')}</label>
        <textarea
          id={controlId('summary')}
          name="summary"
          rows={5}
          value={values.summary}
          onChange={(e) => set('summary', e.target.value)}
          aria-invalid={invalid('summary') || undefined}
          aria-describedby={describedBy('referral-summary-hint', invalid('summary') && errorId('summary'))}
        />
        <small id="referral-summary-hint" className="field-hint">
          {t('referrals.field.summary.hint')}
        </small>
        <FieldError id={errorId('summary')} messages={errorsOf('summary')} />

        <button type="submit">{t('referrals.new.submit')}</button>
      </form>
    </section>
  );
}
