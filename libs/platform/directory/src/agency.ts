import {
  type Actor,
  type AgencyContact,
  type AgencyType,
  type Decider,
  type DomainEvent,
  ForbiddenError,
  InputParser,
  isAgencyType,
  isPlatformActor,
  isProvince,
  isTerritoryOf,
  type Province,
  RuleViolationError,
} from '@pamoja/contracts';

/**
 * The agency directory: which organisations take part, of which type, where. The coordination body keeps
 * it (an operator registers the first coordination body); each agency is a stream of its own.
 */
export const agencyStreamId = (agencyId: string): string => `agency-${agencyId}`;
export const AGENCY_STREAM_PREFIX = 'agency-';

/** Agency ids: lower-case letters, digits, dot and dash; stable forever (they are in every event). */
export const AGENCY_ID_PATTERN = /^[a-z0-9][a-z0-9._-]{1,63}$/;

export const AGENCY_LIMITS = { name: 200, territory: 60, email: 254, phone: 32, reason: 2_000 } as const;

interface AgencyCommandMetadata {
  readonly actor: Actor;
  readonly now: Date;
}

export interface AgencyDetails {
  readonly name: string;
  readonly province: Province | null;
  readonly territory: string | null;
  readonly parentAgencyId: string | null;
  readonly contact: AgencyContact;
}

export interface RegisterAgency {
  readonly type: 'RegisterAgency';
  readonly data: AgencyDetails & { readonly agencyId: string; readonly agencyType: AgencyType };
  readonly metadata: AgencyCommandMetadata;
}

export interface ChangeAgencyDetails {
  readonly type: 'ChangeAgencyDetails';
  readonly data: AgencyDetails & { readonly agencyId: string };
  readonly metadata: AgencyCommandMetadata;
}

export interface SuspendAgency {
  readonly type: 'SuspendAgency';
  readonly data: { readonly agencyId: string; readonly reason: string };
  readonly metadata: AgencyCommandMetadata;
}

export interface ReinstateAgency {
  readonly type: 'ReinstateAgency';
  readonly data: { readonly agencyId: string };
  readonly metadata: AgencyCommandMetadata;
}

export type AgencyCommand = RegisterAgency | ChangeAgencyDetails | SuspendAgency | ReinstateAgency;

export type AgencyRegistered = DomainEvent<
  'AgencyRegistered',
  AgencyDetails & {
    readonly agencyId: string;
    readonly agencyType: AgencyType;
    readonly registeredAt: string;
    readonly byAgencyId: string;
  }
>;
export type AgencyDetailsChanged = DomainEvent<
  'AgencyDetailsChanged',
  AgencyDetails & { readonly agencyId: string; readonly changedAt: string; readonly byAgencyId: string }
>;
export type AgencySuspended = DomainEvent<
  'AgencySuspended',
  { readonly agencyId: string; readonly reason: string; readonly suspendedAt: string; readonly byAgencyId: string }
>;
export type AgencyReinstated = DomainEvent<
  'AgencyReinstated',
  { readonly agencyId: string; readonly reinstatedAt: string; readonly byAgencyId: string }
>;

export type AgencyEvent = AgencyRegistered | AgencyDetailsChanged | AgencySuspended | AgencyReinstated;
export const AGENCY_EVENT_TYPES: readonly AgencyEvent['type'][] = [
  'AgencyRegistered',
  'AgencyDetailsChanged',
  'AgencySuspended',
  'AgencyReinstated',
];

export interface AgencyState {
  readonly registered: boolean;
  readonly agencyType: AgencyType | null;
  readonly suspended: boolean;
}

/** The coordination body's coordinators keep the directory; the operator's own tool registers the first one. */
function mayKeepDirectory(actor: Actor): boolean {
  return (actor.agencyType === 'coordination_body' && actor.roles.includes('coordinator')) || isPlatformActor(actor);
}

/** Checks what the API's input shape cannot: vocabularies and the territory within its province. */
function parseDetails(p: InputParser, data: AgencyDetails): void {
  if (data.name.trim() === '') p.add('name', 'is required');
  if (data.name.length > AGENCY_LIMITS.name) p.add('name', `must be at most ${AGENCY_LIMITS.name} characters`);
  if (data.province !== null && !isProvince(data.province)) p.add('province', 'must be north_kivu or south_kivu');
  if (data.territory !== null) {
    if (data.province === null) p.add('territory', 'needs the province it lies in');
    else if (isProvince(data.province) && !isTerritoryOf(data.province, data.territory as never)) {
      p.add('territory', `is not a territory of ${data.province}`);
    }
  }
  if (data.parentAgencyId !== null && !AGENCY_ID_PATTERN.test(data.parentAgencyId)) {
    p.add('parentAgencyId', 'must be an agency id (lower-case letters, digits, dot, dash)');
  }
  const { email, phone } = data.contact;
  if (email !== null && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) p.add('contact.email', 'must be an email address');
  if (phone !== null && !/^\+?[0-9 ()-]{6,32}$/.test(phone)) p.add('contact.phone', 'must be a phone number');
}

