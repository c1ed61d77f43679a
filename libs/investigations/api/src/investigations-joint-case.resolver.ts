import { QueryBus } from '@nestjs/cqrs';
import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { type Actor } from '@pamoja/contracts';
import { InvestigationsOfJointCaseQuery, type InvestigationSummaryView } from '@pamoja/investigations/application';
import { CurrentActor, JointCaseEntity } from '@pamoja/platform/graphql';
import { InvestigationSummaryType } from './investigation.graphql-types.js';

/**
 * The police's part of a joint case. The parent is only the key in server mode (the gateway sends
 * `{ jointCaseId }`) and the coordination body's view in embedded mode: either way only its id is used.
 */
@Resolver(() => JointCaseEntity)
export class InvestigationsOfJointCaseResolver {
  constructor(private readonly queries: QueryBus) {}

  @ResolveField('investigations', () => [InvestigationSummaryType], {
    description:
      'The investigations of the case, oldest first, as summaries (no personal data): for police, prosecutors ' +
      'and the coordination body; empty for other agencies',
  })
  investigations(
    @Parent() jointCase: Pick<JointCaseEntity, 'jointCaseId'>,
    @CurrentActor() actor: Actor,
  ): Promise<InvestigationSummaryView[]> {
    return this.queries.execute(new InvestigationsOfJointCaseQuery(jointCase.jointCaseId, actor));
  }
}
