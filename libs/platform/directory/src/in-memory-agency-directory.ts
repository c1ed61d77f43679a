import {
  type AgencyDirectory,
  type AgencyEntry,
  type AgencyFilter,
  type DirectoryReference,
  type RegisteredSite,
} from '@pamoja/contracts';
import { checkReferences } from './agency-directory.js';

/** A directory held in memory, for specs of what reads the directory without a log (the same checks). */
export class InMemoryAgencyDirectory implements AgencyDirectory {
  private readonly agencies = new Map<string, AgencyEntry>();
  private readonly sites = new Map<string, RegisteredSite>();

  constructor(agencies: readonly AgencyEntry[] = [], sites: readonly RegisteredSite[] = []) {
    for (const agency of agencies) this.agencies.set(agency.agencyId, agency);
    for (const site of sites) this.sites.set(site.siteCode, site);
  }

  find(agencyId: string): Promise<AgencyEntry | null> {
    return Promise.resolve(this.agencies.get(agencyId) ?? null);
  }

  findMany(agencyIds: readonly string[]): Promise<ReadonlyMap<string, AgencyEntry>> {
    return Promise.resolve(
      new Map(agencyIds.flatMap((id) => (this.agencies.has(id) ? [[id, this.agencies.get(id) as AgencyEntry]] : []))),
    );
  }

  list(filter: AgencyFilter = {}): Promise<readonly AgencyEntry[]> {
    return Promise.resolve(
      [...this.agencies.values()].filter(
        (a) =>
          (!filter.agencyType || a.agencyType === filter.agencyType) &&
          (!filter.province || a.province === filter.province) &&
          (!filter.status || a.status === filter.status),
      ),
    );
  }

  site(siteCode: string): Promise<RegisteredSite | null> {
    return Promise.resolve(this.sites.get(siteCode) ?? null);
  }

  check(references: readonly DirectoryReference[]): Promise<void> {
    return checkReferences(this, references);
  }
}