function trimmedDetails(data: AgencyDetails): AgencyDetails {
  return {
    name: data.name.trim(),
    province: data.province,
    territory: data.territory,
    parentAgencyId: data.parentAgencyId,
    contact: { email: data.contact.email?.trim() || null, phone: data.contact.phone?.trim() || null },
  };
}

/** Input checks, every field at once (one BAD_USER_INPUT naming each). */
export function parseAgencyCommand(command: AgencyCommand): AgencyCommand {
  const p = new InputParser();
  if (!AGENCY_ID_PATTERN.test(command.data.agencyId)) {
    p.add('agencyId', 'must be an agency id (lower-case letters, digits, dot, dash)');
  }
  switch (command.type) {
    case 'RegisterAgency':
      if (!isAgencyType(command.data.agencyType)) p.add('agencyType', 'is not an agency type');
      parseDetails(p, command.data);
      if (command.data.parentAgencyId === command.data.agencyId) p.add('parentAgencyId', 'cannot be the agency itself');
      return p.done({ ...command, data: { ...command.data, ...trimmedDetails(command.data) } });
    case 'ChangeAgencyDetails':
      parseDetails(p, command.data);
      if (command.data.parentAgencyId === command.data.agencyId) p.add('parentAgencyId', 'cannot be the agency itself');
      return p.done({ ...command, data: { ...command.data, ...trimmedDetails(command.data) } });
    case 'SuspendAgency':
      if (command.data.reason.trim() === '') p.add('reason', 'is required: say why the agency is suspended');
      if (command.data.reason.length > AGENCY_LIMITS.reason) {
        p.add('reason', `must be at most ${AGENCY_LIMITS.reason} characters`);
      }
      return p.done({ ...command, data: { ...command.data, reason: command.data.reason.trim() } });
    case 'ReinstateAgency':
      return p.done(command);
  }
}

function decide(command: AgencyCommand, state: AgencyState): AgencyEvent[] {
  const { actor, now } = command.metadata;
  if (!mayKeepDirectory(actor)) {
    throw new ForbiddenError("only the coordination body's coordinators keep the agency directory");
  }
  const at = now.toISOString();
  const { agencyId } = command.data;
  if (command.type === 'RegisterAgency') {
    if (state.registered) {
      throw new RuleViolationError('agency_already_registered', `agency ${agencyId} is already in the directory`);
    }
    return [
      {
        type: 'AgencyRegistered',
        schemaVersion: 1,
        data: { ...command.data, registeredAt: at, byAgencyId: actor.agencyId },
      },
    ];
  }
  if (!state.registered) {
    throw new RuleViolationError('agency_not_registered', `agency ${agencyId} is not in the directory`);
  }
  switch (command.type) {
    case 'ChangeAgencyDetails':
      return [
        {
          type: 'AgencyDetailsChanged',
          schemaVersion: 1,
          data: { ...command.data, changedAt: at, byAgencyId: actor.agencyId },
        },
      ];
    case 'SuspendAgency':
      if (state.suspended)
        throw new RuleViolationError('agency_already_suspended', `agency ${agencyId} is already suspended`);
      // A coordination body that suspended itself would leave nobody to reinstate it.
      if (agencyId === actor.agencyId) {
        throw new RuleViolationError('cannot_suspend_own_agency', 'an agency cannot suspend itself');
      }
      return [
        {
          type: 'AgencySuspended',
          schemaVersion: 1,
          data: { agencyId, reason: command.data.reason, suspendedAt: at, byAgencyId: actor.agencyId },
        },
      ];
    case 'ReinstateAgency':
      if (!state.suspended) throw new RuleViolationError('agency_not_suspended', `agency ${agencyId} is not suspended`);
      return [
        {
          type: 'AgencyReinstated',
          schemaVersion: 1,
          data: { agencyId, reinstatedAt: at, byAgencyId: actor.agencyId },
        },
      ];
  }
}

export const agencyDecider: Decider<AgencyCommand, AgencyEvent, AgencyState> = {
  initialState: { registered: false, agencyType: null, suspended: false },
  decide,
  evolve(state, event) {
    switch (event.type) {
      case 'AgencyRegistered':
        return { registered: true, agencyType: event.data.agencyType, suspended: false };
      case 'AgencyDetailsChanged':
        return state;
      case 'AgencySuspended':
        return { ...state, suspended: true };
      case 'AgencyReinstated':
        return { ...state, suspended: false };
    }
  },
};
