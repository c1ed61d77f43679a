import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import * as grpc from '@grpc/grpc-js';

/**
 * An in-process stand-in for a KurrentDB node, for tests: a gRPC server built from the protocol definitions that
 * the client package generates and ships (`@eventstore/db-client/generated`), so the adapter's own client talks to
 * it over HTTP/2 exactly as it talks to a server. It implements what the adapter uses and nothing else:
 *
 * - `ServerFeatures.GetSupportedMethods`: Read, Append and Tombstone, so the client appends with `Append` (not
 *   `BatchAppend`, which it would prefer when a server lists it);
 * - `Streams.Append`, `Streams.Read` (a stream, `$all`, and catch-up subscriptions to `$all` with a server-side
 *   filter), `Streams.Tombstone`.
 *
 * Each semantic names the KurrentDB documentation it follows ("docs:" below). It is not a database: everything is
 * in memory, one node, no authentication, no TLS. It never stands in for the server's speed.
 *
 * docs: https://docs.kurrent.io/clients/node/v1.2/appending-events.html (appending, expected revision, idempotence)
 * docs: https://docs.kurrent.io/clients/java/v1.0/reading-events.html (stream revisions, $all commit and prepare
 *       positions, reading from a stream and from $all)
 * docs: https://docs.kurrent.io/clients/dotnet/v1.0/subscriptions.html (catch-up subscriptions, exclusive start
 *       positions, server-side filtering and checkpoints)
 * docs: https://docs.kurrent.io/server/v26.1/features/streams.html (system streams and events: the `$` prefix)
 */

// The generated code is CommonJS and checks messages with `instanceof`: it must be the client's own modules.
const require = createRequire(import.meta.url);

const streamsPb =
  require('@eventstore/db-client/generated/streams_pb.js') as typeof import('@eventstore/db-client/generated/streams_pb.js');
const streamsGrpc = require('@eventstore/db-client/generated/streams_grpc_pb.js') as {
  StreamsService: grpc.ServiceDefinition;
};
const sharedPb =
  require('@eventstore/db-client/generated/shared_pb.js') as typeof import('@eventstore/db-client/generated/shared_pb.js');
const featuresPb =
  require('@eventstore/db-client/generated/serverfeatures_pb.js') as typeof import('@eventstore/db-client/generated/serverfeatures_pb.js');
const featuresGrpc = require('@eventstore/db-client/generated/serverfeatures_grpc_pb.js') as {
  ServerFeaturesService: grpc.ServiceDefinition;
};

type ReadReq = InstanceType<typeof streamsPb.ReadReq>;
type ReadResp = InstanceType<typeof streamsPb.ReadResp>;
type AppendReq = InstanceType<typeof streamsPb.AppendReq>;
type AppendResp = InstanceType<typeof streamsPb.AppendResp>;
type FilterOptions = InstanceType<typeof streamsPb.ReadReq.Options.FilterOptions>;

/** One event record of the stand-in's transaction log. */
interface StoredEvent {
  readonly streamName: string;
  readonly revision: number;
  readonly eventId: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
  /** .NET ticks (100 ns) since the Unix epoch, as the server sends `created`. */
  readonly created: bigint;
  readonly commit: bigint;
  readonly prepare: bigint;
}

interface StoredStream {
  readonly events: StoredEvent[];
  tombstoned: boolean;
}

/** The header every prepare and commit record takes in the simulated transaction file (positions are byte offsets). */
const PREPARE_HEADER_BYTES = 96;
const COMMIT_RECORD_BYTES = 37;
/** The server's default and the client's: 32 events per search window (docs: subscriptions, server-side filtering). */
const DEFAULT_MAX_SEARCH_WINDOW = 32;

type Expected =
  { kind: 'any' } | { kind: 'no_stream' } | { kind: 'stream_exists' } | { kind: 'revision'; revision: number };

export interface KurrentDbStandInOptions {
  /**
   * Write a system event (`$settings`, type `$settings`) before anything else, as a server's `$all` starts with
   * system events: a reader must skip them. Default true.
   */
  readonly systemEvents?: boolean;
}

/** One read of `$all` the stand-in served. */
export interface StandInReadOfAll {
  readonly direction: 'forwards' | 'backwards';
  /** A position, or the start (forwards) or end (backwards) of `$all`. */
  readonly from: 'start' | 'end' | { readonly commit: bigint; readonly prepare: bigint };
  /** Events sent. */
  readonly served: number;
}

