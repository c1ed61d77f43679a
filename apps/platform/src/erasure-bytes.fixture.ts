import { randomBytes, randomUUID } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type SqlQueryable } from '@pamoja/event-store';
import { issueDevToken, type DevIssuerKeys } from '@pamoja/platform/auth';
import { GraphqlClient as GraphqlTestClient } from '@pamoja/platform/graphql';

/*
 * The byte-level proof of erasure, shared by the embedded (PGlite) and the PostgreSQL specs: a victim and a
 * suspect are recorded with values found nowhere else, read back, erased; then the raw bytes where the
 * database keeps its data (data files and write-ahead log) and every row of every table are searched for
 * those values, in clear and in the encodings one would try (UTF-8, UTF-16LE, base64). Every agency, person
 * and place here is fictional.
 */

export const NGO = { agencyId: 'ngo-tumaini-goma', agencyType: 'assistance_provider', role: 'case_worker' } as const;
export const POLICE = { agencyId: 'pnc-masisi', agencyType: 'police', role: 'investigator' } as const;

/** Values with a random tag each, so that a hit can only come from this run. */
export function distinctivePeople() {
  const tag = randomBytes(5).toString('hex');
  const digits = String(1000000 + (parseInt(tag.slice(0, 8), 16) % 9000000));
  const victim = {
    fullName: `Neema Zawadi-${tag}`,
    dateOfBirth: '2004-02-29',
    phone: `+243 97 ${digits}`,
    currentLocation: `Kavumu-${tag} shelter, hut 7`,
  };
  const suspect = {
    name: `Mwami Ekofo-${tag}`,
    dateOfBirth: '1971-11-03',
    alias: `Le Faucon-${tag}`,
    description: `Pit boss-${tag} with a scar on the left hand`,
  };
  return {
    tag,
    victim,
    suspect,
    /** What must vanish: each value whole, and the parts that identify it alone. */
    erased: [
      victim.fullName,
      victim.phone,
      victim.phone.replace(/\s/g, ''),
      victim.currentLocation,
      suspect.name,
      suspect.alias,
      suspect.description,
    ],
    /** Not personal data, written in clear by the same requests: the search must find it (a control). */
    control: `opj-${tag}`,
  };
}

export type People = ReturnType<typeof distinctivePeople>;

export async function clientsFor(keys: DevIssuerKeys, url: string) {
  const client = async (agency: typeof NGO | typeof POLICE) =>
    new GraphqlTestClient(
      `${url}/graphql`,
      await issueDevToken(keys, {
        userId: `${agency.agencyId}-user`,
        agencyId: agency.agencyId,
        agencyType: agency.agencyType,
        roles: [agency.role],
      }),
    );
  return { ngo: await client(NGO), police: await client(POLICE) };
}

const REGISTER = `mutation($input: RegisterVictimInput!) { registerVictim(input: $input) { assistanceId jointCaseId } }`;
const ERASE_VICTIM = `mutation($input: ErasePersonalDataInput!) {
  erasePersonalData(input: $input) { assistanceId revision replayed } }`;
const OPEN = `mutation($input: OpenInvestigationInput!) { openInvestigation(input: $input) { investigationId } }`;
const IDENTIFY = `mutation($input: IdentifySuspectInput!) { identifySuspect(input: $input) { investigationId revision } }`;
const ERASE_SUSPECT = `mutation($input: EraseSuspectPersonalDataInput!) {
  eraseSuspectPersonalData(input: $input) { investigationId revision replayed } }`;
const ASSISTANCE_CASE = `query($id: ID!) { assistanceCase(id: $id) {
  assistanceId status identity { fullName dateOfBirth phone currentLocation } } }`;
const INVESTIGATION = `query($id: ID!) { investigation(investigationId: $id) {
  investigationId status suspects { suspectId role name dateOfBirth alias description } } }`;

