import { useId, useState, type SyntheticEvent } from 'react';
import { useQuery } from '../../api/hooks';
import { describedBy, FieldError, RadioGroup } from '../../components/form';
import type {
  AssistanceCloseReason,
  AssistanceNeed,
  AssistanceNeedPriority,
  AssistanceProtectionMeasureKind,
  AssistanceServiceKind,
  ConsoleAssistanceCaseQuery,
  VictimConsentGivenBy,
} from '../../gql/graphql';
import { useT } from '../../i18n/i18n';
import { useSession } from '../../session/session';
import { type CommandOutcome } from '../outbox/useCommand';
import { instantOfKivuLocal, kivuLocalOf } from '../referrals/kivuTime';
import { CommandNote, FormTop, SubmitButton, useFormCommand, type FormProblem } from './formKit';
import {
  ApplyProtectionMeasureMutation,
  AssessNeedsMutation,
  AssistanceAgenciesQuery,
  CloseAssistanceMutation,
  ProvideServiceMutation,
} from './operations';
import { CLOSE_REASONS, consentGiversFor, MEASURES, NEEDS, PRIORITIES, SERVICE_KINDS } from './vocabulary';

export type AssistanceData = ConsoleAssistanceCaseQuery['assistanceCase'];
/** Told when a form's command was acknowledged: the page says so and reads the case again. */
export type OnDone = (label: string, outcome: CommandOutcome) => void;

interface FormProps {
  readonly assistance: AssistanceData;
  readonly onDone: OnDone;
}

const MAX_TEXT = 2000;
const DAY_MS = 24 * 3600_000;
/** A protection measure is reviewed at least this often (the API's limit). */
export const MAX_REVIEW_DAYS = 180;

const subjectOf = (a: AssistanceData) => ({ kind: 'assistance', id: a.assistanceId });
/** `needs.2.priority` → `needs`: a field of a list is the list's. */
const head = (apiField: string) => apiField.split('.')[0] ?? apiField;

// ---- needs ----------------------------------------------------------------------------------------------

type NeedsField = 'needs';

/** Assess (or assess again) the person's needs: each need with its priority; the assessment replaces the last. */
export function AssessNeedsForm({ assistance, onDone }: FormProps) {
  const t = useT();
  const titleId = useId();
  const initial = () =>
    Object.fromEntries((assistance.needs ?? []).map((n) => [n.need, n.priority])) as Partial<
      Record<AssistanceNeed, AssistanceNeedPriority>
    >;
  const [values, setValues] = useState(initial);
  const kit = useFormCommand({
    idPrefix: 'assess',
    document: AssessNeedsMutation,
    mutation: 'assessNeeds',
    label: 'assistance.action.assessNeeds',
    subject: subjectOf(assistance),
    fieldOf: (f): NeedsField | null => (head(f) === 'needs' ? 'needs' : null),
    labels: { needs: 'assistance.needs.field' },
    onAcknowledged: (outcome) => onDone('assistance.action.assessNeeds', outcome),
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const needs = NEEDS.flatMap((need) => {
      const priority = values[need];
      return priority ? [{ need, priority }] : [];
    });
    const found: FormProblem<NeedsField>[] =
      needs.length === 0 ? [{ field: 'needs', message: { key: 'assistance.problem.atLeastOne' } }] : [];
    kit.submit(found, { assistanceId: assistance.assistanceId, expectedRevision: assistance.revision, needs });
  };
  const invalid = kit.invalid('needs');
  return (
    <form noValidate onSubmit={submit} aria-labelledby={titleId}>
      <h3 id={titleId}>{t('assistance.needs.formTitle')}</h3>
      <FormTop kit={kit} />
      <fieldset aria-describedby={describedBy('assess-needs-hint', invalid && kit.errorId('needs'))}>
        <legend>{t('assistance.needs.field')}</legend>
        <small id="assess-needs-hint" className="field-hint">
          {t('assistance.needs.hint')}
        </small>
        <FieldError id={kit.errorId('needs')} messages={kit.errorsOf('needs')} />
        {NEEDS.map((need, i) => (
          <div key={need}>
            <label htmlFor={i === 0 ? kit.controlId('needs') : `assess-need-${need}`}>
              {t(`assistance.need.${need}`)}
            </label>
            <select
              id={i === 0 ? kit.controlId('needs') : `assess-need-${need}`}
              value={values[need] ?? ''}
              aria-invalid={invalid || undefined}
              onChange={(e) =>
                setValues((v) => ({
                  ...v,
                  [need]: (e.target.value || undefined) as AssistanceNeedPriority | undefined,
                }))
              }
            >
              <option value="">{t('assistance.needs.notNeeded')}</option>
              {PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {t(`assistance.priority.${p}`)}
                </option>
              ))}
            </select>
          </div>
        ))}
      </fieldset>
      <CommandNote status={kit.status} />
      <SubmitButton status={kit.status}>{t('assistance.needs.submit')}</SubmitButton>
    </form>
  );
}

