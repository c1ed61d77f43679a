import { createParamDecorator, Inject, type ExecutionContext, type OnModuleInit } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  Args,
  GqlExecutionContext,
  ID,
  Int,
  Parent,
  Query,
  ResolveField,
  Resolver,
  Subscription,
} from '@nestjs/graphql';
import { ACCESS_DECIDER, InvalidInputError, NotFoundError, type AccessDecider, type Actor } from '@pamoja/contracts';
import {
  EscalationArrivalsQuery,
  EscalationsQuery,
  FindJointCaseQuery,
  JointCaseQuery,
  JointCasesQuery,
  LastArrivalsQuery,
  TimelineArrivalsQuery,
  TimelineQuery,
  type DisclosedTimelineEntry,
  type EscalationView,
  type JointCaseView,
} from '@pamoja/coordination/application';
import {
  isReferencedRecordStream,
  RESTRICTED_ACTIVITY_NOTICE,
  siteRegionOf,
  summaryNamingRecord,
  type AssistanceStage,
  type CaseStage,
} from '@pamoja/coordination/domain';
import { jointCaseProjection } from '@pamoja/coordination/infrastructure';
import { canonicalReference, SqlCaseReferences } from '@pamoja/platform/references';
import {
  CurrentActor,
  EntityReferences,
  JointCaseEntity,
  liveFeed,
  ReadModelChanges,
  requestContextOf,
  type RequestContext,
  toConnection,
  type Connection,
} from '@pamoja/platform/graphql';
import {
  decodeEscalationCursor,
  decodeJointCaseCursor,
  decodeTimelineCursor,
  escalationCursorOf,
  escalationKeyOf,
  jointCaseKeyOf,
  timelineCursorOf,
  timelineKeyOf,
} from './cursors.js';
import {
  AssistanceStageEnum,
  CaseStageEnum,
  CaseTimelineEntryAddedArgs,
  DeadlineMissedArgs,
  EscalationConnection,
  EscalationFilterInput,
  EscalationType,
  JointCaseConnection,
  JointCaseFilterInput,
  JointCaseTimelineConnection,
  TIMELINE_DEFAULT_PAGE,
  TimelineArgs,
  TimelineEntryType,
  withLocalDue,
} from './joint-case.graphql-types.js';

const DEFAULT_PAGE = 50;
/** The agency type that sees every escalation: the body they are escalated to. */
const COORDINATION_AGENCY_TYPE = 'coordination_body';

/** A joint case as a parent: coordination's own view (embedded, or loaded) or only its key (from another subgraph). */
type JointCaseParent = JointCaseEntity & Partial<JointCaseView>;

function isView(parent: JointCaseParent): parent is JointCaseView {
  return parent.stage !== undefined && parent.openedAt !== undefined;
}

/** The views loaded in this request, and who asks (each view is loaded as that viewer may see it). */
interface LoadedViewMap {
  readonly views: Map<string, Promise<JointCaseView | undefined>>;
  readonly viewer: Actor | undefined;
}
const LOADED_VIEWS = Symbol('coordination.loadedJointCaseViews');

/**
 * The views loaded in this request for parents that carry only the key, so each is read once. Kept on the
 * request's context under a symbol (the context itself is no argument: the input pipe walks arguments).
 */
const LoadedViews = createParamDecorator((_data: unknown, context: ExecutionContext): LoadedViewMap => {
  const request = GqlExecutionContext.create(context).getContext<Record<symbol, LoadedViewMap | undefined>>();
  const loaded = request[LOADED_VIEWS] ?? {
    views: new Map<string, Promise<JointCaseView | undefined>>(),
    viewer: requestContextOf(context).actor,
  };
  request[LOADED_VIEWS] = loaded;
  return loaded;
});

/** A timeline entry as the viewer may see it; `seq` (its arrival) is kept for live feeds, not a field. */
type PresentedEntry = TimelineEntryType & { readonly seq: string };

/**
 * An entry as the policy discloses it to the viewer (the handler has left out what they may not see at
 * all): in full, or as a notice of that an agency acted, when, and in which category.
 */
