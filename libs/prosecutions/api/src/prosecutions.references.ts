import { referenceFieldOf } from '@pamoja/platform/references';
import { ProsecutionHearingType, ProsecutionSummaryType, ProsecutionType } from './prosecution.graphql-types.js';

/** `reference` on a prosecution, in full or in a list, and on a hearing's row: `NK-2026-00042-P1`. */
export const PROSECUTION_REFERENCE_FIELDS = [
  referenceFieldOf(ProsecutionSummaryType, 'prosecution', (p) => p.prosecutionId),
  referenceFieldOf(ProsecutionType, 'prosecution', (p) => p.prosecutionId),
  referenceFieldOf(ProsecutionHearingType, 'prosecution', (h) => h.prosecutionId),
];
