// Phone numbers as the CRM keys them: E.164 ("+8613812345678"), so the number a till types ("138 1234 5678"),
// the one Telegram shares ("8613812345678") and the one a member types ("+86 138-1234-5678") are one key.
// Pure: no I/O.

/** A Chinese mobile number without a country code: 11 digits starting with 1. */
const CN_MOBILE = /^1[3-9]\d{9}$/;

/** The E.164 form of a phone number, or null when it is not one (too short, letters, …). */
export function normalizePhone(raw: string): string | null {
  const t = raw.trim();
  if (!/^\+?[\d\s\-().]{6,24}$/.test(t)) return null;
  const plus = t.startsWith("+");
  let digits = t.replace(/\D/g, "");
  if (!plus && digits.startsWith("00")) digits = digits.slice(2);
  if (!plus && CN_MOBILE.test(digits)) return `+86${digits}`;
  if (digits.length < 8 || digits.length > 15) return null;
  return `+${digits}`;
}

/**
 * True when a member reference typed at the till is clearly a phone number (a "+" number or a Chinese mobile),
 * not a member id, chat user id or card code: only such a reference may create a member there.
 */
export function looksLikePhone(ref: string): boolean {
  const t = ref.trim();
  const digits = t.replace(/[\s\-()]/g, "");
  return (/^\+\d{8,15}$/.test(digits) || CN_MOBILE.test(digits) || /^86 ?1[3-9]\d{9}$/.test(digits)) && normalizePhone(t) !== null;
}

/** A merchant's member card number: 4 to 32 letters, digits or dashes. */
export function normalizeMemberCode(raw: string): string | null {
  const t = raw.trim().toUpperCase();
  return /^[A-Z0-9][A-Z0-9-]{3,31}$/.test(t) ? t : null;
}
