import { QueryBus } from '@nestjs/cqrs';
import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import {
  EscalationsQuery,
  JointCaseQuery,
  JointCasesQuery,
  type EscalationView,
  type JointCaseView,
  type TimelineEntryView,
} from '@pamoja/coordination/application';
import {
  EscalationFilterInput,
  EscalationType,
  JointCaseFilterInput,
  JointCaseType,
  withLocalDue,
} from './joint-case.graphql-types.js';

/** The joint view: one case across agencies, and what the coordination body must chase. */
@Resolver(() => JointCaseType)
export class CoordinationResolver {
  constructor(private readonly queries: QueryBus) {}

  @Query(() => JointCaseType, { description: 'A joint case with its links, derived stage and timeline' })
  jointCase(
    @Args('jointCaseId', { type: () => ID }) jointCaseId: string,
  ): Promise<JointCaseView & { timeline: TimelineEntryView[] }> {
    return this.queries.execute(new JointCaseQuery(jointCaseId));
  }

  @Query(() => [JointCaseType], { description: 'Joint cases, most recently active first' })
  jointCases(
    @Args('filter', { type: () => JointCaseFilterInput, nullable: true }) filter?: JointCaseFilterInput,
  ): Promise<JointCaseView[]> {
    return this.queries.execute(
      new JointCasesQuery({ ...(filter?.stage ? { stage: filter.stage } : {}), limit: filter?.first ?? 50 }),
    );
  }

  @Query(() => [EscalationType], { description: 'Missed handoff deadlines escalated to the coordination body' })
  async escalations(
    @Args('filter', { type: () => EscalationFilterInput, nullable: true }) filter?: EscalationFilterInput,
  ): Promise<(EscalationView & { dueByLocal: string | null })[]> {
    const rows = await this.queries.execute(
      new EscalationsQuery({ openOnly: filter?.openOnly ?? true, limit: filter?.first ?? 50 }),
    );
    return rows.map(withLocalDue);
  }
}
