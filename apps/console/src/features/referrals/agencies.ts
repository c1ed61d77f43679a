import { useQuery } from '../../api/hooks';
import type { AgencyType, ConsoleAgenciesQuery } from '../../gql/graphql';
import { AgenciesQuery } from './operations';

export type DirectoryAgency = ConsoleAgenciesQuery['agencies'][number];

/**
 * The directory's active agencies of one type, by name. The last list read stays on the device, so the
 * form still offers it offline (and a referral waiting in the outbox still names its agency).
 */
export function useAgenciesOfType(agencyType: AgencyType | '' | undefined) {
  return useQuery(AgenciesQuery, { filter: { agencyType: agencyType || undefined } }, { skip: !agencyType });
}
