/** A type guard for a closed vocabulary (`as const` array): the one used by every context. */
export function isOneOf<T extends string | number>(values: readonly T[], value: unknown): value is T {
  return (typeof value === 'string' || typeof value === 'number') && (values as readonly unknown[]).includes(value);
}
