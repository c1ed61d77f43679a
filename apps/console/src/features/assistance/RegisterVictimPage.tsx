import { useRef, useState, type SyntheticEvent } from 'react';
import { useQuery } from '../../api/hooks';
import type { PageProps } from '../../app/page';
import { Link, navigate, searchParam } from '../../app/router';
import { agencyName } from '../../components/agency';
import { OfflineBanner } from '../../components/feedback';
import { CheckboxGroup, describedBy, FieldError, RadioGroup } from '../../components/form';
import { useKivuTime, useT } from '../../i18n/i18n';
import { CommandNote, FormTop, SubmitButton, useFormCommand, type FieldKit } from './formKit';
import { AcceptedReferralsQuery, AssistanceCasesQuery, RegisterVictimMutation } from './operations';
import {
  EMPTY_REGISTRATION,
  inputOfRegistration,
  REGISTER_LABELS,
  registerFieldOf,
  validateRegistration,
  valuesOfInput,
  type RegisterField,
  type RegisterValues,
} from './registerForm';
import { AGE_GROUPS, consentGiversFor, FORMS_OF_EXPLOITATION, SEXES } from './vocabulary';
import { newId } from '../../api/ids';
import './assistance.css';

/**
 * `/assistance/new`: take a victim into assistance, from a referral this agency accepted (`?referral=`),
 * which names the person so their consent decides who else reads the case, or on a joint case (`?case=`).
 * Personal data is asked for only with the person's agreement to manage it, and goes to the platform,
 * which encrypts it for this agency alone.
 */
