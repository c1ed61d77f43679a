/**
 * Until the agency directory exists (it comes with sign-in through the identity provider), the
 * development sign-in offers the demo's agencies and the roles the access policy knows for each type.
 */
export const DEV_AGENCIES: readonly { agencyId: string; agencyType: string; roles: readonly string[] }[] = [
  { agencyId: 'ngo-kivu-hope', agencyType: 'first_responder', roles: ['field_worker'] },
  { agencyId: 'pnc-pmh-masisi', agencyType: 'police', roles: ['investigator', 'officer'] },
  { agencyId: 'parquet-goma', agencyType: 'prosecutor', roles: ['prosecutor', 'magistrate'] },
  { agencyId: 'ngo-ushindi', agencyType: 'assistance_provider', roles: ['case_worker'] },
  { agencyId: 'saemape-nk', agencyType: 'mining_authority', roles: ['inspector'] },
  { agencyId: 'aplt-nk', agencyType: 'coordination_body', roles: ['coordinator', 'auditor'] },
  { agencyId: 'itsci-feed', agencyType: 'integrator', roles: ['feed'] },
];

export const AGENCY_TYPES = [
  'first_responder',
  'police',
  'prosecutor',
  'assistance_provider',
  'mining_authority',
  'coordination_body',
  'integrator',
] as const;
