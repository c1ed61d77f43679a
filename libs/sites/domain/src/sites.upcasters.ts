import { type EventUpcaster } from '@pamoja/contracts';
import { type SiteIncidentClassified } from './site-incident.events.js';

type SiteIncidentClassifiedV1Data = Omit<SiteIncidentClassified['data'], 'category'>;

/** SiteIncidentClassified v1 → v2: a classification recorded before OECD Annex II categories named none. */
export function upcastSiteIncidentClassifiedV1(data: SiteIncidentClassifiedV1Data): SiteIncidentClassified['data'] {
  return { ...data, category: null };
}

/** Old shapes of the sites' events; the store applies them as it reads, nothing else upcasts. */
export const SITES_UPCASTERS: readonly EventUpcaster[] = [
  {
    type: 'SiteIncidentClassified',
    fromVersion: 1,
    upcast: (data) => upcastSiteIncidentClassifiedV1(data as SiteIncidentClassifiedV1Data),
  },
];