function presentEntry(
  entry: DisclosedTimelineEntry,
  references: ReadonlyMap<string, string>,
  position: string = timelineCursorOf(entry),
): PresentedEntry {
  const redacted = entry.disclosure === 'notice' || entry.eventType === RESTRICTED_ACTIVITY_NOTICE;
  // The record the entry is about, named by its reference where the summary names it (ADR 0023).
  const summary =
    entry.summary === null ? null : summaryNamingRecord(entry.summary, entry, references.get(entry.streamId) ?? null);
  return {
    position,
    eventId: entry.eventId,
    occurredAt: entry.occurredAt,
    agencyId: entry.agencyId,
    agencyType: entry.agencyType,
    roles: redacted ? [] : entry.roles,
    eventType: redacted ? null : entry.eventType,
    summary: redacted ? null : summary,
    redacted,
    category: redacted ? entry.category : null,
    seq: entry.seq,
  };
}

type PresentedEscalation = EscalationType & { readonly seq: string };

function presentEscalation(view: EscalationView): PresentedEscalation {
  return { ...withLocalDue(view), position: escalationCursorOf(view) };
}

/**
 * The joint view: the joint case as an entity (coordination owns its stage, links and timeline; other
 * contexts add their parts to the same type), the lists the coordination body works from, and live feeds
 * of new timeline entries and missed deadlines.
 */
@Resolver(() => JointCaseEntity)
export class CoordinationResolver implements OnModuleInit {
  constructor(
    private readonly queries: QueryBus,
    private readonly references: EntityReferences,
    private readonly changes: ReadModelChanges,
    @Inject(ACCESS_DECIDER) private readonly decider: AccessDecider,
    private readonly caseReferences: SqlCaseReferences,
  ) {}

  onModuleInit(): void {
    // The gateway asks coordination for a joint case by its key: the view, or null when no agency has
    // recorded anything on it yet.
    this.references.register('JointCase', async (representation, context) => {
      const id = representation['jointCaseId'];
      const viewer = (context as Partial<RequestContext> | undefined)?.actor;
      if (typeof id !== 'string' || !viewer) return null;
      // A case the viewer may not see resolves to nothing: its other parts are not asked for either.
      return (await this.queries.execute(new FindJointCaseQuery(id, viewer))) ?? null;
    });
  }

  @Query(() => JointCaseEntity, {
    name: 'case',
    description: 'A joint case: every agency’s part of it, its derived stage and its merged timeline',
  })
  case(@Args('id', { type: () => ID }) id: string, @CurrentActor() viewer: Actor): Promise<JointCaseView> {
    return this.queries.execute(new JointCaseQuery(id, viewer));
  }

  @Query(() => JointCaseEntity, {
    description:
      'A joint case found by its reference (NK-2026-00042) or the reference of any of its records ' +
      '(NK-2026-00042-R1), in any case, spaces allowed; shown exactly as case(id) shows it',
  })
  async caseByReference(
    @Args('reference', { type: () => String }) reference: string,
    @CurrentActor() viewer: Actor,
  ): Promise<JointCaseView> {
    if (canonicalReference(reference) === null) {
      throw new InvalidInputError([
        { field: 'reference', reason: 'is not a reference such as NK-2026-00042 or NK-2026-00042-R1' },
      ]);
    }
    const found = await this.caseReferences.find(reference);
    // An unknown reference and a case the viewer may not see read the same, and name no case id.
    const notFound = new NotFoundError('Joint case', canonicalReference(reference) ?? reference);
    if (!found) throw notFound;
    try {
      return await this.queries.execute(new JointCaseQuery(found.jointCaseId, viewer));
    } catch (error) {
      throw error instanceof NotFoundError ? notFound : error;
    }
  }

  @Query(() => JointCaseEntity, {
    description: 'A joint case with its links, derived stage and timeline',
    deprecationReason: 'use case(id)',
  })
  jointCase(
    @Args('jointCaseId', { type: () => ID }) jointCaseId: string,
    @CurrentActor() viewer: Actor,
  ): Promise<JointCaseView> {
    return this.queries.execute(new JointCaseQuery(jointCaseId, viewer));
  }

