import { Inject } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type Actor, InvalidInputError } from '@pamoja/contracts';
import { CLOCK, type Clock } from '@pamoja/platform/config';
import { CorrelationId, CurrentActor, JointCaseEntity, toConnection, type Connection } from '@pamoja/platform/graphql';
import { type CommandEndpointFor } from '@pamoja/platform/context';
import {
  incidentIdFor,
  JointCaseSiteQuery,
  CaseIdsShownQuery,
  MineSiteCaseCountQuery,
  MineSiteCasesQuery,
  mineSiteCommands,
  MineSiteQuery,
  MineSitesQuery,
  MineSiteTimelineQuery,
  siteIncidentCommands,
  SiteIncidentsQuery,
  siteIdForCode,
  type MineSiteCommandResult,
  type SiteIncidentCommandResult,
  type SiteTimelineEntryView,
} from '@pamoja/sites/application';
import {
  MineSiteCaseConnection,
  MineSiteCommandPayload,
  MineSiteConnection,
  MineSiteTimelineConnection,
  MineSiteType,
  SiteIncidentCommandPayload,
  SiteIncidentConnection,
  type MineSiteCaseType,
  type MineSiteTimelineEntryType,
  type SiteIncidentType,
} from './sites.graphql-types.js';
import {
  ChangeMineSiteStatusInput,
  RecordMineSiteIcglrIdInput,
  ClassifySiteIncidentInput,
  CloseSiteIncidentInput,
  MineSiteListFilterInput,
  MineSiteTimelineArgs,
  PageArgs,
  RecordMineSiteInspectionInput,
  RegisterMineSiteInput,
  ReportSiteIncidentInput,
  SiteIncidentFilterInput,
} from './sites.inputs.js';
import {
  mineSiteCursor,
  siteCaseCursor,
  siteIncidentCursor,
  timelineCursor,
  toMineSite,
  toSiteCase,
  toSiteIncident,
  toTimelineEntry,
} from './sites.presentation.js';

const DEFAULT_PAGE = 50;

@Resolver(() => MineSiteType)
export class SitesResolver {
  constructor(
    @Inject(mineSiteCommands.token) private readonly sites: CommandEndpointFor<typeof mineSiteCommands>,
    @Inject(siteIncidentCommands.token)
    private readonly incidents: CommandEndpointFor<typeof siteIncidentCommands>,
    private readonly queries: QueryBus,
  ) {}

