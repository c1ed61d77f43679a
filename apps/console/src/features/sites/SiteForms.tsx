import { useId, useState, type SyntheticEvent } from 'react';
import { RadioGroup, type FieldMessage } from '../../components/form';
import type { MineSiteRecommendedStatus, MineSiteStatus, SiteIncidentSource } from '../../gql/graphql';
import { useT } from '../../i18n/i18n';
import { instantOfKivuLocal, kivuLocalOf } from '../referrals/kivuTime';
import {
  ChangeMineSiteStatusMutation,
  ClassifySiteIncidentMutation,
  CloseSiteIncidentMutation,
  RecordMineSiteInspectionMutation,
  ReportSiteIncidentMutation,
} from './documents';
import { CommandState, TextControl, useFormFeedback, useSiteCommand } from './formKit';
import {
  INCIDENT_LEVELS,
  INCIDENT_SOURCES,
  MAX_NAME,
  MAX_REMEDIATION_MONTHS,
  MAX_TEXT,
  RECOMMENDED_STATUSES,
  STATUS_TARGETS,
  type IncidentLevelChoice,
} from './vocabulary';

/** The site as the forms act on it: its id and the version the page shows. */
export interface SiteRef {
  readonly siteId: string;
  readonly code: string;
  readonly revision: number;
  readonly status: MineSiteStatus;
}

export interface IncidentRef {
  readonly incidentId: string;
  readonly revision: number;
  readonly level: number | null;
}

const required = (value: string, max: number): FieldMessage[] =>
  value.trim() === ''
    ? [{ key: 'form.problem.required' }]
    : value.trim().length > max
      ? [{ key: 'form.problem.tooLong', values: { max } }]
      : [];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// ---- inspection ---------------------------------------------------------------------------------------

const INSPECTION_LABELS = {
  inspectedAt: 'sites.inspection.inspectedAt',
  inspectingAgency: 'sites.inspection.inspectingAgency',
  findings: 'sites.inspection.findings',
  indicatorsObserved: 'sites.inspection.indicators',
  recommendedStatus: 'sites.inspection.recommendedStatus',
} as const;

/** Record an inspection: when, by which team, what was found, and the status it recommends. */
export function InspectionForm({
  site,
  defaultTeam,
  onRecorded,
}: {
  readonly site: SiteRef;
  readonly defaultTeam: string;
  readonly onRecorded: () => void;
}) {
  const t = useT();
  const formId = `inspection-${useId().replace(/:/g, '')}`;
  const kit = useFormFeedback(formId, INSPECTION_LABELS);
  const [inspectedAt, setInspectedAt] = useState(() => kivuLocalOf(new Date()));
  // The person's own agency until they name another team (its name may arrive after the form opens).
  const [typedTeam, setTeam] = useState<string>();
  const team = typedTeam ?? defaultTeam;
  const [findings, setFindings] = useState('');
  const [indicators, setIndicators] = useState('');
  const [recommended, setRecommended] = useState<MineSiteRecommendedStatus | ''>('');
  const command = useSiteCommand({
    document: RecordMineSiteInspectionMutation,
    mutation: 'recordMineSiteInspection',
    label: 'sites.action.recordMineSiteInspection',
    subject: { kind: 'site', id: site.siteId },
    onAcknowledged: () => {
      setFindings('');
      setIndicators('');
      setRecommended('');
      onRecorded();
    },
    onRefused: kit.refused,
  });

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const instant = instantOfKivuLocal(inspectedAt);
    const list = indicators
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '');
    const ok = kit.check({
      inspectedAt: !instant
        ? [{ key: 'form.problem.dateTime' }]
        : instant.getTime() > Date.now()
          ? [{ key: 'sites.problem.inFuture' }]
          : [],
      inspectingAgency: required(team, MAX_NAME),
      findings: required(findings, MAX_TEXT),
      recommendedStatus: recommended === '' ? [{ key: 'form.problem.choose' }] : [],
    });
    if (!ok || !instant || recommended === '') return;
    void command.send({
      siteId: site.siteId,
      expectedRevision: site.revision,
      inspectedAt: instant.toISOString(),
      inspectingAgency: team.trim(),
      findings: findings.trim(),
      indicatorsObserved: list,
      recommendedStatus: recommended,
    });
  };

  return (
    <form noValidate onSubmit={submit} aria-labelledby={`${formId}-title`}>
      <h3 id={`${formId}-title`}>{t('sites.inspection.title')}</h3>
      {kit.top}
      <TextControl
        kit={kit}
        field="inspectedAt"
        type="datetime-local"
        label={t(INSPECTION_LABELS.inspectedAt)}
        hint={t('sites.form.kivuTime')}
        value={inspectedAt}
        onChange={setInspectedAt}
      />
      <TextControl
        kit={kit}
        field="inspectingAgency"
        label={t(INSPECTION_LABELS.inspectingAgency)}
        value={team}
        onChange={setTeam}
      />
      <TextControl
        kit={kit}
        field="findings"
        multiline
        label={t(INSPECTION_LABELS.findings)}
        hint={t('sites.inspection.findings.hint')}
        value={findings}
        onChange={setFindings}
      />
      <TextControl
        kit={kit}
        field="indicatorsObserved"
        multiline
        label={t(INSPECTION_LABELS.indicatorsObserved)}
        hint={t('sites.inspection.indicators.hint')}
        value={indicators}
        onChange={setIndicators}
      />
      <RadioGroup
        id={kit.controlId('recommendedStatus')}
        name="recommendedStatus"
        legend={t(INSPECTION_LABELS.recommendedStatus)}
        options={RECOMMENDED_STATUSES}
        label={(s) => t(`sites.status.${s}`)}
        value={recommended}
        onChange={setRecommended}
        errors={kit.errorsOf('recommendedStatus')}
      />
      <CommandState command={command} currentRevision={site.revision} />
      <button type="submit" aria-busy={command.status.kind === 'sending' || undefined}>
        {t('sites.inspection.submit')}
      </button>
    </form>
  );
}