  @Query(() => JointCaseConnection, {
    description:
      'The joint cases the caller’s agency is party to (the coordination body: every case), most recently active first',
  })
  async jointCases(
    @CurrentActor() viewer: Actor,
    @Args('filter', { type: () => JointCaseFilterInput, nullable: true }) filter?: JointCaseFilterInput,
  ): Promise<Connection<JointCaseView>> {
    const first = filter?.first ?? DEFAULT_PAGE;
    const after = filter?.after ? decodeJointCaseCursor(filter.after) : undefined;
    const rows = await this.queries.execute(
      new JointCasesQuery(
        {
          ...(filter?.stage ? { stage: filter.stage } : {}),
          ...(filter?.province ? { province: filter.province.toUpperCase() } : {}),
          ...(filter?.territory ? { territory: filter.territory.toUpperCase() } : {}),
          ...(filter?.siteCode ? { siteCode: filter.siteCode.toUpperCase() } : {}),
          ...(filter?.overdue === undefined ? {} : { overdue: filter.overdue }),
          limit: first + 1,
          ...(after ? { after } : {}),
        },
        viewer,
      ),
    );
    return toConnection(rows, first, jointCaseKeyOf, after !== undefined);
  }

  @Query(() => EscalationConnection, {
    description: 'Missed handoff deadlines escalated to the coordination body, oldest miss first',
  })
  async escalations(
    @Args('filter', { type: () => EscalationFilterInput, nullable: true }) filter?: EscalationFilterInput,
  ): Promise<Connection<PresentedEscalation>> {
    const first = filter?.first ?? DEFAULT_PAGE;
    const after = filter?.after ? decodeEscalationCursor(filter.after) : undefined;
    const rows = await this.queries.execute(
      new EscalationsQuery({
        openOnly: filter?.openOnly ?? true,
        ...(filter?.agencyId ? { agencyId: filter.agencyId } : {}),
        limit: first + 1,
        ...(after ? { after: { missedAt: after.missedAt, escalationId: after.escalationId } } : {}),
      }),
    );
    const page = toConnection(rows, first, escalationKeyOf, after !== undefined);
    return {
      ...page,
      edges: page.edges.map((e) => ({ ...e, node: presentEscalation(e.node) })),
      nodes: page.nodes.map(presentEscalation),
    };
  }

  // ---- the joint case's own fields: from the parent when it is coordination's view, else loaded ----

  private async viewOf(parent: JointCaseParent, loaded: LoadedViewMap): Promise<JointCaseView> {
    if (isView(parent)) return parent;
    const viewer = loaded.viewer;
    if (!viewer) throw new NotFoundError('Joint case', parent.jointCaseId);
    let view = loaded.views.get(parent.jointCaseId);
    if (!view) {
      view = this.queries.execute(new FindJointCaseQuery(parent.jointCaseId, viewer));
      loaded.views.set(parent.jointCaseId, view);
    }
    const found = await view;
    // Unknown to coordination (nothing recorded yet, or not yet projected), or not shown to this viewer.
    if (!found) throw new NotFoundError('Joint case', parent.jointCaseId);
    return found;
  }

  @ResolveField(() => String, {
    nullable: true,
    description: 'The reference people say and write, e.g. NK-2026-00042 (its records add -R1, -E1, -P1, -A1)',
  })
  async reference(@Parent() parent: JointCaseParent, @LoadedViews() loaded: LoadedViewMap): Promise<string | null> {
    return this.caseReferences.referenceOf('case', (await this.viewOf(parent, loaded)).jointCaseId);
  }

  @ResolveField(() => CaseStageEnum)
  async stage(@Parent() parent: JointCaseParent, @LoadedViews() loaded: LoadedViewMap): Promise<CaseStage> {
    return (await this.viewOf(parent, loaded)).stage;
  }

  @ResolveField(() => AssistanceStageEnum)
  async assistanceStage(
    @Parent() parent: JointCaseParent,
    @LoadedViews() loaded: LoadedViewMap,
  ): Promise<AssistanceStage> {
    return (await this.viewOf(parent, loaded)).assistanceStage;
  }

