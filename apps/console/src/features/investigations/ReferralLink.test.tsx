import { screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startOutbox } from '../../api/outbox';
import { mockGraphql, renderConsole, testSession } from '../../test/render';
import { freshDevice, POLICE, referral } from '../referrals/fixtures';
import { ReferralPage } from '../referrals/ReferralPage';

let stop: () => void = () => undefined;
beforeEach(() => {
  freshDevice();
  stop = startOutbox();
});
afterEach(() => stop());

const LINK = { name: 'Ouvrir une enquête' };

describe('the way from a referral to an investigation', { timeout: 20_000 }, () => {
  it('is offered to the police agency that accepted the referral', async () => {
    mockGraphql(() => ({ data: { referral: referral({ status: 'ACCEPTED', revision: 2 }) } }));
    renderConsole(<ReferralPage params={{ id: referral().referralId }} />, { language: 'fr', session: POLICE });
    const link = await screen.findByRole('link', LINK);
    expect(link.getAttribute('href')).toBe(`/investigations/new?referral=${referral().referralId}`);
  });

  it('is not offered before the referral is accepted, nor to the agency that sent it', async () => {
    mockGraphql(() => ({ data: { referral: referral() } }));
    const { unmount } = renderConsole(<ReferralPage params={{ id: referral().referralId }} />, {
      language: 'fr',
      session: POLICE,
    });
    await screen.findByRole('button', { name: 'Accepter' });
    expect(screen.queryByRole('link', LINK)).toBeNull();
    unmount();

    mockGraphql(() => ({ data: { referral: referral({ status: 'ACCEPTED', revision: 2 }) } }));
    renderConsole(<ReferralPage params={{ id: referral().referralId }} />, { language: 'fr', session: testSession() });
    await screen.findByRole('button', { name: 'Révoquer' });
    expect(screen.queryByRole('link', LINK)).toBeNull();
  });
});
