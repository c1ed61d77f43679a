import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outboxEntries, retryNow, startOutbox } from '../../api/outbox';
import { mockGraphql, renderConsole, testSession, type GraphqlCall } from '../../test/render';
import { freshDevice, POLICE } from '../referrals/fixtures';
import { commandAnswer, EVIDENCE_ID, INVESTIGATION_ID, investigation, investigationApi, SUSPECT_ID } from './fixtures';
import { InvestigationPage } from './InvestigationPage';
import { type InvestigationData } from './vocabulary';

const inputsOf = (calls: readonly GraphqlCall[], operation: string) =>
  calls.filter((c) => c.operationName === operation).map((c) => c.variables['input'] as Record<string, unknown>);

let stop: () => void = () => undefined;
beforeEach(() => {
  freshDevice();
  stop = startOutbox();
});
afterEach(() => stop());

function renderAs(session = POLICE) {
  return renderConsole(<InvestigationPage params={{ id: INVESTIGATION_ID }} />, { language: 'fr', session });
}

// Component tests share two cores with the rest of the suite: room for a slow run.
describe('an investigation', { timeout: 30_000 }, () => {
  it('shows its status, where it came from, its evidence with the custody chain, suspects, arrests and case files', async () => {
    mockGraphql(investigationApi(() => investigation()));
    renderAs();
    expect(await screen.findByRole('heading', { level: 1, name: 'Enquête NK-2026-00042-E1' })).toBeTruthy();
    expect(screen.getByTestId('investigation-status').textContent).toBe('En cours · version 4');

    // The case and the referral, by their references, each a link to its page.
    const caseLink = await within(screen.getByTestId('investigation-case')).findByRole('link', {
      name: 'NK-2026-00042',
    });
    expect(caseLink.getAttribute('href')).toBe('/cases/6f7e2d0a-1c3b-4e5f-8a9b-0c1d2e3f4a5b');
    const referral = screen.getByTestId('investigation-referral');
    expect((await within(referral).findByRole('link', { name: 'NK-2026-00042-R1' })).getAttribute('href')).toBe(
      '/referrals/0b9f7c1e-5a44-4d0e-9a57-3f1f2b7c9d10',
    );
    expect(referral.textContent).toContain('envoyé par Kivu Hope');

    // The evidence: its fingerprint, who holds it now, and its chain of custody from collection.
    const item = screen.getByTestId('evidence-item');
    expect(
      within(item).getByRole('heading', { name: "Document — Registre des dettes tenu par le chef d'équipe" }),
    ).toBeTruthy();
    expect(within(item).getByText('5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8')).toBeTruthy();
    const chain = within(item).getByRole('table', { name: "Chaîne de garde, de la collecte à aujourd'hui" });
    const links = within(chain).getAllByRole('row').slice(1);
    expect(links).toHaveLength(2);
    expect(within(links[0] as HTMLElement).getByText('Collecte')).toBeTruthy();
    expect(within(links[1] as HTMLElement).getByText('Mise sous scellés au greffe')).toBeTruthy();
    expect(links[1]?.textContent).toContain('greffe-1, Police des mines de Masisi');

    // The suspect with personal data (the police read it), the arrest, and the case file with its office by name.
    const suspect = screen.getByTestId('suspect-row');
    expect(within(suspect).getByText('Le Patron')).toBeTruthy();
    expect(within(suspect).getByText('Exploitant')).toBeTruthy();
    expect(within(suspect).getByText('Jean-Pierre Fictif')).toBeTruthy();
    const arrests = screen.getByRole('table', { name: 'Arrestations, par suspect' });
    expect(within(arrests).getByText('Rubaya, puits 3')).toBeTruthy();
    expect(within(arrests).getByRole('rowheader', { name: 'Le Patron' })).toBeTruthy();
    const caseFile = screen.getByTestId('case-file-row');
    expect(within(caseFile).getByText('NK-2026-00042-E1-D1')).toBeTruthy();
    expect(await within(caseFile).findByText('Parquet de grande instance de Goma')).toBeTruthy();
    expect(within(caseFile).getByText("En attente d'accusé de réception")).toBeTruthy();

    // The investigating agency takes it forward.
    expect(screen.getByRole('heading', { name: "Faire avancer l'enquête" })).toBeTruthy();
  });

  it('says personal data is not shared with an agency that may not read it, and offers no forms', async () => {
    mockGraphql(
      investigationApi(() =>
        investigation({
          suspects: investigation().suspects.map((s) => ({ ...s, name: null, dateOfBirth: null })),
        }),
      ),
    );
    renderAs(testSession({ agencyId: 'aplt-nk', agencyType: 'coordination_body', roles: ['coordinator'] }));
    const suspect = await screen.findByTestId('suspect-row');
    expect(within(suspect).getAllByText('Non partagé avec votre agence')).toHaveLength(2);
    expect(screen.queryByRole('heading', { name: "Faire avancer l'enquête" })).toBeNull();
  });

  it('hashes the file picked in the browser and sends only its SHA-256, on the revision shown', async () => {
    const { calls } = mockGraphql(
      investigationApi(
        () => investigation(),
        (call) =>
          call.operationName === 'ConsoleRecordEvidence'
            ? commandAnswer('recordEvidence', {
                evidenceId: (call.variables['input'] as { evidenceId: string }).evidenceId,
              })
            : { errors: [{ message: 'unexpected', extensions: {} }] },
      ),
    );
    const user = userEvent.setup();
    renderAs();
    await user.click(await screen.findByText('Enregistrer une preuve', { selector: 'summary' }));
    const form = screen.getByRole('form', { name: 'Enregistrer une preuve' });
    expect(
      screen.getByText(
        'Le fichier ne quitte pas cet appareil : seule son empreinte SHA-256, calculée ici, est envoyée.',
      ),
    ).toBeTruthy();
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Type de preuve' }), 'Photo');
    await user.type(within(form).getByRole('textbox', { name: 'Description' }), 'Photo du registre');
    // "abc": its SHA-256 is the standard test vector of FIPS 180-2.
    const file = new File(['abc'], 'registre.jpg', { type: 'image/jpeg' });
    // The test DOM's Blob answers an ArrayBuffer of its own realm, which the runtime's Web Crypto refuses:
    // the same three bytes, as a browser reads them.
    const bytes = Buffer.from('abc');
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    Object.defineProperty(file, 'arrayBuffer', { value: () => Promise.resolve(buffer) });
    await user.upload(within(form).getByLabelText('Fichier de la preuve'), file);
    expect(
      await screen.findByText('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad', { selector: 'code' }),
    ).toBeTruthy();
    expect(screen.getByTestId('evidence-hash').textContent).toContain('registre.jpg (3 octets)');
    await user.click(within(form).getByRole('button', { name: 'Enregistrer la preuve' }));

    await waitFor(() => expect(inputsOf(calls, 'ConsoleRecordEvidence')).toHaveLength(1));
    const [sent] = inputsOf(calls, 'ConsoleRecordEvidence');
    expect(sent).toMatchObject({
      investigationId: INVESTIGATION_ID,
      expectedRevision: 4,
      kind: 'PHOTO',
      description: 'Photo du registre',
      sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
      collectedBy: 'officer-1',
    });
    // Only the fingerprint goes: nothing of the file's name or content is in the command.
    expect(JSON.stringify(calls.filter((c) => c.operationName === 'ConsoleRecordEvidence'))).not.toContain(
      'registre.jpg',
    );
    expect(await screen.findByTestId('investigation-result')).toBeTruthy();
    expect(screen.getByTestId('investigation-result').textContent).toBe('Enregistrer une preuve : enregistré.');
  });

  it('takes a typed hash for a physical item, and checks it before sending', async () => {
    const { calls } = mockGraphql(
      investigationApi(
        () => investigation(),
        () => commandAnswer('recordEvidence', { evidenceId: EVIDENCE_ID }),
      ),
    );
    const user = userEvent.setup();
    renderAs();
    await user.click(await screen.findByText('Enregistrer une preuve', { selector: 'summary' }));
    const form = screen.getByRole('form', { name: 'Enregistrer une preuve' });
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Type de preuve' }), 'Objet matériel');
    await user.type(within(form).getByRole('textbox', { name: 'Description' }), 'Pioche saisie au puits 3');
    await user.click(within(form).getByRole('radio', { name: 'Saisie (objet matériel, ou empreinte déjà calculée)' }));
    const hash = within(form).getByRole('textbox', { name: 'Empreinte SHA-256' });
    await user.type(hash, 'BA7816BF');
    await user.click(within(form).getByRole('button', { name: 'Enregistrer la preuve' }));
    expect(hash.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById('evidence-sha256-error')?.textContent).toBe(
      'Une empreinte SHA-256 compte 64 caractères hexadécimaux en minuscules (0-9, a-f).',
    );
    await waitFor(() => expect(document.activeElement?.id).toBe('evidence-problems'));
    expect(inputsOf(calls, 'ConsoleRecordEvidence')).toEqual([]);

    await user.clear(hash);
    await user.type(hash, 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    await user.click(within(form).getByRole('button', { name: 'Enregistrer la preuve' }));
    await waitFor(() =>
      expect(inputsOf(calls, 'ConsoleRecordEvidence')).toEqual([
        expect.objectContaining({
          kind: 'PHYSICAL',
          sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
        }),
      ]),
    );
  });

  it('shows the API’s refusal beside the field it names, the summary on top taking the focus', async () => {
    const { calls } = mockGraphql(
      investigationApi(
        () => investigation(),
        (call) =>
          call.operationName === 'ConsoleIdentifySuspect'
            ? {
                errors: [
                  {
                    message: 'Invalid input',
                    extensions: {
                      code: 'BAD_USER_INPUT',
                      fields: [{ field: 'input.personal.name', reason: 'must not contain control characters' }],
                    },
                  },
                ],
              }
            : { errors: [{ message: 'unexpected', extensions: {} }] },
      ),
    );
    const user = userEvent.setup();
    renderAs();
    await user.click(await screen.findByText('Identifier un suspect', { selector: 'summary' }));
    const form = screen.getByRole('form', { name: 'Identifier un suspect' });
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Rôle dans la traite' }), 'Recruteur');
    await user.type(within(form).getByRole('textbox', { name: 'Surnom' }), 'Kadogo');
    // A control character a pasted text may carry: the form does not look for it, the API does.
    fireEvent.input(within(form).getByRole('textbox', { name: 'Nom' }), { target: { value: 'Amani\u0007 Fictif' } });
    await user.click(within(form).getByRole('button', { name: 'Enregistrer le suspect' }));

    // While the command is on its way the forms are hidden; refused, the form comes back with the reason.
    const name = await within(form).findByRole('textbox', { name: 'Nom' });
    await waitFor(() => expect(name.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(name.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'Ce texte contient des caractères invisibles de contrôle : retirez-les.',
    );
    const summary = screen.getByRole('alert', { name: 'Un point à corriger' });
    await waitFor(() => expect(document.activeElement).toBe(summary));
    expect(within(summary).getByRole('link').textContent).toBe(
      'Nom : Ce texte contient des caractères invisibles de contrôle : retirez-les.',
    );
    expect(inputsOf(calls, 'ConsoleIdentifySuspect')).toEqual([
      expect.objectContaining({ role: 'RECRUITER', alias: 'Kadogo', expectedRevision: 4 }),
    ]);
    // Refused: nothing was written, and nothing is left waiting on the device.
    await waitFor(() => expect(outboxEntries()).toEqual([]));
  });

  it('shows a rule the platform applied beside its field: the custody chain has no gap', async () => {
    mockGraphql(
      investigationApi(
        () => investigation(),
        (call) =>
          call.operationName === 'ConsoleRecordEvidenceCustodyTransfer'
            ? {
                errors: [
                  {
                    message: 'Evidence is held by someone else',
                    extensions: { code: 'RULE_VIOLATION', rule: 'custody_chain_broken' },
                  },
                ],
              }
            : { errors: [{ message: 'unexpected', extensions: {} }] },
      ),
    );
    const user = userEvent.setup();
    renderAs();
    await user.click(await screen.findByText('Transférer la garde', { selector: 'summary' }));
    const form = screen.getByRole('form', { name: 'Transférer la garde' });
    await user.selectOptions(
      within(form).getByRole('combobox', { name: 'Agence qui la reçoit' }),
      await within(form).findByRole('option', { name: 'Parquet de grande instance de Goma' }),
    );
    await user.type(within(form).getByRole('textbox', { name: 'Officier qui la reçoit' }), 'greffier-parquet');
    await user.type(within(form).getByRole('textbox', { name: 'Motif du transfert' }), 'Dossier transmis');
    await user.click(within(form).getByRole('button', { name: 'Enregistrer le transfert' }));
    const from = await within(form).findByText(/Remise par son gardien actuel : greffe-1/);
    await waitFor(() => expect(from.getAttribute('aria-describedby')).toBe(`custody-${EVIDENCE_ID}-from-error`));
    expect(document.getElementById(`custody-${EVIDENCE_ID}-from-error`)?.textContent).toMatch(
      /^Rien n'a été enregistré : /,
    );
  });

  it('shows a CONFLICT clearly and never resends it by itself', async () => {
    let current: InvestigationData = investigation();
    const { calls } = mockGraphql(
      investigationApi(
        () => current,
        (call) =>
          call.operationName === 'ConsoleRecordArrest'
            ? {
                errors: [
                  {
                    message: 'Investigation has changed',
                    extensions: { code: 'CONFLICT', entity: 'Investigation', expectedRevision: 4, currentRevision: 5 },
                  },
                ],
              }
            : { errors: [{ message: 'unexpected', extensions: {} }] },
      ),
    );
    const user = userEvent.setup();
    renderAs();
    await user.click(await screen.findByText('Enregistrer une arrestation', { selector: 'summary' }));
    const form = screen.getByRole('form', { name: 'Enregistrer une arrestation' });
    current = investigation({ revision: 5, lastActivityAt: '2026-12-05T09:00:00Z' });
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Suspect arrêté' }), 'Le Patron (Exploitant)');
    await user.type(within(form).getByRole('textbox', { name: "Lieu de l'arrestation" }), 'Rubaya');
    await user.type(within(form).getByRole('textbox', { name: 'Base légale' }), 'Flagrance');
    await user.click(within(form).getByRole('button', { name: "Enregistrer l'arrestation" }));

    const conflict = await screen.findByTestId('investigation-conflict');
    expect(within(conflict).getByText('Conflit : Enregistrer une arrestation')).toBeTruthy();
    await waitFor(() =>
      expect(
        within(conflict).getByText(/Vous aviez vu la version 4 ; l'enquête est maintenant à la version 5/),
      ).toBeTruthy(),
    );
    expect(within(conflict).getByRole('button', { name: "L'appliquer à la version actuelle" })).toBeTruthy();
    expect(inputsOf(calls, 'ConsoleRecordArrest')).toEqual([
      expect.objectContaining({ suspectId: SUSPECT_ID, location: 'Rubaya', expectedRevision: 4 }),
    ]);
    expect(outboxEntries().map((e) => e.state)).toEqual(['conflict']);
  });

  it('transmits the case file to a prosecutor’s office chosen by name, with the suspects and evidence ticked', async () => {
    const { calls } = mockGraphql(
      investigationApi(
        () => investigation({ caseFiles: [] }),
        (call) =>
          call.operationName === 'ConsoleTransmitCaseFile'
            ? commandAnswer('transmitCaseFile', { caseFileId: 'c' })
            : { errors: [{ message: 'unexpected', extensions: {} }] },
      ),
    );
    const user = userEvent.setup();
    renderAs();
    await user.click(await screen.findByText('Transmettre le dossier au parquet', { selector: 'summary' }));
    const form = screen.getByRole('form', { name: 'Transmettre le dossier au parquet' });
    await user.selectOptions(
      within(form).getByRole('combobox', { name: 'Parquet destinataire' }),
      await within(form).findByRole('option', { name: 'Parquet de grande instance de Bukavu' }),
    );
    expect(within(form).getByRole('checkbox', { name: 'Le Patron (Exploitant)' })).toHaveProperty('checked', true);
    await user.type(
      within(form).getByRole('textbox', { name: 'Résumé du dossier' }),
      'Servitude pour dettes au puits 3.',
    );
    await user.click(within(form).getByRole('button', { name: 'Transmettre le dossier' }));
    await waitFor(() => expect(inputsOf(calls, 'ConsoleTransmitCaseFile')).toHaveLength(1));
    const [sent] = inputsOf(calls, 'ConsoleTransmitCaseFile');
    expect(sent).toMatchObject({
      investigationId: INVESTIGATION_ID,
      expectedRevision: 4,
      toProsecutorOfficeId: 'parquet-bukavu',
      suspectIds: [SUSPECT_ID],
      evidenceIds: [EVIDENCE_ID],
      summary: 'Servitude pour dettes au puits 3.',
    });
    // Due in a week by default, within the API's thirty days.
    const due = Date.parse(String(sent?.['dueBy'])) - Date.now();
    expect(due).toBeGreaterThan(6 * 24 * 3600_000);
    expect(due).toBeLessThan(30 * 24 * 3600_000);
  });

  it('asks for a note to close for another reason, and refuses “transmitted” without a case file', async () => {
    const { calls } = mockGraphql(investigationApi(() => investigation({ caseFiles: [] })));
    const user = userEvent.setup();
    renderAs();
    await user.click(await screen.findByText("Clôturer l'enquête", { selector: 'summary' }));
    const form = screen.getByRole('form', { name: "Clôturer l'enquête" });
    await user.click(within(form).getByRole('radio', { name: 'Dossier transmis au parquet' }));
    await user.click(within(form).getByRole('button', { name: "Clôturer l'enquête" }));
    expect(document.getElementById('close-reason-error')?.textContent).toBe(
      "Aucun dossier n'a été transmis : transmettez-le d'abord, ou choisissez un autre motif.",
    );
    await user.click(within(form).getByRole('radio', { name: 'Autre motif' }));
    await user.click(within(form).getByRole('button', { name: "Clôturer l'enquête" }));
    expect(document.getElementById('close-note-error')?.textContent).toBe('Expliquez le motif dans la note.');
    expect(within(form).getByRole('textbox', { name: 'Note' }).getAttribute('aria-invalid')).toBe('true');
    expect(inputsOf(calls, 'ConsoleCloseInvestigation')).toEqual([]);
  });

  it('keeps a command on the device while offline and sends it once when the link is back', async () => {
    let online = true;
    const api = investigationApi(
      () => investigation(),
      () => commandAnswer('recordArrest', { suspectId: SUSPECT_ID }),
    );
    const { calls } = mockGraphql((call) => {
      if (!online) throw new Error('offline');
      return api(call);
    });
    const user = userEvent.setup();
    renderAs();
    await user.click(await screen.findByText('Enregistrer une arrestation', { selector: 'summary' }));
    const form = screen.getByRole('form', { name: 'Enregistrer une arrestation' });
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Suspect arrêté' }), 'Le Patron (Exploitant)');
    await user.type(within(form).getByRole('textbox', { name: "Lieu de l'arrestation" }), 'Rubaya');
    await user.type(within(form).getByRole('textbox', { name: 'Base légale' }), 'Flagrance');
    online = false;
    await user.click(within(form).getByRole('button', { name: "Enregistrer l'arrestation" }));

    const pending = await screen.findByTestId('investigation-pending');
    expect(pending.textContent).toContain('Enregistrer une arrestation');
    expect(outboxEntries().map((e) => e.state)).toEqual(['pending']);

    online = true;
    act(() => {
      window.dispatchEvent(new Event('online'));
    });
    await act(() => retryNow());
    expect(await screen.findByTestId('investigation-result')).toBeTruthy();
    const sends = inputsOf(calls, 'ConsoleRecordArrest');
    // Tried offline, then sent again when the link came back: the same command each time.
    expect(sends.length).toBeGreaterThanOrEqual(2);
    expect(new Set(sends.map((s) => s['commandId'])).size).toBe(1);
    await waitFor(() => expect(outboxEntries()).toEqual([]));
  });
});
