// `o2o order show ID` and `o2o order move ID STATUS [--store STORE]`: the operator's door to the same order
// state machine store staff drive from Telegram (accepted, ready, out_for_delivery, shipped, completed, cancelled).
import { Argument, Command, Option } from "commander";
import { expireOrders, moveOrder } from "../app/ordering/order-lifecycle.ts";
import { CONFIRMED_STATUSES, type ConfirmedStatus } from "../domain/orders/order-state.ts";
import { errorText } from "../conversation/messages.ts";
import { systemClock } from "../runtime.ts";
import { CliError } from "./cli-error.ts";
import { withDb } from "./with-db.ts";

export function registerOrder(program: Command): void {
  const order = program.command("order").description("inspect and move orders (store operations)");
  order
    .command("show")
    .description("print an order with its items and status history as JSON")
    .argument("<orderId>")
    .action(async (id: string) => {
      await withDb(async (db) => {
        const o = await db.prisma.order.findUnique({ where: { id }, include: { items: true, history: { orderBy: { at: "asc" } } } });
        if (!o) throw new CliError(`no order "${id}"`);
        console.log(JSON.stringify(o));
      });
    });
  order
    .command("move")
    .description("move an order to its next status; the customer is notified")
    .argument("<orderId>")
    .addArgument(new Argument("<status>", "the new status").choices(CONFIRMED_STATUSES as unknown as string[]))
    .addOption(new Option("--store <id>", "act as this store's staff (refused for another store's order)"))
    .action(async (id: string, status: ConfirmedStatus, opts: { store?: string }) => {
      await withDb(async (db) => {
        const r = await moveOrder(db, { orderId: id, to: status, actor: opts.store ? `store:${opts.store}` : "operator", at: systemClock()(), storeId: opts.store });
        if (!r.ok) throw new CliError(`${r.error.code}: ${r.error.message ?? errorText(r.error.code, "en")}`);
        console.log(JSON.stringify({ orderId: r.value.orderId, from: r.value.from, status: r.value.status }));
      });
    });
  order
    .command("expire")
    .description("cancel quotes and unpaid orders whose time ran out, releasing stock and coupons")
    .action(async () => {
      await withDb(async (db) => console.log(JSON.stringify({ expired: await expireOrders(db, systemClock()()) })));
    });
}
