import { useRef, useState, type SyntheticEvent } from 'react';
import { agencyName } from '../../components/agency';
import { ErrorSummary, FieldError, RadioGroup } from '../../components/form';
import type { InvestigationEvidenceKind } from '../../gql/graphql';
import { useT } from '../../i18n/i18n';
import { useSession } from '../../session/session';
import { useAgenciesOfType } from '../referrals/agencies';
import { kivuLocalOf } from '../referrals/kivuTime';
import { addProblem, checkPast, checkText, CommandNote, Field, isoOf } from './FormParts';
import { sha256Hex } from './hash';
import { RecordEvidenceMutation, TransferCustodyMutation } from './operations';
import { type Problems, useInvestigationForm } from './useInvestigationForm';
import { EVIDENCE_KINDS, LIMITS, SHA256, type EvidenceData, type InvestigationData } from './vocabulary';
import { newId } from '../../api/ids';

type EvidenceField = 'kind' | 'description' | 'hashSource' | 'sha256' | 'collectedAt' | 'collectedBy';
type HashSource = 'file' | 'typed';

const EVIDENCE_LABELS: Readonly<Record<EvidenceField, string>> = {
  kind: 'investigations.evidence.field.kind',
  description: 'investigations.evidence.field.description',
  hashSource: 'investigations.evidence.field.hashSource',
  sha256: 'investigations.evidence.field.sha256',
  collectedAt: 'investigations.evidence.field.collectedAt',
  collectedBy: 'investigations.evidence.field.collectedBy',
};

function evidenceFieldOf(apiField: string): EvidenceField | null {
  switch (apiField) {
    case 'kind':
    case 'description':
    case 'sha256':
    case 'collectedAt':
    case 'collectedBy':
      return apiField;
    default:
      return null;
  }
}

/** What the file picked gave: its name and size for the person to check, and its fingerprint. */
interface Hashed {
  readonly name: string;
  readonly size: number;
  readonly sha256: string;
}

/**
 * Record an evidence item with its SHA-256. For a file (a photo, a scanned statement, a recording) the
 * fingerprint is computed here in the browser, and the file itself never leaves the device; for a
 * physical item, the hash of its digital copy (or the one a forensic tool printed) is typed.
 */
