import { type RecordedEvent } from '@pamoja/contracts';
import { commandRunner, domainEventReader, type EventStore } from '@pamoja/event-store';
import {
  MINE_SITE_EVENT_TYPES,
  mineSiteDecider,
  mineSiteStreamId,
  parseMineSiteCommand,
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

// The site id is a function of the registry code: part of the published language (other contexts and the
// tests find a site's stream from its code).
export { siteIdForCode } from '@pamoja/sites/contracts';

/** A mine-site stream's event as the decider reads it (the stream holds only the context's own events). */
export const toMineSiteEvent: (event: RecordedEvent) => MineSiteEvent = domainEventReader(MINE_SITE_EVENT_TYPES);

/** The site as its own stream says it is now, for decisions of other aggregates about it. */
export async function loadMineSite(store: EventStore, siteId: string): Promise<MineSiteState> {
  const history = await store.readStream(mineSiteStreamId(siteId));
  return history
    .map(toMineSiteEvent)
    .reduce((state, event) => mineSiteDecider.evolve(state, event), mineSiteDecider.initialState);
}

/** Register, inspect and change status: parsed at the edge, decided on the site's own stream. */
export const mineSiteCommands = commandRunner({
  name: 'mine-site',
  parse: parseMineSiteCommand,
  decider: mineSiteDecider,
  eventTypes: MINE_SITE_EVENT_TYPES,
  streamId: (command: MineSiteCommand) => mineSiteStreamId(command.data.siteId),
  // A mine site outlives any one case: its events belong to no joint case.
  jointCaseId: { ofState: () => null },
  result: (outcome): MineSiteCommandResult => {
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
  },
});
