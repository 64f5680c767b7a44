// Sandbox payment provider over HTTP: the hosted payment page (GET /pay/:id?token=…, with a Pay button) and the
// signed webhook (POST /payments/sandbox/webhook). Both end in applyPaymentEvent, the same code as chat's {"pay"}; the
// webhook's hold events (authorized, captured, voided: pay on arrival) go to applyHoldEvent.
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { Db } from "../../db/database.ts";
import { HOLD_EVENT_TYPES, applyHoldEvent } from "../../app/ordering/apply-hold-event.ts";
import { applyPaymentEvent } from "../../app/ordering/apply-payment-event.ts";
import { isPayable } from "../../domain/orders/order-state.ts";
import { applyBillPaymentEvent } from "../../app/till/bill-payment-event.ts";
import { linkToken, safeEqualHex, verifyWebhookSignature } from "../../payments/signing.ts";
import { money } from "../../conversation/messages.ts";

/** A bill paid at the till (issue 18): the same event with "billId" instead of "orderId". */
export const billWebhookBodySchema = z.object({
  id: z.string().min(1).max(200),
  type: z.literal("payment.succeeded"),
  billId: z.string().min(1).max(100),
  amountCents: z.number().int().min(0),
  currency: z.string().regex(/^[A-Z]{3}$/),
});

export const webhookBodySchema = z.object({
  id: z.string().min(1).max(200),
  type: z.enum(["payment.succeeded", ...HOLD_EVENT_TYPES]),
  orderId: z.string().min(1).max(100),
  amountCents: z.number().int().min(0),
  currency: z.string().regex(/^[A-Z]{3}$/),
});

export interface PaymentRoutesDeps {
  db: Db;
  secret: string;
  clock: () => Date;
}

