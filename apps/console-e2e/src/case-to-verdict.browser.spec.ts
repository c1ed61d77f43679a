import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Locator, type Page } from 'playwright-core';
import { AGENCIES, catalogue, screenshot, useConsole, type AgencyName } from './console.js';
import { ROOT } from './platform.js';

const fr = catalogue('fr');

/** The case page's sentences of the steps (the French catalogue's `case.event.*`). */
const EVENT_SENTENCES = Object.entries(
  JSON.parse(readFileSync(join(ROOT, 'apps/console/src/i18n/messages/fr/case.json'), 'utf8')) as Record<string, string>,
)
  .filter(([key]) => key.startsWith('case.event.'))
  .map(([, text]) => text);

/** A catalogue sentence up to its first placeholder: what every such sentence starts with. */
const opening = (key: string) => fr(key).split('{')[0] ?? '';
const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A date and time in Kivu (UTC+2) as a datetime-local field takes it: `2026-12-06T14:30`. */
const kivuLocal = (at: Date) => new Date(at.getTime() + 2 * 3_600_000).toISOString().slice(0, 16);

/** The form a person opens by its summary (a <details>), found by the summary's text. */
function disclosure(page: Page, summary: string | RegExp): Locator {
  return page.locator('details').filter({ has: page.locator('summary', { hasText: summary }) });
}

async function open(page: Page, summary: string | RegExp): Promise<Locator> {
  const details = disclosure(page, summary).first();
  await details.locator('summary').first().click();
  return details;
}

const combobox = (scope: Page | Locator, name: string) => scope.getByRole('combobox', { name, exact: true });
const textbox = (scope: Page | Locator, name: string) => scope.getByRole('textbox', { name, exact: true });

/** Chooses the first real option of a select (the one after "Choose…"). */
async function chooseFirst(select: Locator): Promise<void> {
  const value = await select.locator('option').nth(1).getAttribute('value');
  if (!value) throw new Error(`no option to choose in ${select.toString()}`);
  await select.selectOption(value);
}

/** The bytes of the photograph the police take at the site: a file on the officer's phone. */
const PHOTO = Buffer.from(
  `Photo du registre de dettes tenu au puits 4, site NK-MAS-014 (${Date.now().toString(36)})\n`,
  'utf8',
);