// ---- status -------------------------------------------------------------------------------------------

const STATUS_LABELS = {
  to: 'sites.statusForm.to',
  reason: 'sites.statusForm.reason',
  remediationDeadline: 'sites.statusForm.deadline',
} as const;

function monthsAhead(now: Date, months: number): Date {
  const later = new Date(now.getTime());
  const day = later.getUTCDate();
  later.setUTCDate(1);
  later.setUTCMonth(later.getUTCMonth() + months);
  const last = new Date(Date.UTC(later.getUTCFullYear(), later.getUTCMonth() + 1, 0)).getUTCDate();
  later.setUTCDate(Math.min(day, last));
  return later;
}

/** The mining authority decides the status: a reason to suspend (RED), a deadline for remediation (YELLOW). */
export function StatusForm({ site, onRecorded }: { readonly site: SiteRef; readonly onRecorded: () => void }) {
  const t = useT();
  const formId = `status-${useId().replace(/:/g, '')}`;
  const kit = useFormFeedback(formId, STATUS_LABELS);
  const [to, setTo] = useState<(typeof STATUS_TARGETS)[number] | ''>('');
  const [reason, setReason] = useState('');
  const [deadline, setDeadline] = useState('');
  const command = useSiteCommand({
    document: ChangeMineSiteStatusMutation,
    mutation: 'changeMineSiteStatus',
    label: 'sites.action.changeMineSiteStatus',
    subject: { kind: 'site', id: site.siteId },
    onAcknowledged: () => {
      setTo('');
      setReason('');
      setDeadline('');
      onRecorded();
    },
    onRefused: kit.refused,
  });

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const instant = to === 'YELLOW' ? instantOfKivuLocal(deadline) : undefined;
    const now = new Date();
    const deadlineProblems: FieldMessage[] =
      to !== 'YELLOW'
        ? []
        : deadline.trim() === ''
          ? [{ key: 'sites.problem.deadlineRequired' }]
          : !instant
            ? [{ key: 'form.problem.dateTime' }]
            : instant.getTime() <= now.getTime()
              ? [{ key: 'form.problem.inPast' }]
              : instant.getTime() > monthsAhead(now, MAX_REMEDIATION_MONTHS).getTime()
                ? [{ key: 'sites.problem.deadlineTooFar', values: { months: MAX_REMEDIATION_MONTHS } }]
                : [];
    const ok = kit.check({
      to:
        to === '' ? [{ key: 'form.problem.choose' }] : to === site.status ? [{ key: 'sites.problem.sameStatus' }] : [],
      reason:
        to === 'RED' && reason.trim() === ''
          ? [{ key: 'sites.problem.reasonRequired' }]
          : reason.trim().length > MAX_TEXT
            ? [{ key: 'form.problem.tooLong', values: { max: MAX_TEXT } }]
            : [],
      remediationDeadline: deadlineProblems,
    });
    if (!ok || to === '') return;
    void command.send({
      siteId: site.siteId,
      expectedRevision: site.revision,
      to,
      ...(reason.trim() !== '' ? { reason: reason.trim() } : {}),
      ...(to === 'YELLOW' && instant ? { remediationDeadline: instant.toISOString() } : {}),
    });
  };

  return (
    <form noValidate onSubmit={submit} aria-labelledby={`${formId}-title`}>
      <h3 id={`${formId}-title`}>{t('sites.statusForm.title')}</h3>
      {kit.top}
      <RadioGroup
        id={kit.controlId('to')}
        name="to"
        legend={t(STATUS_LABELS.to)}
        options={STATUS_TARGETS}
        label={(s) => t(`sites.status.${s}`)}
        value={to}
        onChange={setTo}
        errors={kit.errorsOf('to')}
      />
      <TextControl
        kit={kit}
        field="reason"
        multiline
        label={t(to === 'RED' ? 'sites.statusForm.reasonRequired' : 'sites.statusForm.reason')}
        hint={t('sites.statusForm.reason.hint')}
        value={reason}
        onChange={setReason}
      />
      {to === 'YELLOW' ? (
        <TextControl
          kit={kit}
          field="remediationDeadline"
          type="datetime-local"
          label={t(STATUS_LABELS.remediationDeadline)}
          hint={t('sites.statusForm.deadline.hint', { months: MAX_REMEDIATION_MONTHS })}
          value={deadline}
          onChange={setDeadline}
        />
      ) : (
        kit.errorBeside('remediationDeadline')
      )}
      <CommandState command={command} currentRevision={site.revision} />
      <button type="submit" aria-busy={command.status.kind === 'sending' || undefined}>
        {t('sites.statusForm.submit')}
      </button>
    </form>
  );
}

