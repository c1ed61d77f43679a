import { QueryBus } from '@nestjs/cqrs';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { type Actor, formatKivuTime, InvalidInputError } from '@pamoja/contracts';
import { clientContext, CommandSender, CorrelationId, CurrentActor, type CommandInput } from '@pamoja/platform';
import {
  incidentIdFor,
  MineSiteCommandMessage,
  MineSiteQuery,
  MineSitesQuery,
  SiteIncidentCommandMessage,
  SiteIncidentsQuery,
  siteIdForCode,
  type MineSiteCommandResult,
  type MineSiteView,
  type SiteIncidentCommandResult,
  type SiteIncidentRequest,
  type SiteIncidentView,
} from '@pamoja/sites/application';
import { type MineSiteCommand, type SitesCommandMetadata } from '@pamoja/sites/domain';
import {
  MineSiteCommandPayload,
  MineSiteType,
  SiteIncidentCommandPayload,
  SiteIncidentType,
} from './sites.graphql-types.js';
import {
  ChangeMineSiteStatusInput,
  ClassifySiteIncidentInput,
  CloseSiteIncidentInput,
  MineSiteListFilterInput,
  RecordMineSiteInspectionInput,
  RegisterMineSiteInput,
  ReportSiteIncidentInput,
} from './sites.inputs.js';

function toMineSite(view: MineSiteView): MineSiteType {
  return {
    ...view,
    remediationDeadlineLocal: view.remediationDeadline === null ? null : formatKivuTime(view.remediationDeadline),
  };
}

function toSiteIncident(view: SiteIncidentView): SiteIncidentType {
  return { ...view, closeByLocal: formatKivuTime(view.closeBy) };
}

@Resolver(() => MineSiteType)
export class SitesResolver {
  constructor(
    private readonly sender: CommandSender,
    private readonly queries: QueryBus,
  ) {}

  private metadata(actor: Actor): SitesCommandMetadata {
    return { actor, now: this.sender.now() };
  }

  private sendSite(
    input: CommandInput,
    actor: Actor,
    correlationId: string,
    command: (metadata: SitesCommandMetadata) => MineSiteCommand,
  ): Promise<MineSiteCommandResult> {
    return this.sender.send(
      new MineSiteCommandMessage(command(this.metadata(actor)), clientContext(input, actor, correlationId)),
    );
  }

  private sendIncident(
    input: CommandInput,
    actor: Actor,
    correlationId: string,
    command: (metadata: SitesCommandMetadata) => SiteIncidentRequest,
  ): Promise<SiteIncidentCommandResult> {
    return this.sender.send(
      new SiteIncidentCommandMessage(command(this.metadata(actor)), clientContext(input, actor, correlationId)),
    );
  }

