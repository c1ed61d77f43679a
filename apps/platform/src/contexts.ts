import { type EventUpcaster } from '@pamoja/contracts';
import { type DeadlineRule, type Projection } from '@pamoja/event-store';
import { type PlatformContext } from '@pamoja/platform/context';
import { AssistanceContext } from '@pamoja/assistance/api';
import { CoordinationContext } from '@pamoja/coordination/api';
import { IntegrationsContext } from '@pamoja/integrations/api';
import { InvestigationsContext } from '@pamoja/investigations/api';
import { ProsecutionsContext } from '@pamoja/prosecutions/api';
import { ReferralsContext } from '@pamoja/referrals/api';
import { SitesContext } from '@pamoja/sites/api';

/**
 * Every bounded context the platform runs, as each declares itself: the embedded app imports their
 * modules, and the command-line tools read the same declarations (read models, upcasters, deadlines), so a
 * rebuild sees what the running platform sees.
 */
export const ALL_CONTEXTS: readonly PlatformContext[] = [
  ReferralsContext,
  SitesContext,
  InvestigationsContext,
  ProsecutionsContext,
  AssistanceContext,
  CoordinationContext,
  IntegrationsContext,
];

/** The read models each context feeds from its own log. */
export const OWN_PROJECTIONS: readonly Projection[] = ALL_CONTEXTS.flatMap((c) => c.definition.projections ?? []);

/** The read models fed by other agencies' shared events (Kafka in server mode, the log in embedded mode). */
export const SHARED_PROJECTIONS: readonly Projection[] = ALL_CONTEXTS.flatMap(
  (c) => c.definition.sharedProjections ?? [],
);

export const ALL_UPCASTERS: readonly EventUpcaster[] = ALL_CONTEXTS.flatMap((c) => c.definition.upcasters ?? []);

export const ALL_DEADLINE_RULES: readonly DeadlineRule[] = ALL_CONTEXTS.flatMap((c) =>
  (c.definition.deadlines ?? []).map((d) => d.handling.rule),
);
