import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import type { Page } from 'playwright-core';
import { AGENCIES, catalogue, expectAccessible, screenshot, tabTo, useConsole } from './console.js';
import { ROOT } from './platform.js';

const fr = catalogue('fr');
const sw = catalogue('sw');

const SITE = 'NK-MAS-014';
const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;
/** An id of the log: never in what people read. */
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
/** The log's event names (ReferralDeadlineMissed, ReferralSubmitted…): never in what people read. */
const EVENT_NAME = /\b(?:Referral|Meeting|CaseFile|Investigation|Prosecution|Escalation)[A-Z][A-Za-z]+\b/;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** A `datetime-local` value as read on a clock in the Kivus (UTC+2 all year). */
const kivuLocal = (instant: number) => new Date(instant + 2 * HOUR_MS).toISOString().slice(0, 16);
/** A title no other test writes. */
const unique = (what: string) => `${what} (${Date.now().toString(36)})`;

/** A date as the console writes it in French, in Kivu time (the browser's own formatting). */
const frenchDate = (page: Page, iso: string, withTime: boolean) =>
  page.evaluate(
    ([at, time]) =>
      new Intl.DateTimeFormat('fr', {
        dateStyle: 'medium',
        ...(time ? { timeStyle: 'short' } : {}),
        timeZone: 'Africa/Lubumbashi',
      }).format(new Date(at)),
    [iso, withTime] as const,
  );

/** Copies a screenshot made by `screenshot` into the documentation's screenshots. */
function toDocs(path: string, name: string): void {
  const dir = join(ROOT, 'docs', 'screenshots');
  mkdirSync(dir, { recursive: true });
  copyFileSync(path, join(dir, name));
}

/**
 * The page as printed, where `screenshot` saves its shots: that helper waits for a visible level-1 heading,
 * and the printed minutes have none (the page's heading is the screen's; the minutes carry their own title).
 */
async function printedScreenshot(page: Page, name: string): Promise<string> {
  const dir = process.env['SCREENSHOT_DIR'] ?? 'dist/screenshots';
  const path = join(isAbsolute(dir) ? dir : join(ROOT, dir), `${name}.png`);
  mkdirSync(dirname(path), { recursive: true });
  await page.locator('[aria-busy="true"]').first().waitFor({ state: 'detached' });
  await page.screenshot({ path, fullPage: true, caret: 'hide', animations: 'disabled' });
  return path;
}

const SCHEDULE = `mutation ($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { meetingId } }`;

