// What members are told about their orders, in zh-CN and en: the status labels (the chat's order list, the Mini App,
// the staff's order cards) and the pushes the ordering use cases queue in the outbox. It sits below src/app so that
// the use cases, the Mini App, the conversation and the channels read one dictionary.
import { formatDistance } from "../domain/delivery/tracking.ts";
import type { OrderStatus } from "../domain/orders/order-state.ts";
import type { Lang } from "./lang.ts";

/** The label of each order status. */
export const STATUS_TEXT: Record<OrderStatus, Record<Lang, string>> = {
  quote: { zh: "待确认", en: "waiting for confirmation" },
  pending_payment: { zh: "待支付", en: "waiting for payment" },
  authorized: { zh: "已冻结付款（免密支付），送达时扣款", en: "payment held (one-tap pay), charged on arrival" },
  paid: { zh: "已支付，等待门店接单", en: "paid, waiting for the store" },
  accepted: { zh: "门店已接单，正在准备", en: "accepted by the store, being prepared" },
  ready: { zh: "已备好", en: "ready" },
  out_for_delivery: { zh: "配送中", en: "out for delivery" },
  shipped: { zh: "已发货", en: "shipped" },
  completed: { zh: "已完成", en: "completed" },
  cancelled: { zh: "已取消", en: "cancelled" },
};

/** The label of a status read from storage; an unknown one is shown as it is. */
export function statusText(status: string, lang: Lang): string {
  return (STATUS_TEXT as Record<string, Record<Lang, string> | undefined>)[status]?.[lang] ?? status;
}

const zh = {
  /** the order moved (order-lifecycle.ts); a completed order's location is gone with it */
  moved: (orderId: string, to: OrderStatus) => `订单 ${orderId}：${STATUS_TEXT[to].zh}${to === "completed" ? "，这一单的位置信息已删除。" : ""}`,
  paid: (orderId: string) => `订单 ${orderId} 支付成功`,
  held: (orderId: string) => `订单 ${orderId} 已冻结付款，送达时扣款`,
  taken: (orderId: string) => `订单 ${orderId} 已扣款`,
  courierArrived: (orderId: string) => `🛵 订单 ${orderId}：骑手已到达，请准备取餐。`,
  courierNear: (orderId: string, meters: number, minutes: number | null) => `🛵 订单 ${orderId}：骑手距你约 ${formatDistance(meters, "zh")}，预计 ${minutes} 分钟送达。`,
};

const en: typeof zh = {
  moved: (orderId: string, to: OrderStatus) => `Order ${orderId}: ${STATUS_TEXT[to].en}.${to === "completed" ? " Your location for this order has been deleted." : ""}`,
  // sent with the Chinese text, which names the order
  paid: () => "payment received",
  held: () => "payment held, charged on arrival",
  taken: () => "payment taken",
  courierArrived: (orderId: string) => `🛵 Order ${orderId}: the courier has arrived.`,
  courierNear: (orderId: string, meters: number, minutes: number | null) => `🛵 Order ${orderId}: the courier is ${formatDistance(meters, "en")} away, about ${minutes} min.`,
};

/** The order pushes, per language. */
export const ORDER_PUSHES: Record<Lang, typeof zh> = { zh, en };

/** A push in both languages, for a use case that does not look up the member's language: "订单 … 支付成功 / payment received". */
export function inBothLanguages(push: (texts: typeof zh) => string): string {
  return `${push(zh)} / ${push(en)}`;
}
