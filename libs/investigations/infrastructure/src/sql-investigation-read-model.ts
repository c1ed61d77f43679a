import { type EventStore, type SqlQueryable } from '@pamoja/event-store';
import {
  type ArrestView,
  type CaseFileListFilter,
  type CaseFileTransmissionView,
  type CustodyLinkView,
  type EvidenceView,
  type InvestigationListFilter,
  type InvestigationReadModel,
  type InvestigationSummaryView,
  type InvestigationView,
  type SuspectView,
} from '@pamoja/investigations/application';
import {
  type CaseFileStatus,
  type ClosureReason,
  type EvidenceKind,
  type InvestigationStatus,
  type SuspectedOffence,
  type SuspectRole,
  isInvestigationEvent,
} from '@pamoja/investigations/domain';
import { INVESTIGATIONS_READ_SCHEMA } from './investigations-case-work.projection.js';

const s = INVESTIGATIONS_READ_SCHEMA;

interface InvestigationRow {
  investigation_id: string;
  joint_case_id: string;
  referral_id: string | null;
  site_code: string | null;
  offences: SuspectedOffence[];
  lead_agency_id: string;
  lead_officer_id: string;
  status: InvestigationStatus;
  opened_at: Date;
  closed_at: Date | null;
  closure_reason: ClosureReason | null;
  closure_note: string | null;
  evidence_count: number;
  suspect_count: number;
  arrest_count: number;
  case_file_count: number;
  last_activity_at: Date;
  revision: number;
}

interface EvidenceRow {
  evidence_id: string;
  description: string;
  kind: EvidenceKind;
  sha256: string;
  collected_at: Date;
  collected_by: string;
  custodian_agency_id: string;
  custodian_officer_id: string;
}

interface CustodyRow {
  evidence_id: string;
  from_agency_id: string | null;
  from_officer_id: string | null;
  to_agency_id: string;
  to_officer_id: string;
  at: Date;
  reason: string | null;
}

interface SuspectRow {
  suspect_id: string;
  role: SuspectRole;
  identified_event_id: string | null;
  identified_at: Date;
}

/** A suspect's personal data as the log's event carries it (decrypted; null once erased). */
interface SuspectIdentity {
  readonly alias: string | null;
  readonly description: string | null;
  readonly name: string | null;
  readonly dateOfBirth: string | null;
}

const NO_IDENTITY: SuspectIdentity = { alias: null, description: null, name: null, dateOfBirth: null };

interface ArrestRow {
  suspect_id: string;
  arrested_at: Date;
  location: string;
  legal_basis: string;
}

interface CaseFileRow {
  investigation_id: string;
  joint_case_id: string;
  case_file_id: string;
  from_agency_id: string;
  to_prosecutor_office_id: string;
  transmitted_at: Date;
  due_by: Date;
  summary: string;
  evidence_ids: string[];
  suspect_ids: string[];
  status: CaseFileStatus;
  overdue: boolean;
  acknowledged_at: Date | null;
  acknowledged_by_agency_id: string | null;
  deadline_missed_at: Date | null;
  escalated_to: string | null;
}

/** Overdue is a matter of when one asks, so it is computed at query time ($2 is always `now`). */
const CASE_FILE_COLUMNS = `*, (status <> 'acknowledged' AND due_by < $2::timestamptz) AS overdue`;

/** Builds a WHERE clause and its parameters; `$n` placeholders follow the parameters given first. */
class Conditions {
  readonly where: string[] = [];
  constructor(readonly params: unknown[]) {}
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }
  add(condition: string): void {
    this.where.push(condition);
  }
  sql(): string {
    return this.where.join(' AND ');
  }
}

function toSummary(row: InvestigationRow): InvestigationSummaryView {
  return {
    investigationId: row.investigation_id,
    jointCaseId: row.joint_case_id,
    referralId: row.referral_id,
    siteCode: row.site_code,
    offences: row.offences,
    leadAgencyId: row.lead_agency_id,
    leadOfficerId: row.lead_officer_id,
    status: row.status,
    openedAt: row.opened_at,
    closedAt: row.closed_at,
    closureReason: row.closure_reason,
    closureNote: row.closure_note,
    evidenceCount: row.evidence_count,
    suspectCount: row.suspect_count,
    arrestCount: row.arrest_count,
    caseFileCount: row.case_file_count,
    lastActivityAt: row.last_activity_at,
    revision: row.revision,
  };
}

