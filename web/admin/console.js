// The console pages beside the insight dashboard: Orders (a live board), Stock, Coupons, Campaigns and Staff. Every
// button calls the admin API, which calls the same use cases as the chat and the CLI; a refusal is shown as the
// server's own sentence next to the form it came from.
import { h } from "/app/dom.js";
import { consoleWords } from "./console-i18n.js";

// the next move a merchant makes from each status (the server's state machine has the last word)
const NEXT = {
  paid: () => "accepted",
  accepted: () => "ready",
  ready: (o) => (o.fulfillment === "delivery" ? "out_for_delivery" : o.fulfillment === "ship" ? "shipped" : "completed"),
  out_for_delivery: () => "completed",
  shipped: () => "completed",
};
const BOARD = ["pending_payment", "authorized", "paid", "accepted", "ready", "out_for_delivery", "shipped", "completed", "cancelled"];

let events = null;
/** Stops the order board's live feed (leaving the page, switching brand). */
export function stopLive() {
  events?.close();
  events = null;
}

function alertBox(id) {
  return h("p", { id, class: "error", role: "alert", hidden: true });
}
function say(box, text, ok = false) {
  box.hidden = !text;
  box.className = ok ? "ok" : "error";
  box.textContent = text || "";
}
const field = (label, input) => h("label", { class: "field" }, h("span", {}, label), input);

// ---------- Orders ----------

export async function ordersPage(ctx) {
  const c = consoleWords(ctx.lang);
  const board = await ctx.api(`/brands/${ctx.brandId}/orders`);
  const msg = alertBox("orders-error");
  const present = new Set(board.items.map((o) => o.status));
  const columns = BOARD.filter((s) => present.has(s) || ["paid", "accepted", "ready", "completed"].includes(s));
  const card = (o) => {
    const to = NEXT[o.status]?.(o);
    return h("li", { class: "order", "data-order": o.orderId, "data-status": o.status },
      h("div", { class: "row" }, h("strong", {}, `#${o.orderId.slice(-6)}`), h("span", {}, ctx.fmtMoney(o.totalCents, o.currency))),
      h("div", { class: "muted" }, o.storeName, " · ", o.fulfillment),
      h("div", {}, o.items.map((i) => `${i.name}${i.size ? ` ${i.size}` : ""} ×${i.quantity}`).join(", ")),
      to ? h("button", { type: "button", class: "move", "data-to": to, onclick: async (e) => {
        e.target.disabled = true;
        try {
          await ctx.call("POST", `./api/orders/${encodeURIComponent(o.orderId)}/move`, { to });
          await ctx.rerender();
        } catch (err) {
          say(msg, err.message);
          e.target.disabled = false;
        }
      } }, c.move[to] ?? to) : null);
  };
  if (!events && typeof EventSource !== "undefined") {
    events = new EventSource(`./api/brands/${encodeURIComponent(ctx.brandId)}/orders/events`);
    let first = true;
    events.addEventListener("orders", () => {
      if (first) return void (first = false);
      if (ctx.page() === "orders") ctx.rerender();
    });
  }
  return h("section", { class: "card", id: "orders-page" },
    h("div", { class: "row" }, h("h2", {}, c.pages.orders), h("span", { class: "live", "aria-live": "polite" }, "● ", c.live)), msg,
    board.items.length ? null : h("p", { class: "muted" }, c.noOrders),
    h("div", { class: "board" }, columns.map((s) => {
      const mine = board.items.filter((o) => o.status === s);
      return h("div", { class: "column", "data-column": s },
        h("h3", {}, `${c.status[s] ?? s} (${mine.length})`),
        h("ul", { class: "orders" }, mine.map(card)));
    })));
}

// ---------- Stock ----------

