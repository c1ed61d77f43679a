import { describe, expect, it } from '@jest/globals';
import {
  type Actor,
  InvalidInputError,
  NotFoundError,
  parsingDecider,
  RuleViolationError,
  type Unparsed,
} from '@pamoja/contracts';
import { DeciderSpecification, fields, rule } from '@pamoja/testing';
import {
  type ArrestMade,
  type CaseFileAcknowledgementDeadlineMissed,
  type CaseFileAcknowledgementRecorded,
  type CaseFileTransmitted,
  type CloseInvestigation,
  type EraseSuspectPersonalData,
  type EvidenceCustodyTransferred,
  type EvidenceKind,
  type EvidenceRecorded,
  type IdentifySuspect,
  type InvestigationClosed,
  type InvestigationEvent,
  type InvestigationOpened,
  type OpenInvestigation,
  type RecordArrest,
  type RecordCaseFileAcknowledged,
  type RecordCaseFileDeadlineMissed,
  type RecordCustodyTransfer,
  type RecordEvidence,
  type SuspectedOffence,
  type SuspectIdentified,
  type SuspectPersonalDataErased,
  type TransmitCaseFile,
  caseFileStatus,
  investigationDecider,
  investigationStreamId,
  isCaseFileOverdue,
  parseInvestigationCommand,
  type SentInvestigationCommand,
  isInvestigationEvent,
  PERSONAL_DATA_PATHS,
} from './index.js';

const spec = DeciderSpecification.for(parsingDecider(investigationDecider, parseInvestigationCommand));

const INVESTIGATION_ID = '7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f';
const JOINT_CASE_ID = '1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9';
const NOW = new Date('2025-03-10T08:00:00.000Z');
const LATER = new Date('2025-03-11T09:30:00.000Z');
const DUE_BY = new Date('2025-03-25T08:00:00.000Z');
const AFTER_DUE = new Date('2025-03-26T08:00:00.000Z');
const HASH = 'a'.repeat(64);

// Fictional agencies and people only.
const police: Actor = { userId: 'opj-kasongo', agencyId: 'pmh-masisi', agencyType: 'police', roles: [] };
const otherPolice: Actor = { userId: 'opj-2', agencyId: 'pnc-walikale', agencyType: 'police', roles: [] };
const ngo: Actor = { userId: 'ngo-1', agencyId: 'ngo-kivu-hope', agencyType: 'first_responder', roles: [] };
const platform: Actor = { userId: 'platform', agencyId: 'pamoja', agencyType: 'coordination_body', roles: [] };
const OFFICE = 'parquet-goma';
const OFFICER = { agencyId: police.agencyId, officerId: 'opj-kasongo' };
const LAB = { agencyId: 'pnc-forensics-goma', officerId: 'tech-7' };

function command<T extends SentInvestigationCommand>(
  type: T['type'],
  data: T['data'],
  actor: Actor = police,
  now: Date = LATER,
): T {
  return { type, data, metadata: { actor, now } } as T;
}

const open = (
  overrides: Partial<Unparsed<OpenInvestigation>['data']> = {},
  actor: Actor = police,
): Unparsed<OpenInvestigation> =>
  command<Unparsed<OpenInvestigation>>(
    'OpenInvestigation',
    {
      investigationId: INVESTIGATION_ID,
      jointCaseId: JOINT_CASE_ID,
      referralId: 'ref-0001',
      siteCode: 'NK-MAS-014',
      offences: ['forced_labour', 'child_labour'],
      leadOfficerId: 'opj-kasongo',
      ...overrides,
    },
    actor,
    NOW,
  );
const recordEvidence = (
  overrides: Partial<Unparsed<RecordEvidence>['data']> = {},
  actor: Actor = police,
): Unparsed<RecordEvidence> =>
  command<Unparsed<RecordEvidence>>(
    'RecordEvidence',
    {
      investigationId: INVESTIGATION_ID,
      evidenceId: 'ev-1',
      description: '  Debt ledger kept by the pit boss  ',
      kind: 'document',
      sha256: HASH,
      collectedAt: NOW,
      collectedBy: 'opj-kasongo',
      ...overrides,
    },
    actor,
  );
