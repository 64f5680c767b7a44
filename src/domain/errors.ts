// Expected failures of the domain, as values: a closed set of codes that channels turn into words in the user's language.
// Broken invariants (non-integer cents, a transition table typo) are bugs and are thrown instead.

/** Every failure code the domain can return; channels map each one to a friendly message. */
export const ERROR_CODES = [
  // input the domain was handed but cannot use
  "INVALID_OPEN_HOURS",
  "INVALID_TIME_ZONE",
  // store matching (why no store can serve the request)
  "NO_STORE_NEARBY",
  "SERVICE_UNAVAILABLE",
  "OUT_OF_RADIUS",
  "ALL_CLOSED",
  "OUT_OF_STOCK",
  "PROMISE_BROKEN",
  // coupons
  "COUPON_EXPIRED",
  "COUPON_NOT_YET_VALID",
  "COUPON_MIN_SPEND",
  "COUPON_WRONG_STORE",
  "COUPON_WRONG_CHANNEL",
  "COUPON_LIMIT_REACHED",
  "COUPON_MEMBER_LIMIT",
  "COUPON_WRONG_BRAND",
  // orders
  "INVALID_TRANSITION",
] as const;

/** The closed union of failure codes. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** A failure value: a code from the closed set, an optional developer-facing message, and code-specific details. */
export interface DomainError<C extends ErrorCode = ErrorCode> {
  code: C;
  /** for logs and developers; users see the channel's translation of `code` */
  message?: string;
}

/** The success half of a Result. */
export interface Ok<T> {
  ok: true;
  value: T;
}

/** The failure half of a Result. */
export interface Err<E> {
  ok: false;
  error: E;
}

/** Either a value or an expected failure; discriminate on `ok`. */
export type Result<T, E extends DomainError = DomainError> = Ok<T> | Err<E>;

/** Wraps a value as a success. */
export function ok<T>(value: T): Ok<T> {
  return { ok: true, value };
}

/** Wraps an error as a failure. */
export function err<E extends DomainError>(error: E): Err<E> {
  return { ok: false, error };
}

/** Builds a failure from a code, a message and code-specific details in one call. */
export function fail<C extends ErrorCode, D extends object = object>(code: C, message?: string, details?: D): Err<DomainError<C> & D> {
  return { ok: false, error: { ...(details as D), code, ...(message === undefined ? {} : { message }) } };
}

/** True for a known failure code (e.g. when reading one back from storage or a callback). */
export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === "string" && (ERROR_CODES as readonly string[]).includes(code);
}

/** The value of a success, or throws: only for callers that have already ruled the failure out (tests, seeds). */
export function unwrap<T>(result: Result<T, DomainError>): T {
  if (result.ok) return result.value;
  throw new Error(`unwrap on a failure: ${result.error.code}${result.error.message ? `: ${result.error.message}` : ""}`);
}
