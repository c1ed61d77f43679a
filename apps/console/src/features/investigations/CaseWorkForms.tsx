import { useRef, useState, type SyntheticEvent } from 'react';
import { CheckboxGroup, ErrorSummary, RadioGroup } from '../../components/form';
import type { InvestigationClosureReason, InvestigationSuspectRole } from '../../gql/graphql';
import { useKivuTime, useT } from '../../i18n/i18n';
import { useSession } from '../../session/session';
import { useAgenciesOfType } from '../referrals/agencies';
import { instantOfKivuLocal, kivuLocalOf } from '../referrals/kivuTime';
import { addProblem, checkPast, checkText, CommandNote, Field, isoOf } from './FormParts';
import {
  CloseInvestigationMutation,
  IdentifySuspectMutation,
  RecordArrestMutation,
  TransmitCaseFileMutation,
} from './operations';
import { type Problems, useInvestigationForm } from './useInvestigationForm';
import { newId } from '../../api/ids';
import {
  CALENDAR_DATE,
  CLOSURE_REASONS,
  LIMITS,
  SUSPECT_ROLES,
  suspectLabel,
  type InvestigationData,
} from './vocabulary';

interface FormProps {
  readonly investigation: InvestigationData;
  readonly onAcknowledged: (answer: unknown) => void;
}

const DAY_MS = 24 * 3600_000;

// ---- identify a suspect -------------------------------------------------------------------------------

type SuspectField = 'role' | 'alias' | 'description' | 'personal.name' | 'personal.dateOfBirth';

const SUSPECT_LABELS: Readonly<Record<SuspectField, string>> = {
  role: 'investigations.suspect.field.role',
  alias: 'investigations.suspect.field.alias',
  description: 'investigations.suspect.field.description',
  'personal.name': 'investigations.suspect.field.name',
  'personal.dateOfBirth': 'investigations.suspect.field.dateOfBirth',
};

function suspectFieldOf(apiField: string): SuspectField | null {
  return apiField in SUSPECT_LABELS ? (apiField as SuspectField) : null;
}

/** A past calendar date written YYYY-MM-DD (2001-02-30 is not one). */
function isPastDate(value: string, now = new Date()): boolean {
  if (!CALENDAR_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) && date.getTime() <= now.getTime();
}

