import { type Actor, type AgencyDirectory, type AgencyType, isRoleOf } from '@pamoja/contracts';
import { AuthenticationError } from '@pamoja/platform/auth';

/** What a verified token says of its bearer; the agency's type is the directory's, whatever the token says. */
export interface TokenClaims {
  readonly userId: string;
  readonly agencyId: string;
  readonly agencyType?: AgencyType | undefined;
  readonly roles: readonly string[];
}

/**
 * The actor a verified token stands for, as the agency directory knows its agency: an agency that is not
 * in the directory, or is suspended, is refused on every request (HTTP and WebSocket alike), so a
 * suspension stops its tokens at once. The agency type is the directory's; roles outside the vocabulary of
 * that type are dropped (a provider adds its own, such as `offline_access`).
 */
export async function actorFromDirectory(claims: TokenClaims, directory: AgencyDirectory): Promise<Actor> {
  const agency = await directory.find(claims.agencyId);
  if (!agency) {
    throw new AuthenticationError(
      `agency ${claims.agencyId} is not in the agency directory: the coordination body registers agencies`,
    );
  }
  if (agency.status !== 'active') {
    throw new AuthenticationError(`agency ${agency.name} (${agency.agencyId}) is suspended by the coordination body`);
  }
  return {
    userId: claims.userId,
    agencyId: agency.agencyId,
    agencyType: agency.agencyType,
    roles: claims.roles.filter((role) => isRoleOf(agency.agencyType, role)),
  };
}
