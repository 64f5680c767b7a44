// Row ids for rows written in raw SQL, shaped like the cuid()s Prisma writes elsewhere: "c", the time in base 36,
// a per-process counter and random characters (25 lowercase alphanumerics, roughly ordered by creation time).
import { randomBytes } from "node:crypto";

let counter = Math.floor(Math.random() * 36 ** 4);

export function newId(): string {
  counter = (counter + 1) % 36 ** 4;
  const time = Date.now().toString(36).padStart(8, "0").slice(-8);
  const random = BigInt(`0x${randomBytes(8).toString("hex")}`).toString(36).padStart(12, "0").slice(-12);
  return `c${time}${counter.toString(36).padStart(4, "0")}${random}`;
}
