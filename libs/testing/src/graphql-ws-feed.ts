import { type Client } from 'graphql-ws';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A graphql-ws subscription as a queue of what arrived, with a way to wait for the next items. */
export class Feed<T> {
  private readonly items: T[] = [];
  private readonly errors: unknown[] = [];
  private wake: (() => void) | undefined;
  private readonly unsubscribe: () => void;

  constructor(client: Client, query: string, variables: Record<string, unknown>, field: string) {
    this.unsubscribe = client.subscribe<Record<string, T>>(
      { query, variables },
      {
        next: (result) => {
          if (result.errors) this.errors.push(result.errors);
          const item = result.data?.[field];
          if (item !== undefined) this.items.push(item);
          this.wake?.();
        },
        error: (error) => {
          this.errors.push(error);
          this.wake?.();
        },
        complete: () => undefined,
      },
    );
  }

  /** Waits until `count` items arrived in all (or the time is up) and returns every item so far. */
  async take(count: number, timeoutMs = 20_000): Promise<T[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.items.length < count && this.errors.length === 0 && Date.now() < deadline) {
      await Promise.race([new Promise<void>((resolve) => (this.wake = resolve)), sleep(200)]);
    }
    if (this.errors.length > 0) throw new Error(`subscription failed: ${JSON.stringify(this.errors)}`);
    return [...this.items];
  }

  seen(): T[] {
    return [...this.items];
  }

  failures(): unknown[] {
    return [...this.errors];
  }

  stop(): void {
    this.unsubscribe();
  }
}
