import { Inject } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { formatKivuTime, type Actor } from '@pamoja/contracts';
import {
  caseFileIdFor,
  caseFileKey,
  evidenceIdFor,
  InvestigationByIdQuery,
  investigationCommands,
  investigationIdFor,
  InvestigationsForAgencyQuery,
  IncomingCaseFilesQuery,
  investigationKey,
  OverdueCaseFileTransmissionsQuery,
  suspectIdFor,
  type CaseFileListFilter,
  type CaseFileTransmissionView,
  type InvestigationCommandResult,
  type InvestigationSummaryView,
  type InvestigationView,
} from '@pamoja/investigations/application';
import { CorrelationId, CurrentActor, toConnection, type Connection } from '@pamoja/platform/graphql';
import { cursorPart, keysetCursor, type CommandEndpointFor } from '@pamoja/platform/context';
import {
  CaseFileTransmissionConnection,
  CaseFileTransmissionType,
  InvestigationCommandPayload,
  InvestigationSummaryConnection,
  InvestigationType,
} from './investigation.graphql-types.js';
import {
  CaseFileListFilterInput,
  CloseInvestigationInput,
  EraseSuspectPersonalDataInput,
  IdentifySuspectInput,
  InvestigationListFilterInput,
  OpenInvestigationInput,
  RecordArrestInput,
  RecordEvidenceCustodyTransferInput,
  RecordEvidenceInput,
  TransmitCaseFileInput,
} from './investigation.inputs.js';

/** Open (0) before closed (1), most recently active, then id. */
const INVESTIGATIONS_CURSOR = keysetCursor(cursorPart.int, cursorPart.instant, cursorPart.id);
/** Soonest due, then investigation and case file. */
const CASE_FILES_CURSOR = keysetCursor(cursorPart.instant, cursorPart.id, cursorPart.id);

type Payload = InvestigationCommandResult & { evidenceId?: string; suspectId?: string; caseFileId?: string };

@Resolver(() => InvestigationType)
export class InvestigationsResolver {
  constructor(
    @Inject(investigationCommands.token)
    private readonly commands: CommandEndpointFor<typeof investigationCommands>,
    private readonly queries: QueryBus,
  ) {}

