import { useRef, useState, type SyntheticEvent } from 'react';
import { useQuery } from '../../api/hooks';
import type { PageProps } from '../../app/page';
import { Link, navigate, searchParam } from '../../app/router';
import { AgencyName } from '../../components/agency';
import { CheckboxGroup, ErrorSummary } from '../../components/form';
import { ErrorNotice, Loading, OfflineBanner } from '../../components/feedback';
import type { InvestigationOffence } from '../../gql/graphql';
import { useT } from '../../i18n/i18n';
import { useSession } from '../../session/session';
import { addProblem, checkText, CommandNote, Field } from './FormParts';
import { InvestigationReferralQuery, InvestigationsListQuery, OpenInvestigationMutation } from './operations';
import { type Problems, useInvestigationForm } from './useInvestigationForm';
import { LIMITS, OFFENCES, SITE_CODE } from './vocabulary';
import { newId } from '../../api/ids';
import '../referrals/referrals.css';

type OpenField = 'leadOfficerId' | 'offences' | 'siteCode';

const OPEN_LABELS: Readonly<Record<OpenField, string>> = {
  leadOfficerId: 'investigations.open.field.leadOfficer',
  offences: 'investigations.open.field.offences',
  siteCode: 'investigations.open.field.siteCode',
};

function openFieldOf(apiField: string): OpenField | null {
  const head = apiField.split('.')[0] ?? '';
  return head in OPEN_LABELS ? (head as OpenField) : null;
}

/**
 * `/investigations/new?referral=<id>`: open an investigation in answer to a referral the police agency
 * accepted: in the referral's case, at its site, led by an officer of the agency. Then its page opens.
 */
export function OpenInvestigationPage(_props: PageProps) {
  const [referralId] = useState(() => searchParam('referral') ?? '');
  return <OpenInvestigationView key={referralId} referralId={referralId} />;
}

function OpenInvestigationView({ referralId }: { readonly referralId: string }) {
  const t = useT();
  const { session } = useSession();
  const { data, error, loading, offlineAsOf } = useQuery(
    InvestigationReferralQuery,
    { referralId },
    { skip: referralId === '' },
  );
  // An investigation already opened for this referral is offered instead of a second one.
  const existing = useQuery(InvestigationsListQuery, { filter: { first: 200 } }, { skip: referralId === '' });
  const already = existing.data?.investigations.nodes.find((i) => i.referralId === referralId);
  const referral = data?.referral;

  const mayOpen =
    referral !== undefined &&
    referral.jointCaseId !== null &&
    session?.agencyType === 'police' &&
    referral.status === 'ACCEPTED' &&
    referral.toAgencyId === session.agencyId;

  return (
    <section>
      <h1 tabIndex={-1}>{t('investigations.open.title')}</h1>
      <OfflineBanner asOf={offlineAsOf} />
      {referralId === '' ? (
        <p>{t('investigations.open.noReferral')}</p>
      ) : referral ? (
        <>
          <dl className="referral-facts">
            <dt>{t('investigations.facts.referral')}</dt>
            <dd>
              <Link href={`/referrals/${encodeURIComponent(referralId)}`}>
                {referral.reference ?? t('investigations.facts.referralNoReference')}
              </Link>
              {' — '}
              {t('investigations.facts.referralFrom')}{' '}
              <AgencyName id={referral.fromAgencyId} agency={referral.fromAgency} />
            </dd>
            <dt>{t('investigations.facts.site')}</dt>
            <dd>{referral.siteCode ?? t('common.none')}</dd>
          </dl>
          {already ? (
            <p className="banner" role="status">
              {t('investigations.open.already')}{' '}
              <Link href={`/investigations/${encodeURIComponent(already.investigationId)}`}>
                {already.reference ?? t('investigations.open.alreadyLink')}
              </Link>
            </p>
          ) : null}
          {mayOpen ? (
            <OpenInvestigationForm
              referralId={referralId}
              jointCaseId={referral.jointCaseId ?? ''}
              siteCode={referral.siteCode ?? ''}
              officer={session.userId}
              suggested={referral.childLabourFlags.length > 0 ? ['FORCED_LABOUR', 'CHILD_LABOUR'] : ['FORCED_LABOUR']}
            />
          ) : (
            <p>{t('investigations.open.notAccepted')}</p>
          )}
        </>
      ) : loading ? (
        <Loading />
      ) : error ? (
        <ErrorNotice error={error} />
      ) : offlineAsOf ? (
        <p>{t('investigations.page.notReadOffline')}</p>
      ) : null}
    </section>
  );
}

