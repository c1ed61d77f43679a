import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { DEADLINE_WATCHER_ACTOR, type Actor, type RecordedEvent } from '@pamoja/contracts';
import {
  CHECKPOINT_MIGRATIONS,
  CHECKPOINT_SCHEMA,
  migrate,
  PgliteDatabase,
  writeCheckpoint,
} from '@pamoja/event-store';
import {
  canonicalReference,
  caseReferencesCopy,
  caseReferencesProjection,
  referenceKeyOf,
  REFERENCES_SCHEMA,
  SqlCaseReferences,
} from './case-references.js';

const FIELD: Actor = { userId: 'u1', agencyId: 'fr-ushindi', agencyType: 'first_responder', roles: [] };
const BUKAVU_NGO: Actor = { userId: 'u2', agencyId: 'ngo-bukavu', agencyType: 'assistance_provider', roles: [] };
const POLICE: Actor = { userId: 'u3', agencyId: 'pnc-masisi', agencyType: 'police', roles: [] };
const PARQUET: Actor = { userId: 'u4', agencyId: 'parquet-goma', agencyType: 'prosecutor', roles: [] };
const MINING: Actor = { userId: 'u5', agencyId: 'saemape-nk', agencyType: 'mining_authority', roles: [] };
const DIRECTORY: Actor = { userId: 'u6', agencyId: 'apltp-nk', agencyType: 'coordination_body', roles: [] };

/** A log being written: each event takes the next position (one transaction each, as commands append). */
class Log {
  readonly events: RecordedEvent[] = [];
  private position = 0;

  append(
    type: string,
    streamId: string,
    actor: Actor,
    data: Record<string, unknown>,
    options: { jointCaseId?: string | null; streamRevision?: number; recordedAt?: string } = {},
  ): RecordedEvent {
    this.position += 1;
    const event: RecordedEvent = {
      eventId: randomUUID(),
      type,
      schemaVersion: 1,
      streamId,
      streamRevision: options.streamRevision ?? 0,
      transactionId: this.position,
      globalPosition: this.position,
      recordedAt: new Date(options.recordedAt ?? '2026-03-01T08:00:00.000Z'),
      data,
      metadata: {
        actor,
        correlationId: randomUUID(),
        causationId: null,
        jointCaseId: options.jointCaseId ?? null,
        occurredAt: options.recordedAt ?? '2026-03-01T08:00:00.000Z',
      },
    };
    this.events.push(event);
    return event;
  }

  site(siteId: string, code: string, province: string): void {
    this.append('MineSiteRegistered', `site-${siteId}`, MINING, { siteId, code, province });
  }

  agency(agencyId: string, province: string): void {
    this.append('AgencyRegistered', `agency-${agencyId}`, DIRECTORY, {
      agencyId,
      name: agencyId,
      agencyType: 'assistance_provider',
      province,
      territory: 'KABARE',
    });
  }

  referral(
    actor: Actor,
    jointCaseId: string,
    siteCode: string | null,
    recordedAt?: string,
  ): { referralId: string; jointCaseId: string } {
    const referralId = randomUUID();
    this.append(
      'ReferralSubmitted',
      `referral-${referralId}`,
      actor,
      { referralId, site: { code: siteCode, description: siteCode ? null : 'near the river' } },
      { jointCaseId, ...(recordedAt ? { recordedAt } : {}) },
    );
    return { referralId, jointCaseId };
  }
}

