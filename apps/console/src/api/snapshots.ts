import { database, type Snapshot } from './db';

export async function saveSnapshot(owner: string, key: string, data: unknown): Promise<Snapshot> {
  const snapshot: Snapshot = { key: `${owner}::${key}`, owner, data, savedAt: new Date().toISOString() };
  const db = await database();
  await db.put('snapshots', snapshot);
  return snapshot;
}

export async function loadSnapshot(owner: string, key: string): Promise<Snapshot | undefined> {
  const db = await database();
  return db.get('snapshots', `${owner}::${key}`);
}

/** On sign-out: what this person read stays on the device no longer. */
export async function forgetSnapshots(owner: string): Promise<void> {
  const db = await database();
  const tx = db.transaction('snapshots', 'readwrite');
  for (const key of await tx.store.index('byOwner').getAllKeys(owner)) await tx.store.delete(key);
  await tx.done;
}
