import { useCallback, useEffect, useRef, useState } from 'react';
import { useOutbox, useQuery } from '../../api/hooks';
import type { PageProps } from '../../app/page';
import { Link } from '../../app/router';
import { RefusedCommands } from '../../components/commands';
import { AgencyName } from '../../components/agency';
import { DueTime, ErrorNotice, Loading, OfflineBanner } from '../../components/feedback';
import { useKivuTime, useT } from '../../i18n/i18n';
import { useSession } from '../../session/session';
import { useActionLabel } from '../outbox/labels';
import { useAgenciesOfType } from '../referrals/agencies';
import { CloseInvestigationForm, IdentifySuspectForm, RecordArrestForm, TransmitCaseFileForm } from './CaseWorkForms';
import { RecordEvidenceForm, TransferCustodyForm } from './EvidenceForms';
import { InvestigationConflict } from './InvestigationConflict';
import { InvestigationCaseQuery, InvestigationQuery, InvestigationReferralQuery } from './operations';
import {
  PERSONAL_DATA_READERS,
  suspectLabel,
  type EvidenceData,
  type InvestigationData,
  type SuspectData,
} from './vocabulary';
import '../referrals/referrals.css';
import './investigations.css';

/**
 * `/investigations/:id`: one investigation of the police agency: where it came from, its evidence with
 * each item's chain of custody, its suspects, arrests and case files; and, for the investigating
 * agency, the forms that add to it, each through the outbox on the revision shown.
 */
export function InvestigationPage({ params }: PageProps) {
  const investigationId = params['id'] ?? '';
  return <InvestigationView key={investigationId} investigationId={investigationId} />;
}