describe('case references, numbered from the log', () => {
  let db: PgliteDatabase;
  const projection = caseReferencesProjection();
  let references: SqlCaseReferences;

  beforeAll(async () => {
    db = await PgliteDatabase.open();
    await migrate(db, CHECKPOINT_SCHEMA, CHECKPOINT_MIGRATIONS);
    await migrate(db, REFERENCES_SCHEMA, projection.migrations);
    references = new SqlCaseReferences(db, caseReferencesCopy());
  });

  afterAll(async () => {
    await db.close();
  });

  beforeEach(async () => {
    await db.query(
      `TRUNCATE ${REFERENCES_SCHEMA}.record_references, ${REFERENCES_SCHEMA}.counters,
                ${REFERENCES_SCHEMA}.sites, ${REFERENCES_SCHEMA}.agencies`,
    );
  });

  const run = (p: ReturnType<typeof caseReferencesProjection>, events: readonly RecordedEvent[]) =>
    db.transaction(async (tx) => {
      for (const e of events) await p.apply(tx, e);
    });
  const caseRef = (jointCaseId: string) => references.referenceOf('case', jointCaseId);
  const allReferences = async (schema = REFERENCES_SCHEMA) =>
    (
      await db.query<{ record_key: string; reference: string }>(
        `SELECT record_key, reference FROM ${schema}.record_references ORDER BY record_key`,
      )
    ).map((r) => `${r.record_key}=${r.reference}`);

  it('numbers cases per province of their first record’s registered site and per year in Kivu time', async () => {
    const log = new Log();
    log.site('s1', 'NK-MAS-014', 'north_kivu');
    log.site('s2', 'SK-KAB-003', 'south_kivu');
    const a = log.referral(FIELD, randomUUID(), 'NK-MAS-014');
    const b = log.referral(FIELD, randomUUID(), 'SK-KAB-003');
    const c = log.referral(FIELD, randomUUID(), 'nk-mas-014');
    // 31 December at 22:30 UTC is already the new year in Goma and Bukavu.
    const d = log.referral(FIELD, randomUUID(), 'NK-MAS-014', '2026-12-31T22:30:00.000Z');
    const e = log.referral(FIELD, randomUUID(), 'NK-MAS-014', '2026-12-31T21:30:00.000Z');
    await run(projection, log.events);

    expect(await caseRef(a.jointCaseId)).toBe('NK-2026-00001');
    expect(await caseRef(b.jointCaseId)).toBe('SK-2026-00001');
    expect(await caseRef(c.jointCaseId)).toBe('NK-2026-00002');
    expect(await caseRef(d.jointCaseId)).toBe('NK-2027-00001');
    expect(await caseRef(e.jointCaseId)).toBe('NK-2026-00003');
  });

  it('falls back on the agency’s province in the directory, then on CD, as the log stood when the case opened', async () => {
    const log = new Log();
    log.agency(BUKAVU_NGO.agencyId, 'SOUTH_KIVU');
    const byAgency = log.referral(BUKAVU_NGO, randomUUID(), 'XX-NOT-001');
    const unknown = log.referral(FIELD, randomUUID(), null);
    // Registered after the case opened: it changes nothing of the case already numbered.
    const early = log.referral(FIELD, randomUUID(), 'NK-WAL-002');
    log.site('s3', 'NK-WAL-002', 'north_kivu');
    log.agency(FIELD.agencyId, 'NORTH_KIVU');
    const later = log.referral(FIELD, randomUUID(), null);
    await run(projection, log.events);

    expect(await caseRef(byAgency.jointCaseId)).toBe('SK-2026-00001');
    expect(await caseRef(unknown.jointCaseId)).toBe('CD-2026-00001');
    expect(await caseRef(early.jointCaseId)).toBe('CD-2026-00002');
    expect(await caseRef(later.jointCaseId)).toBe('NK-2026-00001');
  });

  it('numbers each kind of record within its case, and only at the record’s opening event', async () => {
    const log = new Log();
    log.site('s1', 'NK-MAS-014', 'north_kivu');
    log.referral(FIELD, randomUUID(), 'NK-MAS-014');
    const { jointCaseId, referralId } = log.referral(FIELD, randomUUID(), 'NK-MAS-014');
    const inCase = { jointCaseId };
    const second = log.referral(FIELD, jointCaseId, 'NK-MAS-014');
    log.append('ReferralAccepted', `referral-${referralId}`, POLICE, { referralId }, { ...inCase, streamRevision: 1 });
    log.append('InvestigationOpened', 'investigation-v1', POLICE, { investigationId: 'v1' }, inCase);
    log.append(
      'EvidenceRecorded',
      'investigation-v1',
      POLICE,
      { investigationId: 'v1' },
      { ...inCase, streamRevision: 1 },
    );
    log.append('CaseFileReceived', 'prosecution-p1', PARQUET, { prosecutionId: 'p1' }, inCase);
    log.append('VictimRegistered', 'assistance-a1', BUKAVU_NGO, { assistanceId: 'a1' }, inCase);
    log.append('VictimRegistered', 'assistance-a2', BUKAVU_NGO, { assistanceId: 'a2' }, inCase);
    log.append(
      'ReferralDeadlineMissed',
      `referral-${second.referralId}`,
      DEADLINE_WATCHER_ACTOR,
      {},
      {
        ...inCase,
        streamRevision: 1,
      },
    );
    await run(projection, log.events);

    const keys = [
      referenceKeyOf('case', jointCaseId),
      referenceKeyOf('referral', referralId),
      referenceKeyOf('referral', second.referralId),
      referenceKeyOf('investigation', 'v1'),
      referenceKeyOf('prosecution', 'p1'),
      referenceKeyOf('assistance', 'a1'),
      referenceKeyOf('assistance', 'a2'),
    ];
    const found = await references.referencesOf(keys);
    expect(keys.map((k) => found.get(k))).toEqual([
      'NK-2026-00002',
      'NK-2026-00002-R1',
      'NK-2026-00002-R2',
      'NK-2026-00002-E1',
      'NK-2026-00002-P1',
      'NK-2026-00002-A1',
      'NK-2026-00002-A2',
    ]);
    expect(await allReferences()).toHaveLength(1 + 1 + keys.length);
    // A page of rows is one read: the lookups of one tick are answered together.
    const [r1, e1, unknown] = await Promise.all([
      references.referenceOf('referral', referralId),
      references.referenceOf('investigation', 'v1'),
      references.referenceOf('investigation', 'never-opened'),
    ]);
    expect([r1, e1, unknown]).toEqual(['NK-2026-00002-R1', 'NK-2026-00002-E1', null]);
  });

  it('goes past 99999 with more digits', async () => {
    const log = new Log();
    const { jointCaseId } = log.referral(FIELD, randomUUID(), null);
    await db.query(
      `INSERT INTO ${REFERENCES_SCHEMA}.counters (writer, series, last_value, transaction_id, global_position)
       VALUES ($1, 'CD-2026', 99999, 0, 0)`,
      [projection.name],
    );
    await run(projection, log.events);
    expect(await caseRef(jointCaseId)).toBe('CD-2026-100000');
  });

  it('gives the same references in every service’s own copy, however far behind one another they run, and a redelivery changes nothing', async () => {
    const log = new Log();
    log.site('s1', 'NK-MAS-014', 'north_kivu');
    log.agency(BUKAVU_NGO.agencyId, 'SOUTH_KIVU');
    for (let i = 0; i < 12; i += 1) {
      const { jointCaseId } = log.referral(i % 3 === 0 ? BUKAVU_NGO : FIELD, randomUUID(), i % 2 ? 'NK-MAS-014' : null);
      if (i % 4 === 0) log.append('InvestigationOpened', `investigation-i${String(i)}`, POLICE, {}, { jointCaseId });
    }
    // The embedded app's numbering of the whole log at once.
    await run(projection, log.events);
    const expected = await allReferences();

    // Two services, each its own copy: one runs ahead in big batches, the other follows in small ones, each
    // event seen twice.
    const ahead = caseReferencesProjection(caseReferencesCopy('pamoja-referrals'));
    const behind = caseReferencesProjection(caseReferencesCopy('pamoja-assistance'));
    for (const copy of [ahead, behind]) await migrate(db, copy.schema, copy.migrations);
    const batches: RecordedEvent[][] = [];
    for (let i = 0; i < log.events.length; i += 7) batches.push(log.events.slice(i, i + 7));
    for (const [i, batch] of batches.entries()) {
      await run(ahead, batch);
      const previous = batches[i - 1];
      if (previous) await run(behind, [...previous, ...previous]);
    }
    await run(behind, batches[batches.length - 1] ?? []);
    expect(await allReferences(ahead.schema)).toEqual(expected);
    expect(await allReferences(behind.schema)).toEqual(expected);
    expect(expected).toHaveLength(12 + 12 + 3);
    // Each copy counted every series itself, and they agree.
    const counters = async (schema: string) =>
      (
        await db.query<{ series: string; last_value: number }>(
          `SELECT series, last_value FROM ${schema}.counters WHERE series NOT LIKE '%-_' ORDER BY series`,
        )
      ).map((c) => `${c.series} ${String(c.last_value)}`);
    expect(await counters(ahead.schema)).toEqual(['CD-2026 4', 'NK-2026 6', 'SK-2026 2']);
    expect(await counters(behind.schema)).toEqual(await counters(ahead.schema));
    // A service reads its own copy.
    const assistance = new SqlCaseReferences(db, caseReferencesCopy('pamoja-assistance'));
    const firstCase = log.events.find((e) => e.metadata.jointCaseId)?.metadata.jointCaseId ?? '';
    expect(await assistance.referenceOf('case', firstCase)).toBe(await caseRef(firstCase));
    for (const copy of [ahead, behind]) await db.query(`DROP SCHEMA ${copy.schema} CASCADE`);
  });

  it('rebuilt, gives the same references; a rebuild that would number differently stops instead of renumbering', async () => {
    const log = new Log();
    log.site('s1', 'NK-MAS-014', 'north_kivu');
    for (let i = 0; i < 5; i += 1) log.referral(FIELD, randomUUID(), 'NK-MAS-014');
    await run(projection, log.events);
    const before = await allReferences();

    await db.transaction((tx) => projection.reset(tx));
    await run(projection, log.events);
    expect(await allReferences()).toEqual(before);

    // From nothing (a new database), the same.
    await db.query(`TRUNCATE ${REFERENCES_SCHEMA}.record_references, ${REFERENCES_SCHEMA}.counters`);
    await run(projection, log.events);
    expect(await allReferences()).toEqual(before);

    // A reference already given is never changed by a numbering that disagrees with it.
    await db.transaction((tx) => projection.reset(tx));
    await expect(run(projection, log.events.slice(2))).rejects.toThrow(/nothing is renumbered/);
    expect(await allReferences()).toEqual(before);
  });
});