function toCaseFile(row: CaseFileRow): CaseFileTransmissionView {
  return {
    investigationId: row.investigation_id,
    jointCaseId: row.joint_case_id,
    caseFileId: row.case_file_id,
    fromAgencyId: row.from_agency_id,
    toProsecutorOfficeId: row.to_prosecutor_office_id,
    transmittedAt: row.transmitted_at,
    dueBy: row.due_by,
    summary: row.summary,
    evidenceIds: row.evidence_ids,
    suspectIds: row.suspect_ids,
    status: row.status,
    overdue: row.overdue,
    acknowledgedAt: row.acknowledged_at,
    acknowledgedByAgencyId: row.acknowledged_by_agency_id,
    deadlineMissedAt: row.deadline_missed_at,
    escalatedTo: row.escalated_to,
  };
}

function toCustodyLink(row: CustodyRow): CustodyLinkView {
  return {
    from:
      row.from_agency_id === null || row.from_officer_id === null
        ? null
        : { agencyId: row.from_agency_id, officerId: row.from_officer_id },
    to: { agencyId: row.to_agency_id, officerId: row.to_officer_id },
    at: row.at,
    reason: row.reason,
  };
}

/**
 * The police's read model. Suspects' personal data is not kept in it (ADR 0017): it is read from the
 * `SuspectIdentified` event in the log through `personalData`, the event store that decrypts it with the
 * suspect's own key (the platform's protected store); once the key is destroyed it reads as null.
 */
export class SqlInvestigationReadModel implements InvestigationReadModel {
  constructor(
    private readonly db: SqlQueryable,
    private readonly personalData: Pick<EventStore, 'findEvent'>,
  ) {}

  private async suspectIdentity(row: SuspectRow, investigationId: string): Promise<SuspectIdentity> {
    if (row.identified_event_id === null) return NO_IDENTITY;
    const event = await this.personalData.findEvent(row.identified_event_id);
    if (!event || !isInvestigationEvent(event) || event.type !== 'SuspectIdentified') return NO_IDENTITY;
    const d = event.data;
    // Another suspect's event is never answered for this one (a pointer can only come from the projection).
    if (d.investigationId !== investigationId || d.suspectId !== row.suspect_id) return NO_IDENTITY;
    return {
      alias: d.alias,
      description: d.description,
      name: d.personal?.name ?? null,
      dateOfBirth: d.personal?.dateOfBirth ?? null,
    };
  }

  async forAgency(agencyId: string, filter: InvestigationListFilter): Promise<InvestigationSummaryView[]> {
    const c = new Conditions([agencyId, filter.first + 1]);
    c.add('lead_agency_id = $1');
    if (filter.status) c.add(`status = ${c.param(filter.status)}`);
    if (filter.offence) c.add(`${c.param(filter.offence)} = ANY(offences)`);
    if (filter.siteCode) c.add(`site_code = ${c.param(filter.siteCode)}`);
    if (filter.province || filter.territory) {
      // Site codes are PROVINCE-TERRITORY-NUMBER; both values were validated, so the pattern is safe.
      c.add(`site_code LIKE ${c.param(`${filter.province ?? '__'}-${filter.territory ?? '___'}-%`)}`);
    }
    const open = `(CASE WHEN status = 'open' THEN 0 ELSE 1 END)`;
    if (filter.after) {
      const [rank, lastActivityAt, id] = filter.after;
      const r = c.param(rank);
      c.add(`(${open} > ${r}::int OR (${open} = ${r}::int
        AND (last_activity_at, investigation_id) < (${c.param(lastActivityAt.toISOString())}::timestamptz, ${c.param(id)}::text)))`);
    }
    const rows = await this.db.query<InvestigationRow>(
      `SELECT * FROM ${s}.investigations WHERE ${c.sql()}
       ORDER BY ${open}, last_activity_at DESC, investigation_id DESC LIMIT $2`,
      c.params,
    );
    return rows.map(toSummary);
  }

  async byJointCase(jointCaseId: string): Promise<InvestigationSummaryView[]> {
    const rows = await this.db.query<InvestigationRow>(
      `SELECT * FROM ${s}.investigations WHERE joint_case_id = $1 ORDER BY opened_at, investigation_id`,
      [jointCaseId],
    );
    return rows.map(toSummary);
  }

