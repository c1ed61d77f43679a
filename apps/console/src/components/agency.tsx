import { useQuery } from '../api/hooks';
import { graphql } from '../gql';

/** The directory's entry of an agency, as the API gives it beside an id: null when the id is not in it. */
export type DirectoryEntry = { readonly name: string } | null | undefined;

/** The agency as people say it: its name in the directory, else its id. */
export function agencyName(agencyId: string, agency: DirectoryEntry): string {
  return agency?.name ?? agencyId;
}

/**
 * An agency's name, its id kept in the element's title (a tooltip, and the description a screen reader
 * offers); an agency the directory does not know reads as its id.
 */
export function AgencyName({ id, agency }: { readonly id: string; readonly agency: DirectoryEntry }) {
  return agency?.name ? (
    <span title={id} data-agency-id={id}>
      {agency.name}
    </span>
  ) : (
    <span data-agency-id={id}>{id}</span>
  );
}

const OwnAgencyQuery = graphql(`
  query ConsoleAgencyName($agencyId: String!) {
    agency(agencyId: $agencyId) {
      agencyId
      name
    }
  }
`);

/** An agency's name as the directory gives it (kept on the device, so it reads offline), else its id. */
export function useAgencyName(agencyId: string | undefined): string {
  const { data } = useQuery(OwnAgencyQuery, { agencyId: agencyId ?? '' }, { skip: !agencyId });
  return agencyName(agencyId ?? '', data?.agency);
}
