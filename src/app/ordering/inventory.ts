// Stock moves, race-safe: a reservation is one conditional UPDATE per line (quantity >= wanted), never read-then-write.
import type { Tx } from "../../db/database.ts";
import { notifySizeBack, type Restock } from "../crm/size-back.ts";

export interface StockLine {
  productId: string;
  size: string;
  quantity: number;
}

/** Takes every line from the store's stock or nothing: returns the first line that was short, or null. The caller must roll back on a shortage. */
export async function reserveStock(tx: Tx, storeId: string, lines: StockLine[]): Promise<StockLine | null> {
  for (const l of lines) {
    const { count } = await tx.inventory.updateMany({
      where: { storeId, productId: l.productId, size: l.size, quantity: { gte: l.quantity } },
      data: { quantity: { decrement: l.quantity } },
    });
    if (count !== 1) return l;
  }
  return null;
}

/** Gives stock back (a cancelled or expired order). A line that was sold out is back: members who asked for it hear so (size-back.ts). */
export async function releaseStock(tx: Tx, storeId: string, lines: StockLine[], at: Date = new Date()): Promise<void> {
  const back: Restock[] = [];
  for (const l of lines) {
    const where = { storeId, productId: l.productId, size: l.size };
    // the sold-out case first, as its own conditional UPDATE: of two racing releases exactly one sees the zero
    const wasOut = await tx.inventory.updateMany({ where: { ...where, quantity: { lte: 0 } }, data: { quantity: { increment: l.quantity } } });
    if (wasOut.count === 1 && l.quantity > 0) back.push(where);
    else await tx.inventory.updateMany({ where, data: { quantity: { increment: l.quantity } } });
  }
  if (back.length) await notifySizeBack(tx, back, at);
}
