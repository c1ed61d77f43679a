import { v7 as uuidv7 } from 'uuid';

/**
 * A new id for what the console names (a command, a referral, a meeting, a piece of evidence): time-ordered
 * (UUID version 7), as the platform's own ids are, so the log's indexes grow at their right edge
 * (docs/adr/0040-time-ordered-ids.md).
 */
export function newId(): string {
  return uuidv7();
}