/** Appends, reads and subscriptions of a KurrentDB node, in process. `url` is the connection string to give the client. */
export class KurrentDbStandIn {
  private readonly server = new grpc.Server();
  private readonly log: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredStream>();
  private readonly live = new Set<() => void>();
  /** Next free byte offset of the transaction file. */
  private tail = 0n;
  private port = 0;
  /** Appends served, for the curious (benchmarks). */
  appends = 0;
  /**
   * Every read of `$all` served (subscriptions aside), in order: where it started and how many events it sent, for
   * tests that check how much of the log a reader read.
   */
  readonly readsOfAll: StandInReadOfAll[] = [];

  private constructor(private readonly options: KurrentDbStandInOptions) {
    this.server.addService(featuresGrpc.ServerFeaturesService, {
      getSupportedMethods: (_call: grpc.ServerUnaryCall<unknown, unknown>, callback: grpc.sendUnaryData<unknown>) => {
        callback(null, this.supportedMethods());
      },
    });
    this.server.addService(streamsGrpc.StreamsService, {
      read: (call: grpc.ServerWritableStream<ReadReq, ReadResp>) => {
        this.read(call);
      },
      append: (call: grpc.ServerReadableStream<AppendReq, AppendResp>, callback: grpc.sendUnaryData<AppendResp>) => {
        this.append(call, callback);
      },
      tombstone: (
        call: grpc.ServerUnaryCall<InstanceType<typeof streamsPb.TombstoneReq>, unknown>,
        callback: grpc.sendUnaryData<unknown>,
      ) => {
        this.tombstone(call, callback);
      },
    });
  }

