import { beforeAll, describe, expect, it } from '@jest/globals';
import { type Page } from 'playwright-core';
import { accept, convene, handCaseAlong, prosecute, referral as submitReferral, type CaseChain } from './chain.js';
import {
  AGENCIES,
  catalogue,
  expectAccessible,
  screenshot,
  screenshotInEveryLanguage,
  tabTo,
  useConsole,
  type AgencyName,
  type ConsoleUnderTest,
} from './console.js';
import { answerReferral, referToPolice, type ReferralRow } from './referrals.js';

const fr = catalogue('fr');

/** What the views show: made in beforeAll, as the agencies would have entered it. */
interface Data {
  readonly referral: ReferralRow;
  readonly chain: CaseChain;
  readonly prosecutionId: string;
  readonly meeting: { readonly meetingId: string; readonly title: string };
  /** A referral the police accepted and have not investigated yet. */
  readonly toInvestigate: string;
  /** A referral Ushindi accepted and has not taken into assistance yet, and its case. */
  readonly toAssist: { readonly referralId: string; readonly jointCaseId: string };
}

interface View {
  /** The view's name in the screenshots' file names, e.g. `home.police`. */
  readonly name: string;
  readonly as: AgencyName;
  readonly path: (data: Data) => string;
  /** What the view shows once it has read what it needs, in French. */
  readonly shows: (data: Data) => string;
  /**
   * Screenshots in French, Swahili and English (`every`), or in French only: three languages for each
   * area's main pages, French for the rest, to keep the file's time reasonable.
   */
  readonly languages: 'every' | 'fr';
}

const home = (as: AgencyName, shows: string): View => ({
  name: `home.${as}`,
  as,
  path: () => '/',
  shows: () => shows,
  languages: 'fr',
});

const view = (
  name: string,
  as: AgencyName,
  path: string | ((data: Data) => string),
  shows: string | ((data: Data) => string),
  languages: 'every' | 'fr' = 'fr',
): View => ({
  name,
  as,
  path: typeof path === 'string' ? () => path : path,
  shows: typeof shows === 'string' ? () => shows : shows,
  languages,
});

/** Every view of the console, as the agency that works in it sees it. */
const VIEWS: readonly View[] = [
  home('ngo', fr('queues.outgoingReferrals.title')),
  home('police', fr('queues.incomingReferrals.title')),
  home('prosecutor', fr('queues.incomingCaseFiles.title')),
  home('assistance', fr('queues.assistanceReviews.title')),
  home('mining', fr('queues.sitesRed.title')),
  home('coordination', fr('queues.escalations.title')),
  view('new-referral', 'ngo', '/referrals/new', fr('referrals.new.submit')),
  view(
    'referral',
    'police',
    (d) => `/referrals/${d.referral.referralId}`,
    fr('referrals.action.acceptReferral.submit'),
  ),
  view('cases', 'coordination', '/cases', fr('cases.column.case')),
  view('case', 'coordination', (d) => `/cases/${d.chain.jointCaseId}`, fr('case.event.ReferralSubmitted')),
  view('outbox', 'ngo', '/outbox', fr('outbox.empty')),
  // Dashboards.
  view('dashboard.coordination', 'coordination', '/dashboard', fr('dashboard.title.coordination'), 'every'),
  view('dashboard.police', 'police', '/dashboard', fr('dashboard.intro.agency')),
  // Coordination meetings.
  view('meetings', 'coordination', '/meetings', (d) => d.meeting.title, 'every'),
  view('meeting-new', 'coordination', '/meetings/new', fr('meetings.new.title')),
  view(
    'meeting-page',
    'coordination',
    (d) => `/meetings/${d.meeting.meetingId}`,
    (d) => d.meeting.title,
  ),
  view('action-points', 'police', '/action-points', 'Transmettre le dossier au parquet avant la prochaine réunion'),
  // Investigations.
  view('investigations', 'police', '/investigations', fr('investigations.list.title'), 'every'),
  view(
    'investigation',
    'police',
    (d) => `/investigations/${d.chain.investigationId}`,
    (d) => d.chain.values.suspectName,
  ),
  view(
    'investigation-new',
    'police',
    (d) => `/investigations/new?referral=${d.toInvestigate}`,
    fr('investigations.open.title'),
  ),
  // Prosecutions.
  view('case-files', 'prosecutor', '/case-files', fr('prosecution.caseFiles.title')),
  view('prosecutions', 'prosecutor', '/prosecutions', fr('prosecution.list.title'), 'every'),
  view(
    'prosecution',
    'prosecutor',
    (d) => `/prosecutions/${d.prosecutionId}`,
    'Tribunal de grande instance de Goma, chambre foraine de Masisi',
  ),
  view('hearings', 'prosecutor', '/hearings', fr('prosecution.hearings.title')),
  // Assistance.
  view('assistance-cases', 'assistance', '/assistance', fr('assistance.list.title'), 'every'),
  view('assistance-case', 'assistance', (d) => `/assistance/${d.chain.assistanceId}`, fr('assistance.personal.title')),
  view(
    'register-victim',
    'assistance',
    (d) => `/assistance/new?referral=${d.toAssist.referralId}&case=${d.toAssist.jointCaseId}`,
    fr('assistance.register.title'),
  ),
  // Mine sites.
  view('sites', 'mining', '/sites', fr('sites.map.title'), 'every'),
  view(
    'site',
    'mining',
    (d) => `/sites/${d.chain.siteCode}`,
    (d) => d.chain.values.incident,
  ),
  view('site-new', 'mining', '/sites/new', fr('sites.register.title')),
  // The audit trail, for an auditor.
  view('audit', 'auditor', '/audit', fr('audit.title'), 'every'),
];

