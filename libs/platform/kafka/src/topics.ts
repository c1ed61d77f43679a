/**
 * The topic names on the broker: the catalogue's names (`pamoja.<context>.v1`), behind an optional
 * prefix (`KAFKA_TOPIC_PREFIX`) so that several deployments, or test runs, can share one cluster
 * without seeing each other's events.
 */
export function kafkaTopic(name: string, prefix: string | undefined): string {
  return prefix ? `${prefix}.${name}` : name;
}
