/**
 * Errors shared by every aggregate. Each aggregate's own errors name the rule
 * they break (`IncidentAlreadyClosed`); these cover what all of them share:
 * malformed input and missing roles.
 *
 * @module
 */
import type { Role } from './actor.js';

/** Input that does not match a command's codec; each problem names its field path. */
export interface MalformedCommand {
  readonly _tag: 'MalformedCommand';
  /** Readable problems, e.g. `data.impact: expected 1 | 2 | 3, got 7`. */
  readonly problems: readonly string[];
}

/** The actor lacks every role allowed to issue the command. */
export interface CommandNotAuthorized {
  readonly _tag: 'CommandNotAuthorized';
  readonly command: string;
  readonly actor: string;
  /** The roles any one of which would have allowed it. */
  readonly requiredRoles: readonly Role[];
}

/** Builds a {@link CommandNotAuthorized}. */
export const commandNotAuthorized = (
  command: string,
  actor: string,
  requiredRoles: readonly Role[],
): CommandNotAuthorized => ({ _tag: 'CommandNotAuthorized', command, actor, requiredRoles });