  /** Starts a stand-in on a free port of 127.0.0.1. */
  static async start(options: KurrentDbStandInOptions = {}): Promise<KurrentDbStandIn> {
    const standIn = new KurrentDbStandIn(options);
    standIn.port = await new Promise<number>((resolve, reject) => {
      standIn.server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, port) => {
        if (error) reject(error);
        else resolve(port);
      });
    });
    if (options.systemEvents ?? true) {
      standIn.write('$settings', { kind: 'any' }, [
        {
          eventId: randomUUID(),
          type: '$settings',
          contentType: 'application/json',
          data: Buffer.from('{"$userStreamAcl":{"$r":"$all"}}'),
          customMetadata: new Uint8Array(),
        },
      ]);
    }
    return standIn;
  }

  /** The connection string for the client: one node, no TLS. */
  get url(): string {
    return `esdb://127.0.0.1:${this.port}?tls=false`;
  }

  /** Events in `$all`, system events included. */
  get eventCount(): number {
    return this.log.length;
  }

  /**
   * Changes a stored event in place, as someone with access to the server's files could: for the tests of the hash
   * chains. Never something a server does.
   */
  tamper(
    streamName: string,
    revision: number,
    change: (event: { data: Buffer; customMetadata: Buffer }) => void,
  ): void {
    const stream = this.streams.get(streamName);
    const event = stream?.events[revision];
    if (!stream || !event) throw new Error(`${streamName} has no revision ${revision}`);
    const bytes = { data: Buffer.from(event.data), customMetadata: Buffer.from(event.customMetadata) };
    change(bytes);
    const altered: StoredEvent = { ...event, data: bytes.data, customMetadata: bytes.customMetadata };
    stream.events[revision] = altered;
    this.log[this.log.indexOf(event)] = altered;
  }

  async stop(): Promise<void> {
    for (const wake of this.live) wake();
    await new Promise<void>((resolve) => {
      this.server.tryShutdown(() => {
        resolve();
      });
      // Subscriptions are server-streaming calls that never end by themselves.
      setTimeout(() => {
        this.server.forceShutdown();
      }, 200).unref();
    });
  }

  private supportedMethods(): unknown {
    const methods = ['read', 'append', 'tombstone'].map((name) => {
      const method = new featuresPb.SupportedMethod();
      method.setServiceName('event_store.client.streams.streams');
      method.setMethodName(name);
      return method;
    });
    const supported = new featuresPb.SupportedMethods();
    supported.setMethodsList(methods);
    supported.setEventStoreServerVersion('24.10.0');
    return supported;
  }

  // Appending
  // -------------------------------------------------------------------------------------------------------------

  private append(
    call: grpc.ServerReadableStream<AppendReq, AppendResp>,
    callback: grpc.sendUnaryData<AppendResp>,
  ): void {
    let options: InstanceType<typeof streamsPb.AppendReq.Options> | undefined;
    const proposed: Proposed[] = [];
    call.on('data', (request: AppendReq) => {
      if (request.hasOptions()) options = request.getOptions();
      else if (request.hasProposedMessage()) {
        const message = request.getProposedMessage()!;
        const metadata = message.getMetadataMap();
        proposed.push({
          eventId: message.getId()!.getString(),
          type: metadata.get('type') ?? '',
          contentType: metadata.get('content-type') ?? 'application/octet-stream',
          data: message.getData_asU8(),
          customMetadata: message.getCustomMetadata_asU8(),
        });
      }
    });
    call.on('error', () => undefined);
    call.on('end', () => {
      if (!options) {
        callback({ code: grpc.status.INVALID_ARGUMENT, details: 'the first message of an append carries its options' });
        return;
      }
      const streamName = Buffer.from(options.getStreamIdentifier()!.getStreamName_asU8()).toString('utf8');
      const expected: Expected = options.hasRevision()
        ? { kind: 'revision', revision: Number(options.getRevision()) }
        : options.hasNoStream()
          ? { kind: 'no_stream' }
          : options.hasStreamExists()
            ? { kind: 'stream_exists' }
            : { kind: 'any' };
      const stream = this.streams.get(streamName);
      // docs (appending events): a deleted (tombstoned) stream refuses every append with "stream deleted".
      if (stream?.tombstoned) {
        callback(streamDeleted(streamName));
        return;
      }
      this.appends++;
      callback(null, this.write(streamName, expected, proposed));
    });
  }

  /**
   * One write: one transaction. Its events get consecutive prepare records, then one commit record; every event of
   * the write carries the commit position (docs (reading events): "the commit position (where the transaction was
   * committed in the log) and the prepare position (where the transaction was initially prepared)"). The order of
   * `$all` is (commit, prepare).
   */
  private write(streamName: string, expected: Expected, proposed: readonly Proposed[]): AppendResp {
    const stream = this.streams.get(streamName) ?? { events: [], tombstoned: false };
    const current = stream.events.length - 1;
    const response = new streamsPb.AppendResp();

    const replay = this.idempotentReplay(stream, expected, proposed);
    if (replay === 'wrong') return wrongExpectedVersion(response, expected, current);
    if (replay) return success(response, replay.revision, replay.commit, replay.prepare);

    const holds =
      expected.kind === 'any' ||
      (expected.kind === 'no_stream' && current === -1) ||
      (expected.kind === 'stream_exists' && current >= 0) ||
      (expected.kind === 'revision' && expected.revision === current);
    if (!holds) return wrongExpectedVersion(response, expected, current);
    if (proposed.length === 0) {
      // An empty write that passes its check: nothing is written, the stream's revision is answered.
      return current === -1 ? noStreamSuccess(response) : success(response, current, 0n, 0n);
    }

    const created = BigInt(Date.now()) * 10_000n;
    const prepares: bigint[] = [];
    for (const event of proposed) {
      prepares.push(this.tail);
      this.tail +=
        BigInt(PREPARE_HEADER_BYTES + streamName.length + event.type.length) +
        BigInt(event.data.length + event.customMetadata.length);
    }
    const commit = this.tail;
    this.tail += BigInt(COMMIT_RECORD_BYTES);
    proposed.forEach((event, i) => {
      const stored: StoredEvent = {
        ...event,
        streamName,
        revision: current + 1 + i,
        created,
        commit,
        prepare: prepares[i]!,
      };
      stream.events.push(stored);
      this.log.push(stored);
    });
    this.streams.set(streamName, stream);
    for (const wake of this.live) wake();
    const last = stream.events[stream.events.length - 1]!;
    return success(response, last.revision, last.commit, last.prepare);
  }

  /**
   * docs (appending events, "eventId"): the same event ids appended again to the same stream are written once. The
   * server answers such a retry with the first write's result when the ids are the events that follow the expected
   * revision (for `any`, wherever they stand in the stream); ids that match only in part are refused as a wrong
   * expected version, and nothing is written. Ids are checked per stream only: the same id in another stream is
   * another event.
   */
  private idempotentReplay(
    stream: StoredStream,
    expected: Expected,
    proposed: readonly Proposed[],
  ): { revision: number; commit: bigint; prepare: bigint } | 'wrong' | undefined {
    if (proposed.length === 0 || stream.events.length === 0) return undefined;
    let start: number;
    if (expected.kind === 'revision') start = expected.revision + 1;
    else if (expected.kind === 'no_stream') start = 0;
    else start = stream.events.findIndex((e) => e.eventId === proposed[0]!.eventId);
    if (start < 0 || start >= stream.events.length) return undefined;
    const stored = stream.events.slice(start, start + proposed.length);
    const matching = stored.filter((e, i) => e.eventId === proposed[i]!.eventId).length;
    if (matching === 0) return undefined;
    if (matching < proposed.length) return 'wrong';
    const last = stored[stored.length - 1]!;
    return { revision: last.revision, commit: last.commit, prepare: last.prepare };
  }

  private tombstone(
    call: grpc.ServerUnaryCall<InstanceType<typeof streamsPb.TombstoneReq>, unknown>,
    callback: grpc.sendUnaryData<unknown>,
  ): void {
    const streamName = Buffer.from(call.request.getOptions()!.getStreamIdentifier()!.getStreamName_asU8()).toString(
      'utf8',
    );
    const stream = this.streams.get(streamName) ?? { events: [], tombstoned: false };
    if (stream.tombstoned) {
      callback(streamDeleted(streamName));
      return;
    }
    stream.tombstoned = true;
    this.streams.set(streamName, stream);
    const response = new streamsPb.TombstoneResp();
    const position = new streamsPb.TombstoneResp.Position();
    position.setCommitPosition(String(this.tail));
    position.setPreparePosition(String(this.tail));
    response.setPosition(position);
    callback(null, response);
  }

  // Reading
  // -------------------------------------------------------------------------------------------------------------

  private read(call: grpc.ServerWritableStream<ReadReq, ReadResp>): void {
    const options = call.request.getOptions();
    if (!options) {
      // A server-streaming call ends with an error status through its 'error' event (grpc-js).
      call.emit('error', { code: grpc.status.INVALID_ARGUMENT, details: 'a read carries its options' });
      return;
    }
    if (options.hasStream()) this.readStream(call, options);
    else if (options.hasSubscription()) void this.subscribeToAll(call, options);
    else this.readAll(call, options);
  }

  /**
   * docs (reading events, "Reading from a stream"): forwards from a revision (inclusive) or the start; backwards
   * from a revision (inclusive) or the end; at most `count` events. A stream that does not exist answers
   * "stream not found"; a deleted one, "stream deleted".
   */
  private readStream(
    call: grpc.ServerWritableStream<ReadReq, ReadResp>,
    options: InstanceType<typeof streamsPb.ReadReq.Options>,
  ): void {
    const streamOptions = options.getStream()!;
    const streamName = Buffer.from(streamOptions.getStreamIdentifier()!.getStreamName_asU8()).toString('utf8');
    const stream = this.streams.get(streamName);
    if (stream?.tombstoned) {
      call.emit('error', streamDeletedError(streamName));
      return;
    }
    if (!stream || stream.events.length === 0) {
      const response = new streamsPb.ReadResp();
      const notFound = new streamsPb.ReadResp.StreamNotFound();
      notFound.setStreamIdentifier(streamOptions.getStreamIdentifier());
      response.setStreamNotFound(notFound);
      call.write(response);
      call.end();
      return;
    }
    const backwards = options.getReadDirection() === streamsPb.ReadReq.Options.ReadDirection.BACKWARDS;
    const count = Number(options.getCount());
    const events = stream.events;
    let selected: StoredEvent[];
    if (backwards) {
      const from = streamOptions.hasRevision() ? Number(streamOptions.getRevision()) : events.length - 1;
      selected = events.slice(0, Math.min(from, events.length - 1) + 1).reverse();
    } else {
      const from = streamOptions.hasRevision() ? Number(streamOptions.getRevision()) : 0;
      selected = events.slice(from);
    }
    for (const event of selected.slice(0, count)) call.write(eventResponse(event));
    call.end();
  }

  /**
   * docs (reading events, "Reading from the $all stream"): `$all` in commit order, forwards from a position or the
   * start, backwards from a position or the end, at most `count` events; system events included (a reader filters
   * them out). Forwards from a position includes the event at that position; backwards from a position starts
   * before it. The adapter does not rely on either: it skips what is not strictly after its own position.
   */
  private readAll(
    call: grpc.ServerWritableStream<ReadReq, ReadResp>,
    options: InstanceType<typeof streamsPb.ReadReq.Options>,
  ): void {
    const all = options.getAll()!;
    const backwards = options.getReadDirection() === streamsPb.ReadReq.Options.ReadDirection.BACKWARDS;
    const count = Number(options.getCount());
    const from = all.hasPosition()
      ? {
          commit: BigInt(all.getPosition()!.getCommitPosition()),
          prepare: BigInt(all.getPosition()!.getPreparePosition()),
        }
      : undefined;
    let selected: StoredEvent[];
    if (backwards) {
      const end = from && !all.hasEnd() ? this.log.filter((e) => comparePosition(e, from) < 0) : this.log;
      selected = [...end].reverse();
    } else {
      selected = from && !all.hasStart() ? this.log.filter((e) => comparePosition(e, from) >= 0) : this.log;
    }
    const sent = selected.slice(0, count);
    this.readsOfAll.push({
      direction: backwards ? 'backwards' : 'forwards',
      from: from ?? (backwards ? 'end' : 'start'),
      served: sent.length,
    });
    for (const event of sent) call.write(eventResponse(event, true));
    call.end();
  }

  /**
   * docs (subscriptions): a catch-up subscription to `$all` confirms itself, sends every event after its start
   * position (exclusive) that its filter keeps, says when it has caught up, then sends new events as they are
   * written, until the client cancels. With a filter, the server sends a checkpoint each time it has examined
   * `maxSearchWindow × checkpointInterval` events (whether the filter kept them or not), at the position of the last
   * event examined, so a client resumes past a long run of events it does not want.
   */
  private async subscribeToAll(
    call: grpc.ServerWritableStream<ReadReq, ReadResp>,
    options: InstanceType<typeof streamsPb.ReadReq.Options>,
  ): Promise<void> {
    const all = options.getAll()!;
    const filter = options.hasFilter() ? compileFilter(options.getFilter()!) : undefined;
    let next: number;
    if (all.hasEnd()) next = this.log.length;
    else if (all.hasPosition()) {
      const from = {
        commit: BigInt(all.getPosition()!.getCommitPosition()),
        prepare: BigInt(all.getPosition()!.getPreparePosition()),
      };
      next = this.log.findIndex((e) => comparePosition(e, from) > 0);
      if (next < 0) next = this.log.length;
    } else next = 0;

    const confirmation = new streamsPb.ReadResp();
    const confirm = new streamsPb.ReadResp.SubscriptionConfirmation();
    confirm.setSubscriptionId(randomUUID());
    confirmation.setConfirmation(confirm);
    call.write(confirmation);

    const state = { cancelled: false };
    // Read through a function: the client may cancel while this loop awaits.
    const isCancelled = (): boolean => state.cancelled;
    let wake: (() => void) | undefined;
    const onWrite = (): void => wake?.();
    this.live.add(onWrite);
    call.on('cancelled', () => {
      state.cancelled = true;
      wake?.();
    });
    call.on('close', () => {
      state.cancelled = true;
      wake?.();
    });
    let examined = 0;
    let caughtUp = false;
    try {
      while (!state.cancelled) {
        while (next < this.log.length && !isCancelled()) {
          const event = this.log[next++]!;
          if (!filter || filter.keeps(event)) {
            if (!call.write(eventResponse(event, true))) {
              await new Promise<void>((resolve) => call.once('drain', resolve));
            }
          }
          if (filter && ++examined >= filter.checkpointEvery) {
            examined = 0;
            const response = new streamsPb.ReadResp();
            const checkpoint = new streamsPb.ReadResp.Checkpoint();
            checkpoint.setCommitPosition(String(event.commit));
            checkpoint.setPreparePosition(String(event.prepare));
            response.setCheckpoint(checkpoint);
            call.write(response);
          }
        }
        if (!caughtUp) {
          caughtUp = true;
          const response = new streamsPb.ReadResp();
          response.setCaughtUp(new streamsPb.ReadResp.CaughtUp());
          call.write(response);
        }
        if (isCancelled()) break;
        await new Promise<void>((resolve) => {
          wake = resolve;
          if (next < this.log.length || state.cancelled) resolve();
        });
        wake = undefined;
      }
    } finally {
      this.live.delete(onWrite);
      if (!isCancelled()) call.end();
    }
  }
}

