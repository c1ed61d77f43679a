import { describe, expect, it } from '@jest/globals';
import { catalogue, expectAccessible, screenshotInEveryLanguage, tabTo, useConsole } from './console.js';

const fr = catalogue('fr');

describe('the development sign-in, in a browser', () => {
  const app = useConsole();

  it('signs the NGO field worker in, in French, and lands where the link pointed', async () => {
    // A deep link opened signed out: the sign-in page, then the page linked to.
    const page = await app.open({ path: '/cases' });
    await page.waitForURL(/\/sign-in\?next=%2Fcases$/);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(fr('signIn.title'));
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('fr');

    await page.getByRole('combobox', { name: fr('signIn.agency'), exact: true }).fill('ngo-kivu-hope');
    await page.getByRole('combobox', { name: fr('signIn.agencyType'), exact: true }).selectOption('first_responder');
    await page.getByRole('combobox', { name: fr('signIn.role'), exact: true }).fill('field_worker');
    await page.getByRole('button', { name: fr('signIn.submit') }).click();

    await page.waitForURL(/\/cases$/);
    await page.getByRole('heading', { level: 1, name: fr('cases.title') }).waitFor({ state: 'visible' });
    // The header says who is signed in (the agency by its name in the directory), and that it is a
    // development sign-in.
    await page.getByText('Kivu Hope – équipe mobile de Masisi (field_worker)').waitFor({ state: 'visible' });
    await page.getByText(fr('signIn.developmentBanner')).waitFor({ state: 'visible' });
    // Signed in for good on this device: a reload keeps the session.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: fr('cases.title') }).waitFor({ state: 'visible' });
  });

  it('can be done with the keyboard only', async () => {
    const page = await app.open({ path: '/sign-in' });
    await page.getByRole('combobox', { name: fr('signIn.agency'), exact: true }).waitFor();
    await tabTo(page.getByRole('combobox', { name: fr('signIn.agency'), exact: true }));
    await page.keyboard.press('ControlOrMeta+A');
    // A known agency fills in its type and first role.
    await page.keyboard.type('pnc-pmh-masisi');
    await expect(page.getByRole('combobox', { name: fr('signIn.agencyType'), exact: true }).inputValue()).resolves.toBe(
      'police',
    );
    await tabTo(page.getByRole('combobox', { name: fr('signIn.role'), exact: true }));
    await expect(page.locator('input[name="role"]').inputValue()).resolves.toBe('investigator');
    await tabTo(page.getByRole('button', { name: fr('signIn.submit') }));
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/');
    await page
      .getByText('PNC – Police des mines et hydrocarbures, Masisi (investigator)')
      .waitFor({ state: 'visible' });
  });

  it('says what is wrong with a refused sign-in and stays on the page', async () => {
    const page = await app.open({ path: '/sign-in' });
    await page.getByRole('combobox', { name: fr('signIn.agency'), exact: true }).fill('Not An Agency');
    await page.getByRole('button', { name: fr('signIn.submit') }).click();
    await page.getByRole('alert').waitFor({ state: 'visible' });
    expect(new URL(page.url()).pathname).toBe('/sign-in');
  });

  it('passes axe (no serious or critical violation) and is shown in French, Swahili and English', async () => {
    const page = await app.open({ path: '/sign-in' });
    await page.getByRole('button', { name: fr('signIn.submit') }).waitFor();
    await expectAccessible(page, 'sign-in');
    await screenshotInEveryLanguage(page, 'sign-in');
  });
});
