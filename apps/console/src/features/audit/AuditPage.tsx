import { useEffect, useRef, useState, type SyntheticEvent } from 'react';
import { useIntl } from 'react-intl';
import { request } from '../../api/client';
import { ApiError, OfflineError } from '../../api/errors';
import { useQuery } from '../../api/hooks';
import type { PageProps } from '../../app/page';
import { Link } from '../../app/router';
import { AgencyName } from '../../components/agency';
import { ErrorNotice, Loading, OfflineBanner } from '../../components/feedback';
import { type FieldMessage } from '../../components/form';
import type { AuditAction, AuditEntryFilter, ConsoleAuditEntriesQuery } from '../../gql/graphql';
import { useKivuTime, useT } from '../../i18n/i18n';
import { instantOfKivuLocal } from '../referrals/kivuTime';
import { TextControl, useFormFeedback } from '../sites/formKit';
import { AuditAgenciesQuery, AuditCaseByReferenceQuery, AuditEntriesQuery } from './documents';
import './audit.css';

/** Entries per page: 1 to 200 by the API; a screenful an auditor reads through. */
export const AUDIT_PAGE = 50;
const ACTIONS: readonly AuditAction[] = ['COMMAND', 'QUERY', 'PERSONAL_DATA_READ'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A person or record as the trail names it: kind:id (assistance:…, referral:…, suspect:…). */
const SUBJECT = /^[a-z][a-z_]*:\S+$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 24 * 60 * 60 * 1000;

const LABELS = {
  subject: 'audit.filter.subject',
  jointCaseId: 'audit.filter.case',
  userId: 'audit.filter.user',
  agencyId: 'audit.filter.agency',
  action: 'audit.filter.action',
  operation: 'audit.filter.operation',
  from: 'audit.filter.from',
  to: 'audit.filter.to',
} as const;
type Field = keyof typeof LABELS;

interface FilterForm {
  readonly subject: string;
  readonly caseText: string;
  readonly userId: string;
  readonly agencyId: string;
  readonly action: AuditAction | '';
  readonly operation: string;
  readonly from: string;
  readonly to: string;
}

const EMPTY: FilterForm = {
  subject: '',
  caseText: '',
  userId: '',
  agencyId: '',
  action: '',
  operation: '',
  from: '',
  to: '',
};

/** The start of a day in Kivu time, as an instant. */
const startOfKivuDay = (day: string) => instantOfKivuLocal(`${day}T00:00`);

type Entries = ConsoleAuditEntriesQuery['auditEntries'];

/**
 * `/audit`: the audit trail for auditors, newest first, narrowed by person or record, case (its id or
 * its reference), user, agency, action and period (whole days in Kivu time), read page after page.
 * Reading it is itself audited, and the page says so.
 */
export function AuditPage(_props: PageProps) {
  const t = useT();
  const kit = useFormFeedback('audit-filter', LABELS);
  const [form, setForm] = useState<FilterForm>(EMPTY);
  const [filter, setFilter] = useState<AuditEntryFilter>({});
  const [resolving, setResolving] = useState(false);
  const [lookupProblem, setLookupProblem] = useState<ApiError | OfflineError>();
  const agencies = useQuery(AuditAgenciesQuery, {});
  const set = <K extends keyof FilterForm>(key: K, value: FilterForm[K]) => setForm((f) => ({ ...f, [key]: value }));

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    setLookupProblem(undefined);
    const subject = form.subject.trim();
    const caseText = form.caseText.trim();
    const from = form.from === '' ? undefined : DAY.test(form.from) ? startOfKivuDay(form.from) : null;
    const toDay = form.to === '' ? undefined : DAY.test(form.to) ? startOfKivuDay(form.to) : null;
    const dayProblem = (value: Date | null | undefined): FieldMessage[] =>
      value === null ? [{ key: 'audit.problem.day' }] : [];
    const ok = kit.check({
      subject: subject !== '' && !SUBJECT.test(subject) ? [{ key: 'audit.problem.subject' }] : [],
      from: dayProblem(from),
      to:
        toDay === null
          ? [{ key: 'audit.problem.day' }]
          : from && toDay && toDay.getTime() < from.getTime()
            ? [{ key: 'audit.problem.toBeforeFrom' }]
            : [],
    });
    if (!ok) return;

    // A reference (NK-2026-00042, or a record's NK-2026-00042-R1) is read as its case's id first.
    let jointCaseId: string | undefined = caseText === '' ? undefined : caseText;
    if (caseText !== '' && !UUID.test(caseText)) {
      setResolving(true);
      try {
        const found = await request(AuditCaseByReferenceQuery, { reference: caseText });
        jointCaseId = found.caseByReference.jointCaseId;
      } catch (caught) {
        if (caught instanceof ApiError && caught.code === 'NOT_FOUND') {
          kit.check({ jointCaseId: [{ key: 'audit.problem.caseNotFound', values: { reference: caseText } }] });
        } else {
          setLookupProblem(
            caught instanceof ApiError || caught instanceof OfflineError ? caught : new OfflineError(caught),
          );
        }
        return;
      } finally {
        setResolving(false);
      }
    }
    setFilter({
      ...(subject !== '' ? { subject } : {}),
      ...(jointCaseId ? { jointCaseId } : {}),
      ...(form.userId.trim() !== '' ? { userId: form.userId.trim() } : {}),
      ...(form.agencyId !== '' ? { agencyId: form.agencyId } : {}),
      ...(form.action !== '' ? { action: form.action } : {}),
      ...(form.operation.trim() !== '' ? { operation: form.operation.trim() } : {}),
      ...(from ? { from: from.toISOString() } : {}),
      // The last day counts whole: up to the start of the next one (the API's `to` is exclusive).
      ...(toDay ? { to: new Date(toDay.getTime() + DAY_MS).toISOString() } : {}),
    });
  };

  const agencyControl = kit.control('agencyId');
  const actionControl = kit.control('action');
  const reset = () => {
    setForm(EMPTY);
    setFilter({});
    kit.clear();
  };

  return (
    <section>
      <h1 tabIndex={-1}>{t('audit.title')}</h1>
      <p className="banner audit-notice" role="note">
        <strong>{t('audit.audited')}</strong>
      </p>
      <p>{t('audit.intro')}</p>
      <form noValidate onSubmit={(e) => void submit(e)} aria-labelledby="audit-filter-title" className="audit-filter">
        <h2 id="audit-filter-title">{t('audit.filter.title')}</h2>
        {kit.top}
        {lookupProblem instanceof ApiError ? <ErrorNotice error={lookupProblem} /> : null}
        {lookupProblem instanceof OfflineError ? (
          <p role="alert" className="banner banner-offline">
            {t('audit.offline')}
          </p>
        ) : null}
        <div className="audit-filter-grid">
          <div>
            <TextControl
              kit={kit}
              field="subject"
              label={t(LABELS.subject)}
              hint={t('audit.filter.subject.hint')}
              value={form.subject}
              onChange={(v) => set('subject', v)}
            />
          </div>
          <div>
            <TextControl
              kit={kit}
              field="jointCaseId"
              label={t(LABELS.jointCaseId)}
              hint={t('audit.filter.case.hint')}
              value={form.caseText}
              onChange={(v) => set('caseText', v)}
            />
          </div>
          <div>
            <TextControl
              kit={kit}
              field="userId"
              label={t(LABELS.userId)}
              value={form.userId}
              onChange={(v) => set('userId', v)}
            />
          </div>
          <div>
            <label htmlFor={agencyControl.id}>{t(LABELS.agencyId)}</label>
            <select
              {...agencyControl}
              value={form.agencyId}
              aria-busy={(agencies.loading && !agencies.data) || undefined}
              onChange={(e) => set('agencyId', e.target.value)}
            >
              <option value="">{t('audit.filter.anyAgency')}</option>
              {(agencies.data?.agencies ?? []).map((a) => (
                <option key={a.agencyId} value={a.agencyId} title={a.agencyId}>
                  {a.name}
                </option>
              ))}
            </select>
            {kit.errorBeside('agencyId')}
          </div>
          <div>
            <label htmlFor={actionControl.id}>{t(LABELS.action)}</label>
            <select
              {...actionControl}
              value={form.action}
              onChange={(e) => set('action', e.target.value as AuditAction | '')}
            >
              <option value="">{t('audit.filter.anyAction')}</option>
              {ACTIONS.map((a) => (
                <option key={a} value={a}>
                  {t(`audit.action.${a}`)}
                </option>
              ))}
            </select>
            {kit.errorBeside('action')}
          </div>
          <div>
            <TextControl
              kit={kit}
              field="operation"
              label={t(LABELS.operation)}
              hint={t('audit.filter.operation.hint')}
              value={form.operation}
              onChange={(v) => set('operation', v)}
            />
          </div>
          <div>
            <DayControl
              kit={kit}
              field="from"
              label={t(LABELS.from)}
              value={form.from}
              onChange={(v) => set('from', v)}
            />
          </div>
          <div>
            <DayControl kit={kit} field="to" label={t(LABELS.to)} value={form.to} onChange={(v) => set('to', v)} />
          </div>
        </div>
        <small className="field-hint">{t('audit.filter.period.hint')}</small>
        <div className="actions-row">
          <button type="submit" aria-busy={resolving || undefined}>
            {t('audit.filter.submit')}
          </button>{' '}
          <button type="button" className="secondary" onClick={reset}>
            {t('audit.filter.reset')}
          </button>
        </div>
      </form>
      {/* Another filter is another trail: the pages read on for the last one do not carry over. */}
      <AuditTrail key={JSON.stringify(filter)} filter={filter} onRefused={kit.refused} />
    </section>
  );
}