  @ResolveField(() => String, { nullable: true, description: 'The mine-site registry code, e.g. NK-MAS-014' })
  async siteCode(@Parent() parent: JointCaseParent, @LoadedViews() loaded: LoadedViewMap): Promise<string | null> {
    return (await this.viewOf(parent, loaded)).siteCode;
  }

  @ResolveField(() => String, { nullable: true, description: 'Province code of the site (NK of NK-MAS-014)' })
  async province(@Parent() parent: JointCaseParent, @LoadedViews() loaded: LoadedViewMap): Promise<string | null> {
    return siteRegionOf((await this.viewOf(parent, loaded)).siteCode).province;
  }

  @ResolveField(() => String, { nullable: true, description: 'Territory code of the site (MAS of NK-MAS-014)' })
  async territory(@Parent() parent: JointCaseParent, @LoadedViews() loaded: LoadedViewMap): Promise<string | null> {
    return siteRegionOf((await this.viewOf(parent, loaded)).siteCode).territory;
  }

  @ResolveField(() => [ID])
  async referralIds(
    @Parent() parent: JointCaseParent,
    @LoadedViews() loaded: LoadedViewMap,
  ): Promise<readonly string[]> {
    return (await this.viewOf(parent, loaded)).referralIds;
  }

  @ResolveField(() => [ID])
  async investigationIds(
    @Parent() parent: JointCaseParent,
    @LoadedViews() loaded: LoadedViewMap,
  ): Promise<readonly string[]> {
    const view = await this.viewOf(parent, loaded);
    return (await this.mayAccess(loaded, 'InvestigationSummary', view)) ? view.investigationIds : [];
  }

  /** Whether the request's viewer may know of this kind of record in the case (need-to-know). */
  private async mayAccess(
    loaded: LoadedViewMap,
    record: 'InvestigationSummary' | 'ProsecutionSummary',
    view: JointCaseView,
  ): Promise<boolean> {
    return loaded.viewer ? this.decider.mayAccess(loaded.viewer, record, { jointCaseId: view.jointCaseId }) : false;
  }

  @ResolveField(() => [ID])
  async prosecutionIds(
    @Parent() parent: JointCaseParent,
    @LoadedViews() loaded: LoadedViewMap,
  ): Promise<readonly string[]> {
    const view = await this.viewOf(parent, loaded);
    return (await this.mayAccess(loaded, 'ProsecutionSummary', view)) ? view.prosecutionIds : [];
  }

  @ResolveField(() => [ID])
  async assistanceIds(
    @Parent() parent: JointCaseParent,
    @LoadedViews() loaded: LoadedViewMap,
  ): Promise<readonly string[]> {
    return (await this.viewOf(parent, loaded)).assistanceIds;
  }

  @ResolveField(() => [ID])
  async incidentIds(
    @Parent() parent: JointCaseParent,
    @LoadedViews() loaded: LoadedViewMap,
  ): Promise<readonly string[]> {
    return (await this.viewOf(parent, loaded)).incidentIds;
  }

  @ResolveField(() => [String], { description: 'Agencies that have recorded something on the case' })
  async agencyIds(@Parent() parent: JointCaseParent, @LoadedViews() loaded: LoadedViewMap): Promise<readonly string[]> {
    return (await this.viewOf(parent, loaded)).agencyIds;
  }

  @ResolveField(() => Int, { description: 'Deadlines missed on the case, answered since or not' })
  async missedDeadlines(@Parent() parent: JointCaseParent, @LoadedViews() loaded: LoadedViewMap): Promise<number> {
    return (await this.viewOf(parent, loaded)).missedDeadlines;
  }

  @ResolveField(() => Date)
  async openedAt(@Parent() parent: JointCaseParent, @LoadedViews() loaded: LoadedViewMap): Promise<Date> {
    return (await this.viewOf(parent, loaded)).openedAt;
  }

  @ResolveField(() => Date)
  async lastActivityAt(@Parent() parent: JointCaseParent, @LoadedViews() loaded: LoadedViewMap): Promise<Date> {
    return (await this.viewOf(parent, loaded)).lastActivityAt;
  }

