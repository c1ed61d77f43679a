import { type MineSiteStatus, type Province } from './vocabularies.js';

export interface NoMineSite {
  readonly status: 'none';
}

/** Only what decisions need; read models keep the rest. */
export interface RegisteredMineSite {
  readonly status: MineSiteStatus;
  readonly siteId: string;
  readonly code: string;
  readonly province: Province;
  /** ISO-8601 UTC. */
  readonly registeredAt: string;
  /** When the status was last changed (reviewed); null while the site keeps its initial blue status. */
  readonly statusChangedAt: string | null;
  /** The ICGLR identification number once recorded. */
  readonly icglrId: string | null;
}

export type MineSiteState = NoMineSite | RegisteredMineSite;

export const NO_MINE_SITE: NoMineSite = Object.freeze({ status: 'none' });
