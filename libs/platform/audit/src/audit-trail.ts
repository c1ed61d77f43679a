import { Inject, Injectable } from '@nestjs/common';
import { type AccessAuditor } from '@pamoja/platform/policy';
import { GraphQLError } from 'graphql';
import { DomainError, type Actor } from '@pamoja/contracts';
import { AuthenticationError } from '@pamoja/platform/auth';
import { AUDIT_LOG, type AuditAction, type AuditLog, type AuditOutcome, type AuditRecord } from './audit-log.js';
import { idsOf, subjectsOf } from './ids.js';

interface CommandAudit {
  readonly actor: Actor;
  readonly correlationId: string;
  readonly purpose: string | null;
  /** The mutation's name. */
  readonly operation: string;
  readonly outcome: AuditOutcome;
  /** The arguments as sent; only their ids are kept. */
  readonly args?: unknown;
  /** The answer, when there is one; only its ids are kept (the ids a command created). */
  readonly result?: unknown;
  /** `query` for a root query field or subscription; `command` by default. */
  readonly action?: Extract<AuditAction, 'command' | 'query'>;
}

interface PersonalDataReadAudit {
  readonly actor: Actor;
  readonly correlationId: string;
  readonly purpose: string | null;
  /** The field read, `Type.field` (`AssistanceCase.identity`). */
  readonly field: string;
  readonly jointCaseId: string | null;
  /** Whose data, as `<kind>:<id>` (`assistance:…`, `suspect:…`). */
  readonly subject: string | null;
  /** `withheld`: the reader asked for it and the policy answered null, so probing shows. */
  readonly outcome?: 'succeeded' | 'withheld';
}

/** The outcome an error gives the caller: its API code (`FORBIDDEN`, `RULE_VIOLATION`, …). */
export function auditOutcomeOf(error: unknown): AuditOutcome {
  if (error instanceof DomainError) return error.code;
  if (error instanceof AuthenticationError) return 'UNAUTHENTICATED';
  if (error instanceof GraphQLError) {
    const code = error.extensions['code'];
    if (typeof code === 'string' && /^[A-Z_]{1,40}$/.test(code)) return code;
  }
  return 'INTERNAL_SERVER_ERROR';
}

interface Pending {
  readonly records: readonly AuditRecord[];
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Writes the audit log for the whole process. Every record call resolves only once its entry is durable
 * and rejects if it could not be written: a command is answered, and personal data returned, only after
 * they were audited (callers treat a rejection as a refusal). Entries asked for in the same turn of the
 * event loop (the fields of one answer, concurrent requests) go to the database in one statement.
 * It is also the access policy's auditor: refusals and reads of personal data.
 */
@Injectable()
export class AuditTrail implements AccessAuditor {
  private pending: Pending[] = [];
  private scheduled = false;
  private writing = false;

  constructor(@Inject(AUDIT_LOG) private readonly log: AuditLog) {}

  recordCommand(command: CommandAudit): Promise<void> {
    const ids = idsOf(command.args, command.result);
    return this.record([
      {
        ...actorColumns(command.actor),
        action: command.action ?? 'command',
        operation: command.operation,
        outcome: command.outcome,
        jointCaseId: ids['jointCaseId']?.[0] ?? null,
        subjects: subjectsOf(ids),
        ids,
        purpose: command.purpose,
        correlationId: command.correlationId,
      },
    ]);
  }

  recordPersonalDataRead(read: PersonalDataReadAudit): Promise<void> {
    return this.record([
      {
        ...actorColumns(read.actor),
        action: 'personal_data_read',
        operation: read.field,
        outcome: read.outcome ?? 'succeeded',
        jointCaseId: read.jointCaseId,
        subjects: read.subject ? [read.subject] : [],
        ids: read.jointCaseId ? { jointCaseId: [read.jointCaseId] } : {},
        purpose: read.purpose,
        correlationId: read.correlationId,
      },
    ]);
  }

  /** The access policy refused an operation before it ran; `args`, when given, tell which case it aimed at. */
  operationDenied(entry: Parameters<AccessAuditor['operationDenied']>[0]): Promise<void> {
    return this.recordCommand({
      actor: entry.actor,
      correlationId: entry.correlationId,
      purpose: entry.purpose,
      operation: entry.operation,
      outcome: 'denied',
      args: entry.args,
      action: entry.operationType === 'Mutation' ? 'command' : 'query',
    });
  }

  personalDataRead(entry: Parameters<AccessAuditor['personalDataRead']>[0]): Promise<void> {
    const kind = entry.person === 'victim' ? 'assistance' : 'suspect';
    return this.recordPersonalDataRead({
      actor: entry.actor,
      correlationId: entry.correlationId,
      purpose: entry.purpose,
      field: entry.field,
      jointCaseId: entry.jointCaseId,
      subject: entry.subjectId ? `${kind}:${entry.subjectId}` : null,
      ...(entry.withheld ? { outcome: 'withheld' as const } : {}),
    });
  }

  /**
   * Group commit: entries wait for the end of the event-loop turn, and while a write is under way the next ones
   * queue behind it and go together in the next write. Every write takes the chain head's lock until it commits
   * (one WAL flush), so two writes of one process at once would only queue in the database; one at a time, a
   * burst of commands costs one write per flush, not one per command.
   */
  private record(records: readonly AuditRecord[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ records, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.writing || this.pending.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    this.scheduled = false;
    this.writing = true;
    try {
      await this.log.append(batch.flatMap((p) => p.records));
      for (const p of batch) p.resolve();
    } catch (error) {
      for (const p of batch) p.reject(error);
    } finally {
      this.writing = false;
      this.schedule();
    }
  }
}

function actorColumns(actor: Actor): Pick<AuditRecord, 'userId' | 'agencyId' | 'agencyType' | 'roles'> {
  return { userId: actor.userId, agencyId: actor.agencyId, agencyType: actor.agencyType, roles: actor.roles };
}
