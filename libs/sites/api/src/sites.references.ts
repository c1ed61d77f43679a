import { referenceFieldOf } from '@pamoja/platform/references';
import { MineSiteCaseType } from './sites.graphql-types.js';

/** `reference` on a site's case row: the joint case's, `NK-2026-00042`. */
export const SITE_REFERENCE_FIELDS = [referenceFieldOf(MineSiteCaseType, 'case', (c) => c.jointCaseId)];