function OpenInvestigationForm({
  referralId,
  jointCaseId,
  siteCode: initialSite,
  officer,
  suggested,
}: {
  readonly referralId: string;
  readonly jointCaseId: string;
  readonly siteCode: string;
  readonly officer: string;
  readonly suggested: readonly InvestigationOffence[];
}) {
  const t = useT();
  const [leadOfficerId, setLeadOfficerId] = useState(officer);
  const [offences, setOffences] = useState<InvestigationOffence[]>(() => [...suggested]);
  const [siteCode, setSiteCode] = useState(initialSite);
  // The investigation's id is made with the command: its page opens once the command is acknowledged.
  const [investigationId] = useState(() => newId());
  const summaryRef = useRef<HTMLDivElement>(null);
  const form = useInvestigationForm({
    summaryRef,
    id: 'open',
    document: OpenInvestigationMutation,
    mutation: 'openInvestigation',
    label: 'investigations.action.openInvestigation',
    investigationId,
    labels: OPEN_LABELS,
    fieldOf: openFieldOf,
    onAcknowledged: (answer) => {
      const id = (answer as { investigationId?: string } | undefined)?.investigationId ?? investigationId;
      navigate(`/investigations/${encodeURIComponent(id)}`);
    },
  });

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const found: Problems<OpenField> = {};
    checkText(found, 'leadOfficerId', leadOfficerId, LIMITS.maxShortText);
    if (offences.length === 0) addProblem(found, 'offences', 'investigations.problem.offences');
    const site = siteCode.trim().toUpperCase();
    if (site !== '' && !SITE_CODE.test(site)) addProblem(found, 'siteCode', 'investigations.problem.siteCode');
    form.submit(found, () => ({
      investigationId,
      jointCaseId,
      referralId,
      leadOfficerId: leadOfficerId.trim(),
      offences: [...offences],
      ...(site !== '' ? { siteCode: site } : {}),
    }));
  };

  const { controlId, errorId, errorsOf, aria } = form;
  if (form.status.kind === 'queued' || form.status.kind === 'conflict') {
    return (
      <>
        <CommandNote status={form.status} />
        <Link href="/outbox">{t('investigations.page.outboxLink')}</Link>
      </>
    );
  }
  return (
    <form noValidate onSubmit={submit} aria-describedby={form.summaryItems.length > 0 ? form.summaryId : undefined}>
      <ErrorSummary ref={summaryRef} id={form.summaryId} items={form.summaryItems} />
      <Field
        label={t(OPEN_LABELS.leadOfficerId)}
        htmlFor={controlId('leadOfficerId')}
        hint={t('investigations.open.field.leadOfficer.hint')}
        hintId="open-leadOfficer-hint"
        errorId={errorId('leadOfficerId')}
        errors={errorsOf('leadOfficerId')}
      >
        <input
          id={controlId('leadOfficerId')}
          name="leadOfficerId"
          value={leadOfficerId}
          onChange={(e) => setLeadOfficerId(e.target.value)}
          autoComplete="off"
          {...aria('leadOfficerId', 'open-leadOfficer-hint')}
        />
      </Field>
      <CheckboxGroup
        id={controlId('offences')}
        name="offences"
        legend={t(OPEN_LABELS.offences)}
        hint={t('investigations.open.field.offences.hint')}
        options={OFFENCES}
        label={(o) => t(`investigations.offence.${o}`)}
        values={offences}
        onChange={setOffences}
        errors={errorsOf('offences')}
      />
      <Field
        label={t(OPEN_LABELS.siteCode)}
        htmlFor={controlId('siteCode')}
        hint={t('investigations.open.field.siteCode.hint')}
        hintId="open-siteCode-hint"
        errorId={errorId('siteCode')}
        errors={errorsOf('siteCode')}
      >
        <input
          id={controlId('siteCode')}
          name="siteCode"
          value={siteCode}
          onChange={(e) => setSiteCode(e.target.value)}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          {...aria('siteCode', 'open-siteCode-hint')}
        />
      </Field>
      <button type="submit" aria-busy={form.busy || undefined}>
        {t('investigations.open.submit')}
      </button>
    </form>
  );
}
