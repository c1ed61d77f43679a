import { useMemo, useRef, useState, type SyntheticEvent } from 'react';
import { useQuery } from '../../api/hooks';
import type { PageProps } from '../../app/page';
import { Link, navigate } from '../../app/router';
import { ErrorNotice, OfflineBanner } from '../../components/feedback';
import {
  CheckboxGroup,
  describedBy,
  ErrorSummary,
  FieldError,
  RadioGroup,
  type FieldMessage,
} from '../../components/form';
import type { MeetingLanguage, MeetingProvince } from '../../gql/graphql';
import { useLanguage, useT } from '../../i18n/i18n';
import { useSession } from '../../session/session';
import { useCommand } from '../outbox/useCommand';
import { instantOfKivuLocal } from '../referrals/kivuTime';
import { CommandNotice, useFormProblems, type Problems } from './forms';
import { MeetingAgenciesQuery, ScheduleMeetingMutation } from './operations';
import { agencyTypeKey, MAX_TITLE, MEETING_AGENCY_TYPES, MEETING_LANGUAGES, PROVINCES, SITE_CODE } from './vocabulary';
import { newId } from '../../api/ids';
import './meetings.css';

type Field = 'title' | 'province' | 'scheduledFor' | 'siteCode' | 'participants' | 'language';

const LABELS: Readonly<Record<Field, string>> = {
  title: 'meetings.field.title',
  province: 'meetings.field.province',
  scheduledFor: 'meetings.field.scheduledFor',
  siteCode: 'meetings.field.siteCode',
  participants: 'meetings.field.participants',
  language: 'meetings.field.language',
};

function fieldOf(apiField: string): Field | null {
  if (apiField.startsWith('participantAgency')) return 'participants';
  if (apiField === 'meetingId') return null;
  return apiField in LABELS ? (apiField as Field) : null;
}

interface Values {
  readonly title: string;
  readonly province: MeetingProvince | '';
  readonly scheduledFor: string;
  readonly siteCode: string;
  readonly participants: readonly string[];
  readonly language: MeetingLanguage;
}

