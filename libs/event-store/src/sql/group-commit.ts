/**
 * Group commit for appends (ADR 0032). An append that finds fewer than `maxInFlight` statements running goes
 * at once, alone: a lone writer waits for nothing. Appends that arrive while the statements are busy queue, and
 * the next free slot takes them all (up to `maxGroup`, one per stream) as one group: one statement, one
 * transaction, one WAL flush. Under load, groups form by themselves; when load is light, nothing waits.
 *
 * A group that fails as a whole (a unique violation: a retried event id, another process winning a stream's next
 * revision) is not answered with that failure: each of its appends runs again alone, so each gets its own answer
 * (a replay, a conflict, a wrong expected revision) exactly as if it had never been grouped.
 */
export interface GroupCommitOptions {
  /** Statements running at once; further appends queue and are grouped. */
  readonly maxInFlight: number;
  /** Appends in one group at most. */
  readonly maxGroup: number;
}

/**
 * PostgreSQL: four appends run side by side (a pool has ten connections by default, shared with the reads);
 * past that, appends group. Measured in bench:store and in the group commit notes of docs/benchmarks.md.
 */
export const DEFAULT_GROUP_COMMIT: GroupCommitOptions = { maxInFlight: 4, maxGroup: 64 };

/** PGlite runs one statement at a time anyway: whatever queues behind the running one is one group. */
export const SINGLE_CONNECTION_GROUP_COMMIT: GroupCommitOptions = { maxInFlight: 1, maxGroup: 64 };

interface Pending<R, O> {
  readonly request: R;
  readonly resolve: (outcome: O) => void;
  readonly reject: (error: unknown) => void;
}

export class GroupCommit<R extends { readonly streamId: string }, O> {
  private readonly queue: Pending<R, O>[] = [];
  private inFlight = 0;
  /** How many groups of more than one append ran, and how many appends they carried (for the metrics). */
  groups = 0;
  grouped = 0;

  constructor(
    private readonly options: GroupCommitOptions,
    private readonly runAlone: (request: R) => Promise<O>,
    private readonly runGroup: (requests: readonly R[]) => Promise<O[]>,
  ) {
    if (options.maxInFlight < 1 || options.maxGroup < 1) throw new Error('group commit needs at least 1 of each');
  }

  submit(request: R): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.options.maxInFlight && this.queue.length > 0) {
      const group = this.takeGroup();
      this.inFlight++;
      void this.run(group).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  /** The oldest appends, one per stream; a second append to a stream stays queued, in order, for a later group. */
  private takeGroup(): Pending<R, O>[] {
    const group: Pending<R, O>[] = [];
    const streams = new Set<string>();
    for (let i = 0; i < this.queue.length && group.length < this.options.maxGroup;) {
      const pending = this.queue[i];
      if (!pending) break;
      if (streams.has(pending.request.streamId)) {
        i++;
        continue;
      }
      streams.add(pending.request.streamId);
      group.push(pending);
      this.queue.splice(i, 1);
    }
    return group;
  }

  private async run(group: readonly Pending<R, O>[]): Promise<void> {
    const [only] = group;
    if (only && group.length === 1) {
      await this.alone(only);
      return;
    }
    let outcomes: O[];
    try {
      outcomes = await this.runGroup(group.map((p) => p.request));
      if (outcomes.length !== group.length) {
        throw new Error(`a group of ${group.length} appends answered ${outcomes.length} rows`);
      }
    } catch {
      // Nothing of the group was written (one statement, one transaction): each append runs alone to get its
      // own answer.
      await Promise.all(group.map((pending) => this.alone(pending)));
      return;
    }
    this.groups++;
    this.grouped += group.length;
    group.forEach((pending, i) => {
      const outcome = outcomes[i];
      if (outcome === undefined) pending.reject(new Error('a group append got no answer'));
      else pending.resolve(outcome);
    });
  }

  private async alone(pending: Pending<R, O>): Promise<void> {
    try {
      pending.resolve(await this.runAlone(pending.request));
    } catch (error) {
      pending.reject(error);
    }
  }
}
