import { type ReactNode } from 'react';
import { Link } from '../../app/router';
import { agencyName } from '../../components/agency';
import { DueTime } from '../../components/feedback';
import { useKivuTime, useT } from '../../i18n/i18n';
import { useSession } from '../../session/session';
import type { AssistancePart, InvestigationPart, JointCaseData, ProsecutionPart, ReferralPart } from './documents';
import { useCaseLabels } from './labels';

/**
 * Who receives investigations and prosecutions at all, as the schema documents them ("for police,
 * prosecutors and the coordination body; empty for other agencies"): for anyone else an empty list says
 * nothing about whether there are any, so the page says they are not shared.
 */
const JUSTICE_READERS: readonly string[] = ['police', 'prosecutor', 'coordination_body'];
/** Who may open an investigation's own page (the police and prosecutors party to the case). */
const INVESTIGATION_READERS: readonly string[] = ['police', 'prosecutor'];

/** Each agency's part of the case as it is disclosed to the caller's agency. */
export function CaseParts({ jointCase }: { jointCase: JointCaseData }) {
  const t = useT();
  const { session } = useSession();
  const readsJustice = JUSTICE_READERS.includes(session?.agencyType ?? '');
  /** What the case's ids count and the caller was not given, as a sentence; undefined when nothing. */
  const withheld = (key: string, ids: readonly string[], shown: readonly unknown[]) =>
    ids.length > shown.length ? t(key, { count: ids.length - shown.length }) : undefined;
  return (
    <>
      <Part
        id="case-referrals"
        title={t('case.referrals.title')}
        none={t('case.referrals.none')}
        items={jointCase.referrals}
        withheld={withheld('case.referrals.withheld', jointCase.referralIds, jointCase.referrals)}
        render={(r) => <ReferralItem key={r.referralId} referral={r} />}
      />
      <Part
        id="case-investigations"
        title={t('case.investigations.title')}
        none={t('case.investigations.none')}
        items={jointCase.investigations}
        withheld={
          readsJustice
            ? withheld('case.investigations.withheld', jointCase.investigationIds, jointCase.investigations)
            : t('case.investigations.withheldAll')
        }
        render={(i) => <InvestigationItem key={i.investigationId} investigation={i} />}
      />
      <Part
        id="case-prosecutions"
        title={t('case.prosecutions.title')}
        none={t('case.prosecutions.none')}
        items={jointCase.prosecutions}
        withheld={
          readsJustice
            ? withheld('case.prosecutions.withheld', jointCase.prosecutionIds, jointCase.prosecutions)
            : t('case.prosecutions.withheldAll')
        }
        render={(p) => <ProsecutionItem key={p.prosecutionId} prosecution={p} />}
      />
      <Part
        id="case-assistance"
        title={t('case.assistance.title')}
        none={t('case.assistance.none')}
        items={jointCase.assistance}
        withheld={withheld('case.assistance.withheld', jointCase.assistanceIds, jointCase.assistance)}
        render={(a) => <AssistanceItem key={a.assistanceId} assistance={a} />}
      />
    </>
  );
}

/**
 * One agency's part: the items shared, then a sentence for what is not (how many, when the case's ids
 * say; the whole part, when the caller's agency receives none of it), or "none" when nothing exists.
 */
function Part<T>({
  id,
  title,
  none,
  items,
  withheld,
  render,
}: {
  id: string;
  title: string;
  none: string;
  items: readonly T[];
  withheld: string | undefined;
  render: (item: T) => ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="case-part">
      <h2 id={id}>{title}</h2>
      {items.length > 0 ? (
        <ul className="case-part-list" aria-labelledby={id}>
          {items.map(render)}
        </ul>
      ) : null}
      {withheld ? <p className="case-withheld">{withheld}</p> : items.length === 0 ? <p>{none}</p> : null}
    </section>
  );
}

/** A label and its value, in the part's list of facts. */
function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function When({ at }: { at: string }) {
  const time = useKivuTime();
  return <time dateTime={at}>{time.dateTime(at)}</time>;
}

function ReferralItem({ referral: r }: { referral: ReferralPart }) {
  const t = useT();
  const labels = useCaseLabels();
  return (
    <li>
      <p className="case-part-title">
        <strong title={t('case.referral.route', { from: r.fromAgencyId, to: r.toAgencyId })}>
          {t('case.referral.route', {
            from: labels.agency(r.fromAgencyId, r.fromAgencyType, r.fromAgency),
            to: labels.agency(r.toAgencyId, r.toAgencyType, r.toAgency),
          })}
        </strong>
      </p>
      <dl className="case-facts">
        <Fact label={t('case.field.status')}>{labels.maybe(`case.referral.status.${r.status}`, r.status)}</Fact>
        <Fact label={t('case.field.urgency')}>{labels.maybe(`case.urgency.${r.urgency}`, r.urgency)}</Fact>
        <Fact label={t('case.field.submitted')}>
          <When at={r.submittedAt} />
        </Fact>
        <Fact label={t('case.field.due')}>
          <DueTime dueBy={r.dueBy} overdue={r.overdue} />
          {r.deadlineMissed ? (
            <span className="case-note flag-overdue">{t('case.referral.deadlineMissed')}</span>
          ) : null}
        </Fact>
        {r.statusReason ? <Fact label={t('case.referral.reason', { status: r.status })}>{r.statusReason}</Fact> : null}
      </dl>
    </li>
  );
}

