import { useCallback, useState, type RefObject } from 'react';
import { type Document } from '../../api/client';
import { ApiError, type FieldProblem } from '../../api/errors';
import { describedBy, fieldMessagesOf, type FieldMessage, type SummaryItem } from '../../components/form';
import { useErrorText } from '../../i18n/errors';
import { useCommand } from '../outbox/useCommand';

type Variables = { input: Record<string, unknown> & { commandId: string } };
export type Problems<F extends string> = Partial<Record<F, FieldMessage[]>>;

/** Refusal reasons of the investigation context (libs/investigations/domain), in the person's words. */
const OWN_REASONS: readonly [RegExp, string, (m: RegExpExecArray) => FieldMessage['values']][] = [
  [/cannot be in the future/, 'investigations.problem.future', () => undefined],
  [/64 lower-case hexadecimal/, 'investigations.problem.sha256', () => undefined],
  [/an alias, a description or a name is required/, 'investigations.problem.suspectNamed', () => undefined],
  [/date written YYYY-MM-DD/, 'investigations.problem.dateOfBirth', () => undefined],
  [/at least one suspected offence/, 'investigations.problem.offences', () => undefined],
  [/NK-MAS-014/, 'investigations.problem.siteCode', () => undefined],
  [/cannot precede the previous link/, 'investigations.problem.beforeChain', () => undefined],
  [/must differ from the current custodian/, 'investigations.problem.sameCustodian', () => undefined],
  [/to your own agency/, 'investigations.problem.ownAgency', () => undefined],
  [/must be at most (\d+) days ahead/, 'investigations.problem.dueTooFar', (m) => ({ days: Number(m[1]) })],
  [/at least one suspect must be included/, 'investigations.problem.suspectsRequired', () => undefined],
  [/is required when the reason is other/, 'investigations.problem.noteRequired', () => undefined],
];

function ownMessage(reason: string): FieldMessage | undefined {
  for (const [pattern, key, values] of OWN_REASONS) {
    const m = pattern.exec(reason);
    if (m) {
      const v = values(m);
      return { key, ...(v ? { values: v } : {}) };
    }
  }
  return undefined;
}

export interface InvestigationFormSpec<F extends string, V extends Variables> {
  /** Prefix of the form's control ids (unique on the page). */
  readonly id: string;
  readonly document: Document<unknown, V>;
  readonly mutation: string;
  /** Catalogue key naming the action (the outbox shows it). */
  readonly label: string;
  readonly investigationId: string;
  /** Each field's label in the catalogue, in the form's order: the summary names the field of each problem. */
  readonly labels: Readonly<Record<F, string>>;
  /** The form's field for a field the API named (without `input.`), or null when it is none of the form's. */
  readonly fieldOf: (apiField: string) => F | null;
  /** Domain rules about one field of the form: the refusal's sentence shows beside that field. */
  readonly ruleFields?: Readonly<Partial<Record<string, F>>>;
  readonly onAcknowledged: (answer: unknown) => void;
  /** The form's error summary, which takes the focus when it shows problems. */
  readonly summaryRef: RefObject<HTMLDivElement | null>;
}

/**
 * What every form of the investigation page shares: its command through the outbox (one commandId per
 * press, kept while in flight), the form's own checks and the API's refusal beside the field it names
 * (`fieldMessagesOf`), a rule's sentence beside its field or at the top, and the error summary on top
 * that takes the focus.
 */
export function useInvestigationForm<F extends string, V extends Variables>(spec: InvestigationFormSpec<F, V>) {
  const errorText = useErrorText();
  const [problems, setProblems] = useState<Problems<F>>({});
  const [general, setGeneral] = useState<readonly FieldMessage[]>([]);
  const focusSummary = () => requestAnimationFrame(() => spec.summaryRef.current?.focus());

  const refused = (error: ApiError) => {
    const fields = error.details.fields ?? [];
    const own = fields.filter((f) => ownMessage(f.reason) !== undefined);
    const rest: readonly FieldProblem[] = fields.filter((f) => ownMessage(f.reason) === undefined);
    const { byField, unplaced } = fieldMessagesOf(
      new ApiError(error.message, error.code, { ...error.details, fields: rest }),
      spec.fieldOf,
    );
    const next: Problems<F> = { ...byField };
    const top: FieldMessage[] = [...unplaced];
    for (const problem of own) {
      const message = ownMessage(problem.reason);
      if (!message) continue;
      const field = spec.fieldOf(problem.field.replace(/^input\./, ''));
      if (field === null) top.push(message);
      else next[field] = [...(next[field] ?? []), message];
    }
    if (fields.length === 0) {
      // A rule, a refusal of access, a case that is gone: one sentence, beside its field when it names one.
      const sentence: FieldMessage = { key: 'form.problem.refused', values: { text: errorText(error) } };
      const ruleField = error.details.rule ? spec.ruleFields?.[error.details.rule] : undefined;
      if (ruleField) next[ruleField] = [...(next[ruleField] ?? []), sentence];
      else top.push(sentence);
    }
    setProblems(next);
    setGeneral(top);
    focusSummary();
  };

  const { status, send } = useCommand<V>({
    document: spec.document,
    mutation: spec.mutation,
    label: spec.label,
    subject: { kind: 'investigation', id: spec.investigationId },
    onAcknowledged: ({ answer }) => {
      setProblems({});
      setGeneral([]);
      spec.onAcknowledged(answer);
    },
    onRefused: refused,
  });

  /** Sends the input when the form's own checks found nothing; else shows them, the summary focused. */
  const submit = (found: Problems<F>, input: () => Omit<V['input'], 'commandId'>) => {
    // Pressed again while the first is on its way: the same command, nothing new.
    if (status.kind === 'sending' || status.kind === 'queued') return;
    const any = Object.values<FieldMessage[] | undefined>(found).some((m) => (m?.length ?? 0) > 0);
    setProblems(found);
    setGeneral([]);
    if (any) {
      focusSummary();
      return;
    }
    void send(input());
  };

  const controlId = useCallback((field: F) => `${spec.id}-${field.replaceAll('.', '-')}`, [spec.id]);
  const errorId = (field: F) => `${controlId(field)}-error`;
  const errorsOf = (field: F): readonly FieldMessage[] => problems[field] ?? [];
  const invalid = (field: F) => errorsOf(field).length > 0;
  /** A control's error-related attributes: aria-invalid, and aria-describedby its hint and its error. */
  const aria = (field: F, hintId?: string) => ({
    'aria-invalid': invalid(field) || undefined,
    'aria-describedby': describedBy(hintId, invalid(field) && errorId(field)),
  });

  const summaryItems: SummaryItem[] = [
    ...general,
    ...(Object.keys(spec.labels) as F[]).flatMap((field) =>
      errorsOf(field).map((m) => ({ ...m, controlId: controlId(field), fieldLabel: spec.labels[field] })),
    ),
  ];

  return {
    status,
    busy: status.kind === 'sending',
    submit,
    summaryId: `${spec.id}-problems`,
    summaryItems,
    controlId,
    errorId,
    errorsOf,
    aria,
  };
}
