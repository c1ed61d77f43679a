import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

interface LeadershipLogger {
  info(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

/**
 * One active holder of a role among several processes (the relay: two would publish everything twice),
 * with a PostgreSQL session advisory lock on a connection of its own. The others stand by and take over
 * within `retryMs` of the holder's connection ending, whether it stopped, crashed or lost the network.
 * `lead` runs while the lock is held; `step down` is called when the connection is lost.
 */
export class Leadership {
  private client: pg.Client | undefined;
  private stopped = false;
  private running: Promise<void> | undefined;
  state: 'standby' | 'leading' | 'stopped' = 'standby';

  constructor(
    private readonly connectionString: string,
    private readonly lockName: string,
    private readonly callbacks: { lead: () => Promise<void>; stepDown: () => Promise<void> },
    private readonly logger?: LeadershipLogger,
    private readonly retryMs = 2000,
  ) {}

  start(): void {
    this.running = this.loop();
  }

  private async loop(): Promise<void> {
    let announced = false;
    while (!this.isStopped()) {
      const client = new pg.Client({ connectionString: this.connectionString, application_name: this.lockName });
      try {
        const lost = new Promise<Error>((resolve) => {
          client.once('error', resolve);
          client.once('end', () => {
            resolve(new Error('lock connection ended'));
          });
        });
        await client.connect();
        const rows = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS ok', [
          this.lockName,
        ]);
        if (rows.rows[0]?.ok === true) {
          this.client = client;
          this.state = 'leading';
          this.logger?.info('holding the lock: active', { lock: this.lockName });
          await this.callbacks.lead();
          const error = await lost;
          if (this.isStopped()) return;
          this.state = 'standby';
          this.logger?.error('lost the lock connection: stepping down', { lock: this.lockName, error: error.message });
          await this.callbacks.stepDown();
          announced = false;
        } else {
          if (!announced) this.logger?.info('another process holds the lock: standing by', { lock: this.lockName });
          announced = true;
          await client.end();
        }
      } catch (error) {
        await client.end().catch(() => undefined);
        if (this.isStopped()) return;
        this.logger?.error('could not take the lock; retrying', { lock: this.lockName, error: String(error) });
      }
      if (!this.isStopped()) await sleep(this.retryMs);
    }
  }

  /** Read through a method: `stop` changes it while the loop awaits. */
  private isStopped(): boolean {
    return this.stopped;
  }

  /** Releases the lock (by closing its connection) after `stepDown`-like cleanup done by the caller. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.state = 'stopped';
    await this.client?.end().catch(() => undefined);
    await this.running?.catch(() => undefined);
  }
}