const transfer = (
  overrides: Partial<Unparsed<RecordCustodyTransfer>['data']> = {},
  actor: Actor = police,
): Unparsed<RecordCustodyTransfer> =>
  command<Unparsed<RecordCustodyTransfer>>(
    'RecordCustodyTransfer',
    {
      investigationId: INVESTIGATION_ID,
      evidenceId: 'ev-1',
      from: OFFICER,
      to: LAB,
      at: LATER,
      reason: 'Handwriting analysis',
      ...overrides,
    },
    actor,
  );
const identify = (
  overrides: Partial<Unparsed<IdentifySuspect>['data']> = {},
  actor: Actor = police,
): Unparsed<IdentifySuspect> =>
  command<Unparsed<IdentifySuspect>>(
    'IdentifySuspect',
    {
      investigationId: INVESTIGATION_ID,
      suspectId: 'sus-1',
      role: 'exploiter',
      alias: 'Chef Bosco',
      description: 'Team leader at pit 3',
      personal: { name: 'Bosco Fictif', dateOfBirth: '1980-05-17' },
      ...overrides,
    },
    actor,
  );
const arrest = (
  overrides: Partial<Unparsed<RecordArrest>['data']> = {},
  actor: Actor = police,
): Unparsed<RecordArrest> =>
  command<Unparsed<RecordArrest>>(
    'RecordArrest',
    {
      investigationId: INVESTIGATION_ID,
      suspectId: 'sus-1',
      arrestedAt: LATER,
      location: 'Rubaya market',
      legalBasis: 'Warrant 12/2025 of the Parquet de Goma',
      ...overrides,
    },
    actor,
  );
const transmit = (
  overrides: Partial<Unparsed<TransmitCaseFile>['data']> = {},
  actor: Actor = police,
): Unparsed<TransmitCaseFile> =>
  command<Unparsed<TransmitCaseFile>>(
    'TransmitCaseFile',
    {
      investigationId: INVESTIGATION_ID,
      caseFileId: 'cf-1',
      toProsecutorOfficeId: OFFICE,
      dueBy: DUE_BY,
      summary: 'Debt bondage of diggers at pit 3; ledger and two witness statements.',
      evidenceIds: ['ev-1'],
      suspectIds: ['sus-1'],
      ...overrides,
    },
    actor,
  );
const missed = (now: Date, caseFileId = 'cf-1'): Unparsed<RecordCaseFileDeadlineMissed> =>
  command<Unparsed<RecordCaseFileDeadlineMissed>>(
    'RecordCaseFileDeadlineMissed',
    { investigationId: INVESTIGATION_ID, caseFileId },
    platform,
    now,
  );
const acknowledge = (
  overrides: Partial<Unparsed<RecordCaseFileAcknowledged>['data']> = {},
  now: Date = AFTER_DUE,
): Unparsed<RecordCaseFileAcknowledged> =>
  command<Unparsed<RecordCaseFileAcknowledged>>(
    'RecordCaseFileAcknowledged',
    { investigationId: INVESTIGATION_ID, caseFileId: 'cf-1', acknowledgedAt: now, byAgencyId: OFFICE, ...overrides },
    platform,
    now,
  );
const close = (
  overrides: Partial<Unparsed<CloseInvestigation>['data']> = {},
  actor: Actor = police,
): Unparsed<CloseInvestigation> =>
  command<Unparsed<CloseInvestigation>>(
    'CloseInvestigation',
    { investigationId: INVESTIGATION_ID, reason: 'transmitted_to_prosecutor', note: null, ...overrides },
    actor,
  );

