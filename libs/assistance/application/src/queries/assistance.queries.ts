import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ACCESS_DECIDER, type AccessDecider, type Actor, NotFoundError } from '@pamoja/contracts';
import { assistanceAccess, assistanceCaseAs } from '../assistance-access.js';
import {
  ASSISTANCE_READ_MODEL,
  type AssistanceCaseFilter,
  type AssistanceCaseReading,
  type AssistanceReadModel,
  type VictimIdentityView,
} from '../assistance-read-model.port.js';

/** The cases the actor's agency assists. */
export class AssistanceCasesQuery extends Query<AssistanceCaseReading[]> {
  constructor(
    readonly actor: Actor,
    readonly filter: AssistanceCaseFilter,
  ) {
    super();
  }
}

/** One assistance case as the actor may read it. */
export class AssistanceCaseByIdQuery extends Query<AssistanceCaseReading> {
  constructor(
    readonly assistanceId: string,
    readonly actor: Actor,
    readonly now: Date,
  ) {
    super();
  }
}

/** A joint case's assistance cases that the actor may find there, each as the actor may read it. */
export class JointCaseAssistanceQuery extends Query<AssistanceCaseReading[]> {
  constructor(
    readonly jointCaseId: string,
    readonly actor: Actor,
    readonly now: Date,
  ) {
    super();
  }
}

/** The victim's personal data, or null for anyone but the assisting agency. */
export class VictimIdentityQuery extends Query<VictimIdentityView | null> {
  constructor(
    readonly assistanceId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

@QueryHandler(AssistanceCasesQuery)
export class AssistanceCasesHandler implements IQueryHandler<AssistanceCasesQuery, AssistanceCaseReading[]> {
  constructor(
    @Inject(ASSISTANCE_READ_MODEL) private readonly readModel: AssistanceReadModel,
    @Inject(ACCESS_DECIDER) private readonly decider: AccessDecider,
  ) {}
  async execute(query: AssistanceCasesQuery): Promise<AssistanceCaseReading[]> {
    const views = await this.readModel.casesOf(query.actor.agencyId, query.filter);
    return Promise.all(
      views.map(async (view) => assistanceCaseAs(await assistanceAccess(this.decider, query.actor, view), view)),
    );
  }
}

@QueryHandler(AssistanceCaseByIdQuery)
export class AssistanceCaseByIdHandler implements IQueryHandler<AssistanceCaseByIdQuery, AssistanceCaseReading> {
  constructor(
    @Inject(ASSISTANCE_READ_MODEL) private readonly readModel: AssistanceReadModel,
    @Inject(ACCESS_DECIDER) private readonly decider: AccessDecider,
  ) {}
  async execute(query: AssistanceCaseByIdQuery): Promise<AssistanceCaseReading> {
    // Integrators receive privacy-safe events only: even without a name, a victim's age group, sex,
    // nationality and forms of exploitation can re-identify them. To an integrator the case does not exist.
    const view =
      query.actor.agencyType === 'integrator' ? undefined : await this.readModel.byId(query.assistanceId, query.now);
    if (!view) throw new NotFoundError('Assistance', query.assistanceId);
    const access = await assistanceAccess(this.decider, query.actor, view);
    // Not party to the case: the case does not exist for this agency (the same answer as an unknown id).
    if (!access.listed) throw new NotFoundError('Assistance', query.assistanceId);
    return assistanceCaseAs(access, view);
  }
}

@QueryHandler(JointCaseAssistanceQuery)
export class JointCaseAssistanceHandler implements IQueryHandler<JointCaseAssistanceQuery, AssistanceCaseReading[]> {
  constructor(
    @Inject(ASSISTANCE_READ_MODEL) private readonly readModel: AssistanceReadModel,
    @Inject(ACCESS_DECIDER) private readonly decider: AccessDecider,
  ) {}
  async execute(query: JointCaseAssistanceQuery): Promise<AssistanceCaseReading[]> {
    const views = await this.readModel.ofJointCase(query.jointCaseId, query.now);
    const readings = await Promise.all(
      views.map(async (view) => {
        const access = await assistanceAccess(this.decider, query.actor, view);
        return access.listed ? [assistanceCaseAs(access, view)] : [];
      }),
    );
    return readings.flat();
  }
}

@QueryHandler(VictimIdentityQuery)
export class VictimIdentityHandler implements IQueryHandler<VictimIdentityQuery, VictimIdentityView | null> {
  constructor(
    @Inject(ASSISTANCE_READ_MODEL) private readonly readModel: AssistanceReadModel,
    @Inject(ACCESS_DECIDER) private readonly decider: AccessDecider,
  ) {}
  async execute(query: VictimIdentityQuery): Promise<VictimIdentityView | null> {
    // The access policy decides who reads personal data, on the assisting agency and joint case as
    // stored, not as the caller's view of the case says.
    const found = await this.readModel.identity(query.assistanceId);
    if (!found || !(await assistanceAccess(this.decider, query.actor, found)).identity) return null;
    return found.identity;
  }
}
