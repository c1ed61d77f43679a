import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ACCESS_DECIDER, NotFoundError, type AccessDecider, type Actor } from '@pamoja/contracts';
import {
  INVESTIGATION_READ_MODEL,
  type CaseFileListFilter,
  type CaseFileTransmissionView,
  type InvestigationListFilter,
  type InvestigationReadModel,
  type InvestigationSummaryView,
  type InvestigationView,
} from '../investigation-read-model.port.js';

export class InvestigationsForAgencyQuery extends Query<InvestigationSummaryView[]> {
  constructor(
    readonly agencyId: string,
    readonly filter: InvestigationListFilter,
  ) {
    super();
  }
}

export class InvestigationByIdQuery extends Query<InvestigationView> {
  constructor(
    readonly investigationId: string,
    readonly reader: Actor,
    readonly now: Date,
  ) {
    super();
  }
}

export class OverdueCaseFileTransmissionsQuery extends Query<CaseFileTransmissionView[]> {
  constructor(
    readonly agencyId: string,
    readonly filter: CaseFileListFilter,
  ) {
    super();
  }
}

/**
 * The investigations of a joint case, as summaries, for those the policy discloses them to (the police and
 * prosecutors party to the case, supervising prosecutors, the coordination body); none for others.
 */
export class InvestigationsOfJointCaseQuery extends Query<InvestigationSummaryView[]> {
  constructor(
    readonly jointCaseId: string,
    readonly reader: Actor,
  ) {
    super();
  }
}

@QueryHandler(InvestigationsOfJointCaseQuery)
export class InvestigationsOfJointCaseHandler implements IQueryHandler<
  InvestigationsOfJointCaseQuery,
  InvestigationSummaryView[]
> {
  constructor(
    @Inject(INVESTIGATION_READ_MODEL) private readonly readModel: InvestigationReadModel,
    @Inject(ACCESS_DECIDER) private readonly decider: AccessDecider,
  ) {}
  async execute(query: InvestigationsOfJointCaseQuery): Promise<InvestigationSummaryView[]> {
    const facts = { jointCaseId: query.jointCaseId };
    if (!(await this.decider.mayAccess(query.reader, 'InvestigationSummary', facts))) return [];
    return this.readModel.byJointCase(query.jointCaseId);
  }
}

@QueryHandler(InvestigationsForAgencyQuery)
export class InvestigationsForAgencyHandler implements IQueryHandler<
  InvestigationsForAgencyQuery,
  InvestigationSummaryView[]
> {
  constructor(@Inject(INVESTIGATION_READ_MODEL) private readonly readModel: InvestigationReadModel) {}
  execute(query: InvestigationsForAgencyQuery): Promise<InvestigationSummaryView[]> {
    return this.readModel.forAgency(query.agencyId, query.filter);
  }
}

/**
 * An investigation in detail, on a need-to-know basis: the police and prosecutors party to its joint case
 * and supervising prosecutors (the access policy's `Investigation` record). To anyone else, even another
 * police unit, it does not exist. Suspects' personal data follows the policy's field rule, decided here on
 * the stored case; each suspect carries its case so that the schema's own guard decides the same.
 */
@QueryHandler(InvestigationByIdQuery)
export class InvestigationByIdHandler implements IQueryHandler<InvestigationByIdQuery, InvestigationView> {
  constructor(
    @Inject(INVESTIGATION_READ_MODEL) private readonly readModel: InvestigationReadModel,
    @Inject(ACCESS_DECIDER) private readonly decider: AccessDecider,
  ) {}
  async execute(query: InvestigationByIdQuery): Promise<InvestigationView> {
    const view = await this.readModel.byId(query.investigationId, query.now);
    const facts = { jointCaseId: view?.jointCaseId ?? null };
    if (!view || !(await this.decider.mayAccess(query.reader, 'Investigation', facts))) {
      throw new NotFoundError('Investigation', query.investigationId);
    }
    const suspects = view.suspects.map((suspect) => ({ ...suspect, jointCaseId: view.jointCaseId }));
    if (await this.decider.mayRead(query.reader, 'InvestigationSuspect.name', facts)) return { ...view, suspects };
    return { ...view, suspects: suspects.map((suspect) => ({ ...suspect, name: null, dateOfBirth: null })) };
  }
}

@QueryHandler(OverdueCaseFileTransmissionsQuery)
export class OverdueCaseFileTransmissionsHandler implements IQueryHandler<
  OverdueCaseFileTransmissionsQuery,
  CaseFileTransmissionView[]
> {
  constructor(@Inject(INVESTIGATION_READ_MODEL) private readonly readModel: InvestigationReadModel) {}
  execute(query: OverdueCaseFileTransmissionsQuery): Promise<CaseFileTransmissionView[]> {
    return this.readModel.overdueCaseFiles(query.agencyId, query.filter);
  }
}

export class IncomingCaseFilesQuery extends Query<CaseFileTransmissionView[]> {
  constructor(
    readonly agencyId: string,
    readonly filter: CaseFileListFilter,
  ) {
    super();
  }
}

@QueryHandler(IncomingCaseFilesQuery)
export class IncomingCaseFilesHandler implements IQueryHandler<IncomingCaseFilesQuery, CaseFileTransmissionView[]> {
  constructor(@Inject(INVESTIGATION_READ_MODEL) private readonly readModel: InvestigationReadModel) {}
  execute(query: IncomingCaseFilesQuery): Promise<CaseFileTransmissionView[]> {
    return this.readModel.incomingCaseFiles(query.agencyId, query.filter);
  }
}
