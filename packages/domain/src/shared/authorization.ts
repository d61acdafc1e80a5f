/**
 * Authorization as data: for each command type, the roles any one of which
 * may issue it. Each aggregate ships default rules; the embedding
 * application overrides them per command with {@link overrideRules}.
 *
 * @module
 */
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import type { Actor, Role } from './actor.js';
import { commandNotAuthorized, type CommandNotAuthorized } from './domain-errors.js';

/** Command type → the roles allowed to issue it. */
export type AuthorizationRules<CommandType extends string = string> = Readonly<Record<CommandType, readonly Role[]>>;

/** Checks that the actor holds one of the roles the rules allow for the command type. */
export const authorize = <CommandType extends string>(
  rules: AuthorizationRules<CommandType>,
  commandType: CommandType,
  actor: Actor,
): Either<CommandNotAuthorized, void> => {
  const allowed = rules[commandType];
  return allowed.some((role) => actor.roles.includes(role))
    ? right(undefined)
    : left(commandNotAuthorized(commandType, actor.id, allowed));
};

/** Replaces the allowed roles of some command types, keeping the rest. */
export const overrideRules = <CommandType extends string>(
  rules: AuthorizationRules<CommandType>,
  overrides: Partial<Record<CommandType, readonly Role[]>>,
): AuthorizationRules<CommandType> => ({ ...rules, ...overrides }) as AuthorizationRules<CommandType>;
