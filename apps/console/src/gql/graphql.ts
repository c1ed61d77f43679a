/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type JointCaseFilter = {
  /** The endCursor of the page before */
  after?: string | null | undefined;
  /** How many, 1 to 200 */
  first?: number | null | undefined;
  /** true: only cases with a missed deadline still unanswered; false: only those without */
  overdue?: boolean | null | undefined;
  /** Province code of the site, e.g. NK (from NK-MAS-014) */
  province?: string | null | undefined;
  /** The mine-site registry code, e.g. NK-MAS-014 */
  siteCode?: string | null | undefined;
  stage?: JointCaseStage | null | undefined;
  /** Territory code of the site, e.g. MAS (from NK-MAS-014) */
  territory?: string | null | undefined;
};

/** Derived from what the agencies record: identified → under investigation → in prosecution → adjudicated */
export type JointCaseStage =
  | 'ADJUDICATED'
  | 'IDENTIFIED'
  | 'IN_PROSECUTION'
  | 'UNDER_INVESTIGATION';

export type ConsoleJointCasesQueryVariables = Exact<{
  filter?: JointCaseFilter | null | undefined;
}>;


export type ConsoleJointCasesQuery = { jointCases: { nodes: Array<{ jointCaseId: string, stage: JointCaseStage, siteCode: string | null, province: string | null, territory: string | null, openedAt: string, lastActivityAt: string, missedDeadlines: number, agencyIds: Array<string> }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const ConsoleJointCasesDocument = new TypedDocumentString(`
    query ConsoleJointCases($filter: JointCaseFilter) {
  jointCases(filter: $filter) {
    nodes {
      jointCaseId
      stage
      siteCode
      province
      territory
      openedAt
      lastActivityAt
      missedDeadlines
      agencyIds
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleJointCasesQuery, ConsoleJointCasesQueryVariables>;