describe('case references numbered a page at a time (catch-up, rebuild)', () => {
  let db: PgliteDatabase;
  const projection = caseReferencesProjection();

  beforeAll(async () => {
    db = await PgliteDatabase.open();
    await migrate(db, REFERENCES_SCHEMA, projection.migrations);
  });

  afterAll(async () => {
    await db.close();
  });

  const tables = async () => ({
    references: await db.query(`SELECT * FROM ${REFERENCES_SCHEMA}.record_references ORDER BY record_key`),
    counters: await db.query(`SELECT * FROM ${REFERENCES_SCHEMA}.counters ORDER BY writer, series`),
    sites: await db.query(`SELECT * FROM ${REFERENCES_SCHEMA}.sites ORDER BY site_id`),
    agencies: await db.query(`SELECT * FROM ${REFERENCES_SCHEMA}.agencies ORDER BY 1, 3, 4`),
  });
  const empty = () =>
    db.query(
      `TRUNCATE ${REFERENCES_SCHEMA}.record_references, ${REFERENCES_SCHEMA}.counters,
                ${REFERENCES_SCHEMA}.sites, ${REFERENCES_SCHEMA}.agencies`,
    );
  const inPages = async (events: readonly RecordedEvent[], size: number) => {
    for (let at = 0; at < events.length; at += size) {
      const page = events.slice(at, at + size);
      await db.transaction((tx) => projection.applyPage?.(tx, page) ?? Promise.resolve());
    }
  };

  // A log where a page's own earlier events decide its later ones: sites and agencies registered between the
  // cases that name them, a site registered twice (the first counts), cases across the year's end in Kivu time,
  // and records of several kinds opened in cases numbered in the same page.
  const log = new Log();
  log.agency(BUKAVU_NGO.agencyId, 'SOUTH_KIVU');
  const cases: string[] = [];
  for (let i = 0; i < 14; i += 1) {
    if (i === 3) log.site('s1', 'NK-MAS-014', 'north_kivu');
    if (i === 6) log.site('s1', 'SK-KAB-003', 'south_kivu');
    if (i === 8) log.agency(FIELD.agencyId, 'NORTH_KIVU');
    if (i === 10) log.agency(BUKAVU_NGO.agencyId, 'NORTH_KIVU');
    const recordedAt = i >= 11 ? '2026-12-31T22:30:00.000Z' : undefined;
    const { jointCaseId, referralId } = log.referral(
      i % 3 === 0 ? BUKAVU_NGO : FIELD,
      randomUUID(),
      i === 7 ? 'SK-KAB-003' : i % 2 ? 'nk-mas-014' : null,
      recordedAt,
    );
    cases.push(jointCaseId);
    if (i % 2 === 0) log.referral(FIELD, jointCaseId, null);
    if (i % 4 === 0) {
      log.append(
        'ReferralAccepted',
        `referral-${referralId}`,
        POLICE,
        { referralId },
        { jointCaseId, streamRevision: 1 },
      );
      log.append('InvestigationOpened', `investigation-i${String(i)}`, POLICE, {}, { jointCaseId });
      log.append('VictimRegistered', `assistance-a${String(i)}`, BUKAVU_NGO, {}, { jointCaseId });
    }
  }

  it('leaves the rows one event at a time leaves, whatever the pages; a page delivered again and a rebuild change nothing', async () => {
    await empty();
    await db.transaction(async (tx) => {
      for (const e of log.events) await projection.apply(tx, e);
    });
    const expected = await tables();
    // What the log says: the sites and agencies as they stood when each case opened, the new year in Kivu time.
    const references = new Map(expected.references.map((r) => [r['record_key'], r['reference']]));
    expect(cases.map((c) => references.get(referenceKeyOf('case', c)))).toEqual([
      'SK-2026-00001',
      'CD-2026-00001',
      'CD-2026-00002',
      'NK-2026-00001',
      'CD-2026-00003',
      'NK-2026-00002',
      'SK-2026-00002',
      // The site's second registration, under another code, is not a site: neither it nor the agency says.
      'CD-2026-00004',
      'NK-2026-00003',
      'NK-2026-00004',
      'NK-2026-00005',
      'NK-2027-00001',
      'NK-2027-00002',
      'NK-2027-00003',
    ]);
    expect([...references.values()].filter((r) => /-(E|A)\d$/.test(String(r))).length).toBe(8);

    for (const size of [1, 2, 3, 5, 8, 13, log.events.length]) {
      await empty();
      await inPages(log.events, size);
      expect({ size, tables: await tables() }).toEqual({ size, tables: expected });
      // Delivered again from the middle of the log, as after a retry.
      await inPages(log.events.slice(Math.floor(log.events.length / 2) - size), size);
      expect({ size, tables: await tables() }).toEqual({ size, tables: expected });
      // A rebuild: the counters forgotten, the log numbered again against the references kept.
      await db.transaction((tx) => projection.reset(tx));
      await inPages(log.events, size);
      expect({ size, tables: await tables() }).toEqual({ size, tables: expected });
    }
  });

  it('stops a page that would number a case otherwise than the references say, and writes nothing of it', async () => {
    await empty();
    await inPages(log.events, 10);
    const before = await tables();
    await db.transaction((tx) => projection.reset(tx));
    await expect(inPages(log.events.slice(3), 10)).rejects.toThrow(/nothing is renumbered/);
    const after = await tables();
    expect(after.references).toEqual(before.references);
  });
});

