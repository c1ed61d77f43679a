import { SQL_DATABASE, type SqlDatabase } from '@pamoja/event-store';
import { defineContext, preparedBy } from '@pamoja/platform/context';
import {
  casePartyCommands,
  ExistingJointCases,
  COORDINATION_HANDLERS,
  JOINT_CASE_READ_MODEL,
  MEETING_QUERY_HANDLERS,
  MEETING_READ_MODEL,
  meetingCommands,
} from '@pamoja/coordination/application';
import {
  agendaProjection,
  jointCaseProjection,
  meetingProjection,
  SqlJointCaseReadModel,
  SqlMeetingReadModel,
} from '@pamoja/coordination/infrastructure';
import { MEETING_UPCASTERS } from '@pamoja/coordination/domain';
import { agencyCommands } from '@pamoja/platform/directory';
import { AgenciesResolver } from './agencies.resolver.js';
import { CasePartyResolver } from './case-party.resolver.js';
import { CoordinationResolver } from './coordination.resolver.js';
import { CoordinationDashboardResolver } from './dashboard.resolver.js';
import { MeetingsResolver } from './meetings.resolver.js';
import { AGENDA_WORD_FIELDS, COORDINATION_REFERENCE_FIELDS } from './coordination.references.js';

/** The joint view's read model, built from every agency's shared events. */
export const COORDINATION_PROJECTIONS = [jointCaseProjection] as const;
/** The agenda's read model, built from other agencies' shared events like the joint view. */
export const AGENDA_SHARED_PROJECTIONS = [agendaProjection] as const;

/**
 * The coordination body's context: the joint view of every case, the decisions on who takes part in a case,
 * and the coordination meetings (their record, the agenda generated from the log, the agencies' action
 * points). One context: the meetings are the coordination body's own work, served by the same service.
 */
export const CoordinationContext = defineContext({
  name: 'coordination',
  // A decision admits to a case that exists, on every path.
  // The agency directory is kept by the coordination body too (read in every process, ADR 0024).
  commands: [preparedBy(casePartyCommands, ExistingJointCases), meetingCommands, agencyCommands],
  // The meetings' own events, from the log.
  projections: [meetingProjection],
  upcasters: MEETING_UPCASTERS,
  // Other agencies' events, as they share them: through Kafka in server mode, from the log in embedded mode.
  sharedProjections: [...AGENDA_SHARED_PROJECTIONS, ...COORDINATION_PROJECTIONS],
  providers: [
    // `reference` on the types that show a record (ADR 0023).
    ...COORDINATION_REFERENCE_FIELDS,
    // Site names and what an escalation was about, beside the ids.
    ...AGENDA_WORD_FIELDS,
    ...COORDINATION_HANDLERS,
    ...MEETING_QUERY_HANDLERS,
    {
      provide: JOINT_CASE_READ_MODEL,
      inject: [SQL_DATABASE],
      useFactory: (db: SqlDatabase) => new SqlJointCaseReadModel(db),
    },
    {
      provide: MEETING_READ_MODEL,
      inject: [SQL_DATABASE],
      useFactory: (db: SqlDatabase) => new SqlMeetingReadModel(db),
    },
    CoordinationResolver,
    CoordinationDashboardResolver,
    CasePartyResolver,
    MeetingsResolver,
    AgenciesResolver,
  ],
});

export const CoordinationModule = CoordinationContext.module;

/** The meetings' own read model (rebuilt from the log). */
export const MEETING_PROJECTIONS = CoordinationContext.definition.projections ?? [];