function InvestigationItem({ investigation: i }: { investigation: InvestigationPart }) {
  const t = useT();
  const { session } = useSession();
  const labels = useCaseLabels();
  return (
    <li>
      <p className="case-part-title">
        <strong title={i.leadAgencyId}>
          {INVESTIGATION_READERS.includes(session?.agencyType ?? '') ? (
            <Link href={`/investigations/${encodeURIComponent(i.investigationId)}`}>
              {t('case.investigation.heading', { agency: agencyName(i.leadAgencyId, i.leadAgency) })}
            </Link>
          ) : (
            t('case.investigation.heading', { agency: agencyName(i.leadAgencyId, i.leadAgency) })
          )}
        </strong>
      </p>
      <dl className="case-facts">
        <Fact label={t('case.field.status')}>{labels.maybe(`case.investigation.status.${i.status}`, i.status)}</Fact>
        <Fact label={t('case.field.opened')}>
          <When at={i.openedAt} />
        </Fact>
        {i.offences.length > 0 ? (
          <Fact label={t('case.field.offences')}>
            {i.offences.map((o) => labels.maybe(`case.offence.${o}`, o)).join(', ')}
          </Fact>
        ) : null}
        <Fact label={t('case.field.progress')}>
          {t('case.investigation.progress', {
            evidence: i.evidenceCount,
            suspects: i.suspectCount,
            arrests: i.arrestCount,
            caseFiles: i.caseFileCount,
          })}
        </Fact>
        {i.closedAt ? (
          <Fact label={t('case.field.closed')}>
            <When at={i.closedAt} />
          </Fact>
        ) : null}
        {i.closureReason ? (
          <Fact label={t('case.field.closureReason')}>
            {labels.maybe(`case.investigation.closureReason.${i.closureReason}`, i.closureReason)}
          </Fact>
        ) : null}
      </dl>
    </li>
  );
}

function ProsecutionItem({ prosecution: p }: { prosecution: ProsecutionPart }) {
  const t = useT();
  const labels = useCaseLabels();
  const { session } = useSession();
  return (
    <li>
      <p className="case-part-title">
        <strong title={t('case.prosecution.heading', { office: p.officeAgencyId, police: p.fromPoliceAgencyId })}>
          {t('case.prosecution.heading', {
            office: agencyName(p.officeAgencyId, p.officeAgency),
            police: agencyName(p.fromPoliceAgencyId, p.fromPoliceAgency),
          })}
        </strong>
        {/* Its page is the office's own (the access policy lets no one else read it). */}
        {session?.agencyId === p.officeAgencyId ? (
          <>
            {' · '}
            <Link href={`/prosecutions/${encodeURIComponent(p.prosecutionId)}`}>{t('prosecution.link.fromCase')}</Link>
          </>
        ) : null}
      </p>
      <dl className="case-facts">
        <Fact label={t('case.field.status')}>{labels.maybe(`case.prosecution.status.${p.status}`, p.status)}</Fact>
        <Fact label={t('case.field.received')}>
          <When at={p.receivedAt} />
        </Fact>
        <Fact label={t('case.field.progress')}>
          {t('case.prosecution.progress', {
            charges: p.chargeCount,
            held: p.hearingsHeldCount,
            hearings: p.hearingCount,
            verdicts: p.verdictCount,
            convictions: p.convictionCount,
          })}
        </Fact>
        {p.closedAt ? (
          <Fact label={t('case.field.closed')}>
            <When at={p.closedAt} />
          </Fact>
        ) : null}
        {p.closeReason ? (
          <Fact label={t('case.field.closureReason')}>
            {labels.maybe(`case.prosecution.closeReason.${p.closeReason}`, p.closeReason)}
          </Fact>
        ) : null}
      </dl>
    </li>
  );
}

function AssistanceItem({ assistance: a }: { assistance: AssistancePart }) {
  const t = useT();
  const labels = useCaseLabels();
  const { session } = useSession();
  // The assisting agency's own details come as null to every other agency.
  const detailsShared = a.isChild !== null || a.needsOutstanding !== null;
  return (
    <li>
      <p className="case-part-title">
        <strong title={a.assistingAgencyId}>
          {t('case.assistance.heading', { agency: agencyName(a.assistingAgencyId, a.assistingAgency) })}
        </strong>
        {/* The assisting agency's own page of the case: its needs, services, protection and consents. */}
        {session?.agencyId === a.assistingAgencyId ? (
          <>
            {' · '}
            <Link href={`/assistance/${encodeURIComponent(a.assistanceId)}`}>{t('assistance.link.fromCase')}</Link>
          </>
        ) : null}
      </p>
      <dl className="case-facts">
        <Fact label={t('case.field.status')}>{labels.maybe(`case.assistance.status.${a.status}`, a.status)}</Fact>
        <Fact label={t('case.field.registered')}>
          <When at={a.registeredAt} />
        </Fact>
        {a.closedAt ? (
          <Fact label={t('case.field.closed')}>
            <When at={a.closedAt} />
          </Fact>
        ) : null}
        {a.closeReason ? (
          <Fact label={t('case.field.closureReason')}>
            {labels.maybe(`case.assistance.closeReason.${a.closeReason}`, a.closeReason)}
          </Fact>
        ) : null}
        <Fact label={t('case.field.details')}>
          {detailsShared ? (
            t('case.assistance.details', {
              child: a.isChild === null ? 'unknown' : a.isChild ? 'yes' : 'no',
              needs: a.needsOutstanding?.length ?? 0,
            })
          ) : (
            <span className="case-withheld">{t('case.withheld.details')}</span>
          )}
        </Fact>
      </dl>
    </li>
  );
}