export function RecordEvidenceForm({
  investigation,
  onAcknowledged,
}: {
  readonly investigation: InvestigationData;
  readonly onAcknowledged: (answer: unknown) => void;
}) {
  const t = useT();
  const { session } = useSession();
  const [kind, setKind] = useState<InvestigationEvidenceKind | ''>('');
  const [description, setDescription] = useState('');
  const [source, setSource] = useState<HashSource>('file');
  const [hashed, setHashed] = useState<Hashed>();
  const [hashing, setHashing] = useState(false);
  const [unreadable, setUnreadable] = useState(false);
  const [typed, setTyped] = useState('');
  const [collectedAt, setCollectedAt] = useState(() => kivuLocalOf(new Date()));
  const [collectedBy, setCollectedBy] = useState(session?.userId ?? '');
  const summaryRef = useRef<HTMLDivElement>(null);
  const form = useInvestigationForm({
    summaryRef,
    id: 'evidence',
    document: RecordEvidenceMutation,
    mutation: 'recordEvidence',
    label: 'investigations.action.recordEvidence',
    investigationId: investigation.investigationId,
    labels: EVIDENCE_LABELS,
    fieldOf: evidenceFieldOf,
    onAcknowledged: (answer) => {
      setDescription('');
      setHashed(undefined);
      setTyped('');
      onAcknowledged(answer);
    },
  });

  const pick = async (file: File | undefined) => {
    setHashed(undefined);
    if (!file) return;
    setHashing(true);
    setUnreadable(false);
    try {
      // Only the fingerprint is kept: the file's bytes are read here, and dropped.
      setHashed({ name: file.name, size: file.size, sha256: await sha256Hex(file) });
    } catch {
      setUnreadable(true);
    } finally {
      setHashing(false);
    }
  };

  const sha256 = source === 'file' ? (hashed?.sha256 ?? '') : typed.trim();

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const found: Problems<EvidenceField> = {};
    if (kind === '') addProblem(found, 'kind', 'form.problem.choose');
    checkText(found, 'description', description, LIMITS.maxText);
    if (source === 'file') {
      if (!hashed)
        addProblem(
          found,
          'sha256',
          hashing ? 'investigations.evidence.hashing' : 'investigations.problem.fileRequired',
        );
    } else if (sha256 === '') addProblem(found, 'sha256', 'form.problem.required');
    else if (!SHA256.test(sha256)) addProblem(found, 'sha256', 'investigations.problem.sha256');
    checkPast(found, 'collectedAt', collectedAt);
    checkText(found, 'collectedBy', collectedBy, LIMITS.maxShortText);
    form.submit(found, () => ({
      investigationId: investigation.investigationId,
      evidenceId: newId(),
      expectedRevision: investigation.revision,
      kind: kind === '' ? 'DOCUMENT' : kind,
      description: description.trim(),
      sha256,
      collectedAt: isoOf(collectedAt),
      collectedBy: collectedBy.trim(),
    }));
  };

  const { controlId, errorId, errorsOf, aria } = form;
  return (
    <form
      noValidate
      onSubmit={submit}
      aria-labelledby="evidence-title"
      aria-describedby={form.summaryItems.length > 0 ? form.summaryId : undefined}
    >
      <h3 id="evidence-title">{t('investigations.evidence.form.title')}</h3>
      <ErrorSummary ref={summaryRef} id={form.summaryId} items={form.summaryItems} />
      <CommandNote status={form.status} />

      <Field
        label={t(EVIDENCE_LABELS.kind)}
        htmlFor={controlId('kind')}
        errorId={errorId('kind')}
        errors={errorsOf('kind')}
      >
        <select
          id={controlId('kind')}
          name="kind"
          value={kind}
          onChange={(e) => setKind(e.target.value as InvestigationEvidenceKind | '')}
          {...aria('kind')}
        >
          <option value="">{t('investigations.form.choose')}</option>
          {EVIDENCE_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`investigations.evidenceKind.${k}`)}
            </option>
          ))}
        </select>
      </Field>

      <Field
        label={t(EVIDENCE_LABELS.description)}
        htmlFor={controlId('description')}
        errorId={errorId('description')}
        errors={errorsOf('description')}
      >
        <textarea
          id={controlId('description')}
          name="description"
          rows={3}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          {...aria('description')}
        />
      </Field>

      <RadioGroup
        id={controlId('hashSource')}
        name="hashSource"
        legend={t(EVIDENCE_LABELS.hashSource)}
        options={['file', 'typed'] as const}
        label={(s) => t(`investigations.evidence.hashSource.${s}`)}
        value={source}
        onChange={setSource}
        errors={errorsOf('hashSource')}
      />

      {source === 'file' ? (
        <>
          <p className="banner" id="evidence-file-note">
            <strong>{t('investigations.evidence.fileStays')}</strong>
          </p>
          <Field
            label={t('investigations.evidence.field.file')}
            htmlFor={controlId('sha256')}
            errorId={errorId('sha256')}
            errors={errorsOf('sha256')}
          >
            <input
              type="file"
              id={controlId('sha256')}
              name="file"
              onChange={(e) => void pick(e.target.files?.[0])}
              aria-busy={hashing || undefined}
              {...aria('sha256', 'evidence-file-note')}
            />
          </Field>
          <p role="status" data-testid="evidence-hash">
            {hashing
              ? t('investigations.evidence.hashing')
              : unreadable
                ? t('investigations.evidence.unreadable')
                : hashed
                  ? t('investigations.evidence.hashed', { name: hashed.name, size: hashed.size })
                  : null}
            {hashed && !hashing ? (
              <>
                {' '}
                <code className="investigation-hash">{hashed.sha256}</code>
              </>
            ) : null}
          </p>
        </>
      ) : (
        <Field
          label={t(EVIDENCE_LABELS.sha256)}
          htmlFor={controlId('sha256')}
          hint={t('investigations.evidence.field.sha256.hint')}
          hintId="evidence-sha256-hint"
          errorId={errorId('sha256')}
          errors={errorsOf('sha256')}
        >
          <input
            id={controlId('sha256')}
            name="sha256"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            maxLength={64}
            {...aria('sha256', 'evidence-sha256-hint')}
          />
        </Field>
      )}

      <Field
        label={t(EVIDENCE_LABELS.collectedAt)}
        htmlFor={controlId('collectedAt')}
        hint={t('investigations.form.kivuTime')}
        hintId="evidence-collectedAt-hint"
        errorId={errorId('collectedAt')}
        errors={errorsOf('collectedAt')}
      >
        <input
          type="datetime-local"
          id={controlId('collectedAt')}
          name="collectedAt"
          value={collectedAt}
          onChange={(e) => setCollectedAt(e.target.value)}
          {...aria('collectedAt', 'evidence-collectedAt-hint')}
        />
      </Field>

      <Field
        label={t(EVIDENCE_LABELS.collectedBy)}
        htmlFor={controlId('collectedBy')}
        errorId={errorId('collectedBy')}
        errors={errorsOf('collectedBy')}
      >
        <input
          id={controlId('collectedBy')}
          name="collectedBy"
          value={collectedBy}
          onChange={(e) => setCollectedBy(e.target.value)}
          autoComplete="off"
          {...aria('collectedBy')}
        />
      </Field>

      <button type="submit" aria-busy={form.busy || hashing || undefined}>
        {t('investigations.evidence.form.submit')}
      </button>
    </form>
  );
}