// ---- incidents ----------------------------------------------------------------------------------------

const REPORT_LABELS = {
  source: 'sites.report.source',
  description: 'sites.report.description',
  jointCaseId: 'sites.report.jointCaseId',
} as const;

/** Report an incident at the site: how it came to light, what was reported (never a whistle-blower's name). */
export function ReportIncidentForm({ site, onRecorded }: { readonly site: SiteRef; readonly onRecorded: () => void }) {
  const t = useT();
  const formId = `report-${useId().replace(/:/g, '')}`;
  const kit = useFormFeedback(formId, REPORT_LABELS);
  const [source, setSource] = useState<SiteIncidentSource | ''>('');
  const [description, setDescription] = useState('');
  const [jointCaseId, setJointCaseId] = useState('');
  const command = useSiteCommand({
    document: ReportSiteIncidentMutation,
    mutation: 'reportSiteIncident',
    label: 'sites.action.reportSiteIncident',
    subject: { kind: 'site', id: site.siteId },
    onAcknowledged: () => {
      setSource('');
      setDescription('');
      setJointCaseId('');
      onRecorded();
    },
    onRefused: kit.refused,
  });

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const caseId = jointCaseId.trim();
    const ok = kit.check({
      source: source === '' ? [{ key: 'form.problem.choose' }] : [],
      description: required(description, MAX_TEXT),
      jointCaseId: caseId !== '' && !UUID.test(caseId) ? [{ key: 'sites.problem.caseId' }] : [],
    });
    if (!ok || source === '') return;
    void command.send({
      siteId: site.siteId,
      source,
      description: description.trim(),
      ...(caseId !== '' ? { jointCaseId: caseId } : {}),
    });
  };

  return (
    <form noValidate onSubmit={submit} aria-labelledby={`${formId}-title`}>
      <h3 id={`${formId}-title`}>{t('sites.report.title')}</h3>
      {kit.top}
      <RadioGroup
        id={kit.controlId('source')}
        name="source"
        legend={t(REPORT_LABELS.source)}
        options={INCIDENT_SOURCES}
        label={(s) => t(`sites.source.${s}`)}
        value={source}
        onChange={setSource}
        errors={kit.errorsOf('source')}
      />
      <TextControl
        kit={kit}
        field="description"
        multiline
        label={t(REPORT_LABELS.description)}
        hint={t('sites.report.description.hint')}
        value={description}
        onChange={setDescription}
      />
      <TextControl
        kit={kit}
        field="jointCaseId"
        label={t(REPORT_LABELS.jointCaseId)}
        hint={t('sites.report.jointCaseId.hint')}
        value={jointCaseId}
        onChange={setJointCaseId}
      />
      <CommandState command={command} />
      <button type="submit" aria-busy={command.status.kind === 'sending' || undefined}>
        {t('sites.report.submit')}
      </button>
    </form>
  );
}

