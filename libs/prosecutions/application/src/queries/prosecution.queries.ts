import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ACCESS_DECIDER, NotFoundError, type AccessDecider, type Actor } from '@pamoja/contracts';
import {
  PROSECUTION_READ_MODEL,
  type ProsecutionDetailView,
  type ProsecutionListFilter,
  type ProsecutionReadModel,
  type ProsecutionSummaryView,
  type HearingListKey,
  type UpcomingHearingView,
} from '../prosecution-read-model.port.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export class ProsecutionsQuery extends Query<ProsecutionSummaryView[]> {
  constructor(
    readonly officeAgencyId: string,
    readonly filter: ProsecutionListFilter,
  ) {
    super();
  }
}

/** One prosecution, for the office conducting it and supervising prosecutors; to anyone else it does not exist. */
export class ProsecutionByIdQuery extends Query<ProsecutionDetailView> {
  constructor(
    readonly prosecutionId: string,
    readonly reader: Actor,
  ) {
    super();
  }
}

/** A joint case's prosecutions, for the agencies that may read them; an empty list for anyone else. */
export class JointCaseProsecutionsQuery extends Query<ProsecutionSummaryView[]> {
  constructor(
    readonly jointCaseId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

export class UpcomingHearingsQuery extends Query<UpcomingHearingView[]> {
  constructor(
    readonly officeAgencyId: string,
    readonly now: Date,
    readonly days: number,
    /** Rows to read: a page and one more. */
    readonly limit: number,
    readonly after?: HearingListKey,
  ) {
    super();
  }
}

@QueryHandler(ProsecutionsQuery)
export class ProsecutionsHandler implements IQueryHandler<ProsecutionsQuery, ProsecutionSummaryView[]> {
  constructor(@Inject(PROSECUTION_READ_MODEL) private readonly readModel: ProsecutionReadModel) {}
  execute(query: ProsecutionsQuery): Promise<ProsecutionSummaryView[]> {
    return this.readModel.list(query.officeAgencyId, query.filter);
  }
}

@QueryHandler(ProsecutionByIdQuery)
export class ProsecutionByIdHandler implements IQueryHandler<ProsecutionByIdQuery, ProsecutionDetailView> {
  constructor(
    @Inject(PROSECUTION_READ_MODEL) private readonly readModel: ProsecutionReadModel,
    @Inject(ACCESS_DECIDER) private readonly decider: AccessDecider,
  ) {}
  async execute(query: ProsecutionByIdQuery): Promise<ProsecutionDetailView> {
    const view = await this.readModel.byId(query.prosecutionId);
    const facts = { agencyId: view?.officeAgencyId ?? null, jointCaseId: view?.jointCaseId ?? null };
    // Not FORBIDDEN: telling another office that the prosecution exists would already disclose something.
    if (!view || !(await this.decider.mayAccess(query.reader, 'Prosecution', facts))) {
      throw new NotFoundError('Prosecution', query.prosecutionId);
    }
    return view;
  }
}

@QueryHandler(JointCaseProsecutionsQuery)
export class JointCaseProsecutionsHandler implements IQueryHandler<
  JointCaseProsecutionsQuery,
  ProsecutionSummaryView[]
> {
  constructor(
    @Inject(PROSECUTION_READ_MODEL) private readonly readModel: ProsecutionReadModel,
    @Inject(ACCESS_DECIDER) private readonly decider: AccessDecider,
  ) {}
  async execute(query: JointCaseProsecutionsQuery): Promise<ProsecutionSummaryView[]> {
    // Need-to-know: the police and prosecutors party to the case, supervising prosecutors, the coordination body.
    const facts = { jointCaseId: query.jointCaseId };
    if (!(await this.decider.mayAccess(query.actor, 'ProsecutionSummary', facts))) return [];
    return this.readModel.ofJointCase(query.jointCaseId);
  }
}

@QueryHandler(UpcomingHearingsQuery)
export class UpcomingHearingsHandler implements IQueryHandler<UpcomingHearingsQuery, UpcomingHearingView[]> {
  constructor(@Inject(PROSECUTION_READ_MODEL) private readonly readModel: ProsecutionReadModel) {}
  execute(query: UpcomingHearingsQuery): Promise<UpcomingHearingView[]> {
    return this.readModel.upcomingHearings(query.officeAgencyId, {
      until: new Date(query.now.getTime() + query.days * DAY_MS),
      limit: query.limit,
      ...(query.after ? { after: query.after } : {}),
    });
  }
}
