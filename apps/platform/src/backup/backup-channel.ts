import { chmod, mkdir, rm, stat } from 'node:fs/promises';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { isAbsolute, join } from 'node:path';
import {
  Inject,
  Injectable,
  Logger,
  Module,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { SQL_DATABASE, type SqlDatabase } from '@pamoja/event-store';
import { PLATFORM_CONFIG, type PlatformConfig } from '@pamoja/platform/config';
import { CHANNEL_DIR, takeSnapshot, type SnapshotFacts } from './snapshot.js';

/** The running platform's backup channel: a Unix socket in a directory only its owner can enter. */
export const CHANNEL_SOCKET = 'backup.sock';

export function channelPath(dataDir: string): string {
  return join(dataDir, CHANNEL_DIR, CHANNEL_SOCKET);
}

interface SnapshotRequest {
  readonly op: 'snapshot';
  /** An empty directory (absolute path) the platform copies the data directory into. */
  readonly into: string;
}

type SnapshotReply =
  { readonly ok: true; readonly facts: SnapshotFacts } | { readonly ok: false; readonly error: string };

const MAX_REQUEST_BYTES = 8192;

/**
 * Serves `npm run backup` while the embedded platform runs (ADR 0030). The data directory's lock keeps any
 * other process from opening the database, so the platform takes the snapshot itself, in one exclusive hold
 * of its database (`takeSnapshot`), into a directory the tool names; the tool then checks and packs it.
 * Local only: a Unix socket in `<data dir>/run/` (mode 0700, the socket 0600), no network listener; a
 * request is one JSON line, one at a time.
 */
@Injectable()
export class BackupChannel implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Backups');
  private server: Server | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.mode !== 'embedded' || this.db.dialect !== 'pglite') return;
    const dir = join(this.config.dataDir, CHANNEL_DIR);
    const path = channelPath(this.config.dataDir);
    try {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      await chmod(dir, 0o700);
      // Left by a process that died: the data directory's lock says this process owns it now.
      await rm(path, { force: true });
      const server = createServer((socket) => {
        this.serve(socket);
      });
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(path, () => {
          server.off('error', reject);
          resolve();
        });
      });
      await chmod(path, 0o600);
      this.server = server;
    } catch (error) {
      // The platform serves without it; `npm run backup` then says the channel is missing.
      this.logger.warn(`no backup channel at ${path}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server)
      await new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      );
    // A snapshot under way finishes before the database closes.
    await this.queue.catch(() => undefined);
    await rm(channelPath(this.config.dataDir), { force: true });
  }

  private serve(socket: Socket): void {
    let received = '';
    socket.setEncoding('utf8');
    socket.on('error', () => undefined);
    socket.on('data', (chunk: string) => {
      received += chunk;
      if (received.length > MAX_REQUEST_BYTES) {
        socket.end(`${JSON.stringify({ ok: false, error: 'request too large' } satisfies SnapshotReply)}\n`);
        return;
      }
      const end = received.indexOf('\n');
      if (end < 0) return;
      socket.pause();
      const line = received.slice(0, end);
      const run = this.queue.then(() => this.answer(line));
      this.queue = run.catch(() => undefined);
      void run.then((reply) => socket.end(`${JSON.stringify(reply)}\n`));
    });
  }

  private async answer(line: string): Promise<SnapshotReply> {
    let request: Partial<SnapshotRequest>;
    try {
      request = JSON.parse(line) as Partial<SnapshotRequest>;
    } catch {
      return { ok: false, error: 'the request is not JSON' };
    }
    if (request.op !== 'snapshot') return { ok: false, error: 'op must be "snapshot"' };
    const into = request.into;
    if (typeof into !== 'string' || !isAbsolute(into)) return { ok: false, error: 'into must be an absolute path' };
    try {
      if (!(await stat(into)).isDirectory()) return { ok: false, error: `${into} is not a directory` };
      const started = Date.now();
      const facts = await takeSnapshot(this.db, this.config.dataDir, into, {
        keyFromEnvironment: this.config.masterKey !== undefined,
      });
      this.logger.log(
        `backup snapshot of ${facts.files.length} files at log position ` +
          `${facts.head ? facts.head.globalPosition : 0} in ${Date.now() - started} ms`,
      );
      return { ok: true, facts };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.error(`backup snapshot failed: ${message}`);
      return { ok: false, error: message };
    }
  }
}

/** The backup channel in the embedded app (registered by its root module). */
@Module({ providers: [BackupChannel] })
export class BackupChannelModule {}

/** Why the running platform could not be asked: the channel is missing or refused. */
export class ChannelError extends Error {}

/** Asks the platform that owns `dataDir` for a snapshot into `into` (an empty directory). */
export function requestSnapshot(dataDir: string, into: string): Promise<SnapshotFacts> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(channelPath(dataDir));
    let received = '';
    socket.setEncoding('utf8');
    socket.on('connect', () => {
      socket.write(`${JSON.stringify({ op: 'snapshot', into } satisfies SnapshotRequest)}\n`);
    });
    socket.on('data', (chunk: string) => {
      received += chunk;
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      reject(
        new ChannelError(
          `the platform holds ${dataDir} but its backup channel ${channelPath(dataDir)} does not answer ` +
            `(${error.code ?? error.message}); is it a release without backups?`,
        ),
      );
    });
    socket.on('end', () => {
      let reply: SnapshotReply;
      try {
        reply = JSON.parse(received.trim()) as SnapshotReply;
      } catch {
        reject(new ChannelError('the platform answered the backup request with something else than JSON'));
        return;
      }
      if (reply.ok) resolve(reply.facts);
      else reject(new ChannelError(`the platform refused the snapshot: ${reply.error}`));
    });
  });
}