describe('finding what a reference names', () => {
  let db: PgliteDatabase;
  const projection = caseReferencesProjection();

  beforeAll(async () => {
    db = await PgliteDatabase.open();
    await migrate(db, CHECKPOINT_SCHEMA, CHECKPOINT_MIGRATIONS);
    await migrate(db, REFERENCES_SCHEMA, projection.migrations);
  });

  afterAll(async () => {
    await db.close();
  });

  it('reads a reference as people type it', () => {
    expect(canonicalReference('NK-2026-00042')).toBe('NK-2026-00042');
    expect(canonicalReference(' nk 2026 42 ')).toBe('NK-2026-00042');
    expect(canonicalReference('nk-2026-00042 - r 01')).toBe('NK-2026-00042-R1');
    expect(canonicalReference('sk–2027–123456–e2')).toBe('SK-2027-123456-E2');
    expect(canonicalReference('NK-2026-00042-X1')).toBeNull();
    expect(canonicalReference('NK-2026-00000')).toBeNull();
    expect(canonicalReference('not a reference')).toBeNull();
    expect(canonicalReference('')).toBeNull();
  });

  it('finds the case of a case’s or a record’s reference, and waits for the read model before saying it is unknown', async () => {
    const log = new Log();
    const { jointCaseId, referralId } = log.referral(FIELD, randomUUID(), null);
    const head = { transactionId: log.events.length, globalPosition: log.events.length };
    const references = new SqlCaseReferences(db, caseReferencesCopy(), { head: () => Promise.resolve(head) });

    // Asked before the projection saw the referral: the answer waits for it.
    const asked = references.find('cd 2026 1 r1');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await db.transaction(async (tx) => {
      for (const e of log.events) await projection.apply(tx, e);
      await writeCheckpoint(tx, projection.name, head);
    });
    await expect(asked).resolves.toEqual({
      reference: 'CD-2026-00001-R1',
      recordKey: `referral-${referralId}`,
      jointCaseId,
    });
    await expect(references.find('CD-2026-00001')).resolves.toMatchObject({ jointCaseId });
    await expect(references.find('CD-2026-00002')).resolves.toBeNull();
    await expect(references.referenceOf('referral', referralId)).resolves.toBe('CD-2026-00001-R1');
  });
});