  @ResolveField(() => JointCaseTimelineConnection, {
    description: 'What every agency recorded on the case, in chronological order (the log’s order for equal times)',
  })
  async timeline(
    @Parent() parent: JointCaseParent,
    @Args() args: TimelineArgs,
    @CurrentActor() viewer: Actor,
  ): Promise<Connection<PresentedEntry>> {
    const first = args.first ?? TIMELINE_DEFAULT_PAGE;
    const after = args.after ? decodeTimelineCursor(args.after) : undefined;
    const rows = await this.queries.execute(
      new TimelineQuery(parent.jointCaseId, { limit: first + 1, ...(after ? { after } : {}) }, viewer),
    );
    const page = toConnection(rows, first, timelineKeyOf, after !== undefined);
    // Each entry presented once, shared by its edge and `nodes` (a page may hold 500 entries).
    // Its position is its cursor (the same key): encoded once.
    const references = await this.referencesOfRecords(page.nodes);
    const edges = page.edges.map((e) => ({ cursor: e.cursor, node: presentEntry(e.node, references, e.cursor) }));
    return { ...page, edges, nodes: edges.map((e) => e.node) };
  }

  /** The references of the records the entries shown in full are about: one read for a page. */
  private async referencesOfRecords(entries: readonly DisclosedTimelineEntry[]): Promise<ReadonlyMap<string, string>> {
    const keys = new Set(
      entries
        .filter((e) => e.disclosure === 'full' && e.summary !== null && isReferencedRecordStream(e.streamId))
        .map((e) => e.streamId),
    );
    return keys.size > 0 ? this.caseReferences.referencesOf([...keys]) : new Map<string, string>();
  }

  // ---- live feeds ----

  @Subscription(() => TimelineEntryType, {
    description:
      'New entries on a case’s timeline, in the order they arrive. With `after` (an entry’s position), ' +
      'what arrived after that entry is sent first, so a reconnecting client misses nothing; without it, ' +
      'only entries added from now on (read the timeline first, then pass its last position).',
    resolve: (entry: TimelineEntryType) => entry,
  })
  async caseTimelineEntryAdded(
    @Args() args: CaseTimelineEntryAddedArgs,
    @CurrentActor() viewer: Actor,
  ): Promise<AsyncIterableIterator<PresentedEntry>> {
    // A case the viewer may not see does not exist for them, on this transport as on any other.
    await this.queries.execute(new JointCaseQuery(args.jointCaseId, viewer));
    const start = args.after
      ? decodeTimelineCursor(args.after).seq
      : (await this.queries.execute(new LastArrivalsQuery())).timeline;
    return liveFeed<PresentedEntry, string>(this.changes, {
      readModels: [jointCaseProjection.name],
      after: start,
      cursorOf: (entry) => entry.seq,
      fetchAfter: async (seq, limit) => {
        const rows = await this.queries.execute(
          new TimelineArrivalsQuery(args.jointCaseId, seq ?? start, limit, viewer),
        );
        const references = await this.referencesOfRecords(rows);
        return rows.map((row) => presentEntry(row, references));
      },
    });
  }

  @Subscription(() => EscalationType, {
    description:
      'Deadlines missed from now on that the caller’s agency had to answer (the coordination body: every ' +
      'one). With `after` (an escalation’s position), those that came after it are sent first.',
    resolve: (escalation: EscalationType) => escalation,
  })
  async deadlineMissed(
    @Args() args: DeadlineMissedArgs,
    @CurrentActor() actor: Actor,
  ): Promise<AsyncIterableIterator<PresentedEscalation>> {
    const start = args.after
      ? decodeEscalationCursor(args.after).seq
      : (await this.queries.execute(new LastArrivalsQuery())).escalations;
    const agencyId = actor.agencyType === COORDINATION_AGENCY_TYPE ? undefined : actor.agencyId;
    return liveFeed<PresentedEscalation, string>(this.changes, {
      readModels: [jointCaseProjection.name],
      after: start,
      cursorOf: (escalation) => escalation.seq,
      fetchAfter: async (seq, limit) =>
        (await this.queries.execute(new EscalationArrivalsQuery(seq ?? start, agencyId, limit))).map(presentEscalation),
    });
  }
}