const CLASSIFY_LABELS = { level: 'sites.classify.level' } as const;

/** Grade an open incident, OECD Annex II: 1 the most serious (forced labour, worst forms of child labour). */
export function ClassifyIncidentForm({
  incident,
  onRecorded,
}: {
  readonly incident: IncidentRef;
  readonly onRecorded: () => void;
}) {
  const t = useT();
  const formId = `classify-${useId().replace(/:/g, '')}`;
  const kit = useFormFeedback(formId, CLASSIFY_LABELS);
  const [level, setLevel] = useState<IncidentLevelChoice | ''>('');
  const command = useSiteCommand({
    document: ClassifySiteIncidentMutation,
    mutation: 'classifySiteIncident',
    label: 'sites.action.classifySiteIncident',
    subject: { kind: 'incident', id: incident.incidentId },
    onAcknowledged: () => {
      setLevel('');
      onRecorded();
    },
    onRefused: kit.refused,
  });

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const ok = kit.check({
      level:
        level === ''
          ? [{ key: 'form.problem.choose' }]
          : Number(level) === incident.level
            ? [{ key: 'sites.problem.sameLevel' }]
            : [],
    });
    if (!ok || level === '') return;
    void command.send({ incidentId: incident.incidentId, expectedRevision: incident.revision, level: Number(level) });
  };

  return (
    <form noValidate onSubmit={submit} aria-labelledby={`${formId}-title`}>
      <h4 id={`${formId}-title`}>{t(incident.level === null ? 'sites.classify.title' : 'sites.classify.retitle')}</h4>
      {kit.top}
      <RadioGroup
        id={kit.controlId('level')}
        name="level"
        legend={t(CLASSIFY_LABELS.level)}
        hint={t('sites.classify.hint')}
        options={INCIDENT_LEVELS}
        label={(l) => t(`sites.level.${l}`)}
        value={level}
        onChange={setLevel}
        errors={kit.errorsOf('level')}
      />
      <CommandState command={command} currentRevision={incident.revision} />
      <button type="submit" aria-busy={command.status.kind === 'sending' || undefined}>
        {t('sites.classify.submit')}
      </button>
    </form>
  );
}

const CLOSE_LABELS = { summary: 'sites.close.summary' } as const;

/** Close a classified incident with a summary that will be published: it must not identify anyone. */
export function CloseIncidentForm({
  incident,
  onRecorded,
}: {
  readonly incident: IncidentRef;
  readonly onRecorded: () => void;
}) {
  const t = useT();
  const formId = `close-${useId().replace(/:/g, '')}`;
  const kit = useFormFeedback(formId, CLOSE_LABELS);
  const [summary, setSummary] = useState('');
  const command = useSiteCommand({
    document: CloseSiteIncidentMutation,
    mutation: 'closeSiteIncident',
    label: 'sites.action.closeSiteIncident',
    subject: { kind: 'incident', id: incident.incidentId },
    onAcknowledged: () => {
      setSummary('');
      onRecorded();
    },
    onRefused: kit.refused,
  });

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (!kit.check({ summary: required(summary, MAX_TEXT) })) return;
    void command.send({
      incidentId: incident.incidentId,
      expectedRevision: incident.revision,
      summary: summary.trim(),
    });
  };

  return (
    <form noValidate onSubmit={submit} aria-labelledby={`${formId}-title`}>
      <h4 id={`${formId}-title`}>{t('sites.close.title')}</h4>
      {kit.top}
      <TextControl
        kit={kit}
        field="summary"
        multiline
        label={t(CLOSE_LABELS.summary)}
        hint={t('sites.close.summary.hint')}
        value={summary}
        onChange={setSummary}
      />
      <CommandState command={command} currentRevision={incident.revision} />
      <button type="submit" aria-busy={command.status.kind === 'sending' || undefined}>
        {t('sites.close.submit')}
      </button>
    </form>
  );
}