// ---- services -------------------------------------------------------------------------------------------

const SERVICE_FIELDS = ['kind', 'providerAgencyId', 'providedAt', 'note'] as const;
type ServiceField = (typeof SERVICE_FIELDS)[number];

/** Record a service given to the person, by this agency or a partner chosen by its name in the directory. */
export function ProvideServiceForm({ assistance, onDone }: FormProps) {
  const t = useT();
  const titleId = useId();
  const { session } = useSession();
  const own = session?.agencyId ?? '';
  const [kind, setKind] = useState<AssistanceServiceKind | ''>('');
  const [provider, setProvider] = useState(own);
  const [when, setWhen] = useState('');
  const [note, setNote] = useState('');
  const directory = useQuery(AssistanceAgenciesQuery, { filter: {} });
  // Integrators receive privacy-safe events only: they give no service to a person.
  const agencies = (directory.data?.agencies ?? []).filter((a) => a.agencyType !== 'INTEGRATOR');
  const kit = useFormCommand({
    idPrefix: 'service',
    document: ProvideServiceMutation,
    mutation: 'provideService',
    label: 'assistance.action.provideService',
    subject: subjectOf(assistance),
    fieldOf: (f): ServiceField | null =>
      (SERVICE_FIELDS as readonly string[]).includes(f) ? (f as ServiceField) : null,
    labels: {
      kind: 'assistance.service.kind',
      providerAgencyId: 'assistance.service.provider',
      providedAt: 'assistance.service.providedAt',
      note: 'assistance.service.note',
    },
    onAcknowledged: (outcome) => {
      setKind('');
      setWhen('');
      setNote('');
      onDone('assistance.action.provideService', outcome);
    },
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const found: FormProblem<ServiceField>[] = [];
    if (kind === '') found.push({ field: 'kind', message: { key: 'form.problem.choose' } });
    if (provider === '') found.push({ field: 'providerAgencyId', message: { key: 'form.problem.choose' } });
    const providedAt = when.trim() === '' ? undefined : instantOfKivuLocal(when);
    if (when.trim() !== '' && !providedAt)
      found.push({ field: 'providedAt', message: { key: 'form.problem.dateTime' } });
    else if (providedAt && providedAt.getTime() > Date.now()) {
      found.push({ field: 'providedAt', message: { key: 'assistance.problem.future' } });
    }
    if (note.trim().length > MAX_TEXT) {
      found.push({ field: 'note', message: { key: 'form.problem.tooLong', values: { max: MAX_TEXT } } });
    }
    kit.submit(found, {
      assistanceId: assistance.assistanceId,
      expectedRevision: assistance.revision,
      kind: kind === '' ? 'MEDICAL' : kind,
      ...(provider !== '' && provider !== own ? { providerAgencyId: provider } : {}),
      ...(providedAt ? { providedAt: providedAt.toISOString() } : {}),
      ...(note.trim() !== '' ? { note: note.trim() } : {}),
    });
  };
  const field = (f: ServiceField, hint?: string) => ({
    id: kit.controlId(f),
    'aria-invalid': kit.invalid(f) || undefined,
    'aria-describedby': describedBy(hint, kit.invalid(f) && kit.errorId(f)),
  });
  const unlisted = provider !== '' && !agencies.some((a) => a.agencyId === provider);
  return (
    <form noValidate onSubmit={submit} aria-labelledby={titleId}>
      <h3 id={titleId}>{t('assistance.service.formTitle')}</h3>
      <FormTop kit={kit} />
      <label htmlFor={kit.controlId('kind')}>{t('assistance.service.kind')}</label>
      <select {...field('kind')} value={kind} onChange={(e) => setKind(e.target.value as AssistanceServiceKind | '')}>
        <option value="">{t('assistance.choose')}</option>
        {SERVICE_KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`assistance.need.${k}`)}
          </option>
        ))}
      </select>
      <FieldError id={kit.errorId('kind')} messages={kit.errorsOf('kind')} />

      <label htmlFor={kit.controlId('providerAgencyId')}>{t('assistance.service.provider')}</label>
      <select
        {...field('providerAgencyId', 'service-provider-hint')}
        value={provider}
        onChange={(e) => setProvider(e.target.value)}
        aria-busy={(directory.loading && !directory.data) || undefined}
      >
        {unlisted ? (
          <option value={provider}>{provider === own ? t('assistance.service.ownAgency') : provider}</option>
        ) : null}
        {agencies.map((a) => (
          <option key={a.agencyId} value={a.agencyId} title={a.agencyId}>
            {a.agencyId === own ? t('assistance.service.ownAgencyNamed', { name: a.name }) : a.name}
          </option>
        ))}
      </select>
      <small id="service-provider-hint" className="field-hint">
        {t('assistance.service.provider.hint')}
      </small>
      <FieldError id={kit.errorId('providerAgencyId')} messages={kit.errorsOf('providerAgencyId')} />

      <label htmlFor={kit.controlId('providedAt')}>{t('assistance.service.providedAt')}</label>
      <input
        {...field('providedAt', 'service-providedAt-hint')}
        type="datetime-local"
        value={when}
        onChange={(e) => setWhen(e.target.value)}
      />
      <small id="service-providedAt-hint" className="field-hint">
        {t('assistance.service.providedAt.hint')}
      </small>
      <FieldError id={kit.errorId('providedAt')} messages={kit.errorsOf('providedAt')} />

      <label htmlFor={kit.controlId('note')}>{t('assistance.service.note')}</label>
      <textarea
        {...field('note', 'service-note-hint')}
        rows={3}
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
      <small id="service-note-hint" className="field-hint">
        {t('assistance.service.note.hint')}
      </small>
      <FieldError id={kit.errorId('note')} messages={kit.errorsOf('note')} />
      <CommandNote status={kit.status} />
      <SubmitButton status={kit.status}>{t('assistance.service.submit')}</SubmitButton>
    </form>
  );
}

