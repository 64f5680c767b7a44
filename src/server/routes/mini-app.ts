// The Mini App: its JSON API under /app/api/ and the static storefront under /app/ (mini-app-static.ts).
// Catalog reads are public (scoped to the launching bot's brands inside Telegram); anything about a member needs
// Telegram initData (Authorization: tma …) or the local web sign-in (session cookie or Authorization: Bearer …),
// and a forged or stale credential gets 401 everywhere. Every change calls the same src/app use cases as the chat.
// Each route's params, query and body are validated by fastify from its zod schemas (a friendly 400 in the member's
// language), and the same schemas make the OpenAPI document at /app/api/openapi.json.
import { recordMiniAppLaunch } from "../../miniapp/launch-attribution.ts";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Db } from "../../db/database.ts";
import { loadBots } from "../../bot-config.ts";
import type { AppError } from "../../app/app-result.ts";
import { claimCoupon } from "../../app/coupons/coupon-use-cases.ts";
import { confirmOrder, type LinkSigner } from "../../app/ordering/order-lifecycle.ts";
import { resolveMember } from "../../app/members.ts";
import { checkoutCart, quoteCart } from "../../miniapp/cart.ts";
import { AUTH_TEXT, appErrorText, langOf, statusFor, type Lang } from "../../miniapp/api-errors.ts";
import { findOwnOrder, listBrands, listOrders, listStores, storeShelf, walletView } from "../../miniapp/storefront.ts";
import { botsWithTokens, credentialsOf, resolveViewer, type TokenBot, type Viewer } from "../../miniapp/viewer.ts";
import { SESSION_COOKIE, cookieKey, cookieValue, signSessionToken, unsignSessionToken, webIdentityOf } from "../../miniapp/web-session.ts";
import { loginWidgetSchema, validateLoginWidget } from "../../miniapp/login-widget.ts";
import { endWebSession, redeemSignInLink, startWebSession, WEB_SESSION_TTL_MS, type WebSignInMethod } from "../../app/sessions.ts";
import { forgetMember } from "../../app/privacy.ts";
import { Throttle, tooManyAttempts } from "../throttle.ts";
import fastifyCookie from "@fastify/cookie";
import { miniAppStaticRoutes } from "./mini-app-static.ts";
import { checkedByHandler, invalidInputOf, validateAndDescribe } from "../openapi.ts";
import {
  ANYONE, MEMBER, NOT_SIGNED_IN, answers, authOut, brandsOut, cartSchema, checkoutOut, checkoutSchema, claimOut, claimSchema, forgetSchema, forgottenOut,
  langQuery, linkSchema, meOut, orderOut, orderParams, ordersOut, payOut, productsQuery, quoteOut, sessionOut, shelfOut, signInSchema, signedOutOut, storesOut,
  storesQuery, walletOut, walletQuery,
} from "./mini-app-schemas.ts";

export interface MiniAppDeps {
  db: Db;
  clock: () => Date;
  /** base of payment links (PUBLIC_URL) */
  publicUrl: string;
  /** PAYMENT_SECRET: signs payment links, and (derived) the web sign-in sessions */
  secret: string;
  /** the bots whose tokens may sign initData; default: every bot in bots/ whose token variable is set */
  bots?: TokenBot[] | (() => TokenBot[]);
  maxInitDataAgeSeconds?: number;
  webDir?: string;
  /** the name-only sign-in (POST /app/api/session {"name"}); default: LOCAL_SIGN_IN=1 in the environment */
  localSignIn?: boolean;
  /** the Login Widget's bot (its username shows the button); default: the marketplace bot when its token is set */
  loginBotUsername?: string | null;
  /** sign-in guessing brake per client address */
  throttle?: Throttle;
}

const INPUT_TEXT = { zh: "请求的内容有误", en: "The request is not valid" };