function DayControl({
  kit,
  field,
  label,
  value,
  onChange,
}: {
  readonly kit: ReturnType<typeof useFormFeedback<Field>>;
  readonly field: 'from' | 'to';
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
}) {
  const control = kit.control(field);
  return (
    <>
      <label htmlFor={control.id}>{label}</label>
      <input {...control} type="date" value={value} onChange={(e) => onChange(e.target.value)} />
      {kit.errorBeside(field)}
    </>
  );
}

function AuditTrail({
  filter,
  onRefused,
}: {
  readonly filter: AuditEntryFilter;
  readonly onRefused: (error: ApiError) => void;
}) {
  const t = useT();
  const first = { ...filter, first: AUDIT_PAGE };
  const { data, error, loading, offlineAsOf } = useQuery(AuditEntriesQuery, { filter: first });
  const [more, setMore] = useState<readonly Entries[]>([]);
  const [readingOn, setReadingOn] = useState(false);
  const [problem, setProblem] = useState<ApiError | OfflineError>();

  // A filter the API refused: its reasons go beside the fields they name (once per answer).
  const refusedRef = useRef(onRefused);
  useEffect(() => {
    refusedRef.current = onRefused;
  });
  useEffect(() => {
    if (error?.code === 'BAD_USER_INPUT' && (error.details.fields ?? []).length > 0) refusedRef.current(error);
  }, [error]);

  const pages = data ? [data.auditEntries, ...more] : [];
  const entries = [...new Map(pages.flatMap((p) => p.nodes).map((e) => [e.id, e])).values()];
  const last = pages.at(-1)?.pageInfo;

  const readOn = async () => {
    if (!last?.endCursor) return;
    setReadingOn(true);
    setProblem(undefined);
    try {
      const page = await request(AuditEntriesQuery, { filter: { ...first, after: last.endCursor } });
      setMore((current) => [...current, page.auditEntries]);
    } catch (caught) {
      setProblem(caught instanceof ApiError || caught instanceof OfflineError ? caught : new OfflineError(caught));
    } finally {
      setReadingOn(false);
    }
  };

  return (
    <section aria-labelledby="audit-entries-title">
      <h2 id="audit-entries-title">{t('audit.entries.title')}</h2>
      <OfflineBanner asOf={offlineAsOf} />
      {error && !(error.code === 'BAD_USER_INPUT' && (error.details.fields ?? []).length > 0) ? (
        <ErrorNotice error={error} />
      ) : null}
      {!data && loading ? <Loading /> : null}
      {data ? (
        <>
          <p role="status">
            {t('audit.entries.count', { count: entries.length, more: last?.hasNextPage ? 'yes' : 'no' })}
          </p>
          <AuditTable entries={entries} />
        </>
      ) : null}
      {problem instanceof ApiError ? <ErrorNotice error={problem} /> : null}
      {problem instanceof OfflineError ? (
        <p role="alert" className="banner banner-offline">
          {t('audit.offline')}
        </p>
      ) : null}
      {last?.hasNextPage ? (
        <button type="button" className="secondary" aria-busy={readingOn || undefined} onClick={() => void readOn()}>
          {t('audit.entries.more')}
        </button>
      ) : null}
    </section>
  );
}

