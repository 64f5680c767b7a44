// Expected failures of use cases, as values rather than exceptions: the domain's codes plus those only the app layer can know.
import type { ErrorCode } from "../domain/errors.ts";

export type AppErrorCode =
  | ErrorCode
  | "NOT_FOUND"
  | "NOT_ALLOWED"
  | "INVALID_INPUT"
  | "ORDER_NOT_PAYABLE"
  | "ORDER_EXPIRED"
  | "PAYMENT_MISMATCH"
  | "ALREADY_PAID"
  | "COUPON_NOT_FOUND"
  | "COUPON_NOT_CLAIMED"
  | "COUPON_ALREADY_REDEEMED"
  | "COUPON_PAUSED"
  | "SLOT_TAKEN"
  | "NEEDS_LOCATION"
  | "CONFLICT"
  // bills at the till and password-free pay (src/app/till/)
  | "BILL_EXPIRED"
  | "BILL_TAKEN"
  | "BILL_VOID"
  | "BILL_PAID"
  | "ONE_TAP_OFF"
  | "ONE_TAP_LIMIT"
  | "ONE_TAP_DAILY_CAP";

export interface AppError {
  code: AppErrorCode;
  message?: string;
  [detail: string]: unknown;
}

export type AppResult<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const okValue = <T,>(value: T): AppResult<T> => ({ ok: true, value });
export const failWith = <T = never,>(code: AppErrorCode, message?: string, details: Record<string, unknown> = {}): AppResult<T> => ({
  ok: false,
  error: { ...details, code, ...(message ? { message } : {}) },
});

/** Thrown inside a transaction to roll it back and return the failure as a value (see `runTx`). */
export class Rollback extends Error {
  constructor(public readonly error: AppError) {
    super(error.code);
  }
}
