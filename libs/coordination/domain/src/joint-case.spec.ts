import { describe, expect, it } from '@jest/globals';
import { linkOf, nextAssistanceStage, nextCaseStage } from './joint-case.js';

describe('joint case status', () => {
  it('follows the case from identification to adjudication', () => {
    const stages = ['ReferralSubmitted', 'InvestigationOpened', 'CaseFileReceived', 'VerdictRendered'].reduce<string[]>(
      (seen, type) => [...seen, nextCaseStage((seen.at(-1) ?? 'identified') as never, type)],
      [],
    );
    expect(stages).toEqual(['identified', 'under_investigation', 'in_prosecution', 'adjudicated']);
  });

  it('never moves back when a late event of an earlier stage arrives', () => {
    expect(nextCaseStage('in_prosecution', 'EvidenceRecorded')).toBe('in_prosecution');
    expect(nextCaseStage('adjudicated', 'ReferralSubmitted')).toBe('adjudicated');
  });

  it('ignores events that say nothing about the stage', () => {
    expect(nextCaseStage('under_investigation', 'MineSiteInspected')).toBe('under_investigation');
  });

  it('tracks assistance beside the case, and a new registration reopens a closed assistance', () => {
    expect(nextAssistanceStage('none', 'VictimRegistered')).toBe('registered');
    expect(nextAssistanceStage('registered', 'ServiceProvided')).toBe('in_assistance');
    expect(nextAssistanceStage('in_assistance', 'VictimRegistered')).toBe('in_assistance');
    expect(nextAssistanceStage('in_assistance', 'AssistanceClosed')).toBe('closed');
    expect(nextAssistanceStage('closed', 'ServiceProvided')).toBe('closed');
    expect(nextAssistanceStage('closed', 'VictimRegistered')).toBe('registered');
  });

  it('links an event to the agency work its stream belongs to', () => {
    expect(linkOf('investigation-3f2a')).toBe('investigation');
    expect(linkOf('incident-77')).toBe('site_incident');
    expect(linkOf('site-1')).toBeUndefined();
  });
});
