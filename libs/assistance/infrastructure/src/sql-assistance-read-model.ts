import { type EventStore, type SqlQueryable } from '@pamoja/event-store';
import {
  type AssessedNeedView,
  type AssistanceCaseFilter,
  type AssistanceCaseView,
  type AssistanceReadModel,
  type ProtectionMeasureView,
  type ServiceView,
  type VictimIdentityView,
} from '@pamoja/assistance/application';
import {
  type AgeGroup,
  type AssessedNeed,
  type AssistanceCloseReason,
  type AssistanceNeed,
  type AssistanceStatus,
  type ConsentGivenBy,
  type FormOfExploitation,
  type ProtectionMeasureKind,
  type ServiceKind,
  type Sex,
  isAssistanceEvent,
  isReviewDue,
} from '@pamoja/assistance/domain';
import { ASSISTANCE_READ_SCHEMA } from './assistance-cases.projection.js';

interface CaseRow {
  assistance_id: string;
  joint_case_id: string;
  person_id: string | null;
  assisting_agency_id: string;
  status: AssistanceStatus;
  age_group: AgeGroup;
  is_child: boolean;
  sex: Sex;
  nationality: string | null;
  forms_of_exploitation: FormOfExploitation[];
  agreement_to_manage_personal_data: boolean;
  consent_given_by: ConsentGivenBy;
  registered_at: Date;
  assessed_at: Date | null;
  needs: AssessedNeed[];
  addressed_needs: AssistanceNeed[];
  closed_at: Date | null;
  close_reason: AssistanceCloseReason | null;
  close_note: string | null;
  revision: number | string;
  updated_at: Date;
}

interface ServiceRow {
  assistance_id: string;
  service_id: string;
  kind: ServiceKind;
  provided_at: Date;
  provider_agency_id: string;
  note: string | null;
}

interface MeasureRow {
  assistance_id: string;
  measure_id: string;
  measure: ProtectionMeasureKind;
  description: string | null;
  applied_at: Date;
  review_by: Date;
  consent_given_by: ConsentGivenBy;
}

interface IdentityRow {
  assistance_id: string;
  assisting_agency_id: string;
  joint_case_id: string;
  person_id: string | null;
  registered_event_id: string | null;
}

const PRIORITY_RANK = { urgent: 0, high: 1, normal: 2 } as const;

function toView(row: CaseRow, services: ServiceRow[], measures: MeasureRow[], now: Date): AssistanceCaseView {
  const needs: AssessedNeedView[] = row.needs
    .map(({ need, priority }) => ({ need, priority, met: row.addressed_needs.includes(need) }))
    .sort((a, b) => PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority]);
  const serviceViews: ServiceView[] = services.map((s) => ({
    serviceId: s.service_id,
    kind: s.kind,
    providedAt: s.provided_at,
    providerAgencyId: s.provider_agency_id,
    note: s.note,
  }));
  const measureViews: ProtectionMeasureView[] = measures.map((m) => ({
    measureId: m.measure_id,
    measure: m.measure,
    description: m.description,
    appliedAt: m.applied_at,
    reviewBy: m.review_by,
    // A closed case has nothing left to review.
    reviewDue: row.status !== 'closed' && isReviewDue({ reviewBy: m.review_by }, now),
    consentGivenBy: m.consent_given_by,
  }));
  return {
    assistanceId: row.assistance_id,
    jointCaseId: row.joint_case_id,
    personId: row.person_id,
    assistingAgencyId: row.assisting_agency_id,
    status: row.status,
    ageGroup: row.age_group,
    isChild: row.is_child,
    sex: row.sex,
    nationality: row.nationality,
    formsOfExploitation: row.forms_of_exploitation,
    agreementToManagePersonalData: row.agreement_to_manage_personal_data,
    consentGivenBy: row.consent_given_by,
    registeredAt: row.registered_at,
    assessedAt: row.assessed_at,
    needs,
    needsMet: needs.filter((n) => n.met).map((n) => n.need),
    needsOutstanding: needs.filter((n) => !n.met).map((n) => n.need),
    services: serviceViews,
    lastService: serviceViews[0] ?? null,
    protectionMeasures: measureViews,
    closedAt: row.closed_at,
    closeReason: row.close_reason,
    closeNote: row.close_note,
    // bigint columns may come back as strings from node-postgres.
    revision: Number(row.revision),
    updatedAt: row.updated_at,
  };
}

/**
 * The assisting agencies' read model. The victim's identity is not kept in it (ADR 0017): `identity` reads
 * the registration event from the log through `personalData`, the event store that decrypts personal data
 * with the person's own key (the platform's protected store). Erased, the key is destroyed and it reads null.
 */
export class SqlAssistanceReadModel implements AssistanceReadModel {
  constructor(
    private readonly db: SqlQueryable,
    private readonly personalData: Pick<EventStore, 'findEvent'>,
  ) {}

