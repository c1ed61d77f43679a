import { type EventUpcaster, type RecordedEvent } from '@pamoja/contracts';

/** Turns the data of one schema version of an event type into the next version's. */
export type Upcast = (data: unknown, event: RecordedEvent) => unknown;

/**
 * The one place where old event shapes become current ones. Stored events are never rewritten;
 * the store upcasts as it reads, so deciders, projections and the relay only ever see current versions.
 */
export class Upcasters {
  private readonly steps = new Map<string, Upcast>();

  /** The registry of the given steps, for tools and tests that read the log outside the running platform. */
  static of(...upcasters: readonly EventUpcaster[]): Upcasters {
    return new Upcasters().add(...upcasters);
  }

  /** Registers the steps a context declares beside its events. */
  add(...upcasters: readonly EventUpcaster[]): this {
    for (const u of upcasters) this.register(u.type, u.fromVersion, (data, event) => u.upcast(data, event));
    return this;
  }

  /** Registers the step from `fromVersion` to `fromVersion + 1` for `type`. */
  register(type: string, fromVersion: number, upcast: Upcast): this {
    const key = `${type}@${fromVersion}`;
    if (this.steps.has(key)) throw new Error(`an upcaster for ${key} is already registered`);
    this.steps.set(key, upcast);
    return this;
  }

  upcast(event: RecordedEvent): RecordedEvent {
    let current = event;
    for (;;) {
      const step = this.steps.get(`${current.type}@${current.schemaVersion}`);
      if (!step) return current;
      current = { ...current, schemaVersion: current.schemaVersion + 1, data: step(current.data, current) };
    }
  }
}
