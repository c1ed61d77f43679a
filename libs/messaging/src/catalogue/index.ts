import { IntegrationEventCatalogue } from '../integration-event.js';
import { ASSISTANCE_INTEGRATION_EVENTS, ASSISTANCE_WITHHELD_EVENTS } from './assistance.js';
import { COORDINATION_INTEGRATION_EVENTS, COORDINATION_WITHHELD_EVENTS } from './coordination.js';
import { INTEGRATIONS_WITHHELD_EVENTS } from './integrations.js';
import { INVESTIGATION_INTEGRATION_EVENTS } from './investigations.js';
import { PROSECUTION_INTEGRATION_EVENTS } from './prosecutions.js';
import { REFERRAL_INTEGRATION_EVENTS } from './referrals.js';
import { SITE_INTEGRATION_EVENTS } from './sites.js';

export * from './assistance.js';
export * from './coordination.js';
export * from './integrations.js';
export * from './investigations.js';
export * from './prosecutions.js';
export * from './referrals.js';
export * from './sites.js';

/** Every domain event type of every publishing context: shared as an integration event, or withheld. */
export function createDefaultCatalogue(): IntegrationEventCatalogue {
  return new IntegrationEventCatalogue()
    .register(
      ...REFERRAL_INTEGRATION_EVENTS,
      ...SITE_INTEGRATION_EVENTS,
      ...INVESTIGATION_INTEGRATION_EVENTS,
      ...PROSECUTION_INTEGRATION_EVENTS,
      ...ASSISTANCE_INTEGRATION_EVENTS,
      ...COORDINATION_INTEGRATION_EVENTS,
    )
    .withhold(...ASSISTANCE_WITHHELD_EVENTS, ...COORDINATION_WITHHELD_EVENTS, ...INTEGRATIONS_WITHHELD_EVENTS);
}

export const DEFAULT_CATALOGUE: IntegrationEventCatalogue = createDefaultCatalogue();