const page = (title: string, body: string) => `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem;color:#222}h1{font-size:1.3rem}.total{font-size:2rem;margin:1rem 0}button{font-size:1.1rem;padding:.7rem 2rem;border:0;border-radius:.5rem;background:#07c160;color:#fff}.muted{color:#777;font-size:.9rem}li{margin:.2rem 0}</style></head><body>${body}</body></html>`;

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function paymentRoutes(deps: PaymentRoutesDeps) {
  return async (app: FastifyInstance) => {
    // The hosted page's Pay button is an HTML form: browsers post it form-encoded. The page reads nothing from the
    // body (the payment id and token are in the URL), so the body is accepted and ignored.
    app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string", bodyLimit: 4096 }, (_req, body, done) => done(null, body));
    // The webhook signature covers the raw body, so this route keeps it as text.
    app.register(async (scoped) => {
      scoped.addContentTypeParser("application/json", { parseAs: "string" }, (_req, body, done) => done(null, body));
      scoped.post("/payments/sandbox/webhook", async (req, reply) => {
        const raw = typeof req.body === "string" ? req.body : "";
        const check = verifyWebhookSignature(deps.secret, raw, req.headers["o2o-signature"] as string | undefined, Math.floor(deps.clock().getTime() / 1000));
        if (!check.ok) return reply.code(400).send({ ok: false, error: { code: "BAD_SIGNATURE", message: check.reason } });
        let body: unknown;
        try {
          body = JSON.parse(raw);
        } catch {
          return reply.code(400).send({ ok: false, error: { code: "INVALID_INPUT", message: "body is not JSON" } });
        }
        const bill = billWebhookBodySchema.safeParse(body);
        if (bill.success) {
          const out = await applyBillPaymentEvent(deps.db, bill.data, deps.clock());
          if (out.result === "accepted") return reply.code(200).send({ ok: true, billId: out.billId, duplicate: out.duplicate });
          return reply.code(409).send({ ok: false, error: { code: out.code, message: out.message } });
        }
        const ev = webhookBodySchema.safeParse(body);
        if (!ev.success) return reply.code(400).send({ ok: false, error: { code: "INVALID_INPUT", message: `malformed event: ${ev.error.issues[0].path.join(".")} ${ev.error.issues[0].message}` } });
        const { type } = ev.data;
        const outcome = type === "payment.succeeded"
          ? await applyPaymentEvent(deps.db, { ...ev.data, type, provider: "sandbox" }, deps.clock(), { notifyMember: true })
          : await applyHoldEvent(deps.db, { ...ev.data, type, provider: "sandbox" }, deps.clock(), { notifyMember: true });
        if (outcome.result === "accepted") return reply.code(200).send({ ok: true, orderId: outcome.orderId, ...("status" in outcome ? { status: outcome.status } : {}), duplicate: outcome.duplicate });
        return reply.code(409).send({ ok: false, error: { code: outcome.code, message: outcome.message ?? outcome.code } });
      });
    });

    // A bill's hosted page (the second tap of a scan-to-pay without password-free pay): same look, same event.
    const loadBill = async (id: string, token: string | undefined) => {
      const bill = await deps.db.prisma.bill.findUnique({ where: { id } });
      if (!bill || !token || !safeEqualHex(linkToken(deps.secret, bill.id, bill.expiresAt.getTime()), token)) return null;
      return bill;
    };
    app.get<{ Params: { id: string }; Querystring: { token?: string } }>("/pay/bill/:id", async (req, reply) => {
      const bill = await loadBill(req.params.id, req.query.token);
      reply.type("text/html; charset=utf-8");
      if (!bill) return reply.code(404).send(page("链接无效", "<h1>支付链接无效 / Invalid payment link</h1>"));
      const total = money(bill.totalCents ?? bill.subtotalCents, bill.currency, "zh");
      if (bill.status !== "open") return page("账单", `<h1>账单 ${esc(bill.id)}</h1><p class="total">${total}</p><p id="status" data-status="${esc(bill.status)}">${bill.status === "paid" ? "已支付 / paid" : "已取消 / void"}</p>`);
      if (bill.expiresAt < deps.clock()) return page("已过期", `<h1>账单已过期 / This bill has expired</h1>`);
      return page("支付", `<h1>o2o 沙箱支付 · Sandbox payment</h1>${bill.discountCents ? `<p class="muted">优惠 -${money(bill.discountCents, bill.currency, "zh")}${bill.couponCode ? ` (${esc(bill.couponCode)})` : ""}</p>` : ""}<p class="total">${total}</p>
<form method="post" action="/pay/bill/${esc(bill.id)}?token=${esc(req.query.token!)}"><button id="pay" type="submit">支付 Pay ${total}</button></form><p class="muted">沙箱环境，不会真实扣款 · Sandbox: no real money moves.</p>`);
    });
    app.post<{ Params: { id: string }; Querystring: { token?: string } }>("/pay/bill/:id", async (req, reply) => {
      const bill = await loadBill(req.params.id, req.query.token);
      reply.type("text/html; charset=utf-8");
      if (!bill) return reply.code(404).send(page("链接无效", "<h1>支付链接无效 / Invalid payment link</h1>"));
      const out = await applyBillPaymentEvent(deps.db, { id: `sandbox_bill_${bill.id}`, billId: bill.id, amountCents: bill.totalCents ?? bill.subtotalCents, currency: bill.currency }, deps.clock());
      if (out.result === "accepted") return page("支付成功", `<h1>支付成功 / Paid</h1><p id="status" data-status="paid">账单 ${esc(bill.id)} 已支付。</p>`);
      return reply.code(409).send(page("支付失败", `<h1>未能支付 / Not paid</h1><p id="status" data-status="${esc(out.code)}">${esc(out.message)}</p>`));
    });

    const loadPayment = async (id: string, token: string | undefined) => {
      const payment = await deps.db.prisma.payment.findUnique({ where: { id }, include: { order: { include: { items: true } } } });
      if (!payment || !payment.expiresAt || !token || !safeEqualHex(linkToken(deps.secret, payment.id, payment.expiresAt.getTime()), token)) return null;
      return payment;
    };

    app.get<{ Params: { id: string }; Querystring: { token?: string } }>("/pay/:id", async (req, reply) => {
      const payment = await loadPayment(req.params.id, req.query.token);
      reply.type("text/html; charset=utf-8");
      if (!payment) return reply.code(404).send(page("链接无效", "<h1>支付链接无效 / Invalid payment link</h1>"));
      const o = payment.order;
      const items = o.items.map((i) => `<li>${esc(i.name)} ${esc(i.size)} ×${i.quantity}</li>`).join("");
      const total = money(o.totalCents, o.currency, "zh");
      if (!isPayable(o)) {
        return page("订单", `<h1>订单 ${esc(o.id)}</h1><p class="total">${total}</p><p id="status" data-status="${esc(o.status)}">${o.status === "cancelled" ? "订单已取消 / cancelled" : "已支付 / paid"}</p>`);
      }
      if (payment.expiresAt! < deps.clock()) return page("已过期", `<h1>支付链接已过期 / This link has expired</h1>`);
      return page(
        "支付",
        `<h1>o2o 沙箱支付 · Sandbox payment</h1><ul>${items}</ul>${o.discountCents ? `<p class="muted">优惠 -${money(o.discountCents, o.currency, "zh")}${o.couponCode ? ` (${esc(o.couponCode)})` : ""}</p>` : ""}<p class="total">${total}</p>
<form method="post" action="/pay/${esc(payment.id)}?token=${esc(req.query.token!)}"><button id="pay" type="submit">支付 Pay ${total}</button></form><p class="muted">沙箱环境，不会真实扣款 · Sandbox: no real money moves.</p>`,
      );
    });

    app.post<{ Params: { id: string }; Querystring: { token?: string } }>("/pay/:id", async (req, reply) => {
      const payment = await loadPayment(req.params.id, req.query.token);
      reply.type("text/html; charset=utf-8");
      if (!payment) return reply.code(404).send(page("链接无效", "<h1>支付链接无效 / Invalid payment link</h1>"));
      const o = payment.order;
      // The Pay button produces the provider's event: same id for every click, so a double click pays once.
      const outcome = await applyPaymentEvent(
        deps.db,
        { id: `sandbox_${payment.id}`, provider: "sandbox", type: "payment.succeeded", orderId: o.id, amountCents: payment.amountCents, currency: payment.currency },
        deps.clock(),
        { notifyMember: true },
      );
      if (outcome.result === "accepted") return page("支付成功", `<h1>支付成功 / Paid</h1><p id="status" data-status="paid">订单 ${esc(o.id)} 已支付，回到聊天查看进度。</p>`);
      return reply.code(409).send(page("支付失败", `<h1>未能支付 / Not paid</h1><p id="status" data-status="${esc(outcome.code)}">${esc(outcome.message)}</p>`));
    });
  };
}