export function RegisterVictimPage(_props: PageProps) {
  const t = useT();
  const time = useKivuTime();
  const [caseId] = useState(() => searchParam('case') ?? '');
  const [values, setValues] = useState<RegisterValues>(() => ({
    ...EMPTY_REGISTRATION,
    referralId: searchParam('referral') ?? '',
  }));
  const accepted = useQuery(AcceptedReferralsQuery, { filter: { status: 'ACCEPTED', first: 100 } });
  const referrals = accepted.data?.incomingReferrals.nodes ?? [];
  const chosen = referrals.find((r) => r.referralId === values.referralId);
  // A case on which this agency already assists someone: said beside the referral, so nobody is taken in twice
  // by mistake (a case may still concern several people, so it stays offered).
  const own = useQuery(AssistanceCasesQuery, { filter: { first: 200 } });
  const assisted = new Set(own.data?.assistanceCases.nodes.map((a) => a.jointCaseId) ?? []);

  const submittedHere = useRef(false);
  const kit = useFormCommand({
    idPrefix: 'register',
    document: RegisterVictimMutation,
    mutation: 'registerVictim',
    label: 'assistance.action.registerVictim',
    persistAs: 'pamoja.assistance.new',
    fieldOf: registerFieldOf,
    ruleFields: {
      child_consent_by_guardian_or_authority: 'consentGivenBy',
      adult_consents_for_self: 'consentGivenBy',
    },
    labels: REGISTER_LABELS,
    // Refused after a reload (the command was queued before it): the form comes back as it was sent.
    onRefused: (_error, input) => {
      if (!submittedHere.current) setValues(valuesOfInput(input));
    },
    onAcknowledged: ({ answer, subject }) => {
      const id = (answer as { assistanceId?: string } | undefined)?.assistanceId ?? subject?.id;
      // What was typed leaves the page's memory as soon as it is recorded.
      setValues(EMPTY_REGISTRATION);
      if (id) navigate(`/assistance/${encodeURIComponent(id)}`);
    },
  });
  const { errorsOf, invalid, controlId, errorId } = kit;

  const set = <K extends keyof RegisterValues>(key: K, value: RegisterValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));

  const source = chosen
    ? { jointCaseId: chosen.jointCaseId ?? '', personId: chosen.subjectPersonId }
    : caseId !== ''
      ? { jointCaseId: caseId }
      : undefined;

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const found = validateRegistration(values, source !== undefined && source.jointCaseId !== '');
    submittedHere.current = true;
    const assistanceId = newId();
    kit.submit(found, inputOfRegistration(values, source ?? { jointCaseId: '' }, assistanceId));
  };

  const givers = consentGiversFor(values.ageGroup);
  const referralHint =
    accepted.loading && accepted.data === undefined ? 'common.loading' : 'assistance.register.referral.hint';

  return (
    <section className="assistance">
      <p>
        <Link href="/assistance">{t('assistance.backToList')}</Link>
      </p>
      <h1 tabIndex={-1}>{t('assistance.register.title')}</h1>
      <p>{t('assistance.register.intro')}</p>
      <OfflineBanner asOf={accepted.offlineAsOf} />
      <FormTop kit={kit} />
      <CommandNote status={kit.status} />
      {kit.status.kind === 'conflict' ? (
        <p role="alert" className="banner banner-error">
          {t('assistance.register.conflict')} <Link href="/outbox">{t('assistance.outboxLink')}</Link>
        </p>
      ) : null}
      <form noValidate onSubmit={submit} aria-describedby={kit.summaryItems.length > 0 ? kit.summaryId : undefined}>
        {caseId !== '' && !chosen ? (
          <p>{t('assistance.register.onCase')}</p>
        ) : (
          <>
            <label htmlFor={controlId('referral')}>{t('assistance.register.referral')}</label>
            <select
              id={controlId('referral')}
              name="referral"
              value={values.referralId}
              onChange={(e) => set('referralId', e.target.value)}
              aria-invalid={invalid('referral') || undefined}
              aria-describedby={describedBy('register-referral-hint', invalid('referral') && errorId('referral'))}
            >
              <option value="">{t('assistance.choose')}</option>
              {referrals.map((r) => (
                <option key={r.referralId} value={r.referralId}>
                  {t('assistance.register.referralOption', {
                    reference: r.reference ?? t('assistance.register.noReference'),
                    agency: agencyName(r.fromAgencyId, r.fromAgency),
                    site: r.siteCode ?? t('assistance.register.unregisteredSite'),
                    date: time.date(r.submittedAt),
                  })}
                  {r.jointCaseId && assisted.has(r.jointCaseId) ? ` ${t('assistance.register.alreadyAssisted')}` : null}
                </option>
              ))}
            </select>
            <small id="register-referral-hint" className="field-hint">
              {t(referralHint)}
              {chosen?.subjectIsChild ? ` ${t('assistance.register.referralChild')}` : null}
            </small>
            <FieldError id={errorId('referral')} messages={errorsOf('referral')} />
          </>
        )}

        <RadioGroup
          id={controlId('ageGroup')}
          name="ageGroup"
          legend={t('assistance.field.ageGroup')}
          options={AGE_GROUPS}
          label={(g) => t(`assistance.ageGroup.${g}`)}
          value={values.ageGroup}
          onChange={(g) =>
            setValues((v) => ({
              ...v,
              ageGroup: g,
              // Who decides follows from the age: a choice that no longer fits is dropped, a single one made.
              consentGivenBy:
                consentGiversFor(g).length === 1
                  ? (consentGiversFor(g)[0] ?? '')
                  : v.consentGivenBy !== '' && consentGiversFor(g).includes(v.consentGivenBy)
                    ? v.consentGivenBy
                    : '',
            }))
          }
          errors={errorsOf('ageGroup')}
        />

        <RadioGroup
          id={controlId('sex')}
          name="sex"
          legend={t('assistance.field.sex')}
          options={SEXES}
          label={(s) => t(`assistance.sex.${s}`)}
          value={values.sex}
          onChange={(s) => set('sex', s)}
          errors={errorsOf('sex')}
        />

        <label htmlFor={controlId('nationality')}>{t('assistance.field.nationality')}</label>
        <input
          id={controlId('nationality')}
          name="nationality"
          value={values.nationality}
          maxLength={2}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          onChange={(e) => set('nationality', e.target.value)}
          aria-invalid={invalid('nationality') || undefined}
          aria-describedby={describedBy('register-nationality-hint', invalid('nationality') && errorId('nationality'))}
        />
        <small id="register-nationality-hint" className="field-hint">
          {t('assistance.field.nationality.hint')}
        </small>
        <FieldError id={errorId('nationality')} messages={errorsOf('nationality')} />

        <CheckboxGroup
          id={controlId('formsOfExploitation')}
          name="formsOfExploitation"
          legend={t('assistance.field.formsOfExploitation')}
          options={FORMS_OF_EXPLOITATION}
          label={(f) => t(`assistance.form.${f}`)}
          values={values.formsOfExploitation}
          onChange={(forms) => set('formsOfExploitation', forms)}
          errors={errorsOf('formsOfExploitation')}
        />

        <RadioGroup
          id={controlId('consentGivenBy')}
          name="consentGivenBy"
          legend={t('assistance.field.consentGivenBy')}
          hint={t('assistance.field.consentGivenBy.hint')}
          options={givers}
          label={(g) => t(`assistance.consentGivenBy.${g}`)}
          value={values.consentGivenBy}
          onChange={(g) => set('consentGivenBy', g)}
          errors={errorsOf('consentGivenBy')}
        />

        <fieldset
          aria-describedby={describedBy('register-agreement-hint', invalid('agreement') && errorId('agreement'))}
        >
          <legend>{t('assistance.register.personalTitle')}</legend>
          <small id="register-agreement-hint" className="field-hint">
            {t('assistance.field.agreement.hint')}
          </small>
          <FieldError id={errorId('agreement')} messages={errorsOf('agreement')} />
          <label>
            <input
              type="checkbox"
              role="switch"
              id={controlId('agreement')}
              name="agreement"
              checked={values.agreement}
              onChange={(e) =>
                // Without the agreement, nothing personal is kept: not even in this form.
                setValues((v) =>
                  e.target.checked
                    ? { ...v, agreement: true }
                    : { ...v, agreement: false, fullName: '', dateOfBirth: '', phone: '', currentLocation: '' },
                )
              }
            />
            {t('assistance.field.agreement')}
          </label>
          {values.agreement ? (
            <>
              <p className="field-hint">{t('assistance.register.personalHint')}</p>
              <PersonalInput
                kit={kit}
                field="personal.fullName"
                value={values.fullName}
                onChange={(v) => set('fullName', v)}
              />
              <PersonalInput
                kit={kit}
                field="personal.dateOfBirth"
                type="date"
                value={values.dateOfBirth}
                onChange={(v) => set('dateOfBirth', v)}
              />
              <PersonalInput
                kit={kit}
                field="personal.phone"
                type="tel"
                value={values.phone}
                onChange={(v) => set('phone', v)}
              />
              <PersonalInput
                kit={kit}
                field="personal.currentLocation"
                value={values.currentLocation}
                onChange={(v) => set('currentLocation', v)}
              />
            </>
          ) : null}
        </fieldset>

        <SubmitButton status={kit.status}>{t('assistance.register.submit')}</SubmitButton>
      </form>
    </section>
  );
}

/** One personal field: never remembered by the browser (autocomplete off), its error beside it. */
function PersonalInput({
  kit,
  field,
  value,
  onChange,
  type = 'text',
}: {
  readonly kit: FieldKit<RegisterField>;
  readonly field: RegisterField;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly type?: 'text' | 'date' | 'tel';
}) {
  const t = useT();
  return (
    <>
      <label htmlFor={kit.controlId(field)}>{t(REGISTER_LABELS[field])}</label>
      <input
        id={kit.controlId(field)}
        name={field}
        type={type}
        value={value}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={kit.invalid(field) || undefined}
        aria-describedby={describedBy(kit.invalid(field) && kit.errorId(field))}
      />
      <FieldError id={kit.errorId(field)} messages={kit.errorsOf(field)} />
    </>
  );
}