  @Mutation(() => InvestigationCommandPayload, { description: 'Police only: open an investigation in a joint case' })
  openInvestigation(
    @Args('input') input: OpenInvestigationInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<Payload> {
    return this.commands.send(input, actor, correlationId, (metadata) => ({
      type: 'OpenInvestigation',
      metadata,
      data: {
        investigationId: input.investigationId ?? investigationIdFor(input.commandId),
        jointCaseId: input.jointCaseId,
        referralId: input.referralId ?? null,
        siteCode: input.siteCode ?? null,
        offences: input.offences,
        leadOfficerId: input.leadOfficerId,
      },
    }));
  }

  @Mutation(() => InvestigationCommandPayload, { description: 'Record an evidence item with its SHA-256' })
  async recordEvidence(
    @Args('input') input: RecordEvidenceInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<Payload> {
    const evidenceId = input.evidenceId ?? evidenceIdFor(input.commandId);
    const result = await this.commands.send(input, actor, correlationId, (metadata) => ({
      type: 'RecordEvidence',
      metadata,
      data: {
        investigationId: input.investigationId,
        evidenceId,
        description: input.description,
        kind: input.kind,
        sha256: input.sha256,
        collectedAt: input.collectedAt,
        collectedBy: input.collectedBy ?? actor.userId,
      },
    }));
    return { ...result, evidenceId };
  }

  @Mutation(() => InvestigationCommandPayload, { description: 'Hand an evidence item to its next custodian' })
  async recordEvidenceCustodyTransfer(
    @Args('input') input: RecordEvidenceCustodyTransferInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<Payload> {
    const result = await this.commands.send(input, actor, correlationId, (metadata) => ({
      type: 'RecordCustodyTransfer',
      metadata,
      data: {
        investigationId: input.investigationId,
        evidenceId: input.evidenceId,
        from: { agencyId: input.from.agencyId, officerId: input.from.officerId },
        to: { agencyId: input.to.agencyId, officerId: input.to.officerId },
        at: input.at,
        reason: input.reason,
      },
    }));
    return { ...result, evidenceId: input.evidenceId };
  }

  @Mutation(() => InvestigationCommandPayload, { description: 'Identify a suspect by role, alias and personal data' })
  async identifySuspect(
    @Args('input') input: IdentifySuspectInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<Payload> {
    const suspectId = input.suspectId ?? suspectIdFor(input.commandId);
    const result = await this.commands.send(input, actor, correlationId, (metadata) => ({
      type: 'IdentifySuspect',
      metadata,
      data: {
        investigationId: input.investigationId,
        suspectId,
        role: input.role,
        alias: input.alias ?? null,
        description: input.description ?? null,
        personal: { name: input.personal?.name ?? null, dateOfBirth: input.personal?.dateOfBirth ?? null },
      },
    }));
    return { ...result, suspectId };
  }

  @Mutation(() => InvestigationCommandPayload, { description: 'Record the arrest of an identified suspect' })
  async recordArrest(
    @Args('input') input: RecordArrestInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<Payload> {
    const result = await this.commands.send(input, actor, correlationId, (metadata) => ({
      type: 'RecordArrest',
      metadata,
      data: {
        investigationId: input.investigationId,
        suspectId: input.suspectId,
        arrestedAt: input.arrestedAt,
        location: input.location,
        legalBasis: input.legalBasis,
      },
    }));
    return { ...result, suspectId: input.suspectId };
  }

  @Mutation(() => InvestigationCommandPayload, {
    description: "Send the case file to a prosecutor's office, which must acknowledge it by dueBy",
  })
  async transmitCaseFile(
    @Args('input') input: TransmitCaseFileInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<Payload> {
    const caseFileId = input.caseFileId ?? caseFileIdFor(input.commandId);
    const result = await this.commands.send(input, actor, correlationId, (metadata) => ({
      type: 'TransmitCaseFile',
      metadata,
      data: {
        investigationId: input.investigationId,
        caseFileId,
        toProsecutorOfficeId: input.toProsecutorOfficeId,
        dueBy: input.dueBy,
        summary: input.summary,
        evidenceIds: input.evidenceIds,
        suspectIds: input.suspectIds,
      },
    }));
    return { ...result, caseFileId };
  }

  @Mutation(() => InvestigationCommandPayload, { description: 'Close the investigation, with a reason' })
  closeInvestigation(
    @Args('input') input: CloseInvestigationInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<Payload> {
    return this.commands.send(input, actor, correlationId, (metadata) => ({
      type: 'CloseInvestigation',
      metadata,
      data: { investigationId: input.investigationId, reason: input.reason, note: input.note ?? null },
    }));
  }

  @Mutation(() => InvestigationCommandPayload, {
    description:
      "The investigating agency erases a suspect's personal data (name, date of birth, alias, description), also on " +
      'a closed investigation: the key is destroyed, the fields read as null everywhere, the suspect id, role and ' +
      'arrests stay. Erasing again changes nothing.',
  })
  eraseSuspectPersonalData(
    @Args('input') input: EraseSuspectPersonalDataInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<Payload> {
    return this.commands.send(input, actor, correlationId, (metadata) => ({
      type: 'EraseSuspectPersonalData',
      metadata,
      data: { investigationId: input.investigationId, suspectId: input.suspectId, reason: input.reason },
    }));
  }

  @Query(() => InvestigationSummaryConnection, {
    description: "Investigations led by the caller's agency: open first, then most recently active",
  })
  async investigations(
    @CurrentActor() actor: Actor,
    @Args('filter', { type: () => InvestigationListFilterInput, nullable: true }) filter?: InvestigationListFilterInput,
  ): Promise<Connection<InvestigationSummaryView>> {
    const first = filter?.first ?? 50;
    const rows = await this.queries.execute(
      new InvestigationsForAgencyQuery(actor.agencyId, {
        ...(filter?.status ? { status: filter.status } : {}),
        ...(filter?.offence ? { offence: filter.offence } : {}),
        ...(filter?.siteCode ? { siteCode: filter.siteCode } : {}),
        ...(filter?.province ? { province: filter.province } : {}),
        ...(filter?.territory ? { territory: filter.territory } : {}),
        ...(filter?.after ? { after: INVESTIGATIONS_CURSOR.decode(filter.after) } : {}),
        first,
      }),
    );
    return toConnection(rows, first, (row) => INVESTIGATIONS_CURSOR.keyOf(investigationKey(row)));
  }

  @Query(() => InvestigationType, {
    description:
      "One investigation with its evidence, suspects, arrests and case files; suspects' personal data only for police and prosecutors",
  })
  investigation(
    @CurrentActor() actor: Actor,
    @Args('investigationId', { type: () => ID }) investigationId: string,
  ): Promise<InvestigationView> {
    return this.queries.execute(new InvestigationByIdQuery(investigationId, actor, this.commands.now()));
  }

  @Query(() => CaseFileTransmissionConnection, {
    description:
      "Case files sent or addressed to the caller's agency, still unacknowledged after their due time, soonest due first",
  })
  async overdueCaseFileTransmissions(
    @CurrentActor() actor: Actor,
    @Args('filter', { type: () => CaseFileListFilterInput, nullable: true }) filter?: CaseFileListFilterInput,
  ): Promise<Connection<CaseFileTransmissionView>> {
    const page = this.caseFileFilter(filter);
    const rows = await this.queries.execute(new OverdueCaseFileTransmissionsQuery(actor.agencyId, page));
    return toConnection(rows, page.first, (row) => CASE_FILES_CURSOR.keyOf(caseFileKey(row)));
  }

  @Query(() => CaseFileTransmissionConnection, {
    description:
      "The prosecutor's office's queue: case files sent to the caller's agency, soonest due first; those not yet " +
      'acknowledged unless the filter names a status',
  })
  async incomingCaseFiles(
    @CurrentActor() actor: Actor,
    @Args('filter', { type: () => CaseFileListFilterInput, nullable: true }) filter?: CaseFileListFilterInput,
  ): Promise<Connection<CaseFileTransmissionView>> {
    const page = this.caseFileFilter(filter);
    const rows = await this.queries.execute(new IncomingCaseFilesQuery(actor.agencyId, page));
    return toConnection(rows, page.first, (row) => CASE_FILES_CURSOR.keyOf(caseFileKey(row)));
  }

  private caseFileFilter(filter: CaseFileListFilterInput | undefined): CaseFileListFilter {
    return {
      ...(filter?.status ? { status: filter.status } : {}),
      ...(typeof filter?.overdue === 'boolean' ? { overdue: filter.overdue } : {}),
      ...(filter?.after ? { after: CASE_FILES_CURSOR.decode(filter.after) } : {}),
      first: filter?.first ?? 50,
      now: this.commands.now(),
    };
  }
}

/** Due times as people in Goma and Bukavu read them. */
@Resolver(() => CaseFileTransmissionType)
export class CaseFileTransmissionResolver {
  @ResolveField(() => String, { description: 'dueBy in Kivu time, e.g. "2026-11-27 10:40 CAT"' })
  dueByLocal(@Parent() transmission: CaseFileTransmissionView): string {
    return formatKivuTime(transmission.dueBy);
  }
}
