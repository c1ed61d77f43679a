import { referenceFieldOf } from '@pamoja/platform/references';
import { AssistanceCaseType } from './assistance.graphql-types.js';

/** `reference` on an assistance case: `NK-2026-00042-A1`. */
export const ASSISTANCE_REFERENCE_FIELDS = [referenceFieldOf(AssistanceCaseType, 'assistance', (a) => a.assistanceId)];