async function prepare(app: ConsoleUnderTest): Promise<Data> {
  const chain = await handCaseAlong(app);
  const referral = await referToPolice(app, 'Adultes payés en dettes au puits 3, consentement recueilli');
  const [prosecutionId, meeting] = await Promise.all([prosecute(app, chain), convene(app, chain)]);
  const other = await referToPolice(app, 'Deux creuseurs retenus au puits 9, consentement recueilli');
  await answerReferral(app, 'police', 'accept', other);
  const toAssist = await submitReferral(app, {
    consent: { givenBy: 'SELF', agencyTypes: ['ASSISTANCE_PROVIDER'], purposes: ['ASSISTANCE'] },
    toAgencyId: AGENCIES.assistance.agencyId,
    toAgencyType: 'ASSISTANCE_PROVIDER',
    summary: 'Une jeune femme blessée au puits 2 demande un abri',
  });
  await accept(app, 'assistance', toAssist);
  return {
    referral,
    chain,
    prosecutionId,
    meeting,
    toInvestigate: other.referralId,
    toAssist: { referralId: toAssist.referralId, jointCaseId: toAssist.jointCaseId },
  };
}

describe('every view of the console, in a browser', () => {
  const app = useConsole();
  let data: Data;

  beforeAll(async () => {
    data = await prepare(app);
  }, 120_000);

  it.each(VIEWS)('$name: no serious or critical axe violation; its screenshots ($languages)', async (view) => {
    const page = await app.open({ as: view.as, path: view.path(data) });
    await page.getByText(view.shows(data), { exact: true }).first().waitFor();
    await expectAccessible(page, view.name);
    if (view.languages === 'every') await screenshotInEveryLanguage(page, view.name);
    else await screenshot(page, `${view.name}.fr`);
  });

  it('the sites map: Tab reaches a site’s marker, and Enter opens the site’s page', async () => {
    const { mineSite } = await app.graphql<{ mineSite: { name: string; status: string } }>(
      'mining',
      `query ($code: String) { mineSite(code: $code) { name status } }`,
      { code: data.chain.siteCode },
    );
    const page: Page = await app.open({ as: 'mining', path: '/sites' });
    const marker = page.getByRole('link', {
      name: fr('sites.map.marker')
        .replace('{code}', data.chain.siteCode)
        .replace('{name}', mineSite.name)
        .replace('{status}', fr(`sites.status.${mineSite.status}`)),
      exact: true,
    });
    await marker.waitFor();
    await tabTo(marker);
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/sites/${data.chain.siteCode}`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(data.chain.siteCode);
  });
});
