import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderConsole, testSession } from '../../test/render';
import { CaseParts } from '../case/CaseParts';
import { caseOf } from '../case/fixtures';
import { freshDevice, PROSECUTOR } from './fixtures';

const part = {
  prosecutionId: 'p-1',
  officeAgencyId: 'parquet-goma',
  officeAgency: { name: 'Parquet de Goma' },
  fromPoliceAgencyId: 'pnc-pmh-masisi',
  fromPoliceAgency: { name: 'Police des mines de Masisi' },
  status: 'CHARGED',
  receivedAt: '2026-11-26T09:00:00Z',
  closedAt: null,
  closeReason: null,
  chargeCount: 1,
  hearingCount: 0,
  hearingsHeldCount: 0,
  verdictCount: 0,
  convictionCount: 0,
} as const;

describe("the case page's prosecution", () => {
  it("links to the prosecution's page for its own office only", () => {
    freshDevice();
    const jointCase = caseOf({ prosecutionIds: ['p-1'], prosecutions: [part] });
    const { unmount } = renderConsole(<CaseParts jointCase={jointCase} />, { language: 'en', session: PROSECUTOR });
    expect(screen.getByRole('link', { name: "Open the prosecution's page" }).getAttribute('href')).toBe(
      '/prosecutions/p-1',
    );
    unmount();
    renderConsole(<CaseParts jointCase={jointCase} />, {
      language: 'en',
      session: testSession({ agencyId: 'pnc-pmh-masisi', agencyType: 'police', roles: ['investigator'] }),
    });
    expect(screen.queryByRole('link', { name: "Open the prosecution's page" })).toBeNull();
  });
});
