import { describe, expect, it } from "vitest";
import { err, ERROR_CODES, fail, isErrorCode, ok, unwrap, type Result } from "../../src/domain/errors.ts";

describe("Result helpers", () => {
  it("ok wraps a value, err and fail wrap an error with a code", () => {
    expect(ok(3)).toEqual({ ok: true, value: 3 });
    expect(err({ code: "OUT_OF_STOCK" })).toEqual({ ok: false, error: { code: "OUT_OF_STOCK" } });
    expect(fail("COUPON_MIN_SPEND", "needs ¥30", { shortfallCents: 1 })).toEqual({
      ok: false, error: { code: "COUPON_MIN_SPEND", message: "needs ¥30", shortfallCents: 1 },
    });
    expect(fail("ALL_CLOSED")).toEqual({ ok: false, error: { code: "ALL_CLOSED" } });
  });

  it("a detail can never overwrite the code", () => {
    expect(fail("ALL_CLOSED", undefined, { code: "OUT_OF_STOCK" } as object).error.code).toBe("ALL_CLOSED");
  });

  it("unwrap returns the value or throws with the code", () => {
    const good: Result<number> = ok(1);
    const bad: Result<number> = fail("INVALID_TRANSITION", "paid → paid");
    expect(unwrap(good)).toBe(1);
    expect(() => unwrap(bad)).toThrow("INVALID_TRANSITION: paid → paid");
  });

  it.each([
    { code: "COUPON_EXPIRED", known: true },
    { code: "OUT_OF_RADIUS", known: true },
    { code: "SOMETHING_ELSE", known: false },
    { code: 42, known: false },
  ])("$code is a known code: $known", ({ code, known }) => {
    expect(isErrorCode(code)).toBe(known);
  });

  it("the codes are unique", () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
  });
});
