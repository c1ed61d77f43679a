import { describe } from '@jest/globals';
import { describeConcurrency } from './concurrency.js';
import { describeEnvelope } from './envelope.js';
import { describeExpectedRevision } from './expected-revision.js';
import { type OpenEventStore } from './harness.js';
import { describeIdempotentRetry } from './idempotency.js';
import { describeGlobalLog } from './global-log.js';
import { describeStreamReads } from './stream-reads.js';
import { describeSubscriptions } from './subscriptions.js';

export {
  useEventStoreHarness,
  type Collector,
  type EventStoreHarness,
  type EventStoreTestHooks,
  type OpenedEventStore,
  type OpenEventStore,
} from './harness.js';
export {
  describeConcurrency,
  describeEnvelope,
  describeExpectedRevision,
  describeIdempotentRetry,
  describeGlobalLog,
  describeStreamReads,
  describeSubscriptions,
};

/**
 * The behaviour every EventStore adapter must show (after Emmett's testAggregateStream), feature by feature.
 * Each test opens a fresh store through `open` and cleans it up afterwards. A new adapter runs it from a
 * spec of its own: `eventStoreContract('my adapter', open)`.
 */
export function eventStoreContract(name: string, open: OpenEventStore): void {
  describe(`EventStore contract: ${name}`, () => {
    describeExpectedRevision(open);
    describeEnvelope(open);
    describeStreamReads(open);
    describeGlobalLog(open);
    describeIdempotentRetry(open);
    describeConcurrency(open);
    describeSubscriptions(open);
  });
}