interface Proposed {
  readonly eventId: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
}

function comparePosition(event: StoredEvent, position: { commit: bigint; prepare: bigint }): number {
  if (event.commit !== position.commit) return event.commit < position.commit ? -1 : 1;
  if (event.prepare !== position.prepare) return event.prepare < position.prepare ? -1 : 1;
  return 0;
}

/**
 * docs (subscriptions, server-side filtering): a filter on the stream name or on the event type, by prefixes or by
 * a regular expression; the checkpoint interval is a multiplier of the search window (32 events by default).
 */
function compileFilter(options: FilterOptions): { keeps(event: StoredEvent): boolean; checkpointEvery: number } {
  const onStream = options.hasStreamIdentifier();
  const expression = onStream ? options.getStreamIdentifier()! : options.getEventType()!;
  const prefixes = expression.getPrefixList();
  const regex = expression.getRegex() ? new RegExp(expression.getRegex()) : undefined;
  const window = options.hasMax() ? options.getMax() : DEFAULT_MAX_SEARCH_WINDOW;
  const multiplier = options.getCheckpointintervalmultiplier() || 1;
  return {
    keeps: (event) => {
      const subject = onStream ? event.streamName : event.type;
      if (regex) return regex.test(subject);
      return prefixes.some((prefix) => subject.startsWith(prefix));
    },
    checkpointEvery: Math.max(1, window * multiplier),
  };
}