  async byId(investigationId: string, now: Date): Promise<InvestigationView | undefined> {
    const [row] = await this.db.query<InvestigationRow>(
      `SELECT * FROM ${s}.investigations WHERE investigation_id = $1`,
      [investigationId],
    );
    if (!row) return undefined;
    const id = [investigationId];
    const [evidence, custody, suspects, arrests, caseFiles] = await Promise.all([
      this.db.query<EvidenceRow>(
        `SELECT * FROM ${s}.evidence WHERE investigation_id = $1 ORDER BY collected_at, evidence_id`,
        id,
      ),
      this.db.query<CustodyRow>(`SELECT * FROM ${s}.evidence_custody WHERE investigation_id = $1 ORDER BY seq`, id),
      this.db.query<SuspectRow>(
        `SELECT * FROM ${s}.suspects WHERE investigation_id = $1 ORDER BY identified_at, suspect_id`,
        id,
      ),
      this.db.query<ArrestRow>(`SELECT * FROM ${s}.arrests WHERE investigation_id = $1 ORDER BY seq`, id),
      this.db.query<CaseFileRow>(
        `SELECT ${CASE_FILE_COLUMNS} FROM ${s}.case_files WHERE investigation_id = $1 ORDER BY transmitted_at, case_file_id`,
        [investigationId, now.toISOString()],
      ),
    ]);
    return {
      ...toSummary(row),
      evidence: evidence.map((e): EvidenceView => ({
        evidenceId: e.evidence_id,
        description: e.description,
        kind: e.kind,
        sha256: e.sha256,
        collectedAt: e.collected_at,
        collectedBy: e.collected_by,
        custodian: { agencyId: e.custodian_agency_id, officerId: e.custodian_officer_id },
        custodyChain: custody.filter((c) => c.evidence_id === e.evidence_id).map(toCustodyLink),
      })),
      suspects: await Promise.all(
        suspects.map(async (p): Promise<SuspectView> => ({
          suspectId: p.suspect_id,
          role: p.role,
          ...(await this.suspectIdentity(p, investigationId)),
          identifiedAt: p.identified_at,
        })),
      ),
      arrests: arrests.map((a): ArrestView => ({
        suspectId: a.suspect_id,
        arrestedAt: a.arrested_at,
        location: a.location,
        legalBasis: a.legal_basis,
      })),
      caseFiles: caseFiles.map(toCaseFile),
    };
  }

  overdueCaseFiles(agencyId: string, filter: CaseFileListFilter): Promise<CaseFileTransmissionView[]> {
    return this.caseFiles(
      `(from_agency_id = $1 OR to_prosecutor_office_id = $1) AND status <> 'acknowledged' AND due_by < $2::timestamptz`,
      agencyId,
      filter,
    );
  }

  incomingCaseFiles(agencyId: string, filter: CaseFileListFilter): Promise<CaseFileTransmissionView[]> {
    return this.caseFiles(
      `to_prosecutor_office_id = $1${filter.status ? '' : ` AND status <> 'acknowledged'`}`,
      agencyId,
      filter,
    );
  }

  private async caseFiles(
    scope: string,
    agencyId: string,
    filter: CaseFileListFilter,
  ): Promise<CaseFileTransmissionView[]> {
    const c = new Conditions([agencyId, filter.now.toISOString(), filter.first + 1]);
    c.add(scope);
    if (filter.status) c.add(`status = ${c.param(filter.status)}`);
    const overdue = `(status <> 'acknowledged' AND due_by < $2::timestamptz)`;
    if (filter.overdue === true) c.add(overdue);
    if (filter.overdue === false) c.add(`NOT ${overdue}`);
    if (filter.after) {
      const [dueBy, investigationId, caseFileId] = filter.after;
      c.add(`(due_by, investigation_id, case_file_id) >
        (${c.param(dueBy.toISOString())}::timestamptz, ${c.param(investigationId)}::text, ${c.param(caseFileId)}::text)`);
    }
    const rows = await this.db.query<CaseFileRow>(
      `SELECT ${CASE_FILE_COLUMNS} FROM ${s}.case_files WHERE ${c.sql()}
       ORDER BY due_by, investigation_id, case_file_id LIMIT $3`,
      c.params,
    );
    return rows.map(toCaseFile);
  }
}