  @Mutation(() => MineSiteCommandPayload, { description: 'Add a site to the registry; it starts BLUE (not verified)' })
  registerMineSite(
    @Args('input') input: RegisterMineSiteInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<MineSiteCommandResult> {
    return this.sites.send(input, actor, correlationId, (metadata) => ({
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
    return this.sites.send(input, actor, correlationId, (metadata) => ({
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
    return this.sites.send(input, actor, correlationId, (metadata) => ({
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

  @Mutation(() => MineSiteCommandPayload, {
    description: "Record (or correct) the site's ICGLR identification number; mining authority only",
  })
  recordMineSiteIcglrId(
    @Args('input') input: RecordMineSiteIcglrIdInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<MineSiteCommandResult> {
    return this.sites.send(input, actor, correlationId, (metadata) => ({
      type: 'RecordIcglrId',
      metadata,
      data: { siteId: input.siteId, icglrId: input.icglrId },
    }));
  }

  @Mutation(() => SiteIncidentCommandPayload, { description: 'Report an incident at a registered site' })
  reportSiteIncident(
    @Args('input') input: ReportSiteIncidentInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<SiteIncidentCommandResult> {
    return this.incidents.send(input, actor, correlationId, (metadata) => ({
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
    return this.incidents.send(input, actor, correlationId, (metadata) => ({
      type: 'ClassifySiteIncident',
      metadata,
      data: { incidentId: input.incidentId, level: input.level, category: input.category ?? null },
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
    return this.incidents.send(input, actor, correlationId, (metadata) => ({
      type: 'CloseSiteIncident',
      metadata,
      data: { incidentId: input.incidentId, summary: input.summary },
    }));
  }

  @Query(() => MineSiteConnection, {
    description: 'Registered sites, those with the most serious open incidents first, then the most open, then by code',
  })
  async mineSites(
    @Args('filter', { type: () => MineSiteListFilterInput, nullable: true }) filter?: MineSiteListFilterInput,
  ): Promise<Connection<MineSiteType>> {
    const first = filter?.first ?? DEFAULT_PAGE;
    const views = await this.queries.execute(
      new MineSitesQuery({
        ...(filter?.province ? { province: filter.province } : {}),
        ...(filter?.territory ? { territory: filter.territory } : {}),
        ...(filter?.status ? { status: filter.status } : {}),
        ...(typeof filter?.withOpenIncidents === 'boolean' ? { withOpenIncidents: filter.withOpenIncidents } : {}),
        ...(filter?.after ? { after: mineSiteCursor.decode(filter.after) } : {}),
        limit: first + 1,
        now: this.sites.now(),
      }),
    );
    return toConnection(views.map(toMineSite), first, mineSiteCursor.keyOf, filter?.after !== undefined);
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
    return toMineSite(await this.queries.execute(new MineSiteQuery(key, this.sites.now())));
  }

  @Query(() => SiteIncidentConnection, {
    description: "A site's incidents: open ones first, awaiting classification first, then most serious, then oldest",
  })
  async siteIncidents(
    @Args('siteId', { type: () => ID }) siteId: string,
    @CurrentActor() viewer: Actor,
    @Args('filter', { type: () => SiteIncidentFilterInput, nullable: true }) filter?: SiteIncidentFilterInput,
  ): Promise<Connection<SiteIncidentType>> {
    const first = filter?.first ?? DEFAULT_PAGE;
    const views = await this.queries.execute(
      new SiteIncidentsQuery({
        siteId,
        openOnly: filter?.openOnly ?? false,
        ...(filter?.after ? { after: siteIncidentCursor.decode(filter.after) } : {}),
        limit: first + 1,
        now: this.sites.now(),
      }),
    );
    const page = toConnection(views.map(toSiteIncident), first, siteIncidentCursor.keyOf, filter?.after !== undefined);
    return withCaseIdsShown(page, await this.queries.execute(new CaseIdsShownQuery(viewer)));
  }

  @ResolveField('timeline', () => MineSiteTimelineConnection, {
    description:
      'What happened at the site, oldest first: registration, inspections, status changes, incidents, and the ' +
      'joint cases linked to it. Facts only, never the free text users wrote.',
  })
  async timeline(
    @Parent() site: MineSiteType,
    @Args() args: MineSiteTimelineArgs,
    @CurrentActor() viewer: Actor,
  ): Promise<Connection<MineSiteTimelineEntryType & SiteTimelineEntryView>> {
    const first = args.first ?? DEFAULT_PAGE;
    const entries = await this.queries.execute(
      new MineSiteTimelineQuery({
        siteId: site.siteId,
        ...(args.since ? { since: args.since } : {}),
        ...(args.after ? { after: timelineCursor.decode(args.after) } : {}),
        limit: first + 1,
      }),
    );
    const page = toConnection(entries.map(toTimelineEntry), first, timelineCursor.keyOf, args.after !== undefined);
    return withCaseIdsShown(page, await this.queries.execute(new CaseIdsShownQuery(viewer)));
  }

  @ResolveField('cases', () => MineSiteCaseConnection, {
    description:
      'The joint cases linked to the site (by a referral naming it, or an incident at it) that your agency is ' +
      'party to (the coordination body: every one), newest activity first. `caseCount` counts them all.',
  })
  async cases(
    @Parent() site: MineSiteType,
    @Args() args: PageArgs,
    @CurrentActor() viewer: Actor,
  ): Promise<Connection<MineSiteCaseType>> {
    const first = args.first ?? DEFAULT_PAGE;
    const views = await this.queries.execute(
      new MineSiteCasesQuery(
        {
          siteId: site.siteId,
          ...(args.after ? { after: siteCaseCursor.decode(args.after) } : {}),
          limit: first + 1,
        },
        viewer,
      ),
    );
    return toConnection(views.map(toSiteCase), first, siteCaseCursor.keyOf, args.after !== undefined);
  }

  @ResolveField('caseCount', () => Int, {
    description: 'How many joint cases are linked to the site: every agency may know this much, and no more',
  })
  caseCount(@Parent() site: MineSiteType): Promise<number> {
    return this.queries.execute(new MineSiteCaseCountQuery(site.siteId));
  }
}

/** Site data names a case only to those who may see it; to others the case id reads null. */
function withCaseIdsShown<T extends { readonly jointCaseId: string | null }>(
  page: Connection<T>,
  shown: (jointCaseId: string | null) => string | null,
): Connection<T> {
  const hide = (node: T): T => ({ ...node, jointCaseId: shown(node.jointCaseId) });
  return { ...page, edges: page.edges.map((e) => ({ ...e, node: hide(e.node) })), nodes: page.nodes.map(hide) };
}

/** The sites' part of a joint case: the mine site it happened at. */
@Resolver(() => JointCaseEntity)
export class SiteJointCaseResolver {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly queries: QueryBus,
  ) {}

  @ResolveField('site', () => MineSiteType, {
    nullable: true,
    description: 'The registered mine site the case was first linked to (by a referral or an incident), if any',
  })
  async site(@Parent() parent: JointCaseEntity): Promise<MineSiteType | null> {
    // Only the key: in server mode the gateway sends nothing else.
    const view = await this.queries.execute(new JointCaseSiteQuery(parent.jointCaseId, this.clock.now()));
    return view === null ? null : toMineSite(view);
  }
}
