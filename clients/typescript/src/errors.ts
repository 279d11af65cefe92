// Problem details (RFC 9457) as typed exceptions: every non-2xx answer of Warden is
// application/problem+json; the client turns it into the subclass of WardenError for its status.
import type { components } from './generated/openapi.js';

export type Problem = components['schemas']['Problem'];
export type FieldError = components['schemas']['FieldError'];

/** A problem+json answer of Warden (or a transport failure, with status 0). */
export class WardenError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly type: string;
  readonly errors: readonly FieldError[];
  /** Seconds to wait before trying again (`Retry-After`), when Warden said so. */
  readonly retryAfter: number | null;
  /** Warden's `X-Request-Id` of the failed request, for the logs. */
  readonly requestId: string | null;

  constructor(problem: Problem, retryAfter: number | null = null, requestId: string | null = null) {
    super(`${problem.status} ${problem.title}: ${problem.detail}`);
    this.name = new.target.name;
    this.status = problem.status;
    this.title = problem.title;
    this.detail = problem.detail;
    this.type = problem.type;
    this.errors = problem.errors ?? [];
    this.retryAfter = retryAfter;
    this.requestId = requestId;
  }
}

/** 400: malformed or invalid input; `errors` names the fields. */
export class WardenValidationError extends WardenError {}
/** 401: missing, invalid, expired or revoked token, reused refresh token, or bad credentials. */
export class WardenUnauthorizedError extends WardenError {}
/** 403: authenticated, but not allowed. */
export class WardenForbiddenError extends WardenError {}
/** 404: no such resource in the caller's tenant. */
export class WardenNotFoundError extends WardenError {}
/** 409: a duplicate name, slug or e-mail. */
export class WardenConflictError extends WardenError {}
/** 429: rate limited; `retryAfter` says for how long. */
export class WardenRateLimitedError extends WardenError {}
/** 503: a dependency Warden needs is down, or it is busy; `retryAfter` when known. */
export class WardenUnavailableError extends WardenError {}
/** No HTTP answer at all (network down, CORS refused, aborted). */
export class WardenNetworkError extends WardenError {}

const BY_STATUS: Record<number, new (p: Problem, r: number | null, id: string | null) => WardenError> = {
  400: WardenValidationError,
  401: WardenUnauthorizedError,
  403: WardenForbiddenError,
  404: WardenNotFoundError,
  409: WardenConflictError,
  429: WardenRateLimitedError,
  503: WardenUnavailableError,
};

/** The typed exception for a non-2xx response (its body is read). */
export async function problemOf(response: Response): Promise<WardenError> {
  const retryAfter = retryAfterOf(response.headers.get('retry-after'));
  const requestId = response.headers.get('x-request-id');
  let problem: Problem = {
    type: 'about:blank',
    title: response.statusText || 'HTTP ' + response.status,
    status: response.status,
    detail: '',
  };
  const text = await response.text().catch(() => '');
  if (text) {
    try {
      const body = JSON.parse(text) as Partial<Problem>;
      problem = {
        type: typeof body.type === 'string' ? body.type : problem.type,
        title: typeof body.title === 'string' ? body.title : problem.title,
        status: typeof body.status === 'number' ? body.status : response.status,
        detail: typeof body.detail === 'string' ? body.detail : '',
        ...(Array.isArray(body.errors) ? { errors: body.errors } : {}),
      };
    } catch {
      problem = { ...problem, detail: text.slice(0, 200) };
    }
  }
  const Type = BY_STATUS[response.status] ?? WardenError;
  return new Type(problem, retryAfter, requestId);
}

export function networkError(cause: unknown): WardenNetworkError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  const error = new WardenNetworkError({ type: 'about:blank', title: 'Network error', status: 0, detail });
  (error as { cause?: unknown }).cause = cause;
  return error;
}

function retryAfterOf(value: string | null): number | null {
  if (value === null) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** The error of a call that needs a session when the client holds none. */
export function signedOut(): WardenUnauthorizedError {
  return new WardenUnauthorizedError({
    type: 'about:blank',
    title: 'Signed out',
    status: 401,
    detail: 'the client holds no session: log in first',
  });
}
