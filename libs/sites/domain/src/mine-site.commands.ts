import { type SitesCommand as Command } from './sites-command.js';
import {
  type Mineral,
  type MineSiteStatus,
  type Province,
  type RecommendableSiteStatus,
  type Territory,
} from './vocabularies.js';

export type RegisterMineSite = Command<
  'RegisterMineSite',
  {
    /** Derived from the code by the application, so one code can only ever be one site. */
    readonly siteId: string;
    readonly code: string;
    readonly name: string;
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
    readonly inspectingAgency: string;
    readonly findings: string;
    readonly indicatorsObserved: readonly string[];
    readonly recommendedStatus: RecommendableSiteStatus;
  }
>;

export type ChangeSiteStatus = Command<
  'ChangeSiteStatus',
  {
    readonly siteId: string;
    readonly to: MineSiteStatus;
    readonly reason: string | null;
    readonly remediationDeadline: Date | null;
  }
>;

export type MineSiteCommand = RegisterMineSite | RecordInspection | ChangeSiteStatus;