const opened: InvestigationOpened = {
  type: 'InvestigationOpened',
  schemaVersion: 1,
  data: {
    investigationId: INVESTIGATION_ID,
    jointCaseId: JOINT_CASE_ID,
    referralId: 'ref-0001',
    siteCode: 'NK-MAS-014',
    offences: ['forced_labour', 'child_labour'],
    leadAgencyId: police.agencyId,
    leadAgencyType: 'police',
    leadOfficerId: 'opj-kasongo',
    openedAt: NOW.toISOString(),
  },
};
const evidenceRecorded: EvidenceRecorded = {
  type: 'EvidenceRecorded',
  schemaVersion: 1,
  data: {
    investigationId: INVESTIGATION_ID,
    evidenceId: 'ev-1',
    description: 'Debt ledger kept by the pit boss',
    kind: 'document',
    sha256: HASH,
    collectedAt: NOW.toISOString(),
    collectedBy: 'opj-kasongo',
    custodian: OFFICER,
  },
};
const transferred: EvidenceCustodyTransferred = {
  type: 'EvidenceCustodyTransferred',
  schemaVersion: 1,
  data: {
    investigationId: INVESTIGATION_ID,
    evidenceId: 'ev-1',
    from: OFFICER,
    to: LAB,
    at: LATER.toISOString(),
    reason: 'Handwriting analysis',
  },
};
const suspectIdentified: SuspectIdentified = {
  type: 'SuspectIdentified',
  schemaVersion: 1,
  data: {
    investigationId: INVESTIGATION_ID,
    suspectId: 'sus-1',
    role: 'exploiter',
    alias: 'Chef Bosco',
    description: 'Team leader at pit 3',
    personal: { name: 'Bosco Fictif', dateOfBirth: '1980-05-17' },
    identifiedAt: LATER.toISOString(),
  },
};
const arrested: ArrestMade = {
  type: 'ArrestMade',
  schemaVersion: 1,
  data: {
    investigationId: INVESTIGATION_ID,
    suspectId: 'sus-1',
    arrestedAt: LATER.toISOString(),
    location: 'Rubaya market',
    legalBasis: 'Warrant 12/2025 of the Parquet de Goma',
  },
};
const caseFileTransmitted: CaseFileTransmitted = {
  type: 'CaseFileTransmitted',
  schemaVersion: 1,
  data: {
    investigationId: INVESTIGATION_ID,
    caseFileId: 'cf-1',
    fromAgencyId: police.agencyId,
    toProsecutorOfficeId: OFFICE,
    toAgencyType: 'prosecutor',
    transmittedAt: LATER.toISOString(),
    dueBy: DUE_BY.toISOString(),
    summary: 'Debt bondage of diggers at pit 3; ledger and two witness statements.',
    evidenceIds: ['ev-1'],
    suspectIds: ['sus-1'],
  },
};
const deadlineMissed: CaseFileAcknowledgementDeadlineMissed = {
  type: 'CaseFileAcknowledgementDeadlineMissed',
  schemaVersion: 1,
  data: {
    investigationId: INVESTIGATION_ID,
    caseFileId: 'cf-1',
    dueBy: DUE_BY.toISOString(),
    recordedAt: AFTER_DUE.toISOString(),
    escalatedTo: 'coordination_body',
  },
};
const acknowledgementRecorded: CaseFileAcknowledgementRecorded = {
  type: 'CaseFileAcknowledgementRecorded',
  schemaVersion: 1,
  data: {
    investigationId: INVESTIGATION_ID,
    caseFileId: 'cf-1',
    acknowledgedAt: AFTER_DUE.toISOString(),
    byAgencyId: OFFICE,
  },
};
const closed: InvestigationClosed = {
  type: 'InvestigationClosed',
  schemaVersion: 1,
  data: {
    investigationId: INVESTIGATION_ID,
    reason: 'transmitted_to_prosecutor',
    note: null,
    closedAt: LATER.toISOString(),
  },
};

const WITH_SUSPECT = [opened, evidenceRecorded, suspectIdentified];
const TRANSMITTED = [...WITH_SUSPECT, caseFileTransmitted];

/** The InvalidInputError names exactly these fields, in order. */

const fold = (events: readonly InvestigationEvent[]) =>
  events.reduce(investigationDecider.evolve, investigationDecider.initialState);

describe('OpenInvestigation', () => {
  it('opens the investigation for the actor’s police agency, in its joint case', () => {
    spec.given([]).when(open()).then([opened]);
  });

  it('opens without a referral or a registered site (the police may act on their own)', () => {
    spec
      .given([])
      .when(open({ referralId: null, siteCode: '  ' }))
      .then([{ ...opened, data: { ...opened.data, referralId: null, siteCode: null } }]);
  });

  it('lets only a police agency open an investigation', () => {
    spec.given([]).when(open({}, ngo)).thenThrows(RuleViolationError, rule('only_police'));
  });

  it('refuses to open the same investigation twice', () => {
    spec.given([opened]).when(open()).thenThrows(RuleViolationError, rule('investigation_already_exists'));
  });

  it('names every invalid field at once', () => {
    spec
      .given([])
      .when(
        open({
          jointCaseId: 'case-77',
          siteCode: 'Masisi pit 3',
          offences: ['theft' as SuspectedOffence, 'forced_labour', 'forced_labour'],
          leadOfficerId: ' ',
        }),
      )
      .thenThrows(InvalidInputError, fields('jointCaseId', 'siteCode', 'offences', 'offences', 'leadOfficerId'));
  });

  it('requires at least one suspected offence', () => {
    spec
      .given([])
      .when(open({ offences: [] }))
      .thenThrows(InvalidInputError, fields('offences'));
  });
});

