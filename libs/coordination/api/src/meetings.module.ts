import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { SQL_DATABASE, type SqlDatabase } from '@pamoja/event-store';
import { ProjectionRegistry, SharedEventRegistry } from '@pamoja/platform';
import { MEETING_HANDLERS, MEETING_READ_MODEL } from '@pamoja/coordination/application';
import { agendaProjection, meetingProjection, SqlMeetingReadModel } from '@pamoja/coordination/infrastructure';
import { MeetingsResolver } from './meetings.resolver.js';

/** Coordination meetings: their record, the agenda generated from the log, and the agencies' action points. */
@Module({
  providers: [
    ...MEETING_HANDLERS,
    {
      provide: MEETING_READ_MODEL,
      inject: [SQL_DATABASE],
      useFactory: (db: SqlDatabase) => new SqlMeetingReadModel(db),
    },
    MeetingsResolver,
  ],
})
export class MeetingsModule implements OnModuleInit {
  constructor(
    @Inject(ProjectionRegistry) private readonly projections: ProjectionRegistry,
    @Inject(SharedEventRegistry) private readonly shared: SharedEventRegistry,
  ) {}

  onModuleInit(): void {
    // The meetings' own events, from the log.
    this.projections.register(meetingProjection);
    // Other agencies' events, as they share them: through Kafka in server mode, from the log in embedded mode.
    this.shared.register({ kind: 'projection', projection: agendaProjection });
  }
}

/** The meetings' own read model (rebuilt from the log). */
export const MEETING_PROJECTIONS = [meetingProjection] as const;
/** The agenda's read model, built from other agencies' shared events like the joint view. */
export const AGENDA_SHARED_PROJECTIONS = [agendaProjection] as const;
