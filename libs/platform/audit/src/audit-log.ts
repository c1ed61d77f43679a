import { type AgencyType } from '@pamoja/contracts';

/**
 * The audit log (ADR 0014): who did or read what, for which case, for what stated purpose, and how it
 * ended. Append-only; an entry holds ids, codes and the stated purpose, never free text or personal data
 * sent in a command.
 */
export const AUDIT_ACTIONS = ['command', 'personal_data_read', 'query'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** `succeeded`, `denied` (refused by the access policy), or the error code the caller received. */
export type AuditOutcome = 'succeeded' | 'denied' | (string & {});

/** What a caller gives; the log adds the id, the time and the chain. */
export interface AuditRecord {
  readonly userId: string;
  readonly agencyId: string;
  readonly agencyType: AgencyType | (string & {});
  readonly roles: readonly string[];
  readonly action: AuditAction;
  /** The mutation or root query field (`submitReferral`), or the field read (`AssistanceCase.identity`). */
  readonly operation: string;
  readonly outcome: AuditOutcome;
  readonly jointCaseId: string | null;
  /** What the entry is about, as `<kind>:<id>`: `assistance:…`, `referral:…`, `suspect:…`. */
  readonly subjects: readonly string[];
  /** Every id the operation named (arguments and result), by argument name. */
  readonly ids: Readonly<Record<string, readonly string[]>>;
  /** The purpose the caller stated (`x-pamoja-purpose`), if any. */
  readonly purpose: string | null;
  readonly correlationId: string;
}

export interface AuditEntry extends AuditRecord {
  /** Ascending in insertion order; the cursor of the auditors' list. */
  readonly id: string;
  readonly at: Date;
  /** The entry's place in the hash chain and its hash (hex), sha256 over the previous hash and the entry. */
  readonly chainPosition: string;
  readonly hash: string;
}

/** What auditors filter by; every field narrows the list. */
export interface AuditFilter {
  readonly subject?: string;
  readonly jointCaseId?: string;
  readonly userId?: string;
  readonly agencyId?: string;
  readonly action?: AuditAction;
  readonly operation?: string;
  /** Inclusive. */
  readonly from?: Date;
  /** Exclusive. */
  readonly to?: Date;
}

export interface AuditPage {
  readonly limit: number;
  /** Entries older than this id (the previous page's last); newest first. */
  readonly beforeId?: string;
}

/** The result of walking the hash chain: the first entry whose hash or position does not follow. */
export interface AuditChainVerification {
  readonly entries: number;
  readonly firstBroken: { readonly chainPosition: string; readonly reason: string } | null;
}

export interface AuditLog {
  /** Appends in one statement, in the given order; resolves once the entries are durable. */
  append(records: readonly AuditRecord[]): Promise<void>;
  /** Newest first. */
  query(filter: AuditFilter, page: AuditPage): Promise<AuditEntry[]>;
  verifyChain(): Promise<AuditChainVerification>;
}

export const AUDIT_LOG = Symbol.for('pamoja.AuditLog');