describe('RecordEvidence', () => {
  it('records the item with its hash; the collecting officer of the agency is the first custodian', () => {
    spec.given([opened]).when(recordEvidence()).then([evidenceRecorded]);
  });

  it('refuses a hash that is not 64 lower-case hex characters, an unknown kind and a future collection', () => {
    spec
      .given([opened])
      .when(
        recordEvidence({
          sha256: 'A'.repeat(64),
          kind: 'rumour' as EvidenceKind,
          collectedAt: new Date(LATER.getTime() + 60_000),
        }),
      )
      .thenThrows(InvalidInputError, fields('kind', 'sha256', 'collectedAt'));
    spec
      .given([opened])
      .when(recordEvidence({ sha256: 'abc123' }))
      .thenThrows(InvalidInputError, fields('sha256'));
  });

  it('refuses to record the same evidence twice', () => {
    spec
      .given([opened, evidenceRecorded])
      .when(recordEvidence())
      .thenThrows(RuleViolationError, rule('evidence_already_recorded'));
  });

  it('refuses evidence for an investigation that does not exist', () => {
    const error = spec.given([]).when(recordEvidence()).thenThrows(NotFoundError);
    expect(error).toMatchObject({ entity: 'Investigation', id: INVESTIGATION_ID });
  });

  it('lets only the investigating agency record evidence', () => {
    spec.given([opened]).when(recordEvidence({}, otherPolice)).thenThrows(RuleViolationError, rule('only_lead_agency'));
  });

  it('takes no new evidence once the investigation is closed', () => {
    spec
      .given([...TRANSMITTED, closed])
      .when(recordEvidence({ evidenceId: 'ev-2' }))
      .thenThrows(RuleViolationError, rule('investigation_closed'));
  });
});

describe('RecordCustodyTransfer', () => {
  it('hands the evidence from its current custodian to the next', () => {
    spec.given([opened, evidenceRecorded]).when(transfer()).then([transferred]);
  });

  it('continues the chain from the new custodian, who may record the next transfer itself', () => {
    const back = transfer(
      { from: LAB, to: OFFICER, reason: 'Analysis done', at: new Date(LATER.getTime() + 3_600_000) },
      { userId: 'tech-7', agencyId: LAB.agencyId, agencyType: 'police', roles: [] },
    );
    spec
      .given([opened, evidenceRecorded, transferred])
      .when({ ...back, metadata: { ...back.metadata, now: AFTER_DUE } })
      .then([
        {
          ...transferred,
          data: {
            ...transferred.data,
            from: LAB,
            to: OFFICER,
            at: new Date(LATER.getTime() + 3_600_000).toISOString(),
            reason: 'Analysis done',
          },
        },
      ]);
  });

  it('refuses a transfer from someone who does not hold the evidence', () => {
    spec
      .given([opened, evidenceRecorded, transferred])
      .when(transfer({ to: { agencyId: OFFICE, officerId: 'clerk-1' } }, police))
      .thenThrows(RuleViolationError, rule('custody_chain_broken'));
  });

  it('refuses a transfer of unknown evidence', () => {
    spec.given([opened]).when(transfer()).thenThrows(RuleViolationError, rule('evidence_unknown'));
  });

  it('refuses a transfer recorded by an agency that neither leads nor holds', () => {
    spec
      .given([opened, evidenceRecorded])
      .when(transfer({}, otherPolice))
      .thenThrows(RuleViolationError, rule('only_custodian_or_lead_agency'));
  });

  it('refuses a transfer that predates the previous link, or without a reason', () => {
    spec
      .given([opened, evidenceRecorded])
      .when(transfer({ at: new Date(NOW.getTime() - 1000), reason: '' }))
      .thenThrows(InvalidInputError, fields('reason', 'at'));
  });

  it('still records transfers after the investigation is closed (evidence travels with the case file)', () => {
    spec
      .given([...TRANSMITTED, closed])
      .when(transfer())
      .then([transferred]);
  });
});