export async function stockPage(ctx) {
  const c = consoleWords(ctx.lang);
  const storeId = ctx.stockStore && ctx.stores.some((s) => s.id === ctx.stockStore) ? ctx.stockStore : ctx.stores[0]?.id;
  const [data, products] = await Promise.all([storeId ? ctx.api(`/brands/${ctx.brandId}/stock`, { storeId }) : { items: [] }, ctx.api(`/brands/${ctx.brandId}/products`)]);
  const msg = alertBox("stock-error");
  const pick = h("select", { id: "stock-store", onchange: (e) => { ctx.setStockStore(e.target.value); ctx.rerender(); } },
    ctx.stores.map((s) => h("option", { value: s.id, selected: s.id === storeId }, s.name)));
  const row = (l) => {
    let expected = l.quantity;
    const input = h("input", { type: "number", min: 0, step: 1, value: String(l.quantity), "aria-label": `${l.productName} ${l.size} ${c.quantity}`, class: "qty" });
    const save = h("button", { type: "button", class: "save", onclick: async () => {
      save.disabled = true;
      try {
        const r = await ctx.call("PUT", `./api/stores/${encodeURIComponent(l.storeId)}/stock`, { productId: l.productId, size: l.size, quantity: Number(input.value), expected });
        expected = r.quantity;
        say(msg, `${l.productName} ${l.size}: ${c.saved} (${r.quantity})`, true);
      } catch (err) {
        say(msg, err.message);
      } finally {
        save.disabled = false;
      }
    } }, c.save);
    return h("tr", { "data-line": `${l.productId}|${l.size}` }, h("td", {}, l.productName), h("td", {}, l.size || "—"), h("td", { class: "num" }, ctx.fmtMoney(l.priceCents, l.currency)), h("td", {}, input), h("td", {}, save));
  };
  const file = h("input", { type: "file", id: "stock-csv", accept: ".csv,text/csv" });
  const csvMsg = alertBox("csv-result");
  const upload = h("form", { class: "filters", onsubmit: async (e) => {
    e.preventDefault();
    const f = file.files?.[0];
    if (!f) return;
    try {
      const r = await ctx.call("POST", `./api/brands/${encodeURIComponent(ctx.brandId)}/stock/csv`, { csv: await f.text() });
      say(csvMsg, c.uploaded(r.rows), true);
    } catch (err) {
      say(csvMsg, err.message);
    }
  } }, field(c.csvTitle, file), h("button", { type: "submit", id: "csv-upload" }, c.upload));
  // photos from this server are shown inline; others are a link (the console's CSP loads nothing from elsewhere)
  const photo = (p) => (p.photoUrl && p.photoUrl.startsWith("/") ? h("img", { src: p.photoUrl, alt: "", width: 40, height: 40, loading: "lazy" }) : null);
  const catalog = h("div", { class: "scroll" }, h("table", { id: "products" },
    h("thead", {}, h("tr", {}, [c.product, c.price, c.size, c.aliases, c.tags].map((x) => h("th", {}, x)))),
    h("tbody", {}, products.items.map((p) => h("tr", { "data-product": p.id },
      h("td", {}, h("span", { class: "product" }, photo(p), p.name), h("div", { class: "muted" }, p.photoUrl ? h("a", { href: p.photoUrl, rel: "noreferrer noopener", target: "_blank" }, c.photo) : null)),
      h("td", { class: "num" }, ctx.fmtMoney(p.priceCents, p.currency)), h("td", {}, p.sizes.join(" / ") || "—"), h("td", {}, p.aliases.join(", ")), h("td", {}, p.tags.join(", ")))))));
  return h("section", { class: "card", id: "stock-page" },
    h("h2", {}, c.pages.stock), catalog,
    h("div", { class: "row" }, h("h3", {}, c.stockOf), pick), msg,
    h("div", { class: "scroll" }, h("table", { id: "stock" },
      h("thead", {}, h("tr", {}, h("th", {}, c.product), h("th", {}, c.size), h("th", { class: "num" }, c.price), h("th", {}, c.quantity), h("th", {}))),
      h("tbody", {}, data.items.map(row)))),
    h("h3", {}, c.csvTitle), h("p", { class: "muted" }, c.csvHint), upload, csvMsg);
}

