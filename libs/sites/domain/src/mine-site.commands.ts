import { type Text, type Unparsed } from '@pamoja/contracts';
import { type SitesCommand as Command } from './sites-command.js';
import {
  type Mineral,
  type MineSiteStatus,
  type Province,
  type RecommendableSiteStatus,
  type Territory,
} from './vocabularies.js';

/**
 * Commands as the decider receives them: parsed at the edge (`parseMineSiteCommand`), so free text is
 * trimmed `Text` within its limit and vocabularies are known. A client sends the `Unparsed` form.
 */

export type RegisterMineSite = Command<
  'RegisterMineSite',
  {
    /** Derived from the code by the application, so one code can only ever be one site. */
    readonly siteId: string;
    readonly code: string;
    readonly name: Text;
    readonly province: Province;
    readonly territory: Territory;
    readonly minerals: readonly Mineral[];
    readonly latitude: number;
    readonly longitude: number;
  }
>;

export type RecordInspection = Command<
  'RecordInspection',
  {
    readonly siteId: string;
    readonly inspectedAt: Date;
    readonly inspectingAgency: Text;
    readonly findings: Text;
    /** Trimmed, each within its limit, none twice. */
    readonly indicatorsObserved: readonly string[];
    readonly recommendedStatus: RecommendableSiteStatus;
  }
>;

export type ChangeSiteStatus = Command<
  'ChangeSiteStatus',
  {
    readonly siteId: string;
    readonly to: MineSiteStatus;
    readonly reason: Text | null;
    /** Only for yellow (remediation), within its limit. */
    readonly remediationDeadline: Date | null;
  }
>;

export type RecordIcglrId = Command<
  'RecordIcglrId',
  {
    readonly siteId: string;
    /** Letters and digits of the Latin alphabet (`ICGLR_ID_PATTERN`), as the regional database gave it. */
    readonly icglrId: string;
  }
>;

export type MineSiteCommand = RegisterMineSite | RecordInspection | ChangeSiteStatus | RecordIcglrId;

/** A mine-site command as a client sends it, before `parseMineSiteCommand`. */
export type SentMineSiteCommand = Unparsed<MineSiteCommand>;