describe('IdentifySuspect', () => {
  it('identifies a suspect, keeping name and date of birth under the personal sub-object', () => {
    spec.given([opened]).when(identify()).then([suspectIdentified]);
    // An alias or a description identifies a person as well as a name: encrypted with the suspect's key too.
    expect(PERSONAL_DATA_PATHS.SuspectIdentified).toEqual(['personal', 'alias', 'description']);
  });

  it('accepts a suspect known only by an alias', () => {
    spec
      .given([opened])
      .when(identify({ description: null, personal: { name: null, dateOfBirth: null } }))
      .then([
        {
          ...suspectIdentified,
          data: { ...suspectIdentified.data, description: null, personal: { name: null, dateOfBirth: null } },
        },
      ]);
  });

  it('requires something to tell the suspect apart, and a real past date of birth', () => {
    spec
      .given([opened])
      .when(identify({ alias: ' ', description: null, personal: { name: null, dateOfBirth: '1980-02-30' } }))
      .thenThrows(InvalidInputError, fields('personal.dateOfBirth', 'alias'));
    spec
      .given([opened])
      .when(identify({ personal: { name: 'X', dateOfBirth: '2030-01-01' } }))
      .thenThrows(InvalidInputError, fields('personal.dateOfBirth'));
  });

  it('refuses to identify the same suspect twice', () => {
    spec.given(WITH_SUSPECT).when(identify()).thenThrows(RuleViolationError, rule('suspect_already_identified'));
  });

  it('takes no new suspect once the investigation is closed', () => {
    spec
      .given([...TRANSMITTED, closed])
      .when(identify({ suspectId: 'sus-2' }))
      .thenThrows(RuleViolationError, rule('investigation_closed'));
  });
});

describe('RecordArrest', () => {
  it('records the arrest of an identified suspect', () => {
    spec.given(WITH_SUSPECT).when(arrest()).then([arrested]);
  });

  it('refuses to arrest a suspect who was not identified', () => {
    spec
      .given(WITH_SUSPECT)
      .when(arrest({ suspectId: 'sus-9' }))
      .thenThrows(RuleViolationError, rule('suspect_unknown'));
  });

  it('requires a location and a legal basis', () => {
    spec
      .given(WITH_SUSPECT)
      .when(arrest({ location: '', legalBasis: ' ' }))
      .thenThrows(InvalidInputError, fields('location', 'legalBasis'));
  });

  it('records no arrest once the investigation is closed', () => {
    spec
      .given([...TRANSMITTED, closed])
      .when(arrest())
      .thenThrows(RuleViolationError, rule('investigation_closed'));
  });
});

describe('TransmitCaseFile', () => {
  it('sends the case file to the prosecutor’s office with an acknowledgement deadline', () => {
    spec.given(WITH_SUSPECT).when(transmit()).then([caseFileTransmitted]);
  });

  it('needs at least one identified suspect', () => {
    spec
      .given([opened, evidenceRecorded])
      .when(transmit({ suspectIds: [] }))
      .thenThrows(RuleViolationError, rule('no_suspect_identified'));
  });

  it('refuses suspects or evidence the investigation does not know', () => {
    spec
      .given(WITH_SUSPECT)
      .when(transmit({ suspectIds: ['sus-1', 'sus-9'] }))
      .thenThrows(RuleViolationError, rule('suspect_unknown'));
    spec
      .given(WITH_SUSPECT)
      .when(transmit({ evidenceIds: ['ev-404'] }))
      .thenThrows(RuleViolationError, rule('evidence_unknown'));
  });

  it('wants a due time in the future and at most 30 days ahead', () => {
    spec
      .given(WITH_SUSPECT)
      .when(transmit({ dueBy: NOW }))
      .thenThrows(InvalidInputError, fields('dueBy'));
    spec
      .given(WITH_SUSPECT)
      .when(transmit({ dueBy: new Date(LATER.getTime() + 30 * 86_400_000 + 1) }))
      .thenThrows(InvalidInputError, fields('dueBy'));
    spec
      .given(WITH_SUSPECT)
      .when(transmit({ dueBy: new Date(LATER.getTime() + 30 * 86_400_000) }))
      .then([
        {
          ...caseFileTransmitted,
          data: { ...caseFileTransmitted.data, dueBy: new Date(LATER.getTime() + 30 * 86_400_000).toISOString() },
        },
      ]);
  });

  it('names a missing summary, an empty suspect list and the sender’s own agency as recipient', () => {
    spec
      .given(WITH_SUSPECT)
      .when(transmit({ summary: '', suspectIds: [], toProsecutorOfficeId: police.agencyId }))
      .thenThrows(InvalidInputError, fields('toProsecutorOfficeId', 'summary', 'suspectIds'));
  });

  it('refuses to send the same case file twice', () => {
    spec.given(TRANSMITTED).when(transmit()).thenThrows(RuleViolationError, rule('case_file_already_transmitted'));
  });

  it('lets only the investigating agency transmit, and not once closed', () => {
    spec.given(WITH_SUSPECT).when(transmit({}, otherPolice)).thenThrows(RuleViolationError, rule('only_lead_agency'));
    spec
      .given([...TRANSMITTED, closed])
      .when(transmit({ caseFileId: 'cf-2' }))
      .thenThrows(RuleViolationError, rule('investigation_closed'));
  });
});