function eventResponse(event: StoredEvent, withCommitPosition = false): ReadResp {
  const recorded = new streamsPb.ReadResp.ReadEvent.RecordedEvent();
  const id = new sharedPb.UUID();
  id.setString(event.eventId);
  recorded.setId(id);
  const identifier = new sharedPb.StreamIdentifier();
  identifier.setStreamName(Buffer.from(event.streamName, 'utf8'));
  recorded.setStreamIdentifier(identifier);
  recorded.setStreamRevision(String(event.revision));
  recorded.setCommitPosition(String(event.commit));
  recorded.setPreparePosition(String(event.prepare));
  const metadata = recorded.getMetadataMap();
  metadata.set('type', event.type);
  metadata.set('content-type', event.contentType);
  metadata.set('created', String(event.created));
  recorded.setCustomMetadata(event.customMetadata);
  recorded.setData(event.data);
  const read = new streamsPb.ReadResp.ReadEvent();
  read.setEvent(recorded);
  if (withCommitPosition) read.setCommitPosition(String(event.commit));
  else read.setNoPosition(new sharedPb.Empty());
  const response = new streamsPb.ReadResp();
  response.setEvent(read);
  return response;
}

function success(response: AppendResp, revision: number, commit: bigint, prepare: bigint): AppendResp {
  const ok = new streamsPb.AppendResp.Success();
  ok.setCurrentRevision(String(revision));
  const position = new streamsPb.AppendResp.Position();
  position.setCommitPosition(String(commit));
  position.setPreparePosition(String(prepare));
  ok.setPosition(position);
  response.setSuccess(ok);
  return response;
}

