// Stock moves, race-safe: a reservation is one conditional UPDATE per line (quantity >= wanted), never read-then-write.
import type { Tx } from "../../db/database.ts";

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

export async function releaseStock(tx: Tx, storeId: string, lines: StockLine[]): Promise<void> {
  for (const l of lines) {
    await tx.inventory.updateMany({ where: { storeId, productId: l.productId, size: l.size }, data: { quantity: { increment: l.quantity } } });
  }
}