/** Registers one more victim (who is not erased), for the proof that everyone else still reads. */
export async function registerSurvivor(clients: { ngo: GraphqlTestClient }, personal: Identity): Promise<string> {
  const { registerVictim } = await clients.ngo.ok<{ registerVictim: { assistanceId: string } }>(REGISTER, {
    input: {
      commandId: randomUUID(),
      jointCaseId: randomUUID(),
      ageGroup: 'ADULT',
      sex: 'FEMALE',
      nationality: 'CD',
      formsOfExploitation: ['FORCED_LABOUR'],
      agreementToManagePersonalData: true,
      consentGivenBy: 'SELF',
      personal,
    },
  });
  return registerVictim.assistanceId;
}

export interface Identity {
  fullName: string;
  dateOfBirth: string | null;
  phone: string | null;
  currentLocation: string | null;
}
export interface Suspect {
  suspectId: string;
  role: string;
  name: string | null;
  dateOfBirth: string | null;
  alias: string | null;
  description: string | null;
}

/** The investigation's suspects as its read model answers (the spec passes the read model's port). */
export type SuspectReader = (investigationId: string) => Promise<Suspect[]>;

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await sleep(100);
  }
}

export interface Recorded {
  readonly assistanceId: string;
  readonly investigationId: string;
  readonly suspectId: string;
  readonly readBefore: { identity: Identity | null; suspects: Suspect[] };
}

/** Registers the victim and identifies the suspect, and reads both back through the API. */
export async function recordAndRead(
  clients: { ngo: GraphqlTestClient; police: GraphqlTestClient },
  people: People,
  readSuspects: SuspectReader,
): Promise<Recorded> {
  const jointCaseId = randomUUID();
  const suspectId = randomUUID();
  const { registerVictim } = await clients.ngo.ok<{ registerVictim: { assistanceId: string } }>(REGISTER, {
    input: {
      commandId: randomUUID(),
      jointCaseId,
      ageGroup: 'ADULT',
      sex: 'FEMALE',
      nationality: 'CD',
      formsOfExploitation: ['FORCED_LABOUR'],
      agreementToManagePersonalData: true,
      consentGivenBy: 'SELF',
      personal: people.victim,
    },
  });
  const { openInvestigation } = await clients.police.ok<{ openInvestigation: { investigationId: string } }>(OPEN, {
    input: {
      commandId: randomUUID(),
      // The police's own case: an agency acts in a joint case only once it is a party to it.
      jointCaseId: randomUUID(),
      offences: ['FORCED_LABOUR'],
      leadOfficerId: people.control,
      siteCode: 'NK-MAS-014',
    },
  });
  const { investigationId } = openInvestigation;
  await clients.police.ok(IDENTIFY, {
    input: {
      commandId: randomUUID(),
      investigationId,
      suspectId,
      role: 'EXPLOITER',
      alias: people.suspect.alias,
      description: people.suspect.description,
      personal: { name: people.suspect.name, dateOfBirth: people.suspect.dateOfBirth },
    },
  });
  const assistanceId = registerVictim.assistanceId;
  const identity = await eventually(
    async () =>
      (await clients.ngo.ok<{ assistanceCase: { identity: Identity | null } }>(ASSISTANCE_CASE, { id: assistanceId }))
        .assistanceCase.identity,
    (value) => value !== null,
    'the victim in the read model',
  );
  await eventually(
    async () =>
      (await clients.police.ok<{ investigation: { suspects: Suspect[] } }>(INVESTIGATION, { id: investigationId }))
        .investigation.suspects,
    (value) => value.length === 1,
    'the suspect in the API',
  );
  // The read model's own answer (the API masks the name by the access policy, decided elsewhere).
  const suspects = await eventually(
    () => readSuspects(investigationId),
    (value) => value.length === 1 && value.every((x) => x.name !== null),
    'the suspect in the read model',
  );
  return { assistanceId, investigationId, suspectId, readBefore: { identity, suspects } };
}

