import { useId, useRef, useState, type SyntheticEvent } from 'react';
import { describedBy, FieldError, RadioGroup, type FieldMessage } from '../../components/form';
import type { VictimDataErasureReason } from '../../gql/graphql';
import { useT } from '../../i18n/i18n';
import { type AssistanceData, type OnDone } from './CaseForms';
import { CommandNote, FormTop, useFormCommand, type FormProblem } from './formKit';
import { ErasePersonalDataMutation } from './operations';
import { ERASURE_REASONS } from './vocabulary';

type EraseField = 'reason';

/** What the person types to confirm: the case's reference, else its id (a case without a reference yet). */
export function confirmationWord(assistance: Pick<AssistanceData, 'reference' | 'assistanceId'>): string {
  return assistance.reference ?? assistance.assistanceId;
}

const same = (typed: string, expected: string) => typed.trim().toUpperCase() === expected.trim().toUpperCase();

/**
 * Erase the victim's personal data, for a legal request or at the end of retention: the platform destroys the
 * key, so the name, date of birth, phone number and whereabouts read as nothing everywhere, for ever. A
 * <dialog> says so plainly and asks for the case's reference, typed, before anything is sent.
 */
export function EraseSection({ assistance, onDone }: { readonly assistance: AssistanceData; readonly onDone: OnDone }) {
  const t = useT();
  const id = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState<VictimDataErasureReason | ''>('');
  const [typed, setTyped] = useState('');
  const [open, setOpen] = useState(false);
  const [confirmProblems, setConfirmProblems] = useState<readonly FieldMessage[]>([]);
  const word = confirmationWord(assistance);
  const kit = useFormCommand({
    idPrefix: 'erase',
    document: ErasePersonalDataMutation,
    mutation: 'erasePersonalData',
    label: 'assistance.action.erasePersonalData',
    subject: { kind: 'assistance', id: assistance.assistanceId },
    fieldOf: (f): EraseField | null => (f === 'reason' ? 'reason' : null),
    labels: { reason: 'assistance.erase.reason' },
    onAcknowledged: (outcome) => onDone('assistance.action.erasePersonalData', outcome),
  });

  const showDialog = () => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (typeof dialog.showModal === 'function') dialog.showModal();
    else dialog.setAttribute('open', '');
    setOpen(true);
  };
  const closeDialog = () => {
    const dialog = dialogRef.current;
    if (dialog?.open) {
      if (typeof dialog.close === 'function') dialog.close();
      else dialog.removeAttribute('open');
    }
    setOpen(false);
    setTyped('');
    setConfirmProblems([]);
  };

  // First step: the reason. Nothing is sent from here; it only opens the confirmation.
  const ask = (event: SyntheticEvent) => {
    event.preventDefault();
    const found: FormProblem<EraseField>[] =
      reason === '' ? [{ field: 'reason', message: { key: 'form.problem.choose' } }] : [];
    if (found.length > 0) {
      // Not sent: the problems show, and the summary takes the focus.
      kit.submit(found, { assistanceId: assistance.assistanceId, reason: 'LEGAL_REQUEST' });
      return;
    }
    kit.reset();
    showDialog();
  };

  // Second step: the reference typed, then the command.
  const confirm = (event: SyntheticEvent) => {
    event.preventDefault();
    if (!same(typed, word)) {
      setConfirmProblems([{ key: 'assistance.erase.confirmMismatch', values: { reference: word } }]);
      document.getElementById(`${id}-confirm`)?.focus();
      return;
    }
    closeDialog();
    kit.submit([], {
      assistanceId: assistance.assistanceId,
      expectedRevision: assistance.revision,
      reason: reason === '' ? 'LEGAL_REQUEST' : reason,
    });
  };

  const mismatch = confirmProblems.length > 0;
  return (
    <section aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('assistance.erase.title')}</h3>
      <p>{t('assistance.erase.intro')}</p>
      <form noValidate onSubmit={ask}>
        <FormTop kit={kit} />
        <RadioGroup
          id={kit.controlId('reason')}
          name="erasureReason"
          legend={t('assistance.erase.reason')}
          options={ERASURE_REASONS}
          label={(r) => t(`assistance.erasureReason.${r}`)}
          value={reason}
          onChange={setReason}
          errors={kit.errorsOf('reason')}
        />
        <CommandNote status={kit.status} />
        <button type="submit" className="danger" aria-haspopup="dialog">
          {t('assistance.erase.open')}
        </button>
      </form>
      <dialog
        ref={dialogRef}
        aria-labelledby={`${id}-dialog-title`}
        aria-describedby={`${id}-dialog-what`}
        onClose={() => open && closeDialog()}
      >
        <article>
          <form noValidate onSubmit={confirm}>
            <h2 id={`${id}-dialog-title`}>{t('assistance.erase.dialogTitle')}</h2>
            <div id={`${id}-dialog-what`}>
              <p>{t('assistance.erase.destroyed')}</p>
              <p>
                <strong>{t('assistance.erase.irreversible')}</strong>
              </p>
              <p>{t('assistance.erase.kept')}</p>
            </div>
            <label htmlFor={`${id}-confirm`}>{t('assistance.erase.confirmLabel', { reference: word })}</label>
            <input
              id={`${id}-confirm`}
              value={typed}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => setTyped(e.target.value)}
              aria-invalid={mismatch || undefined}
              aria-describedby={describedBy(mismatch && `${id}-confirm-error`)}
            />
            <FieldError id={`${id}-confirm-error`} messages={confirmProblems} />
            <footer className="actions-row">
              <button type="button" className="secondary" onClick={closeDialog}>
                {t('assistance.erase.cancel')}
              </button>
              <button type="submit" className="danger" disabled={!same(typed, word)}>
                {t('assistance.erase.confirm')}
              </button>
            </footer>
          </form>
        </article>
      </dialog>
    </section>
  );
}
