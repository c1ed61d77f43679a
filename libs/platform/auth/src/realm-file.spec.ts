import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { ROLES } from '@pamoja/contracts';

/**
 * The reference realm (infra/keycloak/realm/pamoja-realm.json) is the contract the console and the services
 * rely on: these checks keep it in step with the platform's vocabulary. oidc.int.spec.ts shows Keycloak
 * issuing what it says.
 */
interface Group {
  name: string;
  path: string;
  attributes?: Record<string, string[]>;
  subGroups?: Group[];
}
interface Client {
  clientId: string;
  publicClient: boolean;
  standardFlowEnabled: boolean;
  implicitFlowEnabled: boolean;
  directAccessGrantsEnabled: boolean;
  serviceAccountsEnabled: boolean;
  redirectUris: string[];
  attributes?: Record<string, string>;
  protocolMappers?: { protocolMapper: string; config: Record<string, string> }[];
}
interface User {
  username: string;
  enabled: boolean;
  email?: string;
  firstName?: string;
  lastName?: string;
  realmRoles?: string[];
  groups?: string[];
  serviceAccountClientId?: string;
}
const realm = JSON.parse(readFileSync('infra/keycloak/realm/pamoja-realm.json', 'utf8')) as {
  realm: string;
  accessTokenLifespan: number;
  roles: { realm: { name: string }[] };
  groups: Group[];
  clients: Client[];
  users: User[];
};
const client = (clientId: string): Client => {
  const found = realm.clients.find((c) => c.clientId === clientId);
  if (!found) throw new Error(`no client ${clientId}`);
  return found;
};
const agencies = realm.groups.find((g) => g.path === '/agencies')?.subGroups ?? [];

describe('the reference realm file', () => {
  it("has the platform's role vocabulary as its realm roles, no more and no less", () => {
    expect(realm.realm).toBe('pamoja');
    expect(realm.roles.realm.map((r) => r.name).sort()).toEqual([...ROLES].sort());
  });

  it('gives each agency a group /agencies/<id> whose agency_id attribute is the id', () => {
    expect(agencies.length).toBeGreaterThanOrEqual(7);
    for (const agency of agencies) {
      expect(agency.path).toBe(`/agencies/${agency.name}`);
      expect(agency.attributes?.['agency_id']).toEqual([agency.name]);
    }
  });

  it('lets the console use Authorization Code with PKCE S256 only, and give tokens for pamoja-api with the agency', () => {
    const consoleClient = client('pamoja-console');
    expect(consoleClient).toMatchObject({
      publicClient: true,
      standardFlowEnabled: true,
      implicitFlowEnabled: false,
      directAccessGrantsEnabled: false,
      serviceAccountsEnabled: false,
    });
    expect(consoleClient.attributes?.['pkce.code.challenge.method']).toBe('S256');
    expect(consoleClient.redirectUris).toContain('http://127.0.0.1/*');
    for (const c of [consoleClient, client('pamoja-integrator-demo')]) {
      const mappers = c.protocolMappers ?? [];
      expect(mappers).toContainEqual(
        expect.objectContaining({
          protocolMapper: 'oidc-audience-mapper',
          config: expect.objectContaining({ 'included.custom.audience': 'pamoja-api', 'access.token.claim': 'true' }),
        }),
      );
      expect(mappers).toContainEqual(
        expect.objectContaining({
          protocolMapper: 'oidc-usermodel-attribute-mapper',
          config: expect.objectContaining({ 'user.attribute': 'agency_id', 'claim.name': 'agency_id' }),
        }),
      );
    }
    expect(realm.accessTokenLifespan).toBeLessThanOrEqual(300);
  });

  it('gives the integrator client credentials only, as a member of an integrator agency with the role integrator', () => {
    expect(client('pamoja-integrator-demo')).toMatchObject({
      publicClient: false,
      standardFlowEnabled: false,
      directAccessGrantsEnabled: false,
      serviceAccountsEnabled: true,
    });
    const account = realm.users.find((u) => u.serviceAccountClientId === 'pamoja-integrator-demo');
    expect(account).toMatchObject({ realmRoles: ['integrator'], groups: ['/agencies/traceability-demo'] });
  });

  it("puts every demo user in an agency's group with roles of the vocabulary, complete enough to sign in", () => {
    const people = realm.users.filter((u) => !u.serviceAccountClientId);
    const groups = new Set(agencies.map((a) => a.path));
    for (const seeded of ['ngo-kivu-hope', 'pnc-pmh-masisi', 'parquet-goma', 'ngo-ushindi', 'saemape-nk', 'aplt-nk']) {
      expect(people.some((u) => u.enabled && u.groups?.includes(`/agencies/${seeded}`))).toBe(true);
    }
    expect(people.filter((u) => !u.enabled).map((u) => u.username)).toEqual(['disabled.field']);
    for (const user of people) {
      expect(user.groups?.length).toBe(1);
      expect(groups.has(user.groups?.[0] ?? '')).toBe(true);
      expect(user.realmRoles?.every((role) => (ROLES as readonly string[]).includes(role))).toBe(true);
      // Without these, Keycloak asks the person to complete their profile before the console gets a code.
      expect([user.email, user.firstName, user.lastName].every(Boolean)).toBe(true);
    }
  });
});
