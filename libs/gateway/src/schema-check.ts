import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import { buildSchema } from 'graphql';

export interface SchemaChanges {
  readonly breaking: readonly Change[];
  readonly dangerous: readonly Change[];
  readonly safe: readonly Change[];
}

/**
 * What changed in the public API between the committed schema and the composed one. A breaking change
 * (a field removed, a type changed, an argument made required) breaks clients already in the field.
 */
export async function compareSchemas(previousSdl: string, nextSdl: string): Promise<SchemaChanges> {
  const changes = await diff(buildSchema(previousSdl), buildSchema(nextSdl));
  const of = (level: CriticalityLevel): Change[] => changes.filter((c) => c.criticality.level === level);
  return {
    breaking: of(CriticalityLevel.Breaking),
    dangerous: of(CriticalityLevel.Dangerous),
    safe: of(CriticalityLevel.NonBreaking),
  };
}