describe('a coordination meeting from scheduling to minutes, in a browser', () => {
  const app = useConsole();

  /** What the first test sets up and the next ones act on. */
  const state = {
    referralId: '',
    referralReference: '',
    caseReference: '',
    jointCaseId: '',
    meetingId: '',
    title: '',
    decision: '',
    actionPoint: '',
    actionPointDue: '',
    names: {} as Record<string, string>,
    siteName: '',
  };
  const policeName = () => state.names[AGENCIES.police.agencyId] ?? '';
  const ngoName = () => state.names[AGENCIES.ngo.agencyId] ?? '';

  it('schedules a meeting through the form, and its agenda says the overdue handoff in words', async () => {
    // The directory's names and the site's, as the console will show them.
    const { agencies, mineSite } = await app.graphql<{
      agencies: { agencyId: string; name: string }[];
      mineSite: { name: string };
    }>('coordination', `query ($code: String) { agencies { agencyId name } mineSite(code: $code) { name } }`, {
      code: SITE,
    });
    state.names = Object.fromEntries(agencies.map((a) => [a.agencyId, a.name]));
    state.siteName = mineSite.name;
    expect(policeName()).not.toBe('');
    expect(ngoName()).not.toBe('');

    // Precondition: the NGO refers a case to the police, due in three seconds, and nobody answers.
    const { submitReferral } = await app.graphql<{ submitReferral: { referralId: string } }>(
      'ngo',
      `mutation ($input: SubmitReferralInput!) { submitReferral(input: $input) { referralId } }`,
      {
        input: {
          commandId: randomUUID(),
          subject: { isChild: false },
          consent: { givenBy: 'SELF', agencyTypes: ['POLICE'], purposes: ['ASSISTANCE', 'INVESTIGATION'] },
          site: { code: SITE },
          indicators: ['DEBT_BONDAGE'],
          urgency: 'URGENT',
          toAgencyId: AGENCIES.police.agencyId,
          toAgencyType: 'POLICE',
          dueBy: new Date(Date.now() + 3000).toISOString(),
          summary: unique('Creuseurs retenus pour dettes au puits 5'),
        },
      },
    );
    state.referralId = submitReferral.referralId;
    // The due time passes; the deadline watcher escalates it within seconds.
    const escalated = async () => {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const { referral } = await app.graphql<{
          referral: { reference: string | null; jointCaseId: string | null; deadlineMissed: boolean };
        }>('coordination', `query ($id: ID!) { referral(referralId: $id) { reference jointCaseId deadlineMissed } }`, {
          id: state.referralId,
        });
        if (referral.deadlineMissed || Date.now() > deadline) return referral;
        await sleep(500);
      }
    };
    const referral = await escalated();
    expect(referral.deadlineMissed).toBe(true);
    state.referralReference = referral.reference ?? '';
    state.jointCaseId = referral.jointCaseId ?? '';
    expect(state.referralReference).toMatch(/^NK-\d{4}-\d+-R\d+$/);
    const { case: jointCase } = await app.graphql<{ case: { reference: string } }>(
      'coordination',
      `query ($id: ID!) { case(id: $id) { reference } }`,
      { id: state.jointCaseId },
    );
    state.caseReference = jointCase.reference;

    // The secretariat opens the meetings from the menu and schedules one.
    const page = await app.open({ as: 'coordination', path: '/' });
    await page
      .getByRole('navigation', { name: fr('nav.label') })
      .getByRole('link', { name: fr('meetings.nav'), exact: true })
      .click();
    await page.getByRole('heading', { level: 1, name: fr('meetings.title') }).waitFor();
    await page.getByRole('button', { name: fr('meetings.new.link') }).click();
    await page.getByRole('heading', { level: 1, name: fr('meetings.new.title') }).waitFor();

    state.title = unique('Réunion de coordination, Masisi');
    await page.getByRole('textbox', { name: fr('meetings.field.title'), exact: true }).fill(state.title);
    await page
      .getByRole('group', { name: fr('meetings.field.province') })
      .getByRole('radio', { name: fr('meetings.province.NK'), exact: true })
      .check();
    const when = Date.now() + 20 * 60_000;
    await page.getByLabel(fr('meetings.field.scheduledFor'), { exact: true }).fill(kivuLocal(when));
    const participants = page.getByRole('group', { name: fr('meetings.field.participants') });
    await participants.getByRole('checkbox', { name: policeName() }).check();
    await participants.getByRole('checkbox', { name: ngoName() }).check();
    await page
      .getByRole('group', { name: fr('meetings.field.language') })
      .getByRole('radio', { name: fr('meetings.language.FR'), exact: true })
      .check();
    await page.getByRole('button', { name: fr('meetings.new.submit') }).click();

    await page.waitForURL(/\/meetings\/(?!new)[^/?]+$/);
    await page.getByRole('heading', { level: 1, name: state.title }).waitFor();
    state.meetingId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
    const { meeting } = await app.graphql<{
      meeting: { province: string; language: string; participantAgencyIds: string[]; scheduledFor: string };
    }>(
      'coordination',
      `query ($id: ID!) { meeting(meetingId: $id) { province language participantAgencyIds scheduledFor } }`,
      {
        id: state.meetingId,
      },
    );
    expect(meeting).toMatchObject({ province: 'NK', language: 'FR' });
    expect(meeting.participantAgencyIds).toEqual(
      expect.arrayContaining([AGENCIES.police.agencyId, AGENCIES.ngo.agencyId]),
    );
    expect(kivuLocal(Date.parse(meeting.scheduledFor))).toBe(kivuLocal(when));

    // Its agenda: the overdue handoff as a sentence, with the reference, the agencies' and the site's names.
    const agenda = page.getByRole('region', { name: fr('meetings.agenda.title'), exact: true });
    const item = agenda.getByRole('listitem').filter({ hasText: state.referralReference }).first();
    await item.waitFor();
    const sentence = (await item.textContent()) ?? '';
    expect(sentence).toContain(state.referralReference);
    expect(sentence).toContain(ngoName());
    expect(sentence).toContain(policeName());
    expect(sentence).toContain(state.siteName);
    expect(sentence).toContain(fr('meetings.openCaseRef').replace('{reference}', state.caseReference));
    // Under the overdue handoffs' heading.
    await expect(
      agenda.getByRole('heading', { name: fr('meetings.agenda.section.overdueHandoffs'), exact: true }).count(),
    ).resolves.toBe(1);

    const text = (await agenda.textContent()) ?? '';
    expect(text).not.toMatch(UUID);
    expect(text).not.toMatch(EVENT_NAME);
    expect(text).not.toContain('ReferralDeadlineMissed');
    for (const { agencyId } of Object.values(AGENCIES)) expect(text).not.toContain(agencyId);
    expect(text).not.toContain('pamoja-platform');

    await expectAccessible(page, 'meeting');
    toDocs(await screenshot(page, 'meeting.fr'), 'meeting.fr.png');
  });

  it('walks through the agenda by keyboard, and the item opens its case', async () => {
    const page = await app.open({ as: 'coordination', path: `/meetings/${state.meetingId}` });
    const start = page.getByRole('button', { name: fr('meetings.walk.start') });
    await start.waitFor();
    await tabTo(start);
    await page.keyboard.press('Enter');

    const walk = page.getByRole('region', { name: fr('meetings.walk.title') });
    await walk.waitFor();
    const counter = walk.getByTestId('walk-counter');
    /** Waits until the walk-through shows the nth item. */
    const atItem = (n: number) => counter.filter({ hasText: new RegExp(`^${n}\\s*/`) }).waitFor();
    const total = Number(/\/\s*(\d+)/.exec((await counter.textContent()) ?? '')?.[1]);
    expect(total).toBeGreaterThanOrEqual(2);
    await atItem(1);
    // Next and previous: the keys the walk-through names.
    await page.keyboard.press('ArrowRight');
    await atItem(2);
    await page.keyboard.press('PageUp');
    await atItem(1);
    await page.keyboard.press('End');
    await atItem(total);
    await page.keyboard.press('Home');
    await atItem(1);

    // On to this referral's item, by keyboard.
    const text = walk.getByTestId('walk-text');
    for (let n = 1; n < total && !((await text.textContent()) ?? '').includes(state.referralReference); n++) {
      await page.keyboard.press('ArrowRight');
      await atItem(n + 1);
    }
    await expect(text.textContent()).resolves.toContain(state.referralReference);
    await expect(text.textContent()).resolves.toContain(policeName());

    // Its case timeline, inline, then the case itself by its reference.
    await walk.getByRole('button', { name: fr('meetings.walk.showTimeline') }).click();
    const timeline = walk.getByRole('list', { name: fr('case.timeline.label') });
    await timeline.getByText(fr('case.event.ReferralSubmitted')).first().waitFor();
    const open = walk.getByRole('link', {
      name: fr('meetings.openCaseRef').replace('{reference}', state.caseReference),
    });
    await open.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/cases/${state.jointCaseId}`);
    await page.getByRole('heading', { level: 1, name: new RegExp(state.caseReference) }).waitFor();
    await page.getByRole('list', { name: fr('case.timeline.label') }).waitFor();

    // Back to the meeting; Escape leaves the walk-through and gives the focus back to its button.
    await page.goBack();
    const again = page.getByRole('button', { name: fr('meetings.walk.start') });
    await again.waitFor();
    await again.focus();
    await page.keyboard.press('Enter');
    await walk.waitFor();
    await page.keyboard.press('Escape');
    // The focus is back on the button that started it.
    await again.and(page.locator(':focus')).waitFor();
  });

  it('records a decision, an action point and the minutes, prints them, and closes the meeting', async () => {
    const page = await app.open({ as: 'coordination', path: `/meetings/${state.meetingId}` });
    await page.getByRole('heading', { level: 1, name: state.title }).waitFor();

    state.decision = unique('Le dossier est confié à la police des mines pour enquête sous huit jours');
    const decisionForm = page.getByRole('form', { name: fr('meetings.decision.record') });
    await decisionForm.getByRole('textbox', { name: fr('meetings.field.decision'), exact: true }).fill(state.decision);
    await decisionForm
      .getByRole('combobox', { name: fr('meetings.field.case') })
      .selectOption({ label: state.caseReference });
    await decisionForm.getByRole('button', { name: fr('meetings.decision.submit') }).click();
    // The page's decisions (the minutes' preview below has its own).
    const decisions = page.getByRole('region', { name: fr('meetings.decisions'), exact: true }).first();
    // Listed once recorded (the form's own text box holds the same words until then).
    await decisions.getByRole('listitem').filter({ hasText: state.decision }).waitFor();

    state.actionPoint = unique('Entendre les creuseurs du puits 5 et rendre compte');
    const due = Date.now() + 7 * DAY_MS;
    const pointForm = page.getByRole('form', { name: fr('meetings.actionPoint.record') });
    await pointForm
      .getByRole('textbox', { name: fr('meetings.field.actionPoint'), exact: true })
      .fill(state.actionPoint);
    await pointForm
      .getByRole('combobox', { name: fr('meetings.field.owner'), exact: true })
      .selectOption({ label: `${policeName()} (${fr('agencyType.police')})` });
    await pointForm.getByLabel(fr('meetings.field.dueBy'), { exact: true }).fill(kivuLocal(due));
    await pointForm
      .getByRole('combobox', { name: fr('meetings.field.case') })
      .selectOption({ label: state.caseReference });
    await pointForm.getByRole('button', { name: fr('meetings.actionPoint.submit') }).click();
    const points = page.getByRole('region', { name: fr('meetings.actionPoints'), exact: true }).first();
    const pointRow = points.getByRole('row').filter({ hasText: state.actionPoint });
    await pointRow.waitFor();
    await expect(pointRow.textContent()).resolves.toContain(policeName());

    const minutes = unique(
      'La réunion a examiné les orientations en retard du site de Masisi. La police des mines prend le dossier.',
    );
    await page.getByRole('textbox', { name: fr('meetings.field.minutes'), exact: true }).fill(minutes);
    await page.getByRole('button', { name: fr('meetings.minutes.submit') }).click();
    const document = page.getByTestId('minutes-document');
    await document.getByText(minutes).waitFor();

    const { meeting } = await app.graphql<{
      meeting: {
        decisions: { text: string; jointCaseId: string | null }[];
        actionPoints: { description: string; ownerAgencyId: string; dueBy: string; jointCaseId: string | null }[];
        minutes: { text: string } | null;
      };
    }>(
      'coordination',
      `query ($id: ID!) { meeting(meetingId: $id) {
        decisions { text jointCaseId } actionPoints { description ownerAgencyId dueBy jointCaseId } minutes { text } } }`,
      { id: state.meetingId },
    );
    expect(meeting.decisions).toEqual([{ text: state.decision, jointCaseId: state.jointCaseId }]);
    expect(meeting.actionPoints).toEqual([
      expect.objectContaining({
        description: state.actionPoint,
        ownerAgencyId: AGENCIES.police.agencyId,
        jointCaseId: state.jointCaseId,
      }),
    ]);
    state.actionPointDue = meeting.actionPoints[0]?.dueBy ?? '';
    expect(kivuLocal(Date.parse(state.actionPointDue))).toBe(kivuLocal(due));
    expect(meeting.minutes?.text).toBe(minutes);

    // Printed: the minutes alone, without the menu or the buttons.
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('navigation', { name: fr('nav.label') }).isVisible()).resolves.toBe(false);
    for (const button of [
      'meetings.print',
      'meetings.walk.start',
      'meetings.minutes.submit',
      'meetings.close.button',
    ]) {
      await expect(page.getByRole('button', { name: fr(button) }).isVisible()).resolves.toBe(false);
    }
    await expect(page.getByRole('heading', { level: 1, name: state.title }).isVisible()).resolves.toBe(false);
    await expect(document.isVisible()).resolves.toBe(true);
    // The minutes' own heading: what, when, who took part.
    await expect(document.getByText(fr('meetings.minutes.kicker')).isVisible()).resolves.toBe(true);
    await expect(document.getByRole('heading', { name: state.title }).isVisible()).resolves.toBe(true);
    await expect(document.getByText(fr('meetings.field.participants'), { exact: true }).isVisible()).resolves.toBe(
      true,
    );
    await expect(document.getByText(state.decision).isVisible()).resolves.toBe(true);
    const printedPoint = document.getByRole('row').filter({ hasText: state.actionPoint });
    await expect(printedPoint.isVisible()).resolves.toBe(true);
    const printedText = (await printedPoint.textContent()) ?? '';
    expect(printedText).toContain(policeName());
    expect(printedText).toContain(await frenchDate(page, state.actionPointDue, true));
    const printed = (await document.textContent()) ?? '';
    expect(printed).not.toMatch(UUID);
    for (const { agencyId } of Object.values(AGENCIES)) expect(printed).not.toContain(agencyId);
    toDocs(await printedScreenshot(page, 'meeting-minutes.fr'), 'meeting-minutes.fr.png');
    await page.emulateMedia({ media: 'screen' });

    // Closed: after a second press.
    await page.getByRole('button', { name: fr('meetings.close.button') }).click();
    await page.getByRole('button', { name: fr('meetings.close.yes') }).click();
    await page.getByText(fr('meetings.status.CLOSED'), { exact: true }).first().waitFor();
    await expect(page.getByRole('button', { name: fr('meetings.minutes.submit') }).count()).resolves.toBe(0);
    const { meeting: closed } = await app.graphql<{ meeting: { status: string } }>(
      'coordination',
      `query ($id: ID!) { meeting(meetingId: $id) { status } }`,
      { id: state.meetingId },
    );
    expect(closed.status).toBe('CLOSED');
  });

  it('carries the open action point to the next meeting, with its owner and due date', async () => {
    const { scheduleMeeting } = await app.graphql<{ scheduleMeeting: { meetingId: string } }>(
      'coordination',
      SCHEDULE,
      {
        input: {
          commandId: randomUUID(),
          title: unique('Réunion de suivi, Masisi'),
          province: 'NK',
          scheduledFor: new Date(Date.now() + 2 * DAY_MS).toISOString(),
          participantAgencyIds: [AGENCIES.police.agencyId, AGENCIES.ngo.agencyId],
          language: 'FR',
        },
      },
    );
    const page = await app.open({ as: 'coordination', path: `/meetings/${scheduleMeeting.meetingId}` });
    const carried = page.getByRole('region', { name: fr('meetings.agenda.section.openActionPoints') });
    const row = carried.getByRole('row').filter({ hasText: state.actionPoint });
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    expect(text).toContain(policeName());
    expect(text).toContain(await frenchDate(page, state.actionPointDue, true));
    expect(text).toContain(fr('meetings.actionPointStatus.OPEN'));
    expect(text).toContain(state.caseReference);
    // And in the agenda the minutes will print, as a sentence with the owner's name and the due date.
    const sentence = page.getByTestId('minutes-document').getByRole('listitem').filter({ hasText: state.actionPoint });
    const said = (await sentence.textContent()) ?? '';
    expect(said).toContain(policeName());
    expect(said).toContain(await frenchDate(page, state.actionPointDue, false));
    expect(said).not.toContain(AGENCIES.police.agencyId);
  });

  it('prints the minutes of a meeting held in Swahili in Swahili, from a console in French', async () => {
    const title = unique('Mkutano wa uratibu, Masisi');
    const { scheduleMeeting } = await app.graphql<{ scheduleMeeting: { meetingId: string } }>(
      'coordination',
      SCHEDULE,
      {
        input: {
          commandId: randomUUID(),
          title,
          province: 'NK',
          scheduledFor: new Date(Date.now() + 3 * DAY_MS).toISOString(),
          participantAgencyIds: [AGENCIES.police.agencyId],
          language: 'SW',
        },
      },
    );
    const page = await app.open({ as: 'coordination', path: `/meetings/${scheduleMeeting.meetingId}`, language: 'fr' });
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('fr');
    // The console's own headings in French.
    await page.getByRole('heading', { level: 2, name: fr('meetings.agenda.title') }).waitFor();

    await page.emulateMedia({ media: 'print' });
    const document = page.getByTestId('minutes-document');
    await document.getByText(sw('meetings.minutes.kicker')).waitFor();
    await expect(document.getByRole('heading', { name: sw('meetings.decisions') }).isVisible()).resolves.toBe(true);
    await expect(document.getByRole('heading', { name: sw('meetings.actionPoints') }).isVisible()).resolves.toBe(true);
    await expect(document.getByText(fr('meetings.minutes.kicker')).count()).resolves.toBe(0);
    await expect(document.evaluate((el) => el.closest('[lang]')?.getAttribute('lang'))).resolves.toBe('sw');
    await expect(page.getByRole('navigation', { name: fr('nav.label') }).isVisible()).resolves.toBe(false);
  });
});