type TransferField = 'to.agencyId' | 'to.officerId' | 'at' | 'reason' | 'from';

const TRANSFER_LABELS: Readonly<Record<TransferField, string>> = {
  from: 'investigations.custody.field.from',
  'to.agencyId': 'investigations.custody.field.toAgency',
  'to.officerId': 'investigations.custody.field.toOfficer',
  at: 'investigations.custody.field.at',
  reason: 'investigations.custody.field.reason',
};

function transferFieldOf(apiField: string): TransferField | null {
  if (apiField.startsWith('from')) return 'from';
  if (apiField === 'to') return 'to.officerId';
  switch (apiField) {
    case 'to.agencyId':
    case 'to.officerId':
    case 'at':
    case 'reason':
      return apiField;
    default:
      return null;
  }
}

/**
 * Hand an evidence item to its next holder: from whoever holds it now (the chain has no gap), to an
 * officer of this agency or of a prosecutor's office, by name from the directory.
 */
export function TransferCustodyForm({
  investigation,
  evidence,
  onAcknowledged,
}: {
  readonly investigation: InvestigationData;
  readonly evidence: EvidenceData;
  readonly onAcknowledged: (answer: unknown) => void;
}) {
  const t = useT();
  const { session } = useSession();
  const prefix = `custody-${evidence.evidenceId}`;
  const offices = useAgenciesOfType('PROSECUTOR');
  const ownAgencyId = session?.agencyId ?? investigation.leadAgencyId;
  const [toAgencyId, setToAgencyId] = useState(ownAgencyId);
  const [toOfficerId, setToOfficerId] = useState('');
  const [at, setAt] = useState(() => kivuLocalOf(new Date()));
  const [reason, setReason] = useState('');
  const summaryRef = useRef<HTMLDivElement>(null);
  const form = useInvestigationForm({
    summaryRef,
    id: prefix,
    document: TransferCustodyMutation,
    mutation: 'recordEvidenceCustodyTransfer',
    label: 'investigations.action.recordEvidenceCustodyTransfer',
    investigationId: investigation.investigationId,
    labels: TRANSFER_LABELS,
    fieldOf: transferFieldOf,
    ruleFields: { custody_chain_broken: 'from', only_custodian_or_lead_agency: 'from' },
    onAcknowledged: (answer) => {
      setToOfficerId('');
      setReason('');
      onAcknowledged(answer);
    },
  });
  const holder = evidence.custodian;
  const choices = [
    {
      agencyId: ownAgencyId,
      name: agencyName(ownAgencyId, ownAgencyId === investigation.leadAgencyId ? investigation.leadAgency : null),
    },
    ...(offices.data?.agencies ?? [])
      .filter((a) => a.agencyType === 'PROSECUTOR' && a.agencyId !== ownAgencyId)
      .map((a) => ({ agencyId: a.agencyId, name: a.name })),
  ];

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const found: Problems<TransferField> = {};
    if (toAgencyId === '') addProblem(found, 'to.agencyId', 'form.problem.choose');
    checkText(found, 'to.officerId', toOfficerId, LIMITS.maxShortText);
    if (toAgencyId === holder.agencyId && toOfficerId.trim() === holder.officerId) {
      addProblem(found, 'to.officerId', 'investigations.problem.sameCustodian');
    }
    const instant = checkPast(found, 'at', at);
    const since = evidence.custodyChain.at(-1)?.at ?? evidence.collectedAt;
    if (instant && !found.at && instant.getTime() < Date.parse(since)) {
      addProblem(found, 'at', 'investigations.problem.beforeChain');
    }
    checkText(found, 'reason', reason, LIMITS.maxText);
    form.submit(found, () => ({
      investigationId: investigation.investigationId,
      evidenceId: evidence.evidenceId,
      expectedRevision: investigation.revision,
      from: { agencyId: holder.agencyId, officerId: holder.officerId },
      to: { agencyId: toAgencyId, officerId: toOfficerId.trim() },
      at: isoOf(at),
      reason: reason.trim(),
    }));
  };

  const { controlId, errorId, errorsOf, aria } = form;
  return (
    <form
      noValidate
      onSubmit={submit}
      aria-labelledby={`${prefix}-title`}
      aria-describedby={form.summaryItems.length > 0 ? form.summaryId : undefined}
    >
      <h4 id={`${prefix}-title`}>{t('investigations.custody.form.title')}</h4>
      <ErrorSummary ref={summaryRef} id={form.summaryId} items={form.summaryItems} />
      <CommandNote status={form.status} />
      <p
        id={controlId('from')}
        tabIndex={-1}
        aria-describedby={errorsOf('from').length > 0 ? errorId('from') : undefined}
      >
        {t('investigations.custody.from', {
          officer: holder.officerId,
          agency: agencyName(holder.agencyId, holder.agency),
        })}
      </p>
      <FieldError id={errorId('from')} messages={errorsOf('from')} />

      <Field
        label={t(TRANSFER_LABELS['to.agencyId'])}
        htmlFor={controlId('to.agencyId')}
        errorId={errorId('to.agencyId')}
        errors={errorsOf('to.agencyId')}
      >
        <select
          id={controlId('to.agencyId')}
          name="toAgencyId"
          value={toAgencyId}
          onChange={(e) => setToAgencyId(e.target.value)}
          aria-busy={(offices.loading && !offices.data) || undefined}
          {...aria('to.agencyId')}
        >
          {choices.map((c) => (
            <option key={c.agencyId} value={c.agencyId} title={c.agencyId}>
              {c.name}
            </option>
          ))}
        </select>
      </Field>

      <Field
        label={t(TRANSFER_LABELS['to.officerId'])}
        htmlFor={controlId('to.officerId')}
        errorId={errorId('to.officerId')}
        errors={errorsOf('to.officerId')}
      >
        <input
          id={controlId('to.officerId')}
          name="toOfficerId"
          value={toOfficerId}
          onChange={(e) => setToOfficerId(e.target.value)}
          autoComplete="off"
          {...aria('to.officerId')}
        />
      </Field>

      <Field
        label={t(TRANSFER_LABELS.at)}
        htmlFor={controlId('at')}
        hint={t('investigations.form.kivuTime')}
        hintId={`${prefix}-at-hint`}
        errorId={errorId('at')}
        errors={errorsOf('at')}
      >
        <input
          type="datetime-local"
          id={controlId('at')}
          name="at"
          value={at}
          onChange={(e) => setAt(e.target.value)}
          {...aria('at', `${prefix}-at-hint`)}
        />
      </Field>

      <Field
        label={t(TRANSFER_LABELS.reason)}
        htmlFor={controlId('reason')}
        errorId={errorId('reason')}
        errors={errorsOf('reason')}
      >
        <textarea
          id={controlId('reason')}
          name="reason"
          rows={2}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          {...aria('reason')}
        />
      </Field>

      <button type="submit" aria-busy={form.busy || undefined}>
        {t('investigations.custody.form.submit')}
      </button>
    </form>
  );
}
