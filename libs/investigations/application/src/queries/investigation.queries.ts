import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { NotFoundError, type Actor } from '@pamoja/contracts';
import { mayReadSuspectPersonalData } from '@pamoja/investigations/domain';
import { investigationsOfJointCaseDisclosedTo, type InvestigationReader } from '../investigation-disclosure.js';
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
    readonly reader: Pick<Actor, 'agencyId' | 'agencyType'>,
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

/** The investigations of a joint case, as summaries, for those they are disclosed to; none for others. */
export class InvestigationsOfJointCaseQuery extends Query<InvestigationSummaryView[]> {
  constructor(
    readonly jointCaseId: string,
    readonly reader: InvestigationReader,
  ) {
    super();
  }
}

@QueryHandler(InvestigationsOfJointCaseQuery)
export class InvestigationsOfJointCaseHandler implements IQueryHandler<
  InvestigationsOfJointCaseQuery,
  InvestigationSummaryView[]
> {
  constructor(@Inject(INVESTIGATION_READ_MODEL) private readonly readModel: InvestigationReadModel) {}
  async execute(query: InvestigationsOfJointCaseQuery): Promise<InvestigationSummaryView[]> {
    if (!investigationsOfJointCaseDisclosedTo(query.reader)) return [];
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
 * Any authenticated agency may read an investigation until the access-policy issue restricts it to the
 * agencies of the joint case; a suspect's personal data is already limited to police and prosecutors.
 */
@QueryHandler(InvestigationByIdQuery)
export class InvestigationByIdHandler implements IQueryHandler<InvestigationByIdQuery, InvestigationView> {
  constructor(@Inject(INVESTIGATION_READ_MODEL) private readonly readModel: InvestigationReadModel) {}
  async execute(query: InvestigationByIdQuery): Promise<InvestigationView> {
    const view = await this.readModel.byId(query.investigationId, query.now);
    if (!view) throw new NotFoundError('Investigation', query.investigationId);
    if (mayReadSuspectPersonalData(query.reader.agencyType)) return view;
    return {
      ...view,
      suspects: view.suspects.map((suspect) => ({ ...suspect, name: null, dateOfBirth: null })),
    };
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
