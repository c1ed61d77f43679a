import { openPgliteEventStore } from '@pamoja/event-store';
import { describeGroupCommit } from './group-commit.fixture.js';

// PGlite in memory: one connection, so concurrent appends queue and group.
describeGroupCommit('PGlite', async (groupCommit) => {
  const store = await openPgliteEventStore({ groupCommit });
  return { store, cleanup: () => store.close() };
});
