import type { ErrorBody, ErrorCode, FieldIssue } from '../../shared/errors.js';
import { currentLocale } from '../i18n/index.js';

/** A failed API call: the server's error code and its message, already in the caller's language. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'NETWORK',
    message: string,
    readonly details: ({ fields?: FieldIssue[] } & Record<string, unknown>) | undefined,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get fields(): FieldIssue[] {
    return this.details?.fields ?? [];
  }
}

let csrfToken: string | null = null;

/** Remember the token the server handed out with the session; sent with every change. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

function urlOf(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return `/api/v1${path}${search ? `?${search}` : ''}`;
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = value.error;
  return typeof error === 'object' && error !== null && 'code' in error && 'message' in error;
}

async function request<T>(method: string, path: string, query?: Query, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'x-qf-locale': currentLocale(),
  };
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (body !== undefined) headers['content-type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(urlOf(path, query), {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', '', undefined);
  }

  const text = await response.text();
  let payload: unknown = undefined;
  if (text) {
    try {
      payload = JSON.parse(text);
    } catch {
      payload = undefined;
    }
  }
  if (!response.ok) {
    if (isErrorBody(payload)) {
      const { code, message, details } = payload.error;
      throw new ApiError(response.status, code, message, details);
    }
    throw new ApiError(
      response.status,
      response.status >= 500 ? 'INTERNAL' : 'BAD_REQUEST',
      '',
      undefined,
    );
  }
  return payload as T;
}

/** The one HTTP client of the web app: JSON in and out, locale and CSRF headers added. */
export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, query),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, undefined, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, undefined, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
};