/** `/meetings/new`: the coordination body schedules a meeting, its participants chosen by name. */
export function ScheduleMeetingPage(_props: PageProps) {
  const t = useT();
  const { language: consoleLanguage } = useLanguage();
  const { session } = useSession();
  const [values, setValues] = useState<Values>(() => ({
    title: '',
    province: '',
    scheduledFor: '',
    siteCode: '',
    participants: [],
    language: consoleLanguage.toUpperCase() as MeetingLanguage,
  }));
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));
  const summaryRef = useRef<HTMLDivElement>(null);
  const form = useFormProblems<Field>({ summaryRef, idPrefix: 'meeting-new', labels: LABELS, fieldOf });

  const directory = useQuery(MeetingAgenciesQuery, {});
  // The directory's agencies that take part in meetings, by name (the convening body takes part anyway).
  const offered = useMemo(
    () =>
      (directory.data?.agencies ?? [])
        .filter((a) => a.agencyId !== session?.agencyId && MEETING_AGENCY_TYPES.includes(a.agencyType))
        .sort((a, b) => a.name.localeCompare(b.name)),
    [directory.data, session?.agencyId],
  );
  const nameOf = useMemo(() => new Map(offered.map((a) => [a.agencyId, a])), [offered]);

  const { status, send } = useCommand({
    document: ScheduleMeetingMutation,
    mutation: 'scheduleMeeting',
    label: 'meetings.action.scheduleMeeting',
    persistAs: 'pamoja.meetings.new',
    onRefused: form.onRefused,
    onAcknowledged: ({ answer, subject }) => {
      const id = (answer as { meetingId?: string } | undefined)?.meetingId ?? subject?.id;
      if (id) navigate(`/meetings/${encodeURIComponent(id)}`);
    },
  });

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (status.kind === 'sending' || status.kind === 'queued') return;
    const found: Problems<Field> = {};
    const add = (field: Field, message: FieldMessage) => (found[field] = [...(found[field] ?? []), message]);
    const title = values.title.trim();
    if (title === '') add('title', { key: 'form.problem.required' });
    else if (title.length > MAX_TITLE) add('title', { key: 'form.problem.tooLong', values: { max: MAX_TITLE } });
    if (values.province === '') add('province', { key: 'form.problem.choose' });
    const when = instantOfKivuLocal(values.scheduledFor);
    if (!when) add('scheduledFor', { key: 'form.problem.dateTime' });
    const siteCode = values.siteCode.trim().toUpperCase();
    if (siteCode !== '') {
      if (!SITE_CODE.test(siteCode)) add('siteCode', { key: 'meetings.problem.siteCode' });
      else if (values.province !== '' && !siteCode.startsWith(`${values.province}-`)) {
        add('siteCode', { key: 'meetings.problem.siteProvince' });
      }
    }
    if (values.participants.length === 0) add('participants', { key: 'meetings.problem.participants' });
    if (!form.check(found) || !when || values.province === '') return;
    const meetingId = newId();
    void send(
      {
        meetingId,
        title,
        province: values.province,
        scheduledFor: when.toISOString(),
        ...(siteCode !== '' ? { siteCode } : {}),
        participantAgencyIds: [...values.participants],
        language: values.language,
      },
      { subject: { kind: 'meeting', id: meetingId } },
    );
  };

  const busy = status.kind === 'sending' || status.kind === 'queued';
  return (
    <section className="meetings-page">
      <p className="meeting-screen-only">
        <Link href="/meetings">{t('meetings.backToList')}</Link>
      </p>
      <h1 tabIndex={-1}>{t('meetings.new.title')}</h1>
      <OfflineBanner asOf={directory.offlineAsOf} />
      <ErrorSummary ref={summaryRef} id={form.summaryId} items={form.items} />
      <ErrorNotice error={form.refusal} />
      <CommandNotice status={status} currentRevision={undefined} onReload={() => undefined} />
      <form noValidate onSubmit={submit} aria-describedby={form.items.length > 0 ? form.summaryId : undefined}>
        <label htmlFor={form.controlId('title')}>{t(LABELS.title)}</label>
        <input
          id={form.controlId('title')}
          name="title"
          value={values.title}
          maxLength={MAX_TITLE}
          onChange={(e) => set('title', e.target.value)}
          aria-invalid={form.invalid('title') || undefined}
          aria-describedby={describedBy(form.invalid('title') && form.errorId('title'))}
        />
        <FieldError id={form.errorId('title')} messages={form.errorsOf('title')} />

        <RadioGroup
          id={form.controlId('province')}
          name="province"
          legend={t(LABELS.province)}
          options={PROVINCES}
          label={(p) => t(`meetings.province.${p}`)}
          value={values.province}
          onChange={(p) => set('province', p)}
          errors={form.errorsOf('province')}
        />

        <label htmlFor={form.controlId('scheduledFor')}>{t(LABELS.scheduledFor)}</label>
        <input
          id={form.controlId('scheduledFor')}
          name="scheduledFor"
          type="datetime-local"
          value={values.scheduledFor}
          onChange={(e) => set('scheduledFor', e.target.value)}
          aria-invalid={form.invalid('scheduledFor') || undefined}
          aria-describedby={describedBy(
            'meeting-new-scheduledFor-hint',
            form.invalid('scheduledFor') && form.errorId('scheduledFor'),
          )}
        />
        <small id="meeting-new-scheduledFor-hint" className="field-hint">
          {t('meetings.field.scheduledFor.hint')}
        </small>
        <FieldError id={form.errorId('scheduledFor')} messages={form.errorsOf('scheduledFor')} />

        <label htmlFor={form.controlId('siteCode')}>{t(LABELS.siteCode)}</label>
        <input
          id={form.controlId('siteCode')}
          name="siteCode"
          value={values.siteCode}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          onChange={(e) => set('siteCode', e.target.value)}
          aria-invalid={form.invalid('siteCode') || undefined}
          aria-describedby={describedBy(
            'meeting-new-siteCode-hint',
            form.invalid('siteCode') && form.errorId('siteCode'),
          )}
        />
        <small id="meeting-new-siteCode-hint" className="field-hint">
          {t('meetings.field.siteCode.hint')}
        </small>
        <FieldError id={form.errorId('siteCode')} messages={form.errorsOf('siteCode')} />

        <CheckboxGroup
          id={form.controlId('participants')}
          name="participants"
          legend={t(LABELS.participants)}
          hint={
            directory.loading && !directory.data
              ? t('common.loading')
              : directory.data === undefined
                ? t('meetings.field.participants.unavailable')
                : offered.length === 0
                  ? t('meetings.field.participants.none')
                  : t('meetings.field.participants.hint')
          }
          options={offered.map((a) => a.agencyId)}
          label={(id) => {
            const a = nameOf.get(id);
            return a ? t('meetings.agencyOption', { name: a.name, type: t(agencyTypeKey(a.agencyType)) }) : id;
          }}
          values={values.participants}
          onChange={(ids) => set('participants', ids)}
          errors={form.errorsOf('participants')}
        />

        <RadioGroup
          id={form.controlId('language')}
          name="language"
          legend={t(LABELS.language)}
          hint={t('meetings.field.language.hint')}
          options={MEETING_LANGUAGES}
          label={(l) => t(`meetings.language.${l}`)}
          value={values.language}
          onChange={(l) => set('language', l)}
          errors={form.errorsOf('language')}
        />

        <button type="submit" aria-busy={busy || undefined} disabled={busy}>
          {t('meetings.new.submit')}
        </button>
      </form>
    </section>
  );
}
