// Use case: a store manager sets a line's stock from the console. WARNING (concurrency): two managers editing the
// same line must not silently overwrite each other, so the write is a conditional UPDATE on the quantity the
// editor saw (`expected`); if it changed meanwhile (a sale, another manager), nothing is written and the caller
// gets CONFLICT with the current quantity to show.
import type { Db } from "../../db/database.ts";
import { failWith, okValue, type AppResult } from "../app-result.ts";
import { notifySizeBack } from "../crm/size-back.ts";
import { isUniqueViolation, writeTx } from "../../db/write-transaction.ts";

export interface StockLineOut {
  storeId: string;
  productId: string;
  size: string;
  quantity: number;
}

export async function setStock(db: Db, input: { storeId: string; productId: string; size: string; quantity: number; expected: number; at: Date }): Promise<AppResult<StockLineOut>> {
  if (!Number.isSafeInteger(input.quantity) || input.quantity < 0) return failWith("INVALID_INPUT", "stock must be a whole number ≥ 0", { field: "quantity" });
  const [store, product] = await Promise.all([
    db.prisma.store.findUnique({ where: { id: input.storeId } }),
    db.prisma.product.findUnique({ where: { id: input.productId } }),
  ]);
  if (!store) return failWith("NOT_FOUND", `no store "${input.storeId}"`);
  if (!product || product.brandId !== store.brandId) return failWith("NOT_FOUND", `no product "${input.productId}" of this store's brand`);
  const sizes = product.sizes as string[];
  if (sizes.length ? !sizes.includes(input.size) : input.size !== "") return failWith("INVALID_INPUT", `size "${input.size}" is not one of ${sizes.join(", ") || "(none)"}`, { field: "size" });
  const key = { storeId: store.id, productId: product.id, size: input.size };
  try {
    return await write(db, key, input);
  } catch (e) {
    // two managers adding the same new line at once: the second insert loses
    if (isUniqueViolation(e)) return failWith("CONFLICT", "the stock changed meanwhile; check it and save again");
    throw e;
  }
}

async function write(db: Db, key: { storeId: string; productId: string; size: string }, input: { quantity: number; expected: number; at: Date }): Promise<AppResult<StockLineOut>> {
  return writeTx(db, async (tx) => {
    const current = await tx.inventory.findUnique({ where: { storeId_productId_size: key } });
    const before = current?.quantity ?? 0;
    let written: number;
    if (current) written = (await tx.inventory.updateMany({ where: { ...key, quantity: input.expected }, data: { quantity: input.quantity } })).count;
    else written = input.expected === 0 ? (await tx.inventory.create({ data: { ...key, quantity: input.quantity } }), 1) : 0;
    if (written !== 1) {
      return failWith<StockLineOut>("CONFLICT", `the stock changed meanwhile: it is now ${before}, not ${input.expected}; check it and save again`, { current: before });
    }
    // a sold-out line that is back: members who asked for it hear so
    if (before <= 0 && input.quantity > 0) await notifySizeBack(tx, [key], input.at);
    return okValue({ ...key, quantity: input.quantity });
  });
}