/** Erases both and waits until the API reads them as erased. */
export async function eraseAndRead(
  clients: { ngo: GraphqlTestClient; police: GraphqlTestClient },
  recorded: Recorded,
  readSuspects: SuspectReader,
): Promise<{ identity: Identity | null; suspects: Suspect[] }> {
  await clients.ngo.ok(ERASE_VICTIM, {
    input: { commandId: randomUUID(), assistanceId: recorded.assistanceId, reason: 'LEGAL_REQUEST' },
  });
  await clients.police.ok(ERASE_SUSPECT, {
    input: {
      commandId: randomUUID(),
      investigationId: recorded.investigationId,
      suspectId: recorded.suspectId,
      reason: 'RETENTION_EXPIRED',
    },
  });
  const identity = await eventually(
    async () =>
      (
        await clients.ngo.ok<{ assistanceCase: { identity: Identity | null } }>(ASSISTANCE_CASE, {
          id: recorded.assistanceId,
        })
      ).assistanceCase.identity,
    (value) => value === null,
    'the identity erased',
  );
  const suspects = await eventually(
    () => readSuspects(recorded.investigationId),
    (value) => value.length === 1 && value.every((x) => x.name === null && x.alias === null),
    'the suspect erased',
  );
  return { identity, suspects };
}

/** A value as bytes in the encodings a reader of raw files would try. */
export function encodings(value: string): { readonly label: string; readonly bytes: Buffer }[] {
  return [
    { label: 'utf-8', bytes: Buffer.from(value, 'utf8') },
    { label: 'utf-16le', bytes: Buffer.from(value, 'utf16le') },
    { label: 'base64', bytes: Buffer.from(Buffer.from(value, 'utf8').toString('base64'), 'latin1') },
  ];
}

/** A file (or any blob) to search, read when searched. */
export interface Blob {
  readonly where: string;
  read(): Promise<Buffer>;
}

/** Every hit of every needle, in every encoding, in every blob: `<encoding> "<needle>" in <where>`. */
export async function searchBytes(blobs: readonly Blob[], needles: readonly string[]): Promise<string[]> {
  const encoded = needles.flatMap((needle) => encodings(needle).map((e) => ({ needle, ...e })));
  const found: string[] = [];
  for (const blob of blobs) {
    let bytes: Buffer;
    try {
      bytes = await blob.read();
    } catch (error) {
      // A file removed between listing and reading (a recycled WAL segment, a dropped relation) holds nothing.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    for (const { needle, label, bytes: pattern } of encoded) {
      if (bytes.indexOf(pattern) >= 0) found.push(`${label} "${needle}" in ${blob.where}`);
    }
  }
  return found;
}

/** Every regular file under a directory, recursively. */
export async function filesUnder(root: string): Promise<Blob[]> {
  const found: Blob[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) found.push({ where: relative(root, path), read: () => readFile(path) });
    }
  };
  await walk(root);
  return found;
}

/** Total size of the blobs, for the test's report. */
export async function sizeOf(paths: readonly string[]): Promise<number> {
  let total = 0;
  for (const path of paths) total += (await stat(path)).size;
  return total;
}

/** Every row of every table of every schema, as text: `<schema>.<table>` and the row. */
export async function everyRow(db: SqlQueryable): Promise<{ where: string; text: string }[]> {
  const tables = await db.query<{ schema: string; name: string }>(
    `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
     WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
     ORDER BY 1, 2`,
  );
  const rows: { where: string; text: string }[] = [];
  for (const { schema, name } of tables) {
    const table = `"${schema}"."${name}"`;
    for (const row of await db.query<{ text: string }>(`SELECT t::text AS text FROM ${table} t`)) {
      rows.push({ where: table, text: row.text });
    }
  }
  return rows;
}

/** Rows as blobs, so that the same search (and encodings) runs over them. */
export function rowsAsBlobs(rows: readonly { where: string; text: string }[]): Blob[] {
  return rows.map((row) => ({ where: `row of ${row.where}`, read: () => Promise.resolve(Buffer.from(row.text)) }));
}