describe('one case from referral to verdict, in the console, by four agencies', () => {
  const app = useConsole();

  it('is referred, investigated, prosecuted to a conviction and assisted, each agency in its own browser', async () => {
    const summary = `Adulte retenu pour dettes au puits 4, consentement recueilli (${Date.now().toString(36)})`;
    const [ngo, police, prosecutor, assistance] = await Promise.all(
      (['ngo', 'police', 'prosecutor', 'assistance'] as const).map((as) => app.open({ as, path: '/' })),
    );
    if (!ngo || !police || !prosecutor || !assistance) throw new Error('a browser did not open');

    // 1. The NGO's field worker refers the person to the police, with their consent for the police
    //    (an investigation) and for assistance.
    await ngo.getByRole('link', { name: fr('queues.newReferral') }).click();
    await ngo.getByRole('heading', { level: 1, name: fr('referrals.new.title') }).waitFor();
    await combobox(ngo, fr('referrals.field.toAgencyType')).selectOption('POLICE');
    await combobox(ngo, fr('referrals.field.toAgencyId')).selectOption(AGENCIES.police.agencyId);
    await textbox(ngo, fr('referrals.field.siteCode')).fill('NK-MAS-014');
    await ngo.getByRole('radio', { name: fr('referrals.field.isChild.no'), exact: true }).check();
    await ngo.getByRole('checkbox', { name: fr('referrals.indicator.DEBT_BONDAGE'), exact: true }).check();
    await ngo
      .getByRole('group', { name: fr('referrals.field.consentGiven') })
      .getByRole('radio', { name: fr('referrals.field.consentGiven.yes'), exact: true })
      .check();
    await ngo.getByRole('radio', { name: fr('referrals.consentGiver.SELF'), exact: true }).check();
    const consentTo = ngo.getByRole('group', { name: fr('referrals.field.consentAgencyTypes') });
    await consentTo.getByRole('checkbox', { name: fr('agencyType.police'), exact: true }).check();
    await consentTo.getByRole('checkbox', { name: fr('agencyType.assistance_provider'), exact: true }).check();
    await ngo.getByRole('checkbox', { name: fr('referrals.consentPurpose.INVESTIGATION'), exact: true }).check();
    await ngo.getByRole('checkbox', { name: fr('referrals.consentPurpose.ASSISTANCE'), exact: true }).check();
    await textbox(ngo, fr('referrals.field.summary')).fill(summary);
    await ngo.getByRole('button', { name: fr('referrals.new.submit') }).click();
    await ngo.waitForURL(/\/referrals\/(?!new)[^/?]+/, { timeout: 30_000 });
    const referralId = decodeURIComponent(new URL(ngo.url()).pathname.split('/')[2] ?? '');

    const { outgoingReferrals } = await app.graphql<{
      outgoingReferrals: {
        nodes: { referralId: string; jointCaseId: string | null; subjectPersonId: string | null }[];
      };
    }>('ngo', `{ outgoingReferrals(filter: { first: 100 }) { nodes { referralId jointCaseId subjectPersonId } } }`);
    const sent = outgoingReferrals.nodes.find((r) => r.referralId === referralId);
    const jointCaseId = sent?.jointCaseId;
    if (!jointCaseId) throw new Error(`the referral ${referralId} opened no joint case`);

    // 2. The police find it in their queue, accept it and open an investigation from it.
    await police.reload();
    const queue = police.getByRole('region', { name: fr('queues.incomingReferrals.title') });
    const row = queue.getByRole('row').filter({ hasText: 'NK-MAS-014' });
    await row.waitFor();
    await row.getByRole('link').first().click();
    await police.waitForURL(`**/referrals/${referralId}`);
    await police.getByRole('button', { name: fr('referrals.action.acceptReferral.submit') }).click();
    await police.getByText(fr('referrals.status.ACCEPTED')).first().waitFor();
    await police.getByRole('link', { name: fr('investigations.open.title') }).click();
    await police.getByRole('heading', { level: 1, name: fr('investigations.open.title') }).waitFor();
    await police.getByRole('checkbox', { name: fr('investigations.offence.FORCED_LABOUR'), exact: true }).check();
    await police.getByRole('button', { name: fr('investigations.open.submit') }).click();
    await police.waitForURL(/\/investigations\/(?!new)[^/?]+$/, { timeout: 30_000 });
    const investigationId = decodeURIComponent(new URL(police.url()).pathname.split('/')[2] ?? '');

    // Evidence: a photograph chosen on the phone; only its SHA-256, computed in the browser, is sent.
    const evidence = await open(police, fr('investigations.evidence.form.title'));
    await combobox(evidence, fr('investigations.evidence.field.kind')).selectOption('PHOTO');
    await textbox(evidence, fr('investigations.evidence.field.description')).fill('Registre de dettes, puits 4');
    await evidence.getByLabel(fr('investigations.evidence.field.file'), { exact: true }).setInputFiles({
      name: 'registre-puits-4.txt',
      mimeType: 'text/plain',
      buffer: PHOTO,
    });
    const sha256 = createHash('sha256').update(PHOTO).digest('hex');
    await expect(police.getByTestId('evidence-hash').locator('code').textContent()).resolves.toBe(sha256);
    await evidence.getByRole('button', { name: fr('investigations.evidence.form.submit') }).click();
    await police
      .getByRole('heading', { name: fr('investigations.evidence.title').replace('{count, number}', '1') })
      .waitFor();
    await police.getByText(sha256, { exact: true }).first().waitFor();
    const { investigation } = await app.graphql<{ investigation: { evidence: { sha256: string }[] } }>(
      'police',
      `query ($id: ID!) { investigation(investigationId: $id) { evidence { sha256 } } }`,
      { id: investigationId },
    );
    expect(investigation.evidence.map((e) => e.sha256)).toEqual([sha256]);

    // A suspect, then their arrest.
    const suspect = await open(police, fr('investigations.suspect.form.title'));
    await combobox(suspect, fr('investigations.suspect.field.role')).selectOption('RECRUITER');
    await textbox(suspect, fr('investigations.suspect.field.alias')).fill('Le caissier du puits 4');
    await suspect.getByRole('button', { name: fr('investigations.suspect.form.submit') }).click();
    await police
      .getByRole('heading', { name: fr('investigations.suspects.title').replace('{count, number}', '1') })
      .waitFor();

    const arrest = await open(police, fr('investigations.arrest.form.title'));
    await chooseFirst(combobox(arrest, fr('investigations.arrest.field.suspect')));
    await textbox(arrest, fr('investigations.arrest.field.location')).fill('Cité de Rubaya, Masisi');
    await textbox(arrest, fr('investigations.arrest.field.legalBasis')).fill(
      "Mandat d'arrêt provisoire de l'OPJ, Code de procédure pénale, art. 4",
    );
    await arrest.getByRole('button', { name: fr('investigations.arrest.form.submit') }).click();
    await police
      .getByRole('heading', { name: fr('investigations.arrests.title').replace('{count, number}', '1') })
      .waitFor();

    // The case file to the prosecutor's office, chosen by its name in the directory.
    const transmit = await open(police, fr('investigations.transmit.form.title'));
    await combobox(transmit, fr('investigations.transmit.field.office')).selectOption({
      label: 'Parquet de grande instance de Goma',
    });
    await textbox(transmit, fr('investigations.transmit.field.summary')).fill(
      'Un recruteur identifié et arrêté ; le registre des dettes photographié.',
    );
    await transmit.getByRole('button', { name: fr('investigations.transmit.form.submit') }).click();
    await police
      .getByRole('heading', { name: fr('investigations.caseFiles.title').replace('{count, number}', '1') })
      .waitFor();

    // 3. The prosecutor's office acknowledges the case file, which opens the prosecution.
    await prosecutor
      .getByRole('link', { name: fr('prosecution.nav.caseFiles') })
      .first()
      .click();
    await prosecutor.getByRole('heading', { level: 1, name: fr('prosecution.caseFiles.title') }).waitFor();
    const acknowledge = prosecutor.getByRole('button', {
      name: new RegExp(`^${escaped(opening('prosecution.caseFiles.acknowledge'))}`),
    });
    await acknowledge.first().click();
    await prosecutor.getByRole('button', { name: fr('prosecution.receive.submit'), exact: true }).click();
    await prosecutor.getByTestId('case-file-received').waitFor({ timeout: 30_000 });
    await prosecutor.getByRole('link', { name: fr('prosecution.receive.open') }).click();
    await prosecutor.waitForURL(/\/prosecutions\/[^/?]+/);

    // A charge on the legal basis of the law against trafficking.
    const charge = await open(prosecutor, fr('prosecution.form.fileCharges.title'));
    await chooseFirst(combobox(charge, fr('prosecution.field.suspect')));
    await combobox(charge, fr('prosecution.field.offence')).selectOption('FORCED_LABOUR');
    await textbox(charge, fr('prosecution.field.legalBasis')).fill('Code pénal, art. 174j (loi du 26 octobre 2022)');
    await charge.getByRole('button', { name: fr('prosecution.form.fileCharges.submit') }).click();
    await prosecutor.getByText('Code pénal, art. 174j (loi du 26 octobre 2022)').first().waitFor();

    // A hearing in two hours (Kivu time), seen on the hearings calendar.
    const court = 'Tribunal de grande instance de Goma';
    const schedule = await open(prosecutor, fr('prosecution.form.scheduleHearing.title'));
    await schedule
      .getByLabel(fr('prosecution.field.scheduledFor'), { exact: true })
      .fill(kivuLocal(new Date(Date.now() + 2 * 3_600_000)));
    await textbox(schedule, fr('prosecution.field.court')).fill(court);
    await textbox(schedule, fr('prosecution.field.purpose')).fill('Audience de jugement');
    await schedule.getByRole('button', { name: fr('prosecution.form.scheduleHearing.submit') }).click();
    const hearingActions = new RegExp(`^${escaped(opening('prosecution.hearing.actions'))}`);
    await prosecutor.locator('summary', { hasText: hearingActions }).waitFor({ timeout: 30_000 });
    const prosecutionPath = new URL(prosecutor.url()).pathname;

    await prosecutor
      .getByRole('link', { name: fr('prosecution.nav.hearings') })
      .first()
      .click();
    await prosecutor.getByRole('heading', { level: 1, name: fr('prosecution.hearings.title') }).waitFor();
    // The calendar lists the hearing under its day, with its court and purpose; it links to the prosecution.
    // (On a phone the calendar is a list of days, each listing its hearings: the innermost item is the hearing.)
    const onCalendar = prosecutor
      .getByRole('listitem')
      .filter({ hasText: `${court} · Audience de jugement` })
      .last();
    await onCalendar.waitFor();
    await onCalendar.getByRole('link').click();
    await prosecutor.waitForURL(`**${prosecutionPath}*`);

    // The hearing is held, the verdict rendered (convicted) and the sentence imposed.
    const held = await open(prosecutor, hearingActions);
    const outcome = 'Débats tenus ; le jugement est rendu sur le siège.';
    await textbox(held, fr('prosecution.field.hearingOutcome')).fill(outcome);
    await held.getByRole('button', { name: fr('prosecution.form.recordHearingHeld.submit') }).click();
    // The hearings' table says it was held, and what happened.
    await prosecutor
      .getByRole('cell', {
        name: new RegExp(`^${escaped(opening('prosecution.hearing.heldOn'))}.* — ${escaped(outcome)}$`),
      })
      .waitFor();

    const verdict = await open(prosecutor, fr('prosecution.form.renderVerdict.title'));
    await chooseFirst(combobox(verdict, fr('prosecution.field.charge')));
    await combobox(verdict, fr('prosecution.field.verdict')).selectOption('CONVICTED');
    await verdict.getByRole('button', { name: fr('prosecution.form.renderVerdict.submit') }).click();
    await prosecutor.getByText(fr('prosecution.verdict.CONVICTED'), { exact: true }).first().waitFor();

    const sentence = await open(prosecutor, fr('prosecution.form.imposeSentence.title'));
    await chooseFirst(combobox(sentence, fr('prosecution.field.convictedCharge')));
    await sentence.getByRole('spinbutton', { name: fr('prosecution.field.imprisonmentMonths') }).fill('60');
    await sentence.getByRole('button', { name: fr('prosecution.form.imposeSentence.submit') }).click();
    await prosecutor
      .getByText(fr('prosecution.sentence.months').replace(/^.*other \{# (.*)\}\}$/, '60 $1'))
      .first()
      .waitFor();

    // 4. The NGO refers the same person on to the assistance provider, from its first referral's page (the
    //    case and the person carried over), who accepts and takes them into assistance in the console.
    if (!sent.subjectPersonId) throw new Error('the NGO reads no person on its referral');
    await ngo.goto(`${app.base()}/referrals/${encodeURIComponent(referralId)}`);
    await ngo.getByRole('link', { name: fr('referrals.forward.link') }).click();
    await ngo
      .getByTestId('referral-forwarding')
      .filter({ hasText: /NK-\d{4}-\d{5}-R1/ })
      .waitFor();
    await expect(textbox(ngo, fr('referrals.field.siteCode')).inputValue()).resolves.toBe('NK-MAS-014');
    await combobox(ngo, fr('referrals.field.toAgencyType')).selectOption('ASSISTANCE_PROVIDER');
    await combobox(ngo, fr('referrals.field.toAgencyId')).selectOption(AGENCIES.assistance.agencyId);
    await ngo
      .getByRole('group', { name: fr('referrals.field.consentGiven') })
      .getByRole('radio', { name: fr('referrals.field.consentGiven.no'), exact: true })
      .check();
    await textbox(ngo, fr('referrals.field.summary')).fill(
      'Adulte libéré de sa dette : hébergement et soins demandés.',
    );
    await ngo.getByRole('button', { name: fr('referrals.new.submit') }).click();
    await ngo.waitForURL(
      (url) => /^\/referrals\/(?!new)[^/?]+$/.test(url.pathname) && !url.pathname.endsWith(referralId),
      {
        timeout: 30_000,
      },
    );
    const forwardedId = decodeURIComponent(new URL(ngo.url()).pathname.split('/')[2] ?? '');
    const { referral: forwarded } = await app.graphql<{
      referral: { jointCaseId: string | null; subjectPersonId: string | null };
    }>('ngo', `query ($id: ID!) { referral(referralId: $id) { jointCaseId subjectPersonId } }`, { id: forwardedId });
    // The same case, the same person.
    expect(forwarded).toEqual({ jointCaseId, subjectPersonId: sent.subjectPersonId });
    await assistance.reload();
    const inbox = assistance.getByRole('region', { name: fr('queues.incomingReferrals.title') });
    await inbox.getByRole('row').filter({ hasText: 'NK-MAS-014' }).getByRole('link').first().click();
    await assistance.waitForURL(`**/referrals/${forwardedId}`);
    await assistance.getByRole('button', { name: fr('referrals.action.acceptReferral.submit') }).click();
    await assistance.getByText(fr('referrals.status.ACCEPTED')).first().waitFor();
    // The accepted referral leads to taking the person into assistance, the referral already chosen.
    await assistance.getByRole('link', { name: fr('assistance.register.title') }).click();
    await assistance.getByRole('heading', { level: 1, name: fr('assistance.register.title') }).waitFor();
    const fromReferral = combobox(assistance, fr('assistance.register.referral'));
    await fromReferral.locator(`option[value="${forwardedId}"]`).waitFor({ state: 'attached' });
    await expect(fromReferral.inputValue()).resolves.toBe(forwardedId);
    await assistance
      .getByRole('group', { name: fr('assistance.field.ageGroup') })
      .getByRole('radio', { name: fr('assistance.ageGroup.ADULT'), exact: true })
      .check();
    await assistance
      .getByRole('group', { name: fr('assistance.field.sex') })
      .getByRole('radio', { name: fr('assistance.sex.MALE'), exact: true })
      .check();
    await assistance
      .getByRole('group', { name: fr('assistance.field.formsOfExploitation') })
      .getByRole('checkbox', { name: fr('assistance.form.FORCED_LABOUR'), exact: true })
      .check();
    await assistance
      .getByRole('group', { name: fr('assistance.field.consentGivenBy') })
      .getByRole('radio', { name: fr('assistance.consentGivenBy.SELF'), exact: true })
      .check();
    await assistance.getByRole('button', { name: fr('assistance.register.submit'), exact: true }).click();
    await assistance.waitForURL(/\/assistance\/(?!new)[^/?]+$/, { timeout: 30_000 });

    // 5. Each agency reads the case: adjudicated, its steps on the timeline, what is not shared with it
    //    said so, never an empty row.
    const coordination = await app.open({ as: 'coordination', path: `/cases/${jointCaseId}` });
    const readers: [AgencyName, Page][] = [
      ['ngo', ngo],
      ['police', police],
      ['prosecutor', prosecutor],
      ['assistance', assistance],
      ['coordination', coordination],
    ];
    /** The redacted sentence, whatever its category: "… : contenu non partagé avec votre agence". */
    const redacted = new RegExp(
      `${escaped(fr('case.timeline.redacted').replace('{category}', '\u0000')).replace('\u0000', '.+')}$`,
    );
    const read: Record<string, readonly string[]> = {};
    for (const [as, page] of readers) {
      if (as !== 'coordination') await page.goto(`/cases/${jointCaseId}`);
      await page
        .locator('dt', { hasText: fr('case.field.stage') })
        .locator('xpath=following-sibling::dd[1]')
        .filter({ hasText: fr('stage.ADJUDICATED') })
        .waitFor({ timeout: 20_000 });
      const timeline = page.getByRole('list', { name: fr('case.timeline.label') });
      await timeline.getByRole('listitem').first().waitFor();
      // What each entry says happened (the line under its time and agency): never empty.
      read[as] = (await timeline.getByRole('listitem').locator('p:last-child').allInnerTexts()).map((w) => w.trim());
    }
    // Each entry's first line: the catalogue's sentence of its step, or the redacted sentence.
    const said = (as: AgencyName) => (read[as] ?? []).map((what) => what.split('\n')[0] ?? '');
    const steps = (...types: string[]) => types.map((type) => fr(`case.event.${type}`));
    const withheld = (category: string) =>
      fr('case.timeline.redacted').replace('{category}', fr(`case.category.${category}`));
    for (const [as] of readers) {
      const lines = said(as);
      expect({ as, empty: lines.filter((line) => line.trim() === '') }).toEqual({ as, empty: [] });
      const known = (line: string) => redacted.test(line) || EVENT_SENTENCES.includes(line);
      expect({ as, unknown: lines.filter((line) => !known(line)) }).toEqual({ as, unknown: [] });
    }
    // The police and the prosecutor's office read every step of the criminal chain, in order; the
    // assistance provider's work on the person is not theirs to read.
    const chain = steps(
      'ReferralSubmitted',
      'ReferralAccepted',
      'InvestigationOpened',
      'EvidenceRecorded',
      'SuspectIdentified',
      'ArrestMade',
      'CaseFileTransmitted',
      'CaseFileReceived',
      'ChargesFiled',
      'HearingScheduled',
      'HearingHeld',
      'VerdictRendered',
      'SentenceImposed',
    );
    for (const as of ['police', 'prosecutor'] as const) {
      // The referral to the assistance provider comes last.
      expect(said(as).filter((line) => chain.includes(line))).toEqual([
        ...chain,
        ...steps('ReferralSubmitted', 'ReferralAccepted'),
      ]);
      expect(said(as)).toContain(withheld('assistance'));
      expect(said(as)).not.toContain(fr('case.event.VictimRegistered'));
    }
    // The coordination body reads the handoffs, and that the investigation and the prosecution acted.
    expect(said('coordination')).toEqual(
      expect.arrayContaining([
        ...steps('ReferralSubmitted', 'ReferralAccepted', 'CaseFileTransmitted', 'CaseFileReceived'),
        withheld('investigation'),
        withheld('prosecution'),
        withheld('assistance'),
      ]),
    );
    expect(said('coordination')).not.toContain(fr('case.event.VerdictRendered'));
    // The assistance provider reads its own registration and the referrals; the NGO its referrals.
    expect(said('assistance')).toEqual(
      expect.arrayContaining(steps('ReferralSubmitted', 'ReferralAccepted', 'VictimRegistered')),
    );
    expect(said('ngo').filter((line) => line === fr('case.event.ReferralSubmitted'))).toHaveLength(2);
    expect(said('ngo')).toContain(withheld('assistance'));
    for (const as of ['ngo', 'assistance'] as const) {
      expect(said(as)).not.toContain(fr('case.event.EvidenceRecorded'));
    }

    // 6. The coordination body's case page, for the documentation.
    const shot = await screenshot(coordination, 'case-to-verdict.coordination.fr');
    mkdirSync(join(ROOT, 'docs', 'screenshots'), { recursive: true });
    copyFileSync(shot, join(ROOT, 'docs', 'screenshots', 'case.fr.png'));
  }, 300_000);
});