function noStreamSuccess(response: AppendResp): AppendResp {
  const ok = new streamsPb.AppendResp.Success();
  ok.setNoStream(new sharedPb.Empty());
  ok.setNoPosition(new sharedPb.Empty());
  response.setSuccess(ok);
  return response;
}

/**
 * docs (appending events, "Handling concurrency"): when the stream is not where the writer expected it, nothing is
 * written and the server answers "wrong expected version" with the stream's current revision (or "no stream").
 */
function wrongExpectedVersion(response: AppendResp, expected: Expected, current: number): AppendResp {
  const wrong = new streamsPb.AppendResp.WrongExpectedVersion();
  if (current === -1) wrong.setCurrentNoStream(new sharedPb.Empty());
  else wrong.setCurrentRevision(String(current));
  if (expected.kind === 'revision') wrong.setExpectedRevision(String(expected.revision));
  else if (expected.kind === 'no_stream') wrong.setExpectedNoStream(new sharedPb.Empty());
  else if (expected.kind === 'stream_exists') wrong.setExpectedStreamExists(new sharedPb.Empty());
  else wrong.setExpectedAny(new sharedPb.Empty());
  response.setWrongExpectedVersion(wrong);
  return response;
}

/** The error the server sends for a deleted stream: status FAILED_PRECONDITION, `exception: stream-deleted`. */
function streamDeleted(streamName: string): grpc.ServiceError {
  return streamDeletedError(streamName);
}

function streamDeletedError(streamName: string): grpc.ServiceError {
  const metadata = new grpc.Metadata();
  metadata.set('exception', 'stream-deleted');
  metadata.set('stream-name', streamName);
  return Object.assign(new Error(`Event stream '${streamName}' is deleted.`), {
    code: grpc.status.FAILED_PRECONDITION,
    details: `Event stream '${streamName}' is deleted.`,
    metadata,
  });
}
