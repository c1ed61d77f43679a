import { referenceFieldOf } from '@pamoja/platform/references';
import {
  CaseFileTransmissionType,
  InvestigationSummaryType,
  InvestigationType,
} from './investigation.graphql-types.js';

/** `reference` on an investigation, in full or in a list, and on a case file's row: `NK-2026-00042-E1`. */
export const INVESTIGATION_REFERENCE_FIELDS = [
  referenceFieldOf(InvestigationSummaryType, 'investigation', (i) => i.investigationId),
  referenceFieldOf(InvestigationType, 'investigation', (i) => i.investigationId),
  referenceFieldOf(CaseFileTransmissionType, 'investigation', (t) => t.investigationId),
];