describe('RecordCaseFileDeadlineMissed', () => {
  it('records the miss and escalates to the coordination body once the due time has passed', () => {
    spec.given(TRANSMITTED).when(missed(AFTER_DUE)).then([deadlineMissed]);
  });

  it('decides nothing before the due time', () => {
    spec.given(TRANSMITTED).when(missed(DUE_BY)).then([]);
  });

  it('is never raised twice', () => {
    spec
      .given([...TRANSMITTED, deadlineMissed])
      .when(missed(new Date('2025-04-02T00:00:00Z')))
      .then([]);
  });

  it('decides nothing when the office has acknowledged', () => {
    const onTime = {
      ...acknowledgementRecorded,
      data: { ...acknowledgementRecorded.data, acknowledgedAt: LATER.toISOString() },
    };
    spec
      .given([...TRANSMITTED, onTime])
      .when(missed(AFTER_DUE))
      .then([]);
  });

  it('still watches a case file after the investigation was closed on transmission', () => {
    spec
      .given([...TRANSMITTED, closed])
      .when(missed(AFTER_DUE))
      .then([deadlineMissed]);
  });

  it('refuses an unknown case file', () => {
    const error = spec.given(TRANSMITTED).when(missed(AFTER_DUE, 'cf-404')).thenThrows(NotFoundError);
    expect(error).toMatchObject({ entity: 'CaseFile', id: 'cf-404' });
  });
});

describe('RecordCaseFileAcknowledged', () => {
  it('records the acknowledgement by the receiving office, even late and after escalation', () => {
    spec
      .given([...TRANSMITTED, deadlineMissed])
      .when(acknowledge())
      .then([acknowledgementRecorded]);
  });

  it('takes an acknowledgement only from the office the case file was sent to', () => {
    spec
      .given(TRANSMITTED)
      .when(acknowledge({ byAgencyId: 'parquet-bukavu' }))
      .thenThrows(RuleViolationError, rule('only_receiving_office'));
  });

  it('ignores a second delivery of the acknowledgement', () => {
    spec
      .given([...TRANSMITTED, acknowledgementRecorded])
      .when(acknowledge())
      .then([]);
  });

  it('refuses an acknowledgement dated before the transmission', () => {
    spec
      .given(TRANSMITTED)
      .when(acknowledge({ acknowledgedAt: NOW }))
      .thenThrows(InvalidInputError, fields('acknowledgedAt'));
  });
});

describe('CloseInvestigation', () => {
  it('closes after transmission', () => {
    spec.given(TRANSMITTED).when(close()).then([closed]);
  });

  it('needs a transmitted case file to close as transmitted to the prosecutor', () => {
    spec.given(WITH_SUSPECT).when(close()).thenThrows(RuleViolationError, rule('no_case_file_transmitted'));
  });

  it('needs a note when the reason is other', () => {
    spec
      .given([opened])
      .when(close({ reason: 'other', note: ' ' }))
      .thenThrows(InvalidInputError, fields('note'));
    spec
      .given([opened])
      .when(close({ reason: 'victim_withdrew', note: '  Family moved to Goma  ' }))
      .then([{ ...closed, data: { ...closed.data, reason: 'victim_withdrew', note: 'Family moved to Goma' } }]);
  });

  it('refuses to close twice', () => {
    spec
      .given([...TRANSMITTED, closed])
      .when(close())
      .thenThrows(RuleViolationError, rule('investigation_closed'));
  });

  it('lets only the investigating agency close', () => {
    spec.given(TRANSMITTED).when(close({}, otherPolice)).thenThrows(RuleViolationError, rule('only_lead_agency'));
  });
});