export function miniAppRoutes(deps: MiniAppDeps) {
  const bots = typeof deps.bots === "function" ? deps.bots : deps.bots ? () => deps.bots as TokenBot[] : (() => {
    const configured = botsWithTokens(loadBots());
    return () => configured;
  })();
  const signer: LinkSigner = { publicUrl: deps.publicUrl.replace(/\/+$/, ""), secret: deps.secret };
  const viewerDeps = { db: deps.db, bots, sessionSecret: deps.secret, maxInitDataAgeSeconds: deps.maxInitDataAgeSeconds };
  const lang = (req: FastifyRequest): Lang => langOf(req.headers["accept-language"], (req.query as { lang?: string } | undefined)?.lang);

  const fail = (req: FastifyRequest, reply: FastifyReply, e: AppError) =>
    reply.code(statusFor(e)).send({ ok: false, error: { code: e.code, ...(e.reason ? { reason: e.reason } : {}), message: appErrorText(e, lang(req)) } });

  /** The signed-in member, or a 401 already sent. */
  async function viewer(req: FastifyRequest, reply: FastifyReply): Promise<Viewer | null> {
    const check = await resolveViewer(viewerDeps, req.headers, deps.clock());
    if (check.ok) return check.viewer;
    reply.code(401).send({ ok: false, error: { code: "UNAUTHORIZED", reason: check.reason, message: AUTH_TEXT[check.reason][lang(req)] } });
    return null;
  }

  /** Catalog reads: anyone may browse; presented credentials must still be valid (and scope Telegram to its bot). */
  async function browsingScope(req: FastifyRequest, reply: FastifyReply): Promise<{ scope: string[] | null } | null> {
    const check = await resolveViewer(viewerDeps, req.headers, deps.clock());
    if (check.ok) return { scope: check.viewer.brandIds };
    if (check.reason === "NO_CREDENTIALS") return { scope: null };
    reply.code(401).send({ ok: false, error: { code: "UNAUTHORIZED", reason: check.reason, message: AUTH_TEXT[check.reason][lang(req)] } });
    return null;
  }

  const localSignIn = deps.localSignIn ?? process.env.LOCAL_SIGN_IN === "1";
  const throttle = deps.throttle ?? new Throttle({ free: 10, baseDelayMs: 2000, maxDelayMs: 15 * 60_000 });
  const loginBot = deps.loginBotUsername ?? null;

  /** The session secret a request carries (bearer token or signed cookie), or null when absent, forged or malformed. */
  function sessionSecretOf(req: FastifyRequest): string | null {
    const creds = credentialsOf(req.headers);
    return creds.session ? unsignSessionToken(deps.secret, creds.session) : null;
  }

  const api = async (fastify: FastifyInstance) => {
    await validateAndDescribe(fastify, {
      title: "o2o-chat Mini App API",
      description: "The Mini App's JSON API. Catalog reads are public; anything about a member needs Telegram initData or a web sign-in session. Failures are { ok: false, error: { code, message } } in the member's language.",
      securitySchemes: {
        telegramInitData: { type: "apiKey", in: "header", name: "Authorization", description: "`tma <initData>` as Telegram gives it to the Mini App" },
        sessionToken: { type: "http", scheme: "bearer", description: "the token a sign-in (POST /app/api/session…) answers with" },
        sessionCookie: { type: "apiKey", in: "cookie", name: SESSION_COOKIE, description: "the signed HttpOnly cookie a sign-in sets" },
      },
    });
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());
    await app.register(fastifyCookie, { secret: cookieKey(deps.secret), parseOptions: {} });
    app.setErrorHandler((err: { statusCode?: number; message?: string }, req, reply) => {
      const l = lang(req);
      const invalid = invalidInputOf(err);
      if (invalid) {
        return reply.code(400).send({ ok: false, error: { code: "INVALID_INPUT", message: `${INPUT_TEXT[l]}${invalid.field ? `: ${invalid.field}` : ""} (${invalid.message})` } });
      }
      const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
      if (status === 500) req.log.error({ err }, "mini app API failed");
      const message = status === 500 ? (l === "zh" ? "出了点问题，请稍后再试。" : "Something went wrong; please try again.") : `${INPUT_TEXT[l]} (${err.message})`;
      return reply.code(status).send({ ok: false, error: { code: status === 500 ? "INTERNAL" : "INVALID_INPUT", message } });
    });
    app.addHook("onSend", async (_req, reply, payload) => {
      reply.header("cache-control", "no-store");
      return payload;
    });
    // a request without a body is checked as an empty object: the answer names the missing field
    app.addHook("preValidation", async (req) => {
      if (req.body === undefined || req.body === null) req.body = {};
    });

    // --- session ---------------------------------------------------------------------------------------------
    /** A throttled door: refused (429) while the address is locked; `attempt` says whether it succeeded. */
    async function throttled<T>(req: FastifyRequest, reply: FastifyReply, door: string, attempt: () => Promise<T | null>, countEvery = false): Promise<T | null> {
      const key = `${door}:${req.ip}`;
      const allowed = throttle.check(key);
      if (!allowed.ok) {
        reply.code(429).header("retry-after", String(allowed.retryAfterSeconds)).send(tooManyAttempts(allowed.retryAfterSeconds, lang(req) === "en"));
        return null;
      }
      const out = await attempt();
      if (out === null || countEvery) throttle.fail(key);
      else throttle.succeed(key);
      return out;
    }

    /** Starts a session for a member who proved who they are, and sets the signed HttpOnly cookie. */
    async function signIn(req: FastifyRequest, reply: FastifyReply, memberId: string, method: WebSignInMethod) {
      const session = await startWebSession(deps.db, { memberId, method, at: deps.clock() });
      const token = signSessionToken(deps.secret, session.secret);
      reply.setCookie(SESSION_COOKIE, session.secret, {
        signed: true, httpOnly: true, sameSite: "lax", secure: req.protocol === "https", path: "/app", maxAge: Math.floor(WEB_SESSION_TTL_MS / 1000),
      });
      const m = await deps.db.prisma.member.findUniqueOrThrow({ where: { id: memberId } });
      return { ok: true, token, method, expiresAt: session.expiresAt.toISOString(), member: { id: m.id, displayName: m.displayName, channel: "web" } };
    }

    const authFailure = (req: FastifyRequest, reply: FastifyReply, code: string, zh: string, en: string, status = 401) =>
      reply.code(status).send({ ok: false, error: { code, message: lang(req) === "en" ? en : zh } });

    // how this server lets a browser sign in (the page shows only what works)
    app.get("/auth", { schema: { tags: ["session"], summary: "How this server lets a browser sign in: name only (LOCAL_SIGN_IN=1), the Telegram Login Widget, one-time links", querystring: langQuery, response: answers(authOut) } }, async () => ({ ok: true, localSignIn, telegramLogin: loginBot ? { botUsername: loginBot } : null, signInLink: true }));

    // name-only sign-in: only when the operator turned it on (LOCAL_SIGN_IN=1); throttled all the same
    app.post("/session", {
      schema: {
        tags: ["session"], summary: "Sign in by name only (a local demo shop: LOCAL_SIGN_IN=1; else 403 LOCAL_SIGN_IN_DISABLED); sets the session cookie and answers a token",
        querystring: langQuery, body: signInSchema, response: answers(sessionOut, { 403: "name-only sign-in is off here", 429: "too many attempts; retry-after says when" }),
      },
      // refused before the input is looked at
      preValidation: async (req, reply) => {
        if (localSignIn) return;
        return authFailure(req, reply, "LOCAL_SIGN_IN_DISABLED",
          "这里不能只凭名字登录：请在 Telegram 里打开小程序，用 Telegram 登录，或在机器人里发送“在浏览器打开”获取一次性登录链接。",
          "Signing in with just a name is off here: open the shop in Telegram, log in with Telegram, or send \"open in browser\" to the bot for a one-time sign-in link.", 403);
      },
    }, async (req, reply) => {
      const out = await throttled(req, reply, "local", async () => {
        const who = webIdentityOf(req.body.name);
        const member = await resolveMember(deps.db, { channel: "web", externalId: who.externalId, displayName: who.displayName, botId: "marketplace" });
        return signIn(req, reply, member.id, "local");
      }, true);
      return out ?? reply;
    });

    // the Telegram Login Widget's callback data, checked with the bot token(s)
    app.post("/session/telegram", {
      schema: {
        tags: ["session"], summary: "Sign in with the Telegram Login Widget's callback fields, checked against the bot token(s); a malformed or forged login is 401 BAD_TELEGRAM_LOGIN",
        querystring: langQuery, body: loginWidgetSchema, response: answers(sessionOut, { 401: "the login could not be verified", 429: "too many attempts" }),
      },
      // the fields are hashed as sent, so the handler checks them against each bot's token itself
      validatorCompiler: checkedByHandler,
    }, async (req, reply) => {
      const now = deps.clock();
      const out = await throttled(req, reply, "telegram", async () => {
        for (const { bot, token } of bots()) {
          const check = validateLoginWidget(req.body, token, now);
          if (!check.ok) continue;
          const u = check.user;
          const name = [u.first_name, u.last_name].filter(Boolean).join(" ") || u.username || undefined;
          const member = await resolveMember(deps.db, { channel: "telegram", externalId: u.id, chatId: u.id, botId: bot.id, displayName: name });
          return signIn(req, reply, member.id, "telegram_login");
        }
        return null;
      });
      if (out) return out;
      if (reply.sent) return reply;
      return authFailure(req, reply, "BAD_TELEGRAM_LOGIN", "无法验证 Telegram 登录，请重试。", "Your Telegram login could not be verified; please try again.");
    });

    // a one-time link the bot sent in chat (single use, 10 minutes)
    app.post("/session/link", {
      schema: {
        tags: ["session"], summary: "Sign in with the one-time link the bot sent in chat (single use, 10 minutes)",
        querystring: langQuery, body: linkSchema, response: answers(sessionOut, { 401: "the link is invalid, used or expired", 429: "too many attempts" }),
      },
    }, async (req, reply) => {
      const out = await throttled(req, reply, "link", async () => {
        const r = await redeemSignInLink(deps.db, req.body.token, deps.clock());
        return r ? signIn(req, reply, r.memberId, "link") : null;
      });
      if (out) return out;
      if (reply.sent) return reply;
      return authFailure(req, reply, "BAD_SIGN_IN_LINK", "这个登录链接无效、已用过或已过期（10 分钟内有效，只能用一次），请在机器人里重新获取。",
        "This sign-in link is invalid, used or expired (it works once, for 10 minutes); ask the bot for a new one.");
    });

    // signing out ends the session on the server: the token stops working everywhere it was copied
    app.delete("/session", { schema: { tags: ["session"], summary: "Sign out: the session ends on the server, wherever its token was copied", querystring: langQuery, response: answers(signedOutOut) } }, async (req, reply) => {
      const secret = sessionSecretOf(req);
      if (secret) await endWebSession(deps.db, secret);
      reply.clearCookie(SESSION_COOKIE, { path: "/app" });
      return { ok: true };
    });

    // forget me, from the browser: the same use case as the chat's, after an explicit confirmation
    app.delete("/me", {
      schema: {
        tags: ["member"], summary: "Forget me: the member and their data are deleted (the chat's use case), only with {\"confirm\": true}; else 400 CONFIRMATION_REQUIRED",
        security: MEMBER, querystring: langQuery, body: forgetSchema, response: answers(forgottenOut, NOT_SIGNED_IN),
      },
      // signed in first, then the confirmation (its own 400 CONFIRMATION_REQUIRED)
      validatorCompiler: checkedByHandler,
    }, async (req, reply) => {
      const v = await viewer(req, reply);
      if (!v) return reply;
      const r = forgetSchema.safeParse(req.body ?? {});
      if (!r.success) {
        return authFailure(req, reply, "CONFIRMATION_REQUIRED", "删除后无法恢复：请确认删除（发送 {\"confirm\": true}）。",
          "This cannot be undone: confirm with {\"confirm\": true}.", 400);
      }
      const out = await forgetMember(deps.db, v.memberId, deps.clock());
      if (!out.ok) return fail(req, reply, out.error);
      reply.clearCookie(SESSION_COOKIE, { path: "/app" });
      return { ok: true, forgotten: true, appointmentsCancelled: out.value.appointmentsCancelled, ordersCancelled: out.value.ordersCancelled };
    });

    app.get("/me", { schema: { tags: ["member"], summary: "The signed-in member, the bot the app was opened from and its brands", security: MEMBER, querystring: langQuery, response: answers(meOut, NOT_SIGNED_IN) } }, async (req, reply) => {
      const v = await viewer(req, reply);
      if (!v) return reply;
      if (v.startParam) await recordMiniAppLaunch(deps.db, { memberId: v.memberId, botId: v.botId, startParam: v.startParam, at: deps.clock() });
      return { ok: true, member: { id: v.memberId, displayName: v.displayName, channel: v.channel }, botId: v.botId, brandIds: v.brandIds, startParam: v.startParam };
    });

    // --- catalog (public) --------------------------------------------------------------------------------------
    app.get("/brands", { schema: { tags: ["catalog"], summary: "The brands (inside Telegram: the launching bot's)", security: ANYONE, querystring: langQuery, response: answers(brandsOut, NOT_SIGNED_IN) } }, async (req, reply) => {
      const s = await browsingScope(req, reply);
      if (!s) return reply;
      return { ok: true, brands: await listBrands(deps.db, s.scope) };
    });

    app.get("/stores", {
      schema: { tags: ["catalog"], summary: "Stores, nearest first when lat and lng are given, with whether each is open now", security: ANYONE, querystring: storesQuery, response: answers(storesOut, NOT_SIGNED_IN) },
    }, async (req, reply) => {
      const s = await browsingScope(req, reply);
      if (!s) return reply;
      const { brand, lat, lng, limit } = req.query;
      const near = lat !== undefined && lng !== undefined ? { lat, lng } : null;
      return { ok: true, near, stores: await listStores(deps.db, { scope: s.scope, brandId: brand ?? null, near, limit, at: deps.clock() }) };
    });

    app.get("/products", {
      schema: { tags: ["catalog"], summary: "A store's shelf: products with price and stock per size, a page at a time", security: ANYONE, querystring: productsQuery, response: answers(shelfOut, { 401: "a presented credential is forged or stale", 404: "no such store (in this bot's brands)" }) },
    }, async (req, reply) => {
      const s = await browsingScope(req, reply);
      if (!s) return reply;
      const shelf = await storeShelf(deps.db, { scope: s.scope, storeId: req.query.store, at: deps.clock(), limit: req.query.limit, offset: req.query.offset });
      if (!shelf) return fail(req, reply, { code: "NOT_FOUND", reason: "UNKNOWN_STORE" });
      return { ok: true, ...shelf };
    });

    // --- member --------------------------------------------------------------------------------------------------
    app.get("/wallet", {
      schema: { tags: ["member"], summary: "The member's coupons, and which of them apply at a brand or store", security: MEMBER, querystring: walletQuery, response: answers(walletOut, NOT_SIGNED_IN) },
    }, async (req, reply) => {
      const v = await viewer(req, reply);
      if (!v) return reply;
      return { ok: true, ...(await walletView(deps.db, { memberId: v.memberId, scope: v.brandIds, brandId: req.query.brand ?? null, storeId: req.query.store ?? null, at: deps.clock() })) };
    });

    app.post("/claim", {
      schema: { tags: ["member"], summary: "Claim a coupon by its code into the wallet (claiming twice is not an error)", security: MEMBER, querystring: langQuery, body: claimSchema, response: answers(claimOut, { ...NOT_SIGNED_IN, 404: "no such coupon", 409: "the coupon cannot be claimed now" }) },
    }, async (req, reply) => {
      const v = await viewer(req, reply);
      if (!v) return reply;
      const r = await claimCoupon(deps.db, { memberId: v.memberId, code: req.body.code, botBrandIds: v.brandIds, source: "miniapp", at: deps.clock() });
      if (!r.ok) return fail(req, reply, r.error);
      return { ok: true, alreadyClaimed: r.value.alreadyClaimed, coupon: { ...r.value.item, validTo: r.value.item.validTo.toISOString() } };
    });

    app.post("/quote", {
      schema: { tags: ["orders"], summary: "Price a cart at a store (the best coupon of the wallet applied); writes a quote the checkout can confirm", security: MEMBER, querystring: langQuery, body: cartSchema, response: answers(quoteOut, { ...NOT_SIGNED_IN, 404: "no such store", 409: "out of stock or closed" }) },
    }, async (req, reply) => {
      const v = await viewer(req, reply);
      if (!v) return reply;
      const items = req.body.items.map((i) => ({ productId: i.productId, size: i.size ?? null, quantity: i.quantity }));
      const r = await quoteCart(deps.db, { memberId: v.memberId, botId: v.botId, brandIds: v.brandIds, storeId: req.body.storeId, items, at: deps.clock() });
      if (!r.ok) return fail(req, reply, r.error);
      const q = r.value;
      return {
        ok: true,
        quote: {
          orderId: q.orderId, storeId: q.store.id, storeName: q.store.name, fulfillment: q.fulfillment, etaMinutes: q.etaMinutes, subtotalCents: q.subtotalCents,
          discountCents: q.discountCents, totalCents: q.totalCents, currency: q.currency, couponCode: q.couponCode, couponTitle: q.couponTitle,
          lines: q.lines.map((l) => ({ productId: l.product.id, name: l.product.name, size: l.size, quantity: l.quantity, unitPriceCents: l.unitPriceCents })),
        },
      };
    });

    app.post("/checkout", {
      schema: {
        tags: ["orders"], summary: "Check out a cart (or confirm its quote): stock and coupon reserved, a payment link; the same idempotencyKey answers the same order",
        security: MEMBER, querystring: langQuery, body: checkoutSchema, response: answers(checkoutOut, { ...NOT_SIGNED_IN, 404: "no such store", 409: "out of stock or closed" }),
      },
    }, async (req, reply) => {
      const v = await viewer(req, reply);
      if (!v) return reply;
      const items = req.body.items.map((i) => ({ productId: i.productId, size: i.size ?? null, quantity: i.quantity }));
      const r = await checkoutCart(deps.db, {
        memberId: v.memberId, botId: v.botId, brandIds: v.brandIds, storeId: req.body.storeId, items, quoteId: req.body.quoteId ?? null,
        idempotencyKey: req.body.idempotencyKey ?? null, at: deps.clock(), signer,
      });
      if (!r.ok) return fail(req, reply, r.error);
      const c = r.value;
      return {
        ok: true, orderId: c.orderId, status: c.status, quote: c.quote,
        payment: c.payment && { url: c.payment.url, totalCents: c.payment.totalCents, currency: c.payment.currency, expiresAt: c.payment.expiresAt.toISOString(), couponDropped: c.payment.couponDropped },
      };
    });

    app.get("/orders", { schema: { tags: ["orders"], summary: "The member's orders, newest first", security: MEMBER, querystring: langQuery, response: answers(ordersOut, NOT_SIGNED_IN) } }, async (req, reply) => {
      const v = await viewer(req, reply);
      if (!v) return reply;
      return { ok: true, orders: await listOrders(deps.db, v.memberId) };
    });

    app.get("/orders/:id", {
      schema: { tags: ["orders"], summary: "One of the member's orders with its lines and status", security: MEMBER, params: orderParams, querystring: langQuery, response: answers(orderOut, { ...NOT_SIGNED_IN, 404: "no such order of this member" }) },
    }, async (req, reply) => {
      const v = await viewer(req, reply);
      if (!v) return reply;
      const order = await findOwnOrder(deps.db, v.memberId, req.params.id);
      if (!order) return fail(req, reply, { code: "NOT_FOUND" });
      return { ok: true, order };
    });

    app.post("/orders/:id/pay", {
      schema: { tags: ["orders"], summary: "A payment link for an order awaiting payment (a new one if the last expired)", security: MEMBER, params: orderParams, querystring: langQuery, response: answers(payOut, { ...NOT_SIGNED_IN, 404: "no such order of this member", 409: "the order cannot be paid now" }) },
    }, async (req, reply) => {
      const v = await viewer(req, reply);
      if (!v) return reply;
      const r = await confirmOrder(deps.db, { memberId: v.memberId, orderId: req.params.id, at: deps.clock(), signer });
      if (!r.ok) return fail(req, reply, r.error);
      return { ok: true, orderId: r.value.orderId, payment: { url: r.value.url, totalCents: r.value.totalCents, currency: r.value.currency, expiresAt: r.value.expiresAt.toISOString(), couponDropped: r.value.couponDropped } };
    });
  };

  return async (app: FastifyInstance) => {
    await app.register(api, { prefix: "/app/api" });
    await miniAppStaticRoutes({ webDir: deps.webDir })(app);
  };
}