// ---------- Coupons ----------

/** An <input type=datetime-local> value as an ISO instant with the browser's offset. */
const isoOf = (local) => (local ? new Date(local).toISOString() : "");

export async function couponsPage(ctx) {
  const c = consoleWords(ctx.lang);
  const list = await ctx.api(`/brands/${ctx.brandId}/coupons`);
  const msg = alertBox("coupon-error");
  const el = {
    code: h("input", { id: "coupon-code", required: true, maxlength: 40, pattern: "[A-Za-z0-9_-]{2,40}" }),
    title: h("input", { id: "coupon-title", maxlength: 100 }),
    kind: h("select", { id: "coupon-kind" }, h("option", { value: "percent" }, c.percent), h("option", { value: "amount" }, c.amount)),
    value: h("input", { id: "coupon-value", type: "number", required: true, step: "any" }),
    minSpend: h("input", { id: "coupon-min", type: "number", min: 0, step: "any", value: "0" }),
    from: h("input", { id: "coupon-from", type: "datetime-local", required: true }),
    to: h("input", { id: "coupon-to", type: "datetime-local", required: true }),
    max: h("input", { id: "coupon-max", type: "number", min: 1 }),
    per: h("input", { id: "coupon-per", type: "number", min: 1, value: "1" }),
    stores: h("select", { id: "coupon-stores", multiple: true, size: Math.min(5, Math.max(2, ctx.stores.length)) }, ctx.stores.map((s) => h("option", { value: s.id }, s.name))),
  };
  const currency = ctx.currency;
  const minor = (v) => Math.round(Number(v) * 10 ** ctx.minorDigits(currency));
  const form = h("form", { id: "coupon-form", class: "grid-form", onsubmit: async (e) => {
    e.preventDefault();
    const amount = el.kind.value === "amount";
    const body = {
      code: el.code.value.trim(), title: el.title.value.trim() || undefined, kind: el.kind.value,
      value: amount ? minor(el.value.value) : Number(el.value.value), minSpendCents: minor(el.minSpend.value || 0),
      validFrom: isoOf(el.from.value), validTo: isoOf(el.to.value), maxRedemptions: el.max.value ? Number(el.max.value) : null,
      perMemberLimit: Number(el.per.value || 1), storeIds: [...el.stores.selectedOptions].map((o) => o.value),
    };
    try {
      await ctx.call("POST", `./api/brands/${encodeURIComponent(ctx.brandId)}/coupons`, body);
      await ctx.rerender();
    } catch (err) {
      say(msg, err.message);
    }
  } },
  field(c.code, el.code), field(c.titleField, el.title), field(c.kind, el.kind), field(c.value, el.value), field(c.minSpend, el.minSpend),
  field(c.validFrom, el.from), field(c.validTo, el.to), field(c.maxRedemptions, el.max), field(c.perMember, el.per), field(c.stores, el.stores),
  h("button", { type: "submit", id: "coupon-create" }, c.create));
  const name = (id) => ctx.stores.find((s) => s.id === id)?.name ?? id;
  const valueText = (k) => (k.kind === "percent" ? `${k.value}%` : ctx.fmtMoney(k.value, currency));
  return h("section", { class: "card", id: "coupons-page" }, h("h2", {}, c.pages.coupons), form, msg,
    h("div", { class: "scroll" }, h("table", { id: "coupons" },
      h("thead", {}, h("tr", {}, [c.code, c.titleField, c.value, c.validTo, c.stores, c.claimed, c.redeemed, ""].map((x) => h("th", {}, x)))),
      h("tbody", {}, list.items.map((k) => h("tr", { "data-coupon": k.code, "data-paused": k.paused ? "true" : "false" },
        h("td", {}, k.code), h("td", {}, k.title ?? ""), h("td", {}, valueText(k)), h("td", {}, new Date(k.validTo).toLocaleDateString(ctx.lang === "zh" ? "zh-CN" : "en")),
        h("td", {}, k.storeIds.length ? k.storeIds.map(name).join(", ") : c.allStores),
        h("td", { class: "num", "data-field": "claimed" }, ctx.fmtInt(k.claimed)), h("td", { class: "num", "data-field": "redeemed" }, ctx.fmtInt(k.redeemed)),
        h("td", {}, h("button", { type: "button", class: "link pause", "aria-pressed": k.paused ? "true" : "false", onclick: async () => {
          try {
            await ctx.call("POST", `./api/coupons/${encodeURIComponent(k.code)}/pause`, { paused: !k.paused });
            await ctx.rerender();
          } catch (err) {
            say(msg, err.message);
          }
        } }, k.paused ? c.resume : c.pause))))))));
}

