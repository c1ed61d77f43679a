import { beforeAll, describe, it } from '@jest/globals';
import {
  catalogue,
  expectAccessible,
  screenshotInEveryLanguage,
  useConsole,
  type AgencyName,
  type ConsoleUnderTest,
} from './console.js';
import { referToPolice, type ReferralRow } from './referrals.js';

const fr = catalogue('fr');

interface View {
  /** The view's name in the screenshots' file names, e.g. `home.police`. */
  readonly name: string;
  readonly as: AgencyName;
  readonly path: (referral: ReferralRow) => string;
  /** What the view shows once it has read what it needs, in French. */
  readonly shows: (referral: ReferralRow) => string;
}

const home = (as: AgencyName, shows: string): View => ({ name: `home.${as}`, as, path: () => '/', shows: () => shows });

/** Every view of the console, as the agency that works in it sees it. */
const VIEWS: readonly View[] = [
  home('ngo', fr('queues.outgoingReferrals.title')),
  home('police', fr('queues.incomingReferrals.title')),
  home('prosecutor', fr('queues.incomingCaseFiles.title')),
  home('assistance', fr('queues.assistanceReviews.title')),
  home('mining', fr('queues.sitesRed.title')),
  home('coordination', fr('queues.escalations.title')),
  { name: 'new-referral', as: 'ngo', path: () => '/referrals/new', shows: () => fr('referrals.new.submit') },
  {
    name: 'referral',
    as: 'police',
    path: (r) => `/referrals/${r.referralId}`,
    shows: () => fr('referrals.action.acceptReferral.submit'),
  },
  { name: 'cases', as: 'coordination', path: () => '/cases', shows: () => fr('cases.column.case') },
  {
    name: 'case',
    as: 'coordination',
    path: (r) => `/cases/${r.jointCaseId ?? ''}`,
    shows: () => fr('case.event.ReferralSubmitted'),
  },
  { name: 'outbox', as: 'ngo', path: () => '/outbox', shows: () => fr('outbox.empty') },
];

async function aReferral(app: ConsoleUnderTest): Promise<ReferralRow> {
  return referToPolice(app, 'Adultes payés en dettes au puits 3, consentement recueilli');
}

describe('every view of the console, in a browser', () => {
  const app = useConsole();
  let referral: ReferralRow;

  beforeAll(async () => {
    referral = await aReferral(app);
  });

  it.each(VIEWS)('$name: no serious or critical axe violation; shown in French, Swahili and English', async (view) => {
    const page = await app.open({ as: view.as, path: view.path(referral) });
    await page.getByText(view.shows(referral), { exact: true }).first().waitFor();
    await expectAccessible(page, view.name);
    await screenshotInEveryLanguage(page, view.name);
  });
});