type Entry = Entries['nodes'][number];

function outcomeOf(t: ReturnType<typeof useT>, outcome: string): string {
  if (outcome === 'succeeded') return t('audit.outcome.succeeded');
  if (outcome === 'denied') return t('audit.outcome.denied');
  return t('audit.outcome.error', { code: outcome });
}

function AuditTable({ entries }: { readonly entries: readonly Entry[] }) {
  const t = useT();
  const time = useKivuTime();
  const intl = useIntl();
  // A role the catalogue names reads in words; another (a newer platform's) as it is.
  const roleName = (role: string) => (intl.messages[`role.${role}`] ? t(`role.${role}`) : role);
  return (
    <div className="overflow-auto">
      <table className="audit-table">
        <caption>{t('audit.entries.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('audit.column.when')}</th>
            <th scope="col">{t('audit.column.who')}</th>
            <th scope="col">{t('audit.column.what')}</th>
            <th scope="col">{t('audit.column.outcome')}</th>
            <th scope="col">{t('audit.column.purpose')}</th>
            <th scope="col">{t('audit.column.subjects')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.length === 0 ? (
            <tr>
              <td colSpan={6}>{t('audit.entries.none')}</td>
            </tr>
          ) : null}
          {entries.map((e) => (
            <tr key={e.id} data-testid="audit-entry">
              <th scope="row">
                <time dateTime={e.at}>{time.dateTime(e.at)}</time>
              </th>
              <td>
                <code>{e.userId}</code>
                <br />
                <AgencyName id={e.agencyId} agency={e.agency} />
                <br />
                <small>{e.roles.length > 0 ? e.roles.map(roleName).join(', ') : t('common.none')}</small>
              </td>
              <td>
                {t(`audit.action.${e.action}`)}
                <br />
                <code>{e.operation}</code>
              </td>
              <td className={e.outcome === 'succeeded' ? undefined : 'audit-outcome-failed'}>
                {outcomeOf(t, e.outcome)}
              </td>
              <td>{e.purpose ?? <span className="redacted">{t('audit.purpose.none')}</span>}</td>
              <td>
                {e.subjects.length === 0 && !e.jointCaseId ? t('common.none') : null}
                {e.subjects.length > 0 ? (
                  <ul className="audit-subjects">
                    {e.subjects.map((s) => (
                      <li key={s}>
                        <code>{s}</code>
                      </li>
                    ))}
                  </ul>
                ) : null}
                {e.jointCaseId ? (
                  <Link href={`/cases/${encodeURIComponent(e.jointCaseId)}`}>{t('audit.openCase')}</Link>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
