import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from '@jest/globals';
import pg from 'pg';
import { openPostgresEventStore } from '../factories.js';
import { describeChainBackfill, describeLogIntegrity, type OpenedIntegrityStore } from './log-integrity.fixture.js';

// A real PostgreSQL: a temporary database for the file, a schema for each test. (The helper in libs/testing
// cannot be imported here: that library depends on this one.)
const SERVER_URL = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
let database: { url: string; drop: () => Promise<void> } | undefined;

async function onServer(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: SERVER_URL, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  const name = `integrity_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  await onServer(`CREATE DATABASE ${name}`);
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  database = { url: url.toString(), drop: () => onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
});

afterAll(async () => {
  await database?.drop();
});

const open = async (): Promise<OpenedIntegrityStore> => {
  if (!database) throw new Error('the temporary database was not created');
  const store = await openPostgresEventStore({
    connectionString: database.url,
    schema: `integrity_${randomUUID().replaceAll('-', '')}`,
    poolSize: 10,
  });
  return {
    store,
    cleanup: async () => {
      try {
        await store.dropSchema();
      } finally {
        await store.close();
      }
    },
  };
};

describeLogIntegrity('PostgreSQL', open);
describeChainBackfill('PostgreSQL', open);