  async casesOf(agencyId: string, filter: AssistanceCaseFilter): Promise<AssistanceCaseView[]> {
    const s = ASSISTANCE_READ_SCHEMA;
    const params: unknown[] = [agencyId, filter.limit];
    let where = 'c.assisting_agency_id = $1';
    if (filter.status) {
      params.push(filter.status);
      where += ` AND c.status = $${params.length}`;
    }
    if (filter.openOnly) where += ` AND c.status <> 'closed'`;
    if (filter.reviewDue) {
      params.push(filter.now.toISOString());
      where += ` AND c.status <> 'closed' AND EXISTS (SELECT 1 FROM ${s}.protection_measures m
        WHERE m.assistance_id = c.assistance_id AND m.review_by <= $${params.length}::timestamptz)`;
    }
    if (filter.after) {
      // Keyset on the list's order (open first, children first, oldest first, ties by id).
      const { closed, isChild, registeredAt, assistanceId } = filter.after;
      params.push(closed, !isChild, registeredAt.toISOString(), assistanceId);
      const n = params.length;
      where += ` AND (c.status = 'closed', NOT c.is_child, c.registered_at, c.assistance_id)
        > ($${n - 3}::boolean, $${n - 2}::boolean, $${n - 1}::timestamptz, $${n})`;
    }
    const rows = await this.db.query<CaseRow>(
      `SELECT c.* FROM ${s}.assistance_cases c WHERE ${where}
       ORDER BY c.status = 'closed', NOT c.is_child, c.registered_at, c.assistance_id LIMIT $2`,
      params,
    );
    return this.withHistory(rows, filter.now);
  }

  async ofJointCase(jointCaseId: string, now: Date): Promise<AssistanceCaseView[]> {
    const rows = await this.db.query<CaseRow>(
      `SELECT * FROM ${ASSISTANCE_READ_SCHEMA}.assistance_cases WHERE joint_case_id = $1
       ORDER BY registered_at, assistance_id`,
      [jointCaseId],
    );
    return this.withHistory(rows, now);
  }

  async byId(assistanceId: string, now: Date): Promise<AssistanceCaseView | undefined> {
    const rows = await this.db.query<CaseRow>(
      `SELECT * FROM ${ASSISTANCE_READ_SCHEMA}.assistance_cases WHERE assistance_id = $1`,
      [assistanceId],
    );
    return (await this.withHistory(rows, now))[0];
  }

  async identity(
    assistanceId: string,
  ): Promise<
    | { assistingAgencyId: string; jointCaseId: string; personId: string | null; identity: VictimIdentityView | null }
    | undefined
  > {
    const s = ASSISTANCE_READ_SCHEMA;
    const [row] = await this.db.query<IdentityRow>(
      `SELECT c.assistance_id, c.assisting_agency_id, c.joint_case_id, c.person_id, i.registered_event_id
       FROM ${s}.assistance_cases c LEFT JOIN ${s}.victim_identity i ON i.assistance_id = c.assistance_id
       WHERE c.assistance_id = $1`,
      [assistanceId],
    );
    if (!row) return undefined;
    return {
      assistingAgencyId: row.assisting_agency_id,
      jointCaseId: row.joint_case_id,
      personId: row.person_id,
      identity: row.registered_event_id === null ? null : await this.identityIn(row.registered_event_id, assistanceId),
    };
  }

  /** The identity as the registration event carries it, decrypted; null once erased (the key is destroyed). */
  private async identityIn(eventId: string, assistanceId: string): Promise<VictimIdentityView | null> {
    const event = await this.personalData.findEvent(eventId);
    if (!event || !isAssistanceEvent(event) || event.type !== 'VictimRegistered') return null;
    const { personal } = event.data;
    // Another victim's event is never answered for this one (a pointer can only come from the projection).
    if (event.data.assistanceId !== assistanceId || personal === null) return null;
    return {
      fullName: personal.fullName,
      dateOfBirth: personal.dateOfBirth,
      phone: personal.phone,
      currentLocation: personal.currentLocation,
    };
  }

  private async withHistory(rows: CaseRow[], now: Date): Promise<AssistanceCaseView[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.assistance_id);
    const s = ASSISTANCE_READ_SCHEMA;
    // One after the other: the queryable may be a single connection or a transaction.
    const services = await this.db.query<ServiceRow>(
      `SELECT * FROM ${s}.services WHERE assistance_id = ANY($1::text[]) ORDER BY provided_at DESC, service_id`,
      [ids],
    );
    const measures = await this.db.query<MeasureRow>(
      `SELECT * FROM ${s}.protection_measures WHERE assistance_id = ANY($1::text[]) ORDER BY review_by, measure_id`,
      [ids],
    );
    return rows.map((row) =>
      toView(
        row,
        services.filter((x) => x.assistance_id === row.assistance_id),
        measures.filter((x) => x.assistance_id === row.assistance_id),
        now,
      ),
    );
  }
}
