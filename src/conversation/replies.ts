// The typed reply union every channel renders (docs/chat-protocol.md "Replies"): text for people, typed fields for programs.
import type { ConfirmedStatus, QUOTE } from "../domain/orders/order-state.ts";

import type { Button } from "../domain/chat/button.ts";

export type { Button };

interface Base {
  text: string;
  buttons?: Button[];
  /** a product photo (the catalog's photoUrl) that channels show with the text, as a product card */
  photoUrl?: string;
}

export type Reply =
  | (Base & { type: "text" })
  /** a question with choices; request = "location" asks the channel for the user's location (Telegram: request_location keyboard) */
  | (Base & { type: "choice"; request?: "location" | "contact" })
  | (Base & { type: "store"; storeId: string; name: string; distanceMeters: number | null; address?: string; openHours?: string; lat?: number; lng?: number })
  | (Base & {
      type: typeof QUOTE;
      orderId: string;
      storeId: string;
      subtotalCents: number;
      discountCents: number;
      totalCents: number;
      currency: string;
      couponCode: string | null;
      fulfillment: "delivery" | "pickup" | "ship";
      creditedStoreId?: string;
      /** the estimate in minutes (delivery: the store's preparation plus the ride) */
      etaMinutes?: number;
    })
  /** a bill at a store's till (till-flow.ts): status open | paid | expired | void */
  | (Base & { type: "bill"; billId: string; storeId: string; subtotalCents: number; discountCents: number; totalCents: number; currency: string; couponCode: string | null; status?: string })
  | (Base & { type: "payment_link"; orderId: string; url: string; totalCents: number; currency: string; expiresAt: string })
  | (Base & { type: "order"; orderId: string; status: ConfirmedStatus; storeId: string })
  | (Base & { type: "coupon"; code: string; brandId: string; validTo: string; status: "claimed" | "redeemed" | "expired" })
  | (Base & { type: "appointment"; appointmentId: string; storeId: string; staffId: string; start: string; status?: string })
  | (Base & { type: "error"; code?: string })
  | (Base & { type: "push"; source: "campaign" | "follow_up" | "order"; campaignId?: string });

export type { Lang } from "../messages/lang.ts";

export const text = (t: string, buttons?: Button[]): Reply => (buttons ? { type: "text", text: t, buttons } : { type: "text", text: t });
export const errorReply = (t: string, code?: string, buttons?: Button[]): Reply => ({ type: "error", text: t, ...(code ? { code } : {}), ...(buttons ? { buttons } : {}) });