describe('state and helpers', () => {
  it('follows the case file from awaiting acknowledgement to deadline missed to acknowledged', () => {
    const state = fold(TRANSMITTED);
    if (state.status === 'none') throw new Error('expected an investigation');
    const caseFile = state.caseFiles['cf-1'];
    expect(caseFile && caseFileStatus(caseFile)).toBe('awaiting_acknowledgement');
    expect(caseFile && isCaseFileOverdue(caseFile, DUE_BY)).toBe(false);
    expect(caseFile && isCaseFileOverdue(caseFile, AFTER_DUE)).toBe(true);

    const late = fold([...TRANSMITTED, deadlineMissed]);
    const missedFile = late.status === 'none' ? undefined : late.caseFiles['cf-1'];
    expect(missedFile && caseFileStatus(missedFile)).toBe('deadline_missed');

    const done = fold([...TRANSMITTED, deadlineMissed, acknowledgementRecorded]);
    const doneFile = done.status === 'none' ? undefined : done.caseFiles['cf-1'];
    expect(doneFile && caseFileStatus(doneFile)).toBe('acknowledged');
    expect(doneFile && isCaseFileOverdue(doneFile, AFTER_DUE)).toBe(false);
  });

  it('names streams investigation-<id> and recognises its events', () => {
    expect(investigationStreamId(INVESTIGATION_ID)).toBe(`investigation-${INVESTIGATION_ID}`);
    expect(isInvestigationEvent({ type: 'ArrestMade' })).toBe(true);
    expect(isInvestigationEvent({ type: 'ReferralSubmitted' })).toBe(false);
  });
});

describe('EraseSuspectPersonalData', () => {
  const erase = (
    overrides: Partial<Unparsed<EraseSuspectPersonalData>['data']> = {},
    actor: Actor = police,
  ): Unparsed<EraseSuspectPersonalData> =>
    command<Unparsed<EraseSuspectPersonalData>>(
      'EraseSuspectPersonalData',
      { investigationId: INVESTIGATION_ID, suspectId: 'sus-1', reason: 'legal_request', ...overrides },
      actor,
    );
  const erased: SuspectPersonalDataErased = {
    type: 'SuspectPersonalDataErased',
    schemaVersion: 1,
    data: {
      investigationId: INVESTIGATION_ID,
      jointCaseId: JOINT_CASE_ID,
      suspectId: 'sus-1',
      subjectId: `suspect:${INVESTIGATION_ID}:sus-1`,
      reason: 'legal_request',
      erasedAt: LATER.toISOString(),
      byAgencyId: police.agencyId,
    },
  };

  it("erases a suspect's personal data at the lead agency's request, naming the suspect's key", () => {
    spec.given([opened, suspectIdentified]).when(erase()).then([erased]);
  });

  it('erases after the investigation was closed (retention), once', () => {
    const retention = { ...erased, data: { ...erased.data, reason: 'retention_expired' as const } };
    spec
      .given([opened, suspectIdentified, closed])
      .when(erase({ reason: 'retention_expired' }))
      .then([retention]);
    spec
      .given([opened, suspectIdentified, erased])
      .when(erase({ reason: 'retention_expired' }))
      .then([]);
  });

  it('is for the lead agency only, for a suspect of the investigation, for a known reason', () => {
    spec
      .given([opened, suspectIdentified])
      .when(erase({}, otherPolice))
      .thenThrows(RuleViolationError, rule('only_lead_agency'));
    spec
      .given([opened, suspectIdentified])
      .when(erase({ suspectId: 'sus-9' }))
      .thenThrows(RuleViolationError, rule('suspect_unknown'));
    spec
      .given([opened, suspectIdentified])
      .when(erase({ reason: 'forgotten' as EraseSuspectPersonalData['data']['reason'] }))
      .thenThrows(InvalidInputError, fields('reason'));
    spec.given([]).when(erase()).thenThrows(NotFoundError);
  });
});