function InvestigationView({ investigationId }: { readonly investigationId: string }) {
  const t = useT();
  const { session } = useSession();
  const label = useActionLabel();
  const { data, error, loading, offlineAsOf, refresh } = useQuery(InvestigationQuery, { investigationId });
  const outbox = useOutbox();
  const [result, setResult] = useState<string>();

  const mine = outbox.filter((e) => e.subject?.kind === 'investigation' && e.subject.id === investigationId);
  const pending = mine.filter((e) => e.state === 'pending');
  const conflicts = mine.filter((e) => e.state === 'conflict');
  const refused = mine.filter((e) => e.state === 'refused');

  // A command for it was acknowledged (here, in another tab, or after a reload): read it again.
  const pendingCount = pending.length;
  const previous = useRef(pendingCount);
  useEffect(() => {
    if (pendingCount < previous.current) refresh();
    previous.current = pendingCount;
  }, [pendingCount, refresh]);

  const acknowledged = useCallback(
    (action: string) => (answer: unknown) => {
      const replayed = (answer as { replayed?: boolean } | undefined)?.replayed === true;
      setResult(
        `${t('investigations.result', { action: t(`investigations.action.${action}`) })}${
          replayed ? ` ${t('investigations.result.replayed')}` : ''
        }`,
      );
      refresh();
    },
    [t, refresh],
  );

  const investigation = data?.investigation;
  const lead = investigation !== undefined && session?.agencyId === investigation.leadAgencyId;
  const open = investigation?.status === 'OPEN';
  const idle = pending.length === 0 && conflicts.length === 0;

  return (
    <section>
      <h1 tabIndex={-1}>
        {investigation?.reference
          ? t('investigations.page.titleRef', { reference: investigation.reference })
          : t('investigations.page.title')}
      </h1>
      <OfflineBanner asOf={offlineAsOf} />
      {result ? (
        <p role="status" className="banner" data-testid="investigation-result">
          {result}
        </p>
      ) : null}
      {pending.length > 0 ? (
        <div role="status" className="banner banner-offline command-status" data-testid="investigation-pending">
          <ul>
            {pending.map((entry) => (
              <li key={entry.commandId}>
                <strong>{label(entry)}</strong> — {t('outbox.pending.queued')}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {conflicts.length > 0 ? (
        <section aria-labelledby="investigation-conflicts">
          <h2 id="investigation-conflicts">{t('investigations.page.conflicts', { count: conflicts.length })}</h2>
          {conflicts.map((entry) => (
            <InvestigationConflict key={entry.commandId} entry={entry} current={investigation} />
          ))}
        </section>
      ) : null}
      <RefusedCommands entries={refused} />

      {investigation ? (
        <>
          <InvestigationFacts investigation={investigation} />
          <EvidenceSection
            investigation={investigation}
            mayTransfer={idle}
            onAcknowledged={acknowledged('recordEvidenceCustodyTransfer')}
          />
          <SuspectsSection investigation={investigation} />
          <ArrestsSection investigation={investigation} />
          <CaseFilesSection investigation={investigation} />
          {lead && open ? (
            <section aria-labelledby="investigation-actions">
              <h2 id="investigation-actions">{t('investigations.page.actions')}</h2>
              {idle ? null : (
                <p>
                  {conflicts.length > 0
                    ? t('investigations.page.waitForConflict')
                    : t('investigations.page.waitForPending')}
                </p>
              )}
              {/* Hidden, not removed, while a command is on its way: a refusal still comes back to its field. */}
              <div hidden={!idle}>
                <details>
                  <summary>{t('investigations.evidence.form.title')}</summary>
                  <RecordEvidenceForm investigation={investigation} onAcknowledged={acknowledged('recordEvidence')} />
                </details>
                <details>
                  <summary>{t('investigations.suspect.form.title')}</summary>
                  <IdentifySuspectForm investigation={investigation} onAcknowledged={acknowledged('identifySuspect')} />
                </details>
                {investigation.suspects.length > 0 ? (
                  <>
                    <details>
                      <summary>{t('investigations.arrest.form.title')}</summary>
                      <RecordArrestForm investigation={investigation} onAcknowledged={acknowledged('recordArrest')} />
                    </details>
                    <details>
                      <summary>{t('investigations.transmit.form.title')}</summary>
                      <TransmitCaseFileForm
                        investigation={investigation}
                        onAcknowledged={acknowledged('transmitCaseFile')}
                      />
                    </details>
                  </>
                ) : (
                  <p>{t('investigations.page.suspectFirst')}</p>
                )}
                <details>
                  <summary>{t('investigations.close.form.title')}</summary>
                  <CloseInvestigationForm
                    investigation={investigation}
                    onAcknowledged={acknowledged('closeInvestigation')}
                  />
                </details>
              </div>
            </section>
          ) : null}
        </>
      ) : loading ? (
        <Loading />
      ) : error ? (
        <ErrorNotice error={error} />
      ) : offlineAsOf ? (
        <p>{t('investigations.page.notReadOffline')}</p>
      ) : null}
      <p>
        <Link href="/investigations">{t('investigations.page.back')}</Link>
        {' · '}
        <Link href="/outbox">{t('investigations.page.outboxLink')}</Link>
      </p>
    </section>
  );
}

/** The case and the referral an investigation came from, by their references. */
function Origin({ investigation }: { readonly investigation: InvestigationData }) {
  const t = useT();
  const caseRead = useQuery(InvestigationCaseQuery, { jointCaseId: investigation.jointCaseId });
  const referralId = investigation.referralId ?? '';
  const referralRead = useQuery(InvestigationReferralQuery, { referralId }, { skip: referralId === '' });
  const referral = referralRead.data?.referral;
  return (
    <>
      <dt>{t('investigations.facts.case')}</dt>
      <dd data-testid="investigation-case">
        <Link href={`/cases/${encodeURIComponent(investigation.jointCaseId)}`}>
          {caseRead.data?.case.reference ?? t('investigations.facts.caseNoReference')}
        </Link>
      </dd>
      <dt>{t('investigations.facts.referral')}</dt>
      <dd data-testid="investigation-referral">
        {referralId === '' ? (
          t('investigations.facts.noReferral')
        ) : referral ? (
          <>
            <Link href={`/referrals/${encodeURIComponent(referralId)}`}>
              {referral.reference ?? t('investigations.facts.referralNoReference')}
            </Link>
            {' — '}
            {t('investigations.facts.referralFrom')}{' '}
            <AgencyName id={referral.fromAgencyId} agency={referral.fromAgency} />
          </>
        ) : referralRead.error ? (
          <span className="redacted">{t('investigations.notShared')}</span>
        ) : (
          <Link href={`/referrals/${encodeURIComponent(referralId)}`}>
            {t('investigations.facts.referralNoReference')}
          </Link>
        )}
      </dd>
    </>
  );
}

function InvestigationFacts({ investigation: i }: { readonly investigation: InvestigationData }) {
  const t = useT();
  const time = useKivuTime();
  return (
    <dl className="referral-facts">
      <dt>{t('investigations.facts.status')}</dt>
      <dd data-testid="investigation-status">
        <strong>{t(`investigations.status.${i.status}`)}</strong>
        {' · '}
        {t('investigations.facts.revision', { revision: i.revision })}
      </dd>
      {i.closedAt ? (
        <>
          <dt>{t('investigations.facts.closed')}</dt>
          <dd>
            {time.dateTime(i.closedAt)}
            {i.closureReason ? ` — ${t(`investigations.closureReason.${i.closureReason}`)}` : null}
            {i.closureNote ? ` (${i.closureNote})` : null}
          </dd>
        </>
      ) : null}
      <Origin investigation={i} />
      <dt>{t('investigations.facts.lead')}</dt>
      <dd>
        {t('investigations.facts.leadOfficer', { officer: i.leadOfficerId })}
        {', '}
        <AgencyName id={i.leadAgencyId} agency={i.leadAgency} />
      </dd>
      <dt>{t('investigations.facts.opened')}</dt>
      <dd>
        <time dateTime={i.openedAt}>{time.dateTime(i.openedAt)}</time>
      </dd>
      <dt>{t('investigations.facts.site')}</dt>
      <dd>{i.siteCode ?? t('common.none')}</dd>
      <dt>{t('investigations.facts.offences')}</dt>
      <dd>
        {i.offences.length > 0 ? i.offences.map((o) => t(`investigations.offence.${o}`)).join(', ') : t('common.none')}
      </dd>
    </dl>
  );
}

function Custodian({ custodian }: { readonly custodian: EvidenceData['custodian'] }) {
  const t = useT();
  return (
    <>
      {t('investigations.custody.officer', { officer: custodian.officerId })}
      {', '}
      <AgencyName id={custodian.agencyId} agency={custodian.agency} />
    </>
  );
}

function EvidenceSection({
  investigation,
  mayTransfer,
  onAcknowledged,
}: {
  readonly investigation: InvestigationData;
  readonly mayTransfer: boolean;
  readonly onAcknowledged: (answer: unknown) => void;
}) {
  const t = useT();
  const time = useKivuTime();
  const { session } = useSession();
  return (
    <section aria-labelledby="investigation-evidence">
      <h2 id="investigation-evidence">
        {t('investigations.evidence.title', { count: investigation.evidence.length })}
      </h2>
      {investigation.evidence.length === 0 ? <p>{t('investigations.evidence.none')}</p> : null}
      {investigation.evidence.map((e) => {
        // The investigating agency, or whoever holds the item now, records its next handover.
        const mayHand =
          session !== undefined &&
          (session.agencyId === investigation.leadAgencyId || session.agencyId === e.custodian.agencyId);
        return (
          <article key={e.evidenceId} aria-labelledby={`evidence-${e.evidenceId}`} data-testid="evidence-item">
            <h3 id={`evidence-${e.evidenceId}`}>
              {t(`investigations.evidenceKind.${e.kind}`)} — {e.description}
            </h3>
            <dl className="referral-facts">
              <dt>{t('investigations.evidence.sha256')}</dt>
              <dd>
                <code className="investigation-hash">{e.sha256}</code>
              </dd>
              <dt>{t('investigations.evidence.collected')}</dt>
              <dd>
                {t('investigations.evidence.collectedBy', {
                  time: time.dateTime(e.collectedAt),
                  officer: e.collectedBy,
                })}
              </dd>
              <dt>{t('investigations.evidence.custodian')}</dt>
              <dd>
                <Custodian custodian={e.custodian} />
              </dd>
            </dl>
            <table>
              <caption>{t('investigations.custody.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('investigations.custody.at')}</th>
                  <th scope="col">{t('investigations.custody.fromCol')}</th>
                  <th scope="col">{t('investigations.custody.toCol')}</th>
                  <th scope="col">{t('investigations.custody.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {e.custodyChain.map((link, index) => (
                  <tr key={`${link.at}-${String(index)}`}>
                    <th scope="row">
                      <time dateTime={link.at}>{time.dateTime(link.at)}</time>
                    </th>
                    <td>{link.from ? <Custodian custodian={link.from} /> : t('investigations.custody.collection')}</td>
                    <td>
                      <Custodian custodian={link.to} />
                    </td>
                    <td>{link.reason ?? t('common.none')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {mayHand ? (
              <details hidden={!mayTransfer}>
                <summary>{t('investigations.custody.form.title')}</summary>
                <TransferCustodyForm investigation={investigation} evidence={e} onAcknowledged={onAcknowledged} />
              </details>
            ) : null}
          </article>
        );
      })}
    </section>
  );
}

function SuspectsSection({ investigation }: { readonly investigation: InvestigationData }) {
  const t = useT();
  const time = useKivuTime();
  const { session } = useSession();
  // Police and prosecutors read personal data; to others the API gives null, which says nothing.
  const readsPersonal = PERSONAL_DATA_READERS.includes(session?.agencyType ?? '');
  const personal = (value: string | null) =>
    value ?? (readsPersonal ? t('common.none') : <span className="redacted">{t('investigations.notShared')}</span>);
  if (investigation.suspects.length === 0) {
    return (
      <section aria-labelledby="investigation-suspects">
        <h2 id="investigation-suspects">{t('investigations.suspects.title', { count: 0 })}</h2>
        <p>{t('investigations.suspects.none')}</p>
      </section>
    );
  }
  return (
    <section aria-labelledby="investigation-suspects">
      <h2 id="investigation-suspects">
        {t('investigations.suspects.title', { count: investigation.suspects.length })}
      </h2>
      <table>
        <caption>{t('investigations.suspects.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('investigations.suspects.alias')}</th>
            <th scope="col">{t('investigations.suspects.role')}</th>
            <th scope="col">{t('investigations.suspects.name')}</th>
            <th scope="col">{t('investigations.suspects.dateOfBirth')}</th>
            <th scope="col">{t('investigations.suspects.description')}</th>
            <th scope="col">{t('investigations.suspects.identified')}</th>
          </tr>
        </thead>
        <tbody>
          {investigation.suspects.map((s: SuspectData) => (
            <tr key={s.suspectId} data-testid="suspect-row">
              <th scope="row">{s.alias ?? t('common.none')}</th>
              <td>{t(`investigations.suspectRole.${s.role}`)}</td>
              <td>{personal(s.name)}</td>
              <td>{personal(s.dateOfBirth)}</td>
              <td>{s.description ?? t('common.none')}</td>
              <td>{time.dateTime(s.identifiedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function ArrestsSection({ investigation }: { readonly investigation: InvestigationData }) {
  const t = useT();
  const time = useKivuTime();
  const suspectOf = (id: string) => investigation.suspects.find((s) => s.suspectId === id);
  return (
    <section aria-labelledby="investigation-arrests">
      <h2 id="investigation-arrests">{t('investigations.arrests.title', { count: investigation.arrests.length })}</h2>
      {investigation.arrests.length === 0 ? (
        <p>{t('investigations.arrests.none')}</p>
      ) : (
        <table>
          <caption>{t('investigations.arrests.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('investigations.arrests.suspect')}</th>
              <th scope="col">{t('investigations.arrests.at')}</th>
              <th scope="col">{t('investigations.arrests.location')}</th>
              <th scope="col">{t('investigations.arrests.legalBasis')}</th>
            </tr>
          </thead>
          <tbody>
            {investigation.arrests.map((a, index) => {
              const s = suspectOf(a.suspectId);
              return (
                <tr key={`${a.suspectId}-${a.arrestedAt}-${String(index)}`}>
                  <th scope="row">{s ? suspectLabel(s) : a.suspectId}</th>
                  <td>{time.dateTime(a.arrestedAt)}</td>
                  <td>{a.location}</td>
                  <td>{a.legalBasis}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

function CaseFilesSection({ investigation }: { readonly investigation: InvestigationData }) {
  const t = useT();
  const time = useKivuTime();
  const offices = useAgenciesOfType(investigation.caseFiles.length > 0 ? 'PROSECUTOR' : undefined);
  const officeOf = (id: string) => offices.data?.agencies.find((a) => a.agencyId === id) ?? null;
  return (
    <section aria-labelledby="investigation-case-files">
      <h2 id="investigation-case-files">
        {t('investigations.caseFiles.title', { count: investigation.caseFiles.length })}
      </h2>
      {investigation.caseFiles.length === 0 ? (
        <p>{t('investigations.caseFiles.none')}</p>
      ) : (
        <table>
          <caption>{t('investigations.caseFiles.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('investigations.caseFiles.reference')}</th>
              <th scope="col">{t('investigations.caseFiles.office')}</th>
              <th scope="col">{t('investigations.caseFiles.status')}</th>
              <th scope="col">{t('investigations.caseFiles.transmitted')}</th>
              <th scope="col">{t('investigations.caseFiles.due')}</th>
              <th scope="col">{t('investigations.caseFiles.contents')}</th>
            </tr>
          </thead>
          <tbody>
            {investigation.caseFiles.map((f) => (
              <tr key={f.caseFileId} data-testid="case-file-row">
                <th scope="row">{f.reference ?? t('investigations.caseFiles.noReference')}</th>
                <td>
                  <AgencyName id={f.toProsecutorOfficeId} agency={officeOf(f.toProsecutorOfficeId)} />
                </td>
                <td>
                  {t(`investigations.caseFileStatus.${f.status}`)}
                  {f.acknowledgedAt ? ` — ${time.dateTime(f.acknowledgedAt)}` : null}
                </td>
                <td>{time.dateTime(f.transmittedAt)}</td>
                <td>{f.acknowledgedAt ? t('common.none') : <DueTime dueBy={f.dueBy} overdue={f.overdue} />}</td>
                <td>
                  {t('investigations.caseFiles.counts', {
                    suspects: f.suspectIds.length,
                    evidence: f.evidenceIds.length,
                  })}
                  <br />
                  <small>{f.summary}</small>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
