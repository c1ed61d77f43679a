// The topics infra/kafka/provision.sh creates, as the benches that make topics of their own need them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { workspaceRoot } from './bench-report.js';

/** Partitions per topic name, as `infra/kafka/topics.txt` lists them (one line per topic: name, partitions, …). */
export function provisionedTopics(): Map<string, number> {
  const partitions = new Map<string, number>();
  for (const line of readFileSync(path.join(workspaceRoot(), 'infra', 'kafka', 'topics.txt'), 'utf8').split('\n')) {
    const [name, count] = line.replace(/#.*/, '').trim().split(/\s+/);
    if (name && count && Number.isInteger(Number(count))) partitions.set(name, Number(count));
  }
  return partitions;
}