// ---------- Campaigns ----------

export async function campaignsPage(ctx) {
  const c = consoleWords(ctx.lang);
  const [list, coupons, funnels] = await Promise.all([
    ctx.api(`/brands/${ctx.brandId}/campaigns`, { limit: 50 }),
    ctx.api(`/brands/${ctx.brandId}/coupons`),
    ctx.api(`/brands/${ctx.brandId}/funnel/campaigns`, { limit: 50 }),
  ]);
  const msg = alertBox("campaign-error");
  const el = {
    text: h("textarea", { id: "campaign-text", rows: 4, maxlength: 3900, required: true }),
    coupon: h("select", { id: "campaign-coupon" }, h("option", { value: "" }, c.none), coupons.items.map((k) => h("option", { value: k.code }, `${k.code}${k.title ? ` · ${k.title}` : ""}`))),
    audience: h("select", { id: "campaign-audience" }, h("option", { value: "followers" }, c.followers), h("option", { value: "all" }, c.all)),
    near: h("select", { id: "campaign-near" }, h("option", { value: "" }, "—"), ctx.stores.map((s) => h("option", { value: s.id }, s.name))),
    radius: h("input", { id: "campaign-radius", type: "number", min: 1, value: "3000" }),
    tag: h("input", { id: "campaign-tag", maxlength: 60 }),
    at: h("input", { id: "campaign-at", type: "datetime-local" }),
    cron: h("input", { id: "campaign-cron", placeholder: "0 10 * * 1", maxlength: 100 }),
  };
  const count = h("p", { id: "audience-count", class: "count", "aria-live": "polite" }, "");
  const bubble = h("div", { class: "tg-message", id: "campaign-preview" });
  const body = () => ({
    text: el.text.value, couponCode: el.coupon.value || undefined, audience: el.audience.value,
    nearStoreId: el.near.value || undefined, radiusMeters: el.near.value ? Number(el.radius.value || 3000) : undefined,
    tag: el.tag.value.trim() || undefined, at: el.cron.value.trim() ? undefined : isoOf(el.at.value) || undefined, cron: el.cron.value.trim() || undefined,
  });
  let seq = 0;
  const refresh = async () => {
    // the message as a member will see it in Telegram, with its buttons
    const buttons = el.coupon.value ? [c.claimButton] : [c.openButton];
    bubble.replaceChildren(h("p", {}, el.text.value || "…"), h("div", { class: "tg-buttons" }, buttons.map((b) => h("span", { class: "tg-button" }, b))));
    const mine = ++seq;
    const b = body();
    if (!b.text.trim()) return void (count.textContent = "");
    try {
      // a preview needs a time: without one it is counted as if sent in an hour
      const r = await ctx.call("POST", `./api/brands/${encodeURIComponent(ctx.brandId)}/campaigns/preview`, { ...b, ...(b.at || b.cron ? {} : { at: new Date(Date.now() + 3600_000).toISOString() }) });
      if (mine !== seq) return;
      count.textContent = c.audienceCount(ctx.fmtInt(r.audienceSize));
      count.dataset.audience = String(r.audienceSize);
      say(msg, "");
    } catch (err) {
      if (mine !== seq) return;
      count.textContent = "";
      delete count.dataset.audience;
      say(msg, err.message);
    }
  };
  let timer = null;
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, 250);
  };
  for (const x of Object.values(el)) {
    x.addEventListener("input", later);
    x.addEventListener("change", later);
  }
  const form = h("form", { id: "campaign-form", class: "grid-form", onsubmit: async (e) => {
    e.preventDefault();
    try {
      const r = await ctx.call("POST", `./api/brands/${encodeURIComponent(ctx.brandId)}/campaigns`, body());
      await ctx.rerender();
      say(document.getElementById("campaign-error"), `${c.scheduled}: ${r.campaignId} · ${c.audienceCount(ctx.fmtInt(r.audienceSize))}`, true);
    } catch (err) {
      say(msg, err.message);
    }
  } },
  field(c.text, el.text), field(c.coupon, el.coupon), field(c.audience, el.audience), field(c.nearStore, el.near), field(c.radius, el.radius), field(c.tag, el.tag),
  field(c.when, el.at), field(c.cron, el.cron), h("button", { type: "submit", id: "campaign-schedule" }, c.schedule));
  const funnel = new Map(funnels.items.map((f) => [f.campaignId, f]));
  const when = (iso) => (iso ? new Date(iso).toLocaleString(ctx.lang === "zh" ? "zh-CN" : "en") : "—");
  return h("section", { class: "card", id: "campaigns-page" }, h("h2", {}, c.pages.campaigns),
    h("div", { class: "composer" }, form, h("div", {}, h("h3", {}, c.preview), bubble, count)), msg,
    h("div", { class: "scroll" }, h("table", { id: "campaign-list" },
      h("thead", {}, h("tr", {}, [c.text, c.status_, c.nextRun, ctx.words.reach, ctx.words.opened, ctx.words.claimed, ctx.words.orders, ""].map((x) => h("th", {}, x)))),
      h("tbody", {}, list.items.map((k) => {
        const f = funnel.get(k.campaignId) ?? {};
        return h("tr", { "data-campaign": k.campaignId, "data-status": k.status },
          h("td", { title: k.campaignId }, k.text.length > 40 ? `${k.text.slice(0, 40)}…` : k.text), h("td", {}, k.status), h("td", {}, when(k.nextRunAt)),
          ...["reach", "opened", "claimed", "orders"].map((x) => h("td", { class: "num", "data-field": x }, ctx.fmtInt(f[x] ?? 0))),
          h("td", {}, k.status === "scheduled" ? h("button", { type: "button", class: "link cancel", onclick: async () => {
            try {
              await ctx.call("POST", `./api/campaigns/${encodeURIComponent(k.campaignId)}/cancel`, {});
              await ctx.rerender();
            } catch (err) {
              say(msg, err.message);
            }
          } }, c.cancel) : null));
      })))));
}

