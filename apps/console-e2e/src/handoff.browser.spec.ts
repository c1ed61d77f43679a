import { describe, expect, it } from '@jest/globals';
import { AGENCIES, catalogue, screenshot, switchLanguage, tabTo, useConsole } from './console.js';
import { answerReferral, incomingOfPolice, outgoingOfNgo, referToPolice } from './referrals.js';

const fr = catalogue('fr');

/** A summary no other test writes, to find this test's referral and only it. */
const uniqueSummary = (what: string) => `${what} (${Date.now().toString(36)})`;

describe('a referral handed off in the console, in a browser', () => {
  const app = useConsole();

  it('is queued offline by the NGO field worker and lands exactly once when the link is back', async () => {
    const page = await app.open({ path: '/sign-in' });
    const combobox = (name: string) => page.getByRole('combobox', { name, exact: true });
    await combobox(fr('signIn.agency')).fill(AGENCIES.ngo.agencyId);
    await combobox(fr('signIn.agencyType')).selectOption(AGENCIES.ngo.agencyType);
    await combobox(fr('signIn.role')).fill(AGENCIES.ngo.role);
    await page.getByRole('button', { name: fr('signIn.submit') }).click();

    await page.getByRole('link', { name: fr('queues.newReferral') }).click();
    await page.waitForURL(/\/referrals\/new$/);
    await page.getByRole('heading', { level: 1, name: fr('referrals.new.title') }).waitFor();

    const summary = uniqueSummary('Trois adolescents vus au puits 4, payés en dettes');
    // The receiving agency: its type, then one of the directory's agencies of that type, by name.
    await combobox(fr('referrals.field.toAgencyType')).selectOption('POLICE');
    await combobox(fr('referrals.field.toAgencyId')).selectOption(AGENCIES.police.agencyId);
    await page.getByRole('textbox', { name: fr('referrals.field.siteCode'), exact: true }).fill('NK-MAS-014');
    await page.getByRole('radio', { name: fr('referrals.field.isChild.no'), exact: true }).check();
    await page.getByRole('checkbox', { name: fr('referrals.indicator.DEBT_BONDAGE'), exact: true }).check();
    await page
      .getByRole('group', { name: fr('referrals.field.consentGiven') })
      .getByRole('radio', { name: fr('referrals.field.consentGiven.yes'), exact: true })
      .check();
    await page.getByRole('radio', { name: fr('referrals.consentGiver.SELF'), exact: true }).check();
    await page.getByRole('checkbox', { name: fr('referrals.consentPurpose.INVESTIGATION'), exact: true }).check();
    await page.getByRole('checkbox', { name: fr('referrals.consentPurpose.ASSISTANCE'), exact: true }).check();
    await page.getByRole('textbox', { name: fr('referrals.field.summary'), exact: true }).fill(summary);

    // The link drops; the field worker presses submit, twice.
    await page.context().setOffline(true);
    await page.getByTestId('offline-banner').waitFor();
    const submit = page.getByRole('button', { name: fr('referrals.new.submit') });
    await submit.dblclick();
    // Queued on the phone: the page says so, and the header counts one command waiting.
    await page.getByText(fr('referrals.new.queued')).waitFor();
    await expect(page.getByTestId('offline-banner').textContent()).resolves.toMatch(/\b1\b/);
    await expect(page.getByTestId('outbox-link').textContent()).resolves.toMatch(/\(1\b/);
    await screenshot(page, 'new-referral.queued-offline.fr');
    expect((await incomingOfPolice(app)).filter((r) => r.summary === summary)).toEqual([]);

    // The link is back: the command goes by itself, once, and the referral opens.
    await page.context().setOffline(false);
    await page.waitForURL(/\/referrals\/(?!new)[^/?]+/, { timeout: 30_000 });
    await expect(page.getByTestId('outbox-link').textContent()).resolves.toMatch(/\(0\b/);

    const received = (await incomingOfPolice(app)).filter((r) => r.summary === summary);
    expect(received).toHaveLength(1);
    expect(received[0]?.status).toBe('SUBMITTED');
    expect((await outgoingOfNgo(app)).filter((r) => r.summary === summary)).toHaveLength(1);
    expect(new URL(page.url()).pathname).toBe(`/referrals/${received[0]?.referralId ?? ''}`);
  });

  it('opens the referral form offline at a mine site, though it was never opened online (the console kept every page)', async () => {
    // The field worker opened the console once with a link: the queues only.
    const page = await app.open({ as: 'ngo', path: '/' });
    await page.getByRole('link', { name: fr('queues.newReferral') }).waitFor();
    // The service worker keeps every page of the console on the phone, not only those opened.
    // What the phone holds: whether the worker controls the page, and which assets of the build are kept.
    const kept = () =>
      page.evaluate(async () => {
        const listed = (await (await fetch('/precache.json')).json()) as { assets: string[] };
        const found = await Promise.all(listed.assets.map((asset) => caches.match(asset)));
        return {
          controlled: Boolean(navigator.serviceWorker.controller),
          missing: listed.assets.filter((_, i) => !found[i]),
          total: listed.assets.length,
        };
      });
    const until = Date.now() + 45_000;
    for (let now = await kept(); !now.controlled || now.missing.length > 0 || now.total === 0; now = await kept()) {
      if (Date.now() > until)
        throw new Error(`the service worker did not keep the build within 45 s: ${JSON.stringify(now)}`);
      await page.waitForTimeout(500);
    }
    // At the mine site, no link: the form opens all the same, in French, and the page is read from the phone.
    await page.context().setOffline(true);
    await page.reload();
    await page.getByTestId('offline-banner').waitFor();
    await page.getByRole('link', { name: fr('queues.newReferral') }).click();
    await page.getByRole('heading', { level: 1, name: fr('referrals.new.title') }).waitFor();
    await page.getByRole('checkbox', { name: fr('referrals.indicator.DEBT_BONDAGE'), exact: true }).waitFor();
    await screenshot(page, 'new-referral.first-opened-offline.fr');
  }, 120_000);

  it('shows the police their received referral in French, and they accept it with the keyboard only', async () => {
    const summary = uniqueSummary('Enfant de 14 ans au tamis, site d’Omate');
    const referral = await referToPolice(app, summary, 'NK-WAL-002');
    const page = await app.open({ as: 'police', path: '/' });
    const queue = page.getByRole('region', { name: fr('queues.incomingReferrals.title') });
    // Its row names the site; the first link of the row opens the referral.
    const row = queue.getByRole('row').filter({ hasText: 'NK-WAL-002' });
    await row.waitFor();
    await screenshot(page, 'home.police.fr');
    await row.getByRole('link').first().click();
    await page.waitForURL(`**/referrals/${referral.referralId}`);
    const accept = page.getByRole('button', { name: fr('referrals.action.acceptReferral.submit') });
    await accept.waitFor();
    await tabTo(accept);
    await page.keyboard.press('Enter');
    await page.getByText(fr('referrals.status.ACCEPTED')).first().waitFor();

    const after = (await incomingOfPolice(app)).find((r) => r.referralId === referral.referralId);
    expect(after?.status).toBe('ACCEPTED');
  });

  it('updates the case page of the coordination body live when the police act', async () => {
    const referral = await referToPolice(app, uniqueSummary('Travail forcé signalé au puits 2'));
    if (!referral.jointCaseId) throw new Error('the referral opened no joint case');
    const page = await app.open({ as: 'coordination', path: `/cases/${referral.jointCaseId}` });
    const timeline = page.getByRole('list', { name: fr('case.timeline.label') });
    await timeline.getByText(fr('case.event.ReferralSubmitted')).waitFor();
    await expect(timeline.getByText(fr('case.event.ReferralAccepted')).count()).resolves.toBe(0);
    const before = await timeline.getByRole('listitem').count();
    // Marks this page: a reload would lose the mark.
    await page.evaluate('window.pamojaSamePage = true');

    await answerReferral(app, 'police', 'accept', referral);

    await timeline.getByText(fr('case.event.ReferralAccepted')).waitFor({ timeout: 20_000 });
    await expect(timeline.getByRole('listitem').count()).resolves.toBeGreaterThan(before);
    await expect(page.evaluate('window.pamojaSamePage === true')).resolves.toBe(true);
    await screenshot(page, 'case.coordination.live.fr');
  });

  it('shows a conflict, and keeps the first answer, when a second officer declines what was accepted meanwhile', async () => {
    const referral = await referToPolice(app, uniqueSummary('Deux mineurs au concasseur, site de Nyabibwe'));
    const path = `/referrals/${referral.referralId}`;
    const first = await app.open({ as: 'police', path });
    const second = await app.open({ as: 'police', path });
    const accept = first.getByRole('button', { name: fr('referrals.action.acceptReferral.submit') });
    const decline = second.getByRole('button', { name: fr('referrals.action.declineReferral.submit') });
    await Promise.all([accept.waitFor(), decline.waitFor()]);

    // The second officer's phone loses the link, still showing the referral as it was.
    await second.context().setOffline(true);
    await accept.click();
    await first.getByText(fr('referrals.status.ACCEPTED')).first().waitFor();
    const accepted = (await incomingOfPolice(app)).find((r) => r.referralId === referral.referralId);
    expect(accepted?.status).toBe('ACCEPTED');

    const reason = 'Hors de notre ressort : à confier au parquet';
    await second.getByRole('textbox', { name: fr('referrals.action.declineReferral.field'), exact: true }).fill(reason);
    await decline.click();
    await second.context().setOffline(false);

    // The decline was refused as a conflict: the console shows what changed, and nothing is overwritten.
    await second.getByRole('heading', { name: fr('outbox.conflict.now') }).waitFor({ timeout: 30_000 });
    await second.getByRole('button', { name: fr('outbox.conflict.discard') }).waitFor();
    const after = (await incomingOfPolice(app)).find((r) => r.referralId === referral.referralId);
    expect(after).toMatchObject({ status: 'ACCEPTED', revision: accepted?.revision });
    expect(after?.statusReason).not.toBe(reason);

    // Nothing is resent by itself: a dropped and restored link leaves the conflict waiting for a person.
    await second.context().setOffline(true);
    await second.context().setOffline(false);
    await second.goto('/outbox');
    await second.getByRole('button', { name: fr('outbox.conflict.discard') }).waitFor();
    await expect(
      incomingOfPolice(app).then((rows) => rows.find((r) => r.referralId === referral.referralId)),
    ).resolves.toMatchObject({
      status: 'ACCEPTED',
      revision: accepted?.revision,
    });
    await switchLanguage(second, 'en');
    await screenshot(second, 'outbox.conflict.en');
  });
});
