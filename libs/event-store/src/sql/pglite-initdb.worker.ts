/*
 * Runs in a worker thread of its own (PgliteDatabase.initialise): creates PostgreSQL's files in the new data
 * directory given as workerData, then ends, and its WebAssembly instances end with it.
 */
import { workerData } from 'node:worker_threads';
import { PgliteDatabase } from './pglite-database.js';

const { dataDir } = workerData as { dataDir: string };
const db = await PgliteDatabase.open(dataDir);
await db.close();
