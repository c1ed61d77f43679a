import { type AgencyRegistration } from './registration.js';

/**
 * The demonstration directory of North and South Kivu: fictional agencies, plausible in name, type and
 * place, registered by `npm start` on an empty development log, by the seed, and by the tests. Never in
 * production: an operator imports the real directory (`npm run directory -- import <file>`).
 */
export const DEMO_AGENCIES: readonly AgencyRegistration[] = [
  // North Kivu
  {
    agencyId: 'aplt-nk',
    agencyType: 'coordination_body',
    name: 'Antenne provinciale de lutte contre la traite – Nord-Kivu',
    province: 'north_kivu',
    contact: { email: 'secretariat@aplt-nk.example', phone: '+243 970 000 100' },
  },
  {
    agencyId: 'ngo-kivu-hope',
    agencyType: 'first_responder',
    name: 'Kivu Hope – équipe mobile de Masisi',
    province: 'north_kivu',
    territory: 'masisi',
    contact: { email: 'masisi@kivu-hope.example', phone: '+243 970 000 101' },
  },
  {
    agencyId: 'pnc-nk',
    agencyType: 'police',
    name: 'PNC – Commissariat provincial du Nord-Kivu',
    province: 'north_kivu',
  },
  {
    agencyId: 'pnc-masisi',
    agencyType: 'police',
    name: 'PNC – Commissariat de Masisi',
    province: 'north_kivu',
    territory: 'masisi',
    parentAgencyId: 'pnc-nk',
    contact: { phone: '+243 970 000 102' },
  },
  {
    agencyId: 'pnc-pmh-masisi',
    agencyType: 'police',
    name: 'PNC – Police des mines et hydrocarbures, Masisi',
    province: 'north_kivu',
    territory: 'masisi',
    parentAgencyId: 'pnc-nk',
  },
  {
    agencyId: 'pnc-rutshuru',
    agencyType: 'police',
    name: 'PNC – Commissariat de Rutshuru',
    province: 'north_kivu',
    territory: 'rutshuru',
    parentAgencyId: 'pnc-nk',
  },
  {
    agencyId: 'pnc-pts-goma',
    agencyType: 'police',
    name: 'PNC – Police technique et scientifique, Goma',
    province: 'north_kivu',
    parentAgencyId: 'pnc-nk',
  },
  {
    agencyId: 'parquet-goma',
    agencyType: 'prosecutor',
    name: 'Parquet de grande instance de Goma',
    province: 'north_kivu',
    contact: { email: 'greffe@parquet-goma.example' },
  },
  {
    agencyId: 'ngo-ushindi',
    agencyType: 'assistance_provider',
    name: 'Ushindi – maison d’accueil',
    province: 'north_kivu',
    contact: { phone: '+243 970 000 104' },
  },
  {
    agencyId: 'saemape-nk',
    agencyType: 'mining_authority',
    name: 'SAEMAPE – antenne du Nord-Kivu',
    province: 'north_kivu',
  },
  // South Kivu
  {
    agencyId: 'aplt-sk',
    agencyType: 'coordination_body',
    name: 'Antenne provinciale de lutte contre la traite – Sud-Kivu',
    province: 'south_kivu',
    contact: { email: 'secretariat@aplt-sk.example' },
  },
  {
    agencyId: 'pnc-fizi',
    agencyType: 'police',
    name: 'PNC – Commissariat de Fizi',
    province: 'south_kivu',
    territory: 'fizi',
  },
  {
    agencyId: 'pnc-uvira',
    agencyType: 'police',
    name: 'PNC – Commissariat d’Uvira',
    province: 'south_kivu',
    territory: 'uvira',
  },
  {
    agencyId: 'parquet-bukavu',
    agencyType: 'prosecutor',
    name: 'Parquet de grande instance de Bukavu',
    province: 'south_kivu',
  },
  {
    agencyId: 'ngo-tumaini-fizi',
    agencyType: 'first_responder',
    name: 'Tumaini – équipe de terrain de Fizi',
    province: 'south_kivu',
    territory: 'fizi',
  },
  {
    agencyId: 'ngo-amani-bukavu',
    agencyType: 'assistance_provider',
    name: 'Amani – centre de transit de Bukavu',
    province: 'south_kivu',
  },
  {
    agencyId: 'saemape-sk',
    agencyType: 'mining_authority',
    name: 'SAEMAPE – antenne du Sud-Kivu',
    province: 'south_kivu',
  },
  // National
  { agencyId: 'traceability-demo', agencyType: 'integrator', name: 'Traçabilité minérale (démonstration)' },
];