// ---- protection -----------------------------------------------------------------------------------------

const PROTECTION_FIELDS = ['measure', 'description', 'reviewBy', 'consentGivenBy'] as const;
type ProtectionField = (typeof PROTECTION_FIELDS)[number];

const defaultReview = () => kivuLocalOf(new Date(Date.now() + 30 * DAY_MS));

/** Protect the person until a review date: the measure, who agreed to it, and when it must be looked at again. */
export function ProtectionMeasureForm({ assistance, onDone }: FormProps) {
  const t = useT();
  const titleId = useId();
  const givers = consentGiversFor(assistance.ageGroup);
  const [measure, setMeasure] = useState<AssistanceProtectionMeasureKind | ''>('');
  const [description, setDescription] = useState('');
  const [review, setReview] = useState(defaultReview);
  const [giver, setGiver] = useState<VictimConsentGivenBy | ''>(givers.length === 1 ? (givers[0] ?? '') : '');
  const kit = useFormCommand({
    idPrefix: 'protection',
    document: ApplyProtectionMeasureMutation,
    mutation: 'applyProtectionMeasure',
    label: 'assistance.action.applyProtectionMeasure',
    subject: subjectOf(assistance),
    fieldOf: (f): ProtectionField | null =>
      (PROTECTION_FIELDS as readonly string[]).includes(f) ? (f as ProtectionField) : null,
    ruleFields: {
      child_consent_by_guardian_or_authority: 'consentGivenBy',
      adult_consents_for_self: 'consentGivenBy',
    },
    labels: {
      measure: 'assistance.protection.measure',
      description: 'assistance.protection.description',
      reviewBy: 'assistance.protection.reviewBy',
      consentGivenBy: 'assistance.field.consentGivenBy',
    },
    onAcknowledged: (outcome) => {
      setMeasure('');
      setDescription('');
      setReview(defaultReview());
      onDone('assistance.action.applyProtectionMeasure', outcome);
    },
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const found: FormProblem<ProtectionField>[] = [];
    const add = (field: ProtectionField, key: string, values?: Record<string, number>) =>
      found.push({ field, message: { key, ...(values ? { values } : {}) } });
    if (measure === '') add('measure', 'form.problem.choose');
    const text = description.trim();
    if (measure === 'OTHER' && text === '') add('description', 'assistance.problem.describeOther');
    if (text.length > MAX_TEXT) add('description', 'form.problem.tooLong', { max: MAX_TEXT });
    const reviewBy = instantOfKivuLocal(review);
    const now = Date.now();
    if (!reviewBy) add('reviewBy', review.trim() === '' ? 'form.problem.required' : 'form.problem.dateTime');
    else if (reviewBy.getTime() <= now) add('reviewBy', 'form.problem.inPast');
    else if (reviewBy.getTime() > now + MAX_REVIEW_DAYS * DAY_MS) {
      add('reviewBy', 'assistance.problem.reviewTooFar', { days: MAX_REVIEW_DAYS });
    }
    if (giver === '') add('consentGivenBy', 'form.problem.choose');
    kit.submit(found, {
      assistanceId: assistance.assistanceId,
      expectedRevision: assistance.revision,
      measure: measure === '' ? 'OTHER' : measure,
      ...(text !== '' ? { description: text } : {}),
      reviewBy: (reviewBy ?? new Date(NaN)).toISOString(),
      consentGivenBy: giver === '' ? 'SELF' : giver,
    });
  };
  const field = (f: ProtectionField, hint?: string) => ({
    id: kit.controlId(f),
    'aria-invalid': kit.invalid(f) || undefined,
    'aria-describedby': describedBy(hint, kit.invalid(f) && kit.errorId(f)),
  });
  return (
    <form noValidate onSubmit={submit} aria-labelledby={titleId}>
      <h3 id={titleId}>{t('assistance.protection.formTitle')}</h3>
      <FormTop kit={kit} />
      <label htmlFor={kit.controlId('measure')}>{t('assistance.protection.measure')}</label>
      <select
        {...field('measure')}
        value={measure}
        onChange={(e) => setMeasure(e.target.value as AssistanceProtectionMeasureKind | '')}
      >
        <option value="">{t('assistance.choose')}</option>
        {MEASURES.map((m) => (
          <option key={m} value={m}>
            {t(`assistance.measure.${m}`)}
          </option>
        ))}
      </select>
      <FieldError id={kit.errorId('measure')} messages={kit.errorsOf('measure')} />

      <label htmlFor={kit.controlId('description')}>{t('assistance.protection.description')}</label>
      <textarea
        {...field('description', 'protection-description-hint')}
        rows={2}
        value={description}
        autoComplete="off"
        onChange={(e) => setDescription(e.target.value)}
      />
      <small id="protection-description-hint" className="field-hint">
        {t('assistance.protection.description.hint')}
      </small>
      <FieldError id={kit.errorId('description')} messages={kit.errorsOf('description')} />

      <label htmlFor={kit.controlId('reviewBy')}>{t('assistance.protection.reviewBy')}</label>
      <input
        {...field('reviewBy', 'protection-reviewBy-hint')}
        type="datetime-local"
        value={review}
        onChange={(e) => setReview(e.target.value)}
      />
      <small id="protection-reviewBy-hint" className="field-hint">
        {t('assistance.protection.reviewBy.hint', { days: MAX_REVIEW_DAYS })}
      </small>
      <FieldError id={kit.errorId('reviewBy')} messages={kit.errorsOf('reviewBy')} />

      <RadioGroup
        id={kit.controlId('consentGivenBy')}
        name="protectionConsentGivenBy"
        legend={t('assistance.protection.consentGivenBy')}
        hint={t('assistance.field.consentGivenBy.hint')}
        options={givers}
        label={(g) => t(`assistance.consentGivenBy.${g}`)}
        value={giver}
        onChange={setGiver}
        errors={kit.errorsOf('consentGivenBy')}
      />
      <CommandNote status={kit.status} />
      <SubmitButton status={kit.status}>{t('assistance.protection.submit')}</SubmitButton>
    </form>
  );
}

// ---- closing --------------------------------------------------------------------------------------------

type CloseField = 'reason' | 'note';

/** End the assistance: why, and a note (required when the reason is "other"). A closed case takes no changes. */
export function CloseAssistanceForm({ assistance, onDone }: FormProps) {
  const t = useT();
  const titleId = useId();
  const [reason, setReason] = useState<AssistanceCloseReason | ''>('');
  const [note, setNote] = useState('');
  const kit = useFormCommand({
    idPrefix: 'close',
    document: CloseAssistanceMutation,
    mutation: 'closeAssistance',
    label: 'assistance.action.closeAssistance',
    subject: subjectOf(assistance),
    fieldOf: (f): CloseField | null => (f === 'reason' || f === 'note' ? f : null),
    labels: { reason: 'assistance.close.reason', note: 'assistance.close.note' },
    onAcknowledged: (outcome) => onDone('assistance.action.closeAssistance', outcome),
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const found: FormProblem<CloseField>[] = [];
    if (reason === '') found.push({ field: 'reason', message: { key: 'form.problem.choose' } });
    const text = note.trim();
    if (reason === 'OTHER' && text === '')
      found.push({ field: 'note', message: { key: 'assistance.problem.closeNote' } });
    if (text.length > MAX_TEXT)
      found.push({ field: 'note', message: { key: 'form.problem.tooLong', values: { max: MAX_TEXT } } });
    kit.submit(found, {
      assistanceId: assistance.assistanceId,
      expectedRevision: assistance.revision,
      reason: reason === '' ? 'OTHER' : reason,
      ...(text !== '' ? { note: text } : {}),
    });
  };
  return (
    <form noValidate onSubmit={submit} aria-labelledby={titleId}>
      <h3 id={titleId}>{t('assistance.close.formTitle')}</h3>
      <p>{t('assistance.close.explain')}</p>
      <FormTop kit={kit} />
      <RadioGroup
        id={kit.controlId('reason')}
        name="closeReason"
        legend={t('assistance.close.reason')}
        options={CLOSE_REASONS}
        label={(r) => t(`assistance.closeReason.${r}`)}
        value={reason}
        onChange={setReason}
        errors={kit.errorsOf('reason')}
      />
      <label htmlFor={kit.controlId('note')}>{t('assistance.close.note')}</label>
      <textarea
        id={kit.controlId('note')}
        rows={2}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        aria-invalid={kit.invalid('note') || undefined}
        aria-describedby={describedBy('close-note-hint', kit.invalid('note') && kit.errorId('note'))}
      />
      <small id="close-note-hint" className="field-hint">
        {t('assistance.close.note.hint')}
      </small>
      <FieldError id={kit.errorId('note')} messages={kit.errorsOf('note')} />
      <CommandNote status={kit.status} />
      <SubmitButton status={kit.status} className="secondary">
        {t('assistance.close.submit')}
      </SubmitButton>
    </form>
  );
}
