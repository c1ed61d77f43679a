import { type AgencyType } from './actor.js';
import { type Province } from './geography.js';

export const AGENCY_STATUSES = ['active', 'suspended'] as const;
export type AgencyStatus = (typeof AGENCY_STATUSES)[number];

/** How an office of an agency is reached: an office line or address, never a person's own. */
export interface AgencyContact {
  readonly email: string | null;
  readonly phone: string | null;
}

/** An agency as the coordination body registered it (the agency directory, kept from the log). */
export interface AgencyEntry {
  readonly agencyId: string;
  readonly name: string;
  readonly agencyType: AgencyType;
  readonly province: Province | null;
  readonly territory: string | null;
  readonly parentAgencyId: string | null;
  readonly contact: AgencyContact;
  readonly status: AgencyStatus;
  readonly registeredAt: string;
  /** When and why it was suspended, while it is. */
  readonly suspendedAt: string | null;
  readonly suspensionReason: string | null;
}

/**
 * A field of a command that names an agency (of given types) or a registered mine site: the platform checks
 * it against the directory before the command is decided, on every path.
 */
export type DirectoryReference =
  | {
      /** The input field, as the API's error names it (`toAgencyId`, `participantAgencyIds[2]`). */
      readonly field: string;
      readonly agencyId: string;
      /** The types the agency must be of; any type when absent. */
      readonly agencyTypes?: readonly AgencyType[];
      /** A suspended agency passes too (a parent unit); by default it is refused. */
      readonly includeSuspended?: boolean;
    }
  | { readonly field: string; readonly siteCode: string };

/** A mine site as the site registry recorded it. */
export interface RegisteredSite {
  readonly siteCode: string;
  readonly name: string;
  readonly province: Province;
}

export interface AgencyFilter {
  readonly agencyType?: AgencyType;
  readonly province?: Province;
  readonly status?: AgencyStatus;
}

/**
 * The agency directory as every process reads it. A "not found" is only given once the directory has seen
 * the log as it stood when asked, so an agency registered a moment ago is never refused for lag.
 */
export interface AgencyDirectory {
  find(agencyId: string): Promise<AgencyEntry | null>;
  /** Every agency named, by id (missing ids are absent from the map). */
  findMany(agencyIds: readonly string[]): Promise<ReadonlyMap<string, AgencyEntry>>;
  list(filter?: AgencyFilter): Promise<readonly AgencyEntry[]>;
  /** A registered mine site by its code; null once the directory has read the log up to now. */
  site(siteCode: string): Promise<RegisteredSite | null>;
  /**
   * Checks each reference: an agency that exists, is active and is of one of the given types; a site that
   * is registered. Throws one BAD_USER_INPUT naming every field at fault.
   */
  check(references: readonly DirectoryReference[]): Promise<void>;
}

export const AGENCY_DIRECTORY = Symbol.for('pamoja.AgencyDirectory');