  @Mutation(() => MineSiteCommandPayload, { description: 'Add a site to the registry; it starts BLUE (not verified)' })
  registerMineSite(
    @Args('input') input: RegisterMineSiteInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<MineSiteCommandResult> {
    return this.sendSite(input, actor, correlationId, (metadata) => ({
      type: 'RegisterMineSite',
      metadata,
      data: {
        siteId: siteIdForCode(input.code),
        code: input.code,
        name: input.name,
        province: input.province,
        territory: input.territory,
        minerals: input.minerals,
        latitude: input.latitude,
        longitude: input.longitude,
      },
    }));
  }

  @Mutation(() => MineSiteCommandPayload, { description: 'Record an inspection and the status it recommends' })
  recordMineSiteInspection(
    @Args('input') input: RecordMineSiteInspectionInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<MineSiteCommandResult> {
    return this.sendSite(input, actor, correlationId, (metadata) => ({
      type: 'RecordInspection',
      metadata,
      data: {
        siteId: input.siteId,
        inspectedAt: input.inspectedAt,
        inspectingAgency: input.inspectingAgency,
        findings: input.findings,
        indicatorsObserved: input.indicatorsObserved,
        recommendedStatus: input.recommendedStatus,
      },
    }));
  }

  @Mutation(() => MineSiteCommandPayload, { description: 'The mining authority decides the status of a site' })
  changeMineSiteStatus(
    @Args('input') input: ChangeMineSiteStatusInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<MineSiteCommandResult> {
    return this.sendSite(input, actor, correlationId, (metadata) => ({
      type: 'ChangeSiteStatus',
      metadata,
      data: {
        siteId: input.siteId,
        to: input.to,
        reason: input.reason ?? null,
        remediationDeadline: input.remediationDeadline ?? null,
      },
    }));
  }

  @Mutation(() => SiteIncidentCommandPayload, { description: 'Report an incident at a registered site' })
  reportSiteIncident(
    @Args('input') input: ReportSiteIncidentInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<SiteIncidentCommandResult> {
    return this.sendIncident(input, actor, correlationId, (metadata) => ({
      type: 'ReportSiteIncident',
      metadata,
      data: {
        incidentId: input.incidentId ?? incidentIdFor(input.commandId),
        siteId: input.siteId,
        jointCaseId: input.jointCaseId ?? null,
        source: input.source,
        description: input.description,
      },
    }));
  }

  @Mutation(() => SiteIncidentCommandPayload, { description: 'Classify (or reclassify) an open incident, 1 to 3' })
  classifySiteIncident(
    @Args('input') input: ClassifySiteIncidentInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<SiteIncidentCommandResult> {
    return this.sendIncident(input, actor, correlationId, (metadata) => ({
      type: 'ClassifySiteIncident',
      metadata,
      data: { incidentId: input.incidentId, level: input.level },
    }));
  }

  @Mutation(() => SiteIncidentCommandPayload, {
    description: "Close a classified incident with a summary; a RED site's incidents wait for a status review",
  })
  closeSiteIncident(
    @Args('input') input: CloseSiteIncidentInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<SiteIncidentCommandResult> {
    return this.sendIncident(input, actor, correlationId, (metadata) => ({
      type: 'CloseSiteIncident',
      metadata,
      data: { incidentId: input.incidentId, summary: input.summary },
    }));
  }

  @Query(() => [MineSiteType], { description: 'Registered sites, those with the most serious open incidents first' })
  async mineSites(
    @Args('filter', { type: () => MineSiteListFilterInput, nullable: true }) filter?: MineSiteListFilterInput,
  ): Promise<MineSiteType[]> {
    const views = await this.queries.execute(
      new MineSitesQuery({
        ...(filter?.province ? { province: filter.province } : {}),
        ...(filter?.territory ? { territory: filter.territory } : {}),
        ...(filter?.status ? { status: filter.status } : {}),
        ...(typeof filter?.hasOpenIncidents === 'boolean' ? { hasOpenIncidents: filter.hasOpenIncidents } : {}),
        limit: filter?.first ?? 100,
        now: this.sender.now(),
      }),
    );
    return views.map(toMineSite);
  }

  @Query(() => MineSiteType, { description: 'One site, by its id or by its registry code (exactly one of them)' })
  async mineSite(
    @Args('siteId', { type: () => ID, nullable: true }) siteId?: string,
    @Args('code', { type: () => String, nullable: true }) code?: string,
  ): Promise<MineSiteType> {
    if ((siteId == null) === (code == null)) {
      throw new InvalidInputError([
        { field: 'siteId', reason: 'give exactly one of siteId and code' },
        { field: 'code', reason: 'give exactly one of siteId and code' },
      ]);
    }
    const key = siteId == null ? { code: code ?? '' } : { siteId };
    return toMineSite(await this.queries.execute(new MineSiteQuery(key, this.sender.now())));
  }

  @Query(() => [SiteIncidentType], { description: "A site's incidents, open and awaiting classification first" })
  async siteIncidents(
    @Args('siteId', { type: () => ID }) siteId: string,
    @Args('openOnly', { type: () => Boolean, nullable: true, defaultValue: false }) openOnly: boolean,
  ): Promise<SiteIncidentType[]> {
    const views = await this.queries.execute(new SiteIncidentsQuery(siteId, openOnly, this.sender.now()));
    return views.map(toSiteIncident);
  }
}
