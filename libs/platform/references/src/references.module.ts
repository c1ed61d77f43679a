import { Global, Inject, Injectable, Module, type OnModuleInit, type Type } from '@nestjs/common';
import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { EVENT_STORE, SQL_DATABASE, type EventStore, type SqlDatabase } from '@pamoja/event-store';
import { PLATFORM_CONFIG, type PlatformConfig } from '@pamoja/platform/config';
import { ProjectionRegistry } from '@pamoja/platform/store';
import { type ReadModelCopy } from '@pamoja/platform/membership';
import {
  caseReferencesCopy,
  caseReferencesProjection,
  SqlCaseReferences,
  type ReferencedKind,
} from './case-references.js';

/** The references this process keeps: the embedded app's, or in server mode the service's own copy (ADR 0033). */
function referencesCopy(config: PlatformConfig): ReadModelCopy {
  return caseReferencesCopy(config.mode === 'server' ? config.serviceName : undefined);
}

/** Every process numbers the log itself (ADR 0023), as it keeps case membership. */
@Injectable()
class ReferencesRegistration implements OnModuleInit {
  constructor(
    private readonly registry: ProjectionRegistry,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}
  onModuleInit(): void {
    this.registry.register(caseReferencesProjection(referencesCopy(this.config)));
  }
}

/** The human references of joint cases and records, kept in every process and read by every context's API. */
@Global()
@Module({
  providers: [
    ReferencesRegistration,
    {
      provide: SqlCaseReferences,
      inject: [SQL_DATABASE, EVENT_STORE, PLATFORM_CONFIG],
      useFactory: (db: SqlDatabase, store: EventStore, config: PlatformConfig) =>
        new SqlCaseReferences(db, referencesCopy(config), { head: () => store.headPosition() }),
    },
  ],
  exports: [SqlCaseReferences],
})
export class CaseReferencesModule {}

const FIELD_DESCRIPTION = 'The reference people say and write, e.g. NK-2026-00042-R1 (a case: NK-2026-00042)';

/** A field named otherwise than `reference`: the reference of the row's case, or of a record it names. */
export interface ReferenceFieldOptions {
  readonly name: string;
  readonly description: string;
}

/**
 * A resolver of `reference` on a GraphQL type that shows a record (or a joint case): read in batches, so a
 * page of rows asks the read model once. `idOf` gives the record's id, or null when the row names none.
 * With `options`, the field has another name (`caseReference` beside a row's `jointCaseId`).
 */
export function referenceFieldOf<T extends object>(
  type: Type<T>,
  kind: ReferencedKind,
  idOf: (parent: T) => string | null | undefined,
  options: ReferenceFieldOptions = { name: 'reference', description: FIELD_DESCRIPTION },
): Type<unknown> {
  @Resolver(() => type)
  class ReferenceField {
    constructor(@Inject(SqlCaseReferences) private readonly references: SqlCaseReferences) {}

    @ResolveField(() => String, { name: options.name, nullable: true, description: options.description })
    async reference(@Parent() parent: T): Promise<string | null> {
      const id = idOf(parent);
      return id ? this.references.referenceOf(kind, id) : null;
    }
  }
  Object.defineProperty(ReferenceField, 'name', { value: `${type.name}${upperFirst(options.name)}Field` });
  return ReferenceField;
}

function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