// ---------- Staff ----------

export async function staffPage(ctx) {
  const c = consoleWords(ctx.lang);
  const data = await ctx.api(`/brands/${ctx.brandId}/staff`);
  const msg = alertBox("staff-result");
  const store = h("select", { id: "invite-store" }, data.stores.map((s) => h("option", { value: s.id }, s.name)));
  const role = h("select", { id: "invite-role" }, data.roles.map((r) => h("option", { value: r }, r)));
  const form = h("form", { id: "invite-form", class: "filters", onsubmit: async (e) => {
    e.preventDefault();
    try {
      const r = await ctx.call("POST", `./api/stores/${encodeURIComponent(store.value)}/staff/invites`, { role: role.value });
      await ctx.rerender();
      const box = document.getElementById("staff-result");
      say(box, c.inviteHint(r.code), true);
      box.dataset.code = r.code;
    } catch (err) {
      say(msg, err.message);
    }
  } }, field(ctx.words.store, store), field(c.role, role), h("button", { type: "submit", id: "invite" }, c.invite));
  const qrStore = h("select", { id: "qr-store" }, data.stores.map((s) => h("option", { value: s.id }, s.name)));
  const qrBox = h("div", { class: "qr", id: "qr" });
  const showQr = async () => {
    const [svgQr, png] = await Promise.all([ctx.api(`/stores/${qrStore.value}/qr`, { format: "svg" }), ctx.api(`/stores/${qrStore.value}/qr`, { format: "png" })]);
    const svgUrl = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgQr.data)}`;
    qrBox.replaceChildren(
      h("img", { src: png.data, alt: `${c.qr} ${svgQr.link}`, width: 200, height: 200 }),
      h("p", {}, h("code", {}, svgQr.link)),
      svgQr.usernameKnown ? null : h("p", { class: "muted" }, c.usernameUnknown),
      h("p", {}, h("a", { href: png.data, download: `${qrStore.value}.png`, id: "qr-png" }, `${c.download} PNG`), " · ", h("a", { href: svgUrl, download: `${qrStore.value}.svg`, id: "qr-svg" }, `${c.download} SVG`)));
  };
  qrStore.addEventListener("change", showQr);
  const name = (id) => data.stores.find((s) => s.id === id)?.name ?? id;
  const page = h("section", { class: "card", id: "staff-page" }, h("h2", {}, c.pages.staff), form, msg,
    h("div", { class: "scroll" }, h("table", { id: "staff" },
      h("thead", {}, h("tr", {}, [ctx.words.store, c.titleField, c.role, c.bound].map((x) => h("th", {}, x)))),
      h("tbody", {}, data.staff.map((s) => h("tr", { "data-staff": s.id }, h("td", {}, name(s.storeId)), h("td", {}, s.name), h("td", {}, s.role), h("td", {}, s.bound ? c.bound : c.notBound)))))),
    h("h3", {}, c.invites),
    h("ul", { id: "invites" }, data.invites.map((i) => h("li", { "data-code": i.code }, h("code", {}, i.code), ` · ${name(i.storeId)} · ${c.expires} ${new Date(i.expiresAt).toLocaleString(ctx.lang === "zh" ? "zh-CN" : "en")}`))),
    h("h3", {}, c.qr), h("div", { class: "filters" }, field(ctx.words.store, qrStore)), qrBox);
  if (data.stores.length) showQr().catch((err) => say(msg, err.message));
  return page;
}

// ---------- Bot ----------

/** The chosen bot survives re-renders (switching language, saving). */
let botChoice = "";

export async function botsPage(ctx) {
  const c = consoleWords(ctx.lang);
  const data = await ctx.api("/bots");
  const msg = alertBox("bot-result");
  if (!data.items.length) return h("section", { class: "card", id: "bots-page" }, h("h2", {}, c.pages.bots), h("p", { class: "muted" }, c.noBots));
  // the brand's own bot first, else the first this token may edit
  const mine = data.items.find((b) => b.botId === botChoice) ?? data.items.find((b) => Array.isArray(b.brands) && b.brands.includes(ctx.brandId)) ?? data.items[0];
  botChoice = mine.botId;
  let version = mine.version;
  const label = (k) => data.menuKeys.find((m) => m.key === k)?.[ctx.lang === "en" ? "en" : "zh"] ?? k;
  const pick = h("select", { id: "bot-select", onchange: (e) => { botChoice = e.target.value; ctx.rerender(); } },
    data.items.map((b) => h("option", { value: b.botId, selected: b.botId === mine.botId }, `${b.name} (${b.botId})`)));
  const zh = h("textarea", { id: "bot-welcome-zh", rows: 4, maxlength: 1000, required: true }, mine.welcome.zh);
  const en = h("textarea", { id: "bot-welcome-en", rows: 4, maxlength: 1000, required: true }, mine.welcome.en);
  // the menu: every known button, the chosen ones first in their order; a checkbox chooses, ↑ moves up
  let order = [...mine.menu, ...data.menuKeys.map((m) => m.key).filter((k) => !mine.menu.includes(k))];
  const chosen = new Set(mine.menu);
  const menuList = h("ol", { id: "bot-menu", class: "menu-keys" });
  const commands = h("ul", { id: "bot-commands", class: "tg-commands", "aria-label": c.commandsPreview });
  const drawMenu = () => {
    menuList.replaceChildren(...order.map((k, i) => h("li", { "data-key": k },
      h("label", {}, h("input", { type: "checkbox", checked: chosen.has(k), onchange: (e) => { e.target.checked ? chosen.add(k) : chosen.delete(k); drawCommands(); } }), ` /${k} · ${label(k)}`),
      i > 0 ? h("button", { type: "button", class: "link up", "aria-label": `${c.moveUp}: ${label(k)}`, onclick: () => {
        order = [...order.slice(0, i - 1), k, order[i - 1], ...order.slice(i + 1)];
        drawMenu();
        menuList.querySelector(`li[data-key="${k}"] button.up`)?.focus();
      } }, "↑") : null)));
    drawCommands();
  };
  const menu = () => order.filter((k) => chosen.has(k));
  const drawCommands = () => commands.replaceChildren(...["start", ...menu()].map((k) => h("li", {}, h("code", {}, `/${k}`), " ", k === "start" ? c.startCommand : label(k))));
  const bubbles = { zh: h("div", { class: "tg-message", id: "bot-preview-zh", lang: "zh-CN" }), en: h("div", { class: "tg-message", id: "bot-preview-en", lang: "en" }) };
  let seq = 0;
  const preview = async () => {
    const mineSeq = ++seq;
    try {
      const r = await ctx.call("POST", `./api/bots/${encodeURIComponent(mine.botId)}/preview`, { welcome: { zh: zh.value, en: en.value } });
      if (mineSeq !== seq) return;
      bubbles.zh.textContent = r.zh || "…";
      bubbles.en.textContent = r.en || "…";
    } catch (err) {
      if (mineSeq === seq) say(msg, err.message);
    }
  };
  let timer = null;
  for (const x of [zh, en]) x.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(preview, 250); });
  const form = h("form", { id: "bot-form", class: "bot-form", onsubmit: async (e) => {
    e.preventDefault();
    const save = document.getElementById("bot-save");
    save.disabled = true;
    try {
      const r = await ctx.call("PUT", `./api/bots/${encodeURIComponent(mine.botId)}`, { welcome: { zh: zh.value, en: en.value }, menu: menu(), expectedVersion: version });
      version = r.version;
      say(msg, c.botSaved, true);
      msg.dataset.version = String(r.version);
    } catch (err) {
      say(msg, err.message);
    } finally {
      save.disabled = false;
    }
  } },
  field(c.welcomeZh, zh), field(c.welcomeEn, en), h("p", { class: "muted" }, c.welcomeHint),
  h("fieldset", {}, h("legend", {}, c.menu), menuList),
  h("div", { class: "row" },
    h("button", { type: "submit", id: "bot-save" }, c.save),
    h("button", { type: "button", class: "link", id: "bot-defaults", onclick: () => {
      zh.value = mine.defaults.welcome.zh;
      en.value = mine.defaults.welcome.en;
      order = [...mine.defaults.menu, ...data.menuKeys.map((m) => m.key).filter((k) => !mine.defaults.menu.includes(k))];
      chosen.clear();
      for (const k of mine.defaults.menu) chosen.add(k);
      drawMenu();
      preview();
    } }, c.fileDefaults)));
  drawMenu();
  preview();
  const edited = mine.updatedAt ? c.lastEdit(mine.updatedBy, new Date(mine.updatedAt).toLocaleString(ctx.lang === "zh" ? "zh-CN" : "en")) : c.fromFile;
  return h("section", { class: "card", id: "bots-page" },
    h("div", { class: "row" }, h("h2", {}, c.pages.bots), field(c.bot, pick)), h("p", { class: "muted", id: "bot-edited" }, edited),
    h("div", { class: "composer" }, form,
      h("div", {}, h("h3", {}, c.preview), h("p", { class: "muted" }, c.previewHint), bubbles.zh, h("p", {}), bubbles.en, h("h3", {}, c.commandsPreview), commands)),
    msg);
}
