import { useEffect, useId, useRef, useState, type SyntheticEvent } from 'react';
import { agencyName } from '../../components/agency';
import { ErrorNotice } from '../../components/feedback';
import type { ExploitationPurpose, TraffickingAct, TraffickingMeans } from '../../gql/graphql';
import { useKivuTime, useT } from '../../i18n/i18n';
import { useCommand } from '../outbox/useCommand';
import { CheckboxGroup, RadioGroup, type FieldMessage } from '../../components/form';
import { AssessScreeningMutation } from './operations';
import { problemOfApiField } from './referralForm';
import { type ReferralAction, type ReferralData } from './referralRules';
import { EXPLOITATION_PURPOSES, TRAFFICKING_ACTS, TRAFFICKING_MEANS } from './vocabulary';

/** The latest screening, in the person's language: the result, the elements found, and the legal basis. */
export function ScreeningResult({ screening }: { readonly screening: NonNullable<ReferralData['screening']> }) {
  const t = useT();
  const time = useKivuTime();
  const list = (items: readonly string[], prefix: string) =>
    items.length === 0 ? t('referrals.screening.noneFound') : items.map((i) => t(`${prefix}.${i}`)).join(', ');
  return (
    <div data-testid="screening-result">
      <p>
        <strong>{t(`referrals.screening.result.${screening.result}`)}</strong>
      </p>
      <dl className="referral-facts">
        <dt>{t('referrals.screening.acts')}</dt>
        <dd>{list(screening.acts, 'referrals.act')}</dd>
        <dt>{t('referrals.screening.means')}</dt>
        <dd>
          {screening.meansRequired
            ? list(screening.means, 'referrals.means')
            : t('referrals.screening.meansNotRequired')}
        </dd>
        <dt>{t('referrals.screening.purposes')}</dt>
        <dd>{list(screening.purposes, 'referrals.purpose')}</dd>
      </dl>
      <p>{t(screening.meansRequired ? 'referrals.screening.basis.adult' : 'referrals.screening.basis.child')}</p>
      <p>
        <small title={screening.byAgencyId}>
          {t('referrals.screening.assessedBy', {
            agency: agencyName(screening.byAgencyId, screening.byAgency),
            time: time.dateTime(screening.assessedAt),
          })}
        </small>
      </p>
    </div>
  );
}

/**
 * The Palermo Protocol screening (art. 3): an act, a means (not required for a child, art. 3(c)) and a
 * purpose of exploitation. It indicates trafficking; it does not establish it.
 */
export function ScreeningForm({
  referral,
  offered,
  onAcknowledged,
}: {
  readonly referral: ReferralData;
  /** Just after the referral was submitted: the form is open and takes the focus. */
  readonly offered: boolean;
  readonly onAcknowledged: (action: ReferralAction, answer: unknown) => void;
}) {
  const t = useT();
  const id = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [child, setChild] = useState<'yes' | 'no' | ''>(
    referral.subjectIsChild === true ? 'yes' : referral.subjectIsChild === false ? 'no' : '',
  );
  const [acts, setActs] = useState<TraffickingAct[]>([]);
  const [means, setMeans] = useState<TraffickingMeans[]>([]);
  const [purposes, setPurposes] = useState<ExploitationPurpose[]>([]);
  const [problems, setProblems] = useState<Readonly<Record<string, readonly FieldMessage[]>>>({});
  const [refusal, setRefusal] = useState<Parameters<typeof ErrorNotice>[0]['error']>();
  const { status, send } = useCommand({
    document: AssessScreeningMutation,
    mutation: 'assessTraffickingScreening',
    label: 'outbox.action.assessTraffickingScreening',
    subject: { kind: 'referral', id: referral.referralId },
    onAcknowledged: ({ answer }) => onAcknowledged('assessTraffickingScreening', answer),
    onRefused: (error) => {
      const byField: Record<string, FieldMessage[]> = {};
      for (const problem of error.details.fields ?? []) {
        const field = problem.field.replace(/^input\./, '').split('.')[0] ?? '';
        const { key, values } = problemOfApiField(problem);
        byField[field] = [...(byField[field] ?? []), { key, ...(values ? { values } : {}) }];
      }
      setProblems(byField);
      setRefusal(Object.keys(byField).length > 0 ? undefined : error);
    },
  });

  useEffect(() => {
    if (offered) headingRef.current?.focus();
  }, [offered]);

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const found: Record<string, FieldMessage[]> = {};
    if (child === '') found['personIsChild'] = [{ key: 'referrals.problem.choose' }];
    setProblems(found);
    setRefusal(undefined);
    if (Object.keys(found).length > 0) {
      document.getElementById(`${id}-child`)?.focus();
      return;
    }
    void send({
      referralId: referral.referralId,
      expectedRevision: referral.revision,
      personIsChild: child === 'yes',
      acts,
      // For a child the means element is not required: none is sent, whatever was ticked before.
      means: child === 'yes' ? [] : means,
      purposes,
    });
  };

  return (
    <form noValidate onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} ref={headingRef} tabIndex={-1}>
        {t('referrals.screening.formTitle')}
      </h3>
      {offered ? <p role="status">{t('referrals.screening.offer')}</p> : null}
      <p>{t('referrals.screening.intro')}</p>
      <ErrorNotice error={refusal} />
      <RadioGroup
        id={`${id}-child`}
        name="personIsChild"
        legend={t('referrals.screening.personIsChild')}
        options={['yes', 'no'] as const}
        label={(answer) => t(`referrals.screening.personIsChild.${answer}`)}
        value={child}
        onChange={setChild}
        errors={problems['personIsChild'] ?? []}
      />
      <CheckboxGroup
        id={`${id}-acts`}
        name="acts"
        legend={t('referrals.screening.acts')}
        options={TRAFFICKING_ACTS}
        label={(act) => t(`referrals.act.${act}`)}
        values={acts}
        onChange={setActs}
        errors={problems['acts'] ?? []}
      />
      {child === 'yes' ? (
        <p id={`${id}-means-note`}>{t('referrals.screening.meansNotRequired')}</p>
      ) : (
        <CheckboxGroup
          id={`${id}-means`}
          name="means"
          legend={t('referrals.screening.means')}
          options={TRAFFICKING_MEANS}
          label={(m) => t(`referrals.means.${m}`)}
          values={means}
          onChange={setMeans}
          errors={problems['means'] ?? []}
        />
      )}
      <CheckboxGroup
        id={`${id}-purposes`}
        name="purposes"
        legend={t('referrals.screening.purposes')}
        options={EXPLOITATION_PURPOSES}
        label={(p) => t(`referrals.purpose.${p}`)}
        values={purposes}
        onChange={setPurposes}
        errors={problems['purposes'] ?? []}
      />
      <button type="submit" aria-busy={status.kind === 'sending' || undefined}>
        {t('referrals.screening.submit')}
      </button>
    </form>
  );
}
