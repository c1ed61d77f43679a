import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { type Actor, NotFoundError } from '@pamoja/contracts';
import {
  ASSISTANCE_READ_MODEL,
  type AssistanceCaseFilter,
  type AssistanceCaseView,
  type AssistanceReadModel,
  type VictimIdentityView,
} from '../assistance-read-model.port.js';

/** The cases the actor's agency assists. */
export class AssistanceCasesQuery extends Query<AssistanceCaseView[]> {
  constructor(
    readonly agencyId: string,
    readonly filter: AssistanceCaseFilter,
  ) {
    super();
  }
}

export class AssistanceCaseByIdQuery extends Query<AssistanceCaseView> {
  constructor(
    readonly assistanceId: string,
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
export class AssistanceCasesHandler implements IQueryHandler<AssistanceCasesQuery, AssistanceCaseView[]> {
  constructor(@Inject(ASSISTANCE_READ_MODEL) private readonly readModel: AssistanceReadModel) {}
  execute(query: AssistanceCasesQuery): Promise<AssistanceCaseView[]> {
    return this.readModel.casesOf(query.agencyId, query.filter);
  }
}

@QueryHandler(AssistanceCaseByIdQuery)
export class AssistanceCaseByIdHandler implements IQueryHandler<AssistanceCaseByIdQuery, AssistanceCaseView> {
  constructor(@Inject(ASSISTANCE_READ_MODEL) private readonly readModel: AssistanceReadModel) {}
  async execute(query: AssistanceCaseByIdQuery): Promise<AssistanceCaseView> {
    // Integrators receive privacy-safe events only: even without a name, a victim's age group, sex,
    // nationality and forms of exploitation can re-identify them. To an integrator the case does not exist.
    const view =
      query.actor.agencyType === 'integrator' ? undefined : await this.readModel.byId(query.assistanceId, query.now);
    if (!view) throw new NotFoundError('Assistance', query.assistanceId);
    return view;
  }
}

@QueryHandler(VictimIdentityQuery)
export class VictimIdentityHandler implements IQueryHandler<VictimIdentityQuery, VictimIdentityView | null> {
  constructor(@Inject(ASSISTANCE_READ_MODEL) private readonly readModel: AssistanceReadModel) {}
  async execute(query: VictimIdentityQuery): Promise<VictimIdentityView | null> {
    // The one place that decides who reads personal data; the access-policy issue generalises it.
    // The assisting agency is read from the store, not from the caller's view of the case.
    const found = await this.readModel.identity(query.assistanceId);
    if (found?.assistingAgencyId !== query.actor.agencyId) return null;
    return found.identity;
  }
}
