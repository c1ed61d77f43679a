/** Why an endpoint stopped receiving: its owner turned it off, it answered 410 Gone, or it kept failing. */
export const WEBHOOK_DISABLE_REASONS = ['by_owner', 'gone', 'failing'] as const;
export type WebhookDisableReason = (typeof WEBHOOK_DISABLE_REASONS)[number];

/** The provinces an endpoint may filter on (the sites context's vocabulary, as its events publish it). */
export const WEBHOOK_PROVINCES = ['north_kivu', 'south_kivu'] as const;
export type WebhookProvince = (typeof WEBHOOK_PROVINCES)[number];

export const WEBHOOK_LIMITS = {
  maxUrlLength: 2048,
  maxDescriptionLength: 200,
  maxEventTypes: 100,
  maxSiteCodes: 100,
  /** How long the previous secret stays valid after a rotation, by default and at most (hours). */
  defaultGraceHours: 24,
  maxGraceHours: 168,
  /** The widest range a replay may cover (days). */
  maxReplayDays: 31,
} as const;

/** A mine-site registry code, e.g. NK-MAS-014 (the sites context's format). */
export const SITE_CODE_PATTERN = /^(NK|SK)-[A-Z]{3}-\d{3}$/;