/** Identify a suspect: a role, and at least an alias, a description or a name to tell them apart. */
export function IdentifySuspectForm({ investigation, onAcknowledged }: FormProps) {
  const t = useT();
  const [role, setRole] = useState<InvestigationSuspectRole | ''>('');
  const [alias, setAlias] = useState('');
  const [description, setDescription] = useState('');
  const [name, setName] = useState('');
  const [dateOfBirth, setDateOfBirth] = useState('');
  const summaryRef = useRef<HTMLDivElement>(null);
  const form = useInvestigationForm({
    summaryRef,
    id: 'suspect',
    document: IdentifySuspectMutation,
    mutation: 'identifySuspect',
    label: 'investigations.action.identifySuspect',
    investigationId: investigation.investigationId,
    labels: SUSPECT_LABELS,
    fieldOf: suspectFieldOf,
    onAcknowledged: (answer) => {
      setRole('');
      setAlias('');
      setDescription('');
      setName('');
      setDateOfBirth('');
      onAcknowledged(answer);
    },
  });

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const found: Problems<SuspectField> = {};
    if (role === '') addProblem(found, 'role', 'form.problem.choose');
    checkText(found, 'alias', alias, LIMITS.maxShortText, false);
    checkText(found, 'description', description, LIMITS.maxText, false);
    checkText(found, 'personal.name', name, LIMITS.maxShortText, false);
    if (alias.trim() === '' && description.trim() === '' && name.trim() === '') {
      addProblem(found, 'alias', 'investigations.problem.suspectNamed');
    }
    if (dateOfBirth !== '' && !isPastDate(dateOfBirth)) {
      addProblem(found, 'personal.dateOfBirth', 'investigations.problem.dateOfBirth');
    }
    const personal = {
      ...(name.trim() !== '' ? { name: name.trim() } : {}),
      ...(dateOfBirth !== '' ? { dateOfBirth } : {}),
    };
    form.submit(found, () => ({
      investigationId: investigation.investigationId,
      suspectId: newId(),
      expectedRevision: investigation.revision,
      role: role === '' ? 'OTHER' : role,
      ...(alias.trim() !== '' ? { alias: alias.trim() } : {}),
      ...(description.trim() !== '' ? { description: description.trim() } : {}),
      ...(Object.keys(personal).length > 0 ? { personal } : {}),
    }));
  };

  const { controlId, errorId, errorsOf, aria } = form;
  return (
    <form
      noValidate
      onSubmit={submit}
      aria-labelledby="suspect-title"
      aria-describedby={form.summaryItems.length > 0 ? form.summaryId : undefined}
    >
      <h3 id="suspect-title">{t('investigations.suspect.form.title')}</h3>
      <ErrorSummary ref={summaryRef} id={form.summaryId} items={form.summaryItems} />
      <CommandNote status={form.status} />
      <Field
        label={t(SUSPECT_LABELS.role)}
        htmlFor={controlId('role')}
        errorId={errorId('role')}
        errors={errorsOf('role')}
      >
        <select
          id={controlId('role')}
          name="role"
          value={role}
          onChange={(e) => setRole(e.target.value as InvestigationSuspectRole | '')}
          {...aria('role')}
        >
          <option value="">{t('investigations.form.choose')}</option>
          {SUSPECT_ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`investigations.suspectRole.${r}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field
        label={t(SUSPECT_LABELS.alias)}
        htmlFor={controlId('alias')}
        hint={t('investigations.suspect.field.alias.hint')}
        hintId="suspect-alias-hint"
        errorId={errorId('alias')}
        errors={errorsOf('alias')}
      >
        <input
          id={controlId('alias')}
          name="alias"
          value={alias}
          onChange={(e) => setAlias(e.target.value)}
          autoComplete="off"
          {...aria('alias', 'suspect-alias-hint')}
        />
      </Field>
      <Field
        label={t(SUSPECT_LABELS.description)}
        htmlFor={controlId('description')}
        errorId={errorId('description')}
        errors={errorsOf('description')}
      >
        <textarea
          id={controlId('description')}
          name="description"
          rows={2}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          {...aria('description')}
        />
      </Field>
      <fieldset>
        <legend>{t('investigations.suspect.personal')}</legend>
        <small className="field-hint">{t('investigations.suspect.personal.hint')}</small>
        <Field
          label={t(SUSPECT_LABELS['personal.name'])}
          htmlFor={controlId('personal.name')}
          errorId={errorId('personal.name')}
          errors={errorsOf('personal.name')}
        >
          <input
            id={controlId('personal.name')}
            name="name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            autoComplete="off"
            {...aria('personal.name')}
          />
        </Field>
        <Field
          label={t(SUSPECT_LABELS['personal.dateOfBirth'])}
          htmlFor={controlId('personal.dateOfBirth')}
          errorId={errorId('personal.dateOfBirth')}
          errors={errorsOf('personal.dateOfBirth')}
        >
          <input
            type="date"
            id={controlId('personal.dateOfBirth')}
            name="dateOfBirth"
            value={dateOfBirth}
            onChange={(e) => setDateOfBirth(e.target.value)}
            {...aria('personal.dateOfBirth')}
          />
        </Field>
      </fieldset>
      <button type="submit" aria-busy={form.busy || undefined}>
        {t('investigations.suspect.form.submit')}
      </button>
    </form>
  );
}

// ---- record an arrest ---------------------------------------------------------------------------------

type ArrestField = 'suspectId' | 'arrestedAt' | 'location' | 'legalBasis';

const ARREST_LABELS: Readonly<Record<ArrestField, string>> = {
  suspectId: 'investigations.arrest.field.suspect',
  arrestedAt: 'investigations.arrest.field.arrestedAt',
  location: 'investigations.arrest.field.location',
  legalBasis: 'investigations.arrest.field.legalBasis',
};

function arrestFieldOf(apiField: string): ArrestField | null {
  return apiField in ARREST_LABELS ? (apiField as ArrestField) : null;
}

/** Record the arrest of a suspect already identified in this investigation. */
export function RecordArrestForm({ investigation, onAcknowledged }: FormProps) {
  const t = useT();
  const [suspectId, setSuspectId] = useState('');
  const [arrestedAt, setArrestedAt] = useState(() => kivuLocalOf(new Date()));
  const [location, setLocation] = useState('');
  const [legalBasis, setLegalBasis] = useState('');
  const summaryRef = useRef<HTMLDivElement>(null);
  const form = useInvestigationForm({
    summaryRef,
    id: 'arrest',
    document: RecordArrestMutation,
    mutation: 'recordArrest',
    label: 'investigations.action.recordArrest',
    investigationId: investigation.investigationId,
    labels: ARREST_LABELS,
    fieldOf: arrestFieldOf,
    ruleFields: { suspect_unknown: 'suspectId' },
    onAcknowledged: (answer) => {
      setSuspectId('');
      setLocation('');
      setLegalBasis('');
      onAcknowledged(answer);
    },
  });

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const found: Problems<ArrestField> = {};
    if (suspectId === '') addProblem(found, 'suspectId', 'form.problem.choose');
    checkPast(found, 'arrestedAt', arrestedAt);
    checkText(found, 'location', location, LIMITS.maxShortText);
    checkText(found, 'legalBasis', legalBasis, LIMITS.maxText);
    form.submit(found, () => ({
      investigationId: investigation.investigationId,
      suspectId,
      expectedRevision: investigation.revision,
      arrestedAt: isoOf(arrestedAt),
      location: location.trim(),
      legalBasis: legalBasis.trim(),
    }));
  };

  const { controlId, errorId, errorsOf, aria } = form;
  return (
    <form
      noValidate
      onSubmit={submit}
      aria-labelledby="arrest-title"
      aria-describedby={form.summaryItems.length > 0 ? form.summaryId : undefined}
    >
      <h3 id="arrest-title">{t('investigations.arrest.form.title')}</h3>
      <ErrorSummary ref={summaryRef} id={form.summaryId} items={form.summaryItems} />
      <CommandNote status={form.status} />
      <Field
        label={t(ARREST_LABELS.suspectId)}
        htmlFor={controlId('suspectId')}
        errorId={errorId('suspectId')}
        errors={errorsOf('suspectId')}
      >
        <select
          id={controlId('suspectId')}
          name="suspectId"
          value={suspectId}
          onChange={(e) => setSuspectId(e.target.value)}
          {...aria('suspectId')}
        >
          <option value="">{t('investigations.form.choose')}</option>
          {investigation.suspects.map((s) => (
            <option key={s.suspectId} value={s.suspectId}>
              {t('investigations.suspect.option', {
                suspect: suspectLabel(s),
                role: t(`investigations.suspectRole.${s.role}`),
              })}
            </option>
          ))}
        </select>
      </Field>
      <Field
        label={t(ARREST_LABELS.arrestedAt)}
        htmlFor={controlId('arrestedAt')}
        hint={t('investigations.form.kivuTime')}
        hintId="arrest-arrestedAt-hint"
        errorId={errorId('arrestedAt')}
        errors={errorsOf('arrestedAt')}
      >
        <input
          type="datetime-local"
          id={controlId('arrestedAt')}
          name="arrestedAt"
          value={arrestedAt}
          onChange={(e) => setArrestedAt(e.target.value)}
          {...aria('arrestedAt', 'arrest-arrestedAt-hint')}
        />
      </Field>
      <Field
        label={t(ARREST_LABELS.location)}
        htmlFor={controlId('location')}
        errorId={errorId('location')}
        errors={errorsOf('location')}
      >
        <input
          id={controlId('location')}
          name="location"
          value={location}
          onChange={(e) => setLocation(e.target.value)}
          {...aria('location')}
        />
      </Field>
      <Field
        label={t(ARREST_LABELS.legalBasis)}
        htmlFor={controlId('legalBasis')}
        hint={t('investigations.arrest.field.legalBasis.hint')}
        hintId="arrest-legalBasis-hint"
        errorId={errorId('legalBasis')}
        errors={errorsOf('legalBasis')}
      >
        <textarea
          id={controlId('legalBasis')}
          name="legalBasis"
          rows={2}
          value={legalBasis}
          onChange={(e) => setLegalBasis(e.target.value)}
          {...aria('legalBasis', 'arrest-legalBasis-hint')}
        />
      </Field>
      <button type="submit" aria-busy={form.busy || undefined}>
        {t('investigations.arrest.form.submit')}
      </button>
    </form>
  );
}

// ---- transmit the case file ---------------------------------------------------------------------------

type TransmitField = 'toProsecutorOfficeId' | 'suspectIds' | 'evidenceIds' | 'dueBy' | 'summary';

const TRANSMIT_LABELS: Readonly<Record<TransmitField, string>> = {
  toProsecutorOfficeId: 'investigations.transmit.field.office',
  suspectIds: 'investigations.transmit.field.suspects',
  evidenceIds: 'investigations.transmit.field.evidence',
  dueBy: 'investigations.transmit.field.dueBy',
  summary: 'investigations.transmit.field.summary',
};

function transmitFieldOf(apiField: string): TransmitField | null {
  const head = apiField.split('.')[0] ?? '';
  return head in TRANSMIT_LABELS ? (head as TransmitField) : null;
}

/**
 * Send the case file to a prosecutor's office (chosen by name from the directory), with the suspects it
 * is against and the evidence it carries; the office must acknowledge it by the due time.
 */
export function TransmitCaseFileForm({ investigation, onAcknowledged }: FormProps) {
  const t = useT();
  const time = useKivuTime();
  const { session } = useSession();
  const offices = useAgenciesOfType('PROSECUTOR');
  const [office, setOffice] = useState('');
  const [suspectIds, setSuspectIds] = useState<string[]>(() => investigation.suspects.map((s) => s.suspectId));
  const [evidenceIds, setEvidenceIds] = useState<string[]>(() => investigation.evidence.map((e) => e.evidenceId));
  const [dueBy, setDueBy] = useState(() =>
    kivuLocalOf(new Date(Date.now() + LIMITS.defaultAcknowledgementDays * DAY_MS)),
  );
  const [summary, setSummary] = useState('');
  const summaryRef = useRef<HTMLDivElement>(null);
  const form = useInvestigationForm({
    summaryRef,
    id: 'transmit',
    document: TransmitCaseFileMutation,
    mutation: 'transmitCaseFile',
    label: 'investigations.action.transmitCaseFile',
    investigationId: investigation.investigationId,
    labels: TRANSMIT_LABELS,
    fieldOf: transmitFieldOf,
    ruleFields: {
      no_suspect_identified: 'suspectIds',
      suspect_unknown: 'suspectIds',
      evidence_unknown: 'evidenceIds',
    },
    onAcknowledged: (answer) => {
      setSummary('');
      onAcknowledged(answer);
    },
  });
  const listed = (offices.data?.agencies ?? []).filter(
    (a) => a.agencyType === 'PROSECUTOR' && a.agencyId !== session?.agencyId,
  );
  const officeHint =
    offices.loading && !offices.data
      ? 'common.loading'
      : offices.data === undefined
        ? 'investigations.transmit.field.office.unavailable'
        : listed.length === 0
          ? 'investigations.transmit.field.office.none'
          : 'investigations.transmit.field.office.hint';

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const found: Problems<TransmitField> = {};
    if (office === '') addProblem(found, 'toProsecutorOfficeId', 'form.problem.choose');
    if (suspectIds.length === 0) addProblem(found, 'suspectIds', 'investigations.problem.suspectsRequired');
    const due = instantOfKivuLocal(dueBy);
    const now = Date.now();
    if (!due) addProblem(found, 'dueBy', dueBy.trim() === '' ? 'form.problem.required' : 'form.problem.dateTime');
    else if (due.getTime() <= now) addProblem(found, 'dueBy', 'form.problem.inPast');
    else if (due.getTime() > now + LIMITS.maxAcknowledgementDays * DAY_MS) {
      addProblem(found, 'dueBy', 'investigations.problem.dueTooFar', { days: LIMITS.maxAcknowledgementDays });
    }
    checkText(found, 'summary', summary, LIMITS.maxText);
    form.submit(found, () => ({
      investigationId: investigation.investigationId,
      caseFileId: newId(),
      expectedRevision: investigation.revision,
      toProsecutorOfficeId: office,
      suspectIds: [...suspectIds],
      evidenceIds: [...evidenceIds],
      dueBy: isoOf(dueBy),
      summary: summary.trim(),
    }));
  };

  const { controlId, errorId, errorsOf, aria } = form;
  return (
    <form
      noValidate
      onSubmit={submit}
      aria-labelledby="transmit-title"
      aria-describedby={form.summaryItems.length > 0 ? form.summaryId : undefined}
    >
      <h3 id="transmit-title">{t('investigations.transmit.form.title')}</h3>
      <ErrorSummary ref={summaryRef} id={form.summaryId} items={form.summaryItems} />
      <CommandNote status={form.status} />
      <Field
        label={t(TRANSMIT_LABELS.toProsecutorOfficeId)}
        htmlFor={controlId('toProsecutorOfficeId')}
        hint={
          <>
            {t(officeHint)}
            {offices.offlineAsOf && offices.data
              ? ` ${t('investigations.transmit.field.office.offline', { time: time.dateTime(offices.offlineAsOf) })}`
              : null}
          </>
        }
        hintId="transmit-office-hint"
        errorId={errorId('toProsecutorOfficeId')}
        errors={errorsOf('toProsecutorOfficeId')}
      >
        <select
          id={controlId('toProsecutorOfficeId')}
          name="toProsecutorOfficeId"
          value={office}
          onChange={(e) => setOffice(e.target.value)}
          aria-busy={(offices.loading && !offices.data) || undefined}
          {...aria('toProsecutorOfficeId', 'transmit-office-hint')}
        >
          <option value="">{t('investigations.form.choose')}</option>
          {listed.map((a) => (
            <option key={a.agencyId} value={a.agencyId} title={a.agencyId}>
              {a.name}
            </option>
          ))}
        </select>
      </Field>
      <CheckboxGroup
        id={controlId('suspectIds')}
        name="suspectIds"
        legend={t(TRANSMIT_LABELS.suspectIds)}
        options={investigation.suspects.map((s) => s.suspectId)}
        label={(id) => {
          const s = investigation.suspects.find((x) => x.suspectId === id);
          return s
            ? t('investigations.suspect.option', {
                suspect: suspectLabel(s),
                role: t(`investigations.suspectRole.${s.role}`),
              })
            : id;
        }}
        values={suspectIds}
        onChange={setSuspectIds}
        errors={errorsOf('suspectIds')}
      />
      {investigation.evidence.length > 0 ? (
        <CheckboxGroup
          id={controlId('evidenceIds')}
          name="evidenceIds"
          legend={t(TRANSMIT_LABELS.evidenceIds)}
          options={investigation.evidence.map((e) => e.evidenceId)}
          label={(id) => {
            const e = investigation.evidence.find((x) => x.evidenceId === id);
            return e ? `${t(`investigations.evidenceKind.${e.kind}`)} — ${e.description}` : id;
          }}
          values={evidenceIds}
          onChange={setEvidenceIds}
          errors={errorsOf('evidenceIds')}
        />
      ) : null}
      <Field
        label={t(TRANSMIT_LABELS.dueBy)}
        htmlFor={controlId('dueBy')}
        hint={t('investigations.transmit.field.dueBy.hint', { days: LIMITS.maxAcknowledgementDays })}
        hintId="transmit-dueBy-hint"
        errorId={errorId('dueBy')}
        errors={errorsOf('dueBy')}
      >
        <input
          type="datetime-local"
          id={controlId('dueBy')}
          name="dueBy"
          value={dueBy}
          onChange={(e) => setDueBy(e.target.value)}
          {...aria('dueBy', 'transmit-dueBy-hint')}
        />
      </Field>
      <Field
        label={t(TRANSMIT_LABELS.summary)}
        htmlFor={controlId('summary')}
        errorId={errorId('summary')}
        errors={errorsOf('summary')}
      >
        <textarea
          id={controlId('summary')}
          name="summary"
          rows={4}
          value={summary}
          onChange={(e) => setSummary(e.target.value)}
          {...aria('summary')}
        />
      </Field>
      <button type="submit" aria-busy={form.busy || undefined}>
        {t('investigations.transmit.form.submit')}
      </button>
    </form>
  );
}

// ---- close the investigation --------------------------------------------------------------------------

type CloseField = 'reason' | 'note';

const CLOSE_LABELS: Readonly<Record<CloseField, string>> = {
  reason: 'investigations.close.field.reason',
  note: 'investigations.close.field.note',
};

function closeFieldOf(apiField: string): CloseField | null {
  return apiField === 'reason' || apiField === 'note' ? apiField : null;
}

/** Close the investigation with a reason (and a note, required for "other"). */
export function CloseInvestigationForm({ investigation, onAcknowledged }: FormProps) {
  const t = useT();
  const [reason, setReason] = useState<InvestigationClosureReason | ''>('');
  const [note, setNote] = useState('');
  const summaryRef = useRef<HTMLDivElement>(null);
  const form = useInvestigationForm({
    summaryRef,
    id: 'close',
    document: CloseInvestigationMutation,
    mutation: 'closeInvestigation',
    label: 'investigations.action.closeInvestigation',
    investigationId: investigation.investigationId,
    labels: CLOSE_LABELS,
    fieldOf: closeFieldOf,
    ruleFields: { no_case_file_transmitted: 'reason' },
    onAcknowledged,
  });

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const found: Problems<CloseField> = {};
    if (reason === '') addProblem(found, 'reason', 'form.problem.choose');
    if (reason === 'TRANSMITTED_TO_PROSECUTOR' && investigation.caseFiles.length === 0) {
      addProblem(found, 'reason', 'investigations.problem.noCaseFile');
    }
    checkText(found, 'note', note, LIMITS.maxText, reason === 'OTHER');
    if (reason === 'OTHER' && note.trim() === '') {
      found.note = [{ key: 'investigations.problem.noteRequired' }];
    }
    form.submit(found, () => ({
      investigationId: investigation.investigationId,
      expectedRevision: investigation.revision,
      reason: reason === '' ? 'OTHER' : reason,
      ...(note.trim() !== '' ? { note: note.trim() } : {}),
    }));
  };

  const { controlId, errorId, errorsOf, aria } = form;
  return (
    <form
      noValidate
      onSubmit={submit}
      aria-labelledby="close-title"
      aria-describedby={form.summaryItems.length > 0 ? form.summaryId : undefined}
    >
      <h3 id="close-title">{t('investigations.close.form.title')}</h3>
      <ErrorSummary ref={summaryRef} id={form.summaryId} items={form.summaryItems} />
      <CommandNote status={form.status} />
      <RadioGroup
        id={controlId('reason')}
        name="reason"
        legend={t(CLOSE_LABELS.reason)}
        options={CLOSURE_REASONS}
        label={(r) => t(`investigations.closureReason.${r}`)}
        value={reason}
        onChange={setReason}
        errors={errorsOf('reason')}
      />
      <Field
        label={t(CLOSE_LABELS.note)}
        htmlFor={controlId('note')}
        hint={t('investigations.close.field.note.hint')}
        hintId="close-note-hint"
        errorId={errorId('note')}
        errors={errorsOf('note')}
      >
        <textarea
          id={controlId('note')}
          name="note"
          rows={2}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          {...aria('note', 'close-note-hint')}
        />
      </Field>
      <button type="submit" className="secondary" aria-busy={form.busy || undefined}>
        {t('investigations.close.form.submit')}
      </button>
    </form>
  );
}
