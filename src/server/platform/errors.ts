import type { ErrorCode, FieldIssue } from '../../shared/errors.js';

/**
 * The one error type services throw. `message` is an English fallback; the HTTP layer
 * translates `code` (and `messageKey` when given) into the caller's language.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details:
      | ({ fields?: (FieldIssue & { key?: string })[] } & Record<string, unknown>)
      | undefined = undefined,
    readonly messageKey: string | undefined = undefined,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function notFound(what: string): AppError {
  return new AppError('NOT_FOUND', `${what} not found`, { what });
}

export function forbidden(reason = 'not allowed'): AppError {
  return new AppError('FORBIDDEN', reason);
}

export function fieldError(field: string, message: string, messageKey?: string): AppError {
  return new AppError('VALIDATION', message, { fields: [{ field, message }] }, messageKey);
}

/** A problem with one field, named by a key of DETAIL_MESSAGES. */
export interface Problem {
  field: string;
  messageKey: string;
}

/** One VALIDATION error naming every problem, each translated on its own. */
export function problemsError(problems: readonly Problem[]): AppError {
  return new AppError('VALIDATION', problems.map((p) => `${p.field}: ${p.messageKey}`).join('; '), {
    fields: problems.map((p) => ({ field: p.field, message: p.messageKey, key: p.messageKey })),
  });
}
