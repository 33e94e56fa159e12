import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ERROR_CODES,
  type ErrorBody,
  type ErrorCode,
  type FieldIssue,
} from '../../../shared/errors.js';
import { DETAIL_MESSAGES, ERROR_MESSAGES, type Locale } from '../../../shared/messages.js';
import { AppError } from '../errors.js';

const zodLocales: Record<Locale, () => { localeError: (issue: never) => unknown }> = {
  'zh-CN': z.locales.zhCN,
  'en-US': z.locales.en,
};

function fieldPath(instancePath: string): string {
  return instancePath.replace(/^\//, '').replaceAll('/', '.') || '(body)';
}

function zodIssueMessage(locale: Locale, issue: Record<string, unknown>): string {
  const detail =
    typeof issue.message === 'string' ? DETAIL_MESSAGES[locale][issue.message] : undefined;
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    return DETAIL_MESSAGES[locale].required ?? 'Required';
  }
  if (detail) return detail;
  const map = zodLocales[locale]().localeError as (issue: unknown) => unknown;
  const result = map(issue);
  if (typeof result === 'string') return result;
  if (result && typeof result === 'object' && 'message' in result) return String(result.message);
  return String(issue.message);
}

interface ValidationItem {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/** Map any error to `{ error: { code, message, details } }` in the caller's language. */
export function errorResponse(error: unknown, locale: Locale): { status: number; body: ErrorBody } {
  const messages = ERROR_MESSAGES[locale];
  if (error instanceof AppError) {
    const fields = error.details?.fields?.map((f) => ({
      field: f.field,
      message:
        (f.key && DETAIL_MESSAGES[locale][f.key]) ||
        (error.messageKey && DETAIL_MESSAGES[locale][error.messageKey]) ||
        f.message,
    }));
    const message =
      (!fields && error.messageKey && DETAIL_MESSAGES[locale][error.messageKey]) ||
      messages[error.code];
    return {
      status: ERROR_CODES[error.code],
      body: {
        error: {
          code: error.code,
          message,
          details: { ...error.details, ...(fields ? { fields } : {}) },
        },
      },
    };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const items = (error as unknown as { validation: ValidationItem[]; validationContext?: string })
      .validation;
    const fields: FieldIssue[] = items.map((item) => {
      const path = item.instancePath.replace(/^\//, '').split('/').filter(Boolean);
      return {
        field: fieldPath(item.instancePath),
        message: zodIssueMessage(locale, {
          ...item.params,
          code: item.keyword,
          path,
          message: item.message,
        }),
      };
    });
    return {
      status: 400,
      body: { error: { code: 'VALIDATION', message: messages.VALIDATION, details: { fields } } },
    };
  }
  const fe = error as Partial<FastifyError>;
  const status = typeof fe.statusCode === 'number' ? fe.statusCode : 500;
  let code: ErrorCode = 'INTERNAL';
  if (status === 429) code = 'RATE_LIMITED';
  else if (status === 413) code = 'PAYLOAD_TOO_LARGE';
  else if (status === 415) code = 'UNSUPPORTED_MEDIA_TYPE';
  else if (status === 404) code = 'NOT_FOUND';
  else if (status >= 400 && status < 500) code = 'BAD_REQUEST';
  return {
    status: code === 'INTERNAL' ? 500 : status,
    body: { error: { code, message: messages[code] } },
  };
}

export function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  error: unknown,
): FastifyReply {
  const { status, body } = errorResponse(error, request.locale);
  if (status >= 500) request.log.error({ err: error }, 'request failed');
  return reply.status(status).send(body);
}
