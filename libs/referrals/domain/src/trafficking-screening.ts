import { isOneOf } from '@pamoja/contracts';

/**
 * Trafficking screening after the Palermo Protocol (UN Protocol to Prevent, Suppress and Punish
 * Trafficking in Persons, 2000), art. 3: trafficking is an act, done by a means, for the purpose of
 * exploitation (art. 3(a)). For a child (under 18) the means element is not required (art. 3(c)).
 * Ids are stable snake_case strings stored in events, like the other vocabularies of this context.
 */

export const TRAFFICKING_ACTS = ['recruitment', 'transport', 'transfer', 'harbouring', 'receipt'] as const;
export type TraffickingAct = (typeof TRAFFICKING_ACTS)[number];
export const isTraffickingAct = (value: unknown): value is TraffickingAct => isOneOf(TRAFFICKING_ACTS, value);

export const TRAFFICKING_MEANS = [
  'threat',
  'force',
  'coercion',
  'abduction',
  'fraud',
  'deception',
  'abuse_of_power',
  'abuse_of_vulnerability',
  'payments',
] as const;
export type TraffickingMeans = (typeof TRAFFICKING_MEANS)[number];
export const isTraffickingMeans = (value: unknown): value is TraffickingMeans => isOneOf(TRAFFICKING_MEANS, value);

/** Forms of exploitation (art. 3(a)), with the ones seen at artisanal mine sites named on their own. */
export const EXPLOITATION_PURPOSES = [
  'forced_labour',
  'slavery_or_servitude',
  'sexual_exploitation',
  'child_labour_worst_forms',
  'armed_group_recruitment',
  'organ_removal',
  'other',
] as const;
export type ExploitationPurpose = (typeof EXPLOITATION_PURPOSES)[number];
export const isExploitationPurpose = (value: unknown): value is ExploitationPurpose =>
  isOneOf(EXPLOITATION_PURPOSES, value);

export const SCREENING_RESULTS = ['indicates_trafficking', 'does_not_indicate_trafficking'] as const;
export type ScreeningResult = (typeof SCREENING_RESULTS)[number];

export interface TraffickingElements {
  readonly acts: readonly TraffickingAct[];
  readonly means: readonly TraffickingMeans[];
  readonly purposes: readonly ExploitationPurpose[];
  readonly personIsChild: boolean;
}

export interface TraffickingAssessment {
  readonly meansRequired: boolean;
  readonly result: ScreeningResult;
  /** One sentence a case worker can read out, naming the legal basis. */
  readonly explanation: string;
}

/**
 * A screening indicates trafficking; it does not establish it (that is for the police and the courts),
 * so the result is worded as an indication.
 */
export function assessTrafficking({
  acts,
  means,
  purposes,
  personIsChild,
}: TraffickingElements): TraffickingAssessment {
  const meansRequired = !personIsChild;
  const missing = [
    ...(acts.length === 0 ? ['act'] : []),
    ...(meansRequired && means.length === 0 ? ['means'] : []),
    ...(purposes.length === 0 ? ['purpose of exploitation'] : []),
  ];
  const basis = personIsChild
    ? 'the means element is not required because the person is a child (Palermo Protocol art. 3(c))'
    : 'for an adult the act, the means and the purpose are all required (Palermo Protocol art. 3(a))';
  if (missing.length > 0) {
    return {
      meansRequired,
      result: 'does_not_indicate_trafficking',
      explanation: `Does not indicate trafficking: no ${joinWords(missing)} identified; ${basis}.`,
    };
  }
  const found = [
    `act (${joinWords(acts.map(words))})`,
    ...(meansRequired ? [`means (${joinWords(means.map(words))})`] : []),
    `purpose (${joinWords(purposes.map(words))})`,
  ];
  return {
    meansRequired,
    result: 'indicates_trafficking',
    explanation: `Indicates trafficking: ${joinWords(found)} identified; ${basis}.`,
  };
}

function words(id: string): string {
  return id.replaceAll('_', ' ');
}

function joinWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}
