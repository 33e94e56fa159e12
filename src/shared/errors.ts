/** Error codes the API returns; the web client translates each code in one place. */
export const ERROR_CODES = {
  VALIDATION: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  TOTP_REQUIRED: 401,
  SESSION_EXPIRED: 401,
  CSRF: 403,
  FORBIDDEN: 403,
  READ_ONLY: 403,
  ACCOUNT_LOCKED: 423,
  ACCOUNT_DISABLED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  WEAK_PASSWORD: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface FieldIssue {
  /** Dotted path of the field, e.g. `grants.0.regionCode`. */
  field: string;
  message: string;
}

export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    details?: { fields?: FieldIssue[] } & Record<string, unknown>;
  };
}
