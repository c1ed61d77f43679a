import { useId, useRef, useState, type SyntheticEvent } from 'react';
import { type Document } from '../../api/client';
import { ErrorNotice } from '../../components/feedback';
import { useT } from '../../i18n/i18n';
import { useCommand } from '../outbox/useCommand';
import { describedBy, FieldError, type FieldMessage } from '../../components/form';
import {
  AcceptReferralMutation,
  CompleteReferralMutation,
  DeclineReferralMutation,
  RevokeReferralMutation,
} from './operations';
import { problemOfApiField } from './referralForm';
import { type ReferralAction, type ReferralData } from './referralRules';

type TextAction = Exclude<ReferralAction, 'assessTraffickingScreening'>;

/** What the four answers have in common: the referral, the revision shown, and one text. */
interface AnswerInput extends Record<string, unknown> {
  commandId: string;
  referralId: string;
  expectedRevision: number;
  note?: string;
  reason?: string;
  outcome?: string;
}
type AnswerDocument = Document<unknown, { input: AnswerInput }>;

const ACTIONS: Readonly<
  Record<
    TextAction,
    { readonly document: AnswerDocument; readonly field: 'note' | 'reason' | 'outcome'; readonly required: boolean }
  >
> = {
  acceptReferral: { document: AcceptReferralMutation, field: 'note', required: false },
  declineReferral: { document: DeclineReferralMutation as AnswerDocument, field: 'reason', required: true },
  revokeReferral: { document: RevokeReferralMutation as AnswerDocument, field: 'reason', required: true },
  completeReferral: { document: CompleteReferralMutation as AnswerDocument, field: 'outcome', required: true },
};

const MAX_TEXT = 2000;

/**
 * One answer to a referral (accept with a note, decline or revoke with a reason, complete with an
 * outcome), on the revision the page shows. It goes through the outbox: pressed twice, it is sent once;
 * refused, the reason shows beside its field and nothing was written.
 */
export function ActionForm({
  action,
  referral,
  onAcknowledged,
}: {
  readonly action: TextAction;
  readonly referral: ReferralData;
  readonly onAcknowledged: (action: ReferralAction, answer: unknown) => void;
}) {
  const t = useT();
  const spec = ACTIONS[action];
  const id = useId();
  const fieldId = `${id}-${spec.field}`;
  const [text, setText] = useState('');
  const [problems, setProblems] = useState<readonly FieldMessage[]>([]);
  const [refusal, setRefusal] = useState<Parameters<typeof ErrorNotice>[0]['error']>();
  const fieldRef = useRef<HTMLTextAreaElement>(null);
  const refusalRef = useRef<HTMLDivElement>(null);
  const { status, send } = useCommand({
    document: spec.document,
    mutation: action,
    label: `outbox.action.${action}`,
    subject: { kind: 'referral', id: referral.referralId },
    onAcknowledged: ({ answer }) => {
      setText('');
      onAcknowledged(action, answer);
    },
    // Refused: nothing was written. A problem with the text shows beside it; anything else above it.
    onRefused: (error) => {
      const fields = error.details.fields ?? [];
      const own = fields.filter((f) => f.field.replace(/^input\./, '') === spec.field);
      setProblems(own.map((f) => problemOfApiField(f)));
      setRefusal(own.length > 0 && own.length === fields.length ? undefined : error);
      requestAnimationFrame(() => (own.length > 0 ? fieldRef.current : refusalRef.current)?.focus());
    },
  });

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const value = text.trim();
    const found: FieldMessage[] = [];
    if (spec.required && value === '') found.push({ key: `referrals.action.${action}.required` });
    if (value.length > MAX_TEXT) found.push({ key: 'referrals.problem.tooLong', values: { max: MAX_TEXT } });
    setProblems(found);
    setRefusal(undefined);
    if (found.length > 0) {
      fieldRef.current?.focus();
      return;
    }
    void send({
      referralId: referral.referralId,
      expectedRevision: referral.revision,
      ...(value !== '' || spec.required ? { [spec.field]: value } : {}),
    });
  };

  const invalid = problems.length > 0;
  const busy = status.kind === 'sending';
  return (
    <form noValidate onSubmit={submit} aria-labelledby={`${id}-title`} className="referral-action">
      <h3 id={`${id}-title`}>{t(`referrals.action.${action}.title`)}</h3>
      <div ref={refusalRef} tabIndex={-1}>
        <ErrorNotice error={refusal} />
      </div>
      <label htmlFor={fieldId}>{t(`referrals.action.${action}.field`)}</label>
      <textarea
        ref={fieldRef}
        id={fieldId}
        name={spec.field}
        rows={3}
        value={text}
        required={spec.required}
        onChange={(e) => setText(e.target.value)}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(invalid && `${fieldId}-error`)}
      />
      <FieldError id={`${fieldId}-error`} messages={problems} />
      <button
        type="submit"
        className={action === 'acceptReferral' || action === 'completeReferral' ? undefined : 'secondary'}
        aria-busy={busy || undefined}
      >
        {t(`referrals.action.${action}.submit`)}
      </button>
    </form>
  );
}
