import { v5 as uuidv5 } from 'uuid';
import { Command } from '@nestjs/cqrs';
import { type RecordedEvent } from '@pamoja/contracts';
import { handleCommand, type ClientCommandContext, type EventStore } from '@pamoja/event-store';
import {
  MINE_SITE_EVENT_TYPES,
  mineSiteDecider,
  mineSiteStreamId,
  type MineSiteCommand,
  type MineSiteEvent,
  type MineSiteState,
  type MineSiteStatus,
} from '@pamoja/sites/domain';

export interface MineSiteCommandResult {
  readonly siteId: string;
  readonly code: string;
  readonly status: MineSiteStatus;
  readonly revision: number;
  /** True when the command id had been handled before: nothing new was written. */
  readonly replayed: boolean;
  readonly position: { readonly transactionId: number; readonly globalPosition: number } | undefined;
}

/** One bus message for every mine-site command: the decider tells them apart by `type`. */
export class MineSiteCommandMessage extends Command<MineSiteCommandResult> {
  constructor(
    readonly command: MineSiteCommand,
    readonly context: ClientCommandContext,
  ) {
    super();
  }
}

/** Namespace for site ids derived from site codes (UUID v5): fixed forever, never change it. */
const MINE_SITE_NAMESPACE = '8c4e2a60-7b1d-5f39-a2c8-4d6e8f0a1b3c';

/**
 * The site id is a function of the registry code, so the same code registered twice (by two offices,
 * or offline on two phones) lands on the same stream and is refused there, with no uniqueness table.
 */
export function siteIdForCode(code: string): string {
  return uuidv5(code, MINE_SITE_NAMESPACE);
}

export function toMineSiteEvent(event: RecordedEvent): MineSiteEvent {
  if (!(MINE_SITE_EVENT_TYPES as readonly string[]).includes(event.type)) {
    throw new Error(`unexpected event ${event.type} in mine-site stream ${event.streamId}`);
  }
  // The stream holds only mine-site events, written by this context at schema version 1.
  return { type: event.type, schemaVersion: event.schemaVersion, data: event.data } as MineSiteEvent;
}

/** The site as its own stream says it is now, for decisions of other aggregates about it. */
export async function loadMineSite(store: EventStore, siteId: string): Promise<MineSiteState> {
  const history = await store.readStream(mineSiteStreamId(siteId));
  return history
    .map(toMineSiteEvent)
    .reduce((state, event) => mineSiteDecider.evolve(state, event), mineSiteDecider.initialState);
}

export async function runMineSiteCommand(
  store: EventStore,
  message: MineSiteCommandMessage,
): Promise<MineSiteCommandResult> {
  const { command, context } = message;
  const outcome = await handleCommand(
    store,
    mineSiteDecider,
    mineSiteStreamId(command.data.siteId),
    command,
    // A mine site outlives any one case: its events belong to no joint case.
    { ...context, jointCaseId: null, now: command.metadata.now },
    { toDomainEvent: toMineSiteEvent },
  );
  const state = outcome.state;
  if (state.status === 'none') throw new Error('a mine-site command left no site behind');
  return {
    siteId: state.siteId,
    code: state.code,
    status: state.status,
    revision: outcome.revision,
    replayed: outcome.replayed,
    position: outcome.position,
  };
}
