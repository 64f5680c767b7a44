// The merchant dashboard: sign in with the admin token (the server keeps it in an httpOnly cookie), pick a brand and a
// period, read the per-store funnel, the campaign funnel and timeline, and the heat grid of unmet demand with its top gaps.
// Every figure comes from /admin/api (the same use cases as `o2o report`).
import { heatGrid, heatLegend, SERIES, timelineChart } from "./charts.js";
import { h, mount } from "/app/dom.js";
import { formatMoney, minorDigits } from "/app/money.js";
import { botsPage, campaignsPage, couponsPage, ordersPage, staffPage, stockPage, stopLive } from "./console.js";
import { consoleWords } from "./console-i18n.js";
import { initialLang, saveLang, t } from "./i18n.js";

const app = document.getElementById("app");
const PAGES = { orders: ordersPage, stock: stockPage, coupons: couponsPage, campaigns: campaignsPage, staff: staffPage, bots: botsPage };
const pageOf = () => {
  const p = location.hash.replace(/^#/, "");
  return p in PAGES ? p : "insight";
};
const state = { lang: initialLang(), page: pageOf(), stores: [], stockStore: "", brands: [], brandId: null, from: "", to: "", campaignId: "", storeId: "", report: null, grid: null, timeline: null, gaps: null };
const w = () => t(state.lang);

class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function call(method, url, body) {
  let res;
  try {
    res = await fetch(url, { method, credentials: "same-origin", headers: { accept: "application/json", ...(body ? { "content-type": "application/json" } : {}) }, body: body ? JSON.stringify(body) : undefined });
  } catch {
    throw new ApiError(0, w().network);
  }
  const data = await res.json().catch(() => null);
  if (!res.ok || !data || data.ok === false) throw new ApiError(res.status, (data && data.error && data.error.message) || `HTTP ${res.status}`);
  return data;
}
const api = (path, params = {}) => {
  const q = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== "" && v !== null && v !== undefined));
  return call("GET", `./api${path}${q.size ? `?${q}` : ""}`);
};

const fmtInt = (n) => new Intl.NumberFormat(state.lang === "zh" ? "zh-CN" : "en-US").format(n);
const fmtMoney = (minor, currency) => formatMoney(minor, currency, state.lang);
// an <input type=date> day as the instant that day starts in the brand's time zone
function zoneOffset(day) {
  const zone = state.brands.find((b) => b.id === state.brandId)?.timezone || "Asia/Shanghai";
  try {
    const name = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" }).formatToParts(new Date(`${day}T12:00:00Z`)).find((p) => p.type === "timeZoneName").value;
    const m = /GMT([+-]\d{2}):?(\d{2})?/.exec(name);
    return m ? `${m[1]}:${m[2] || "00"}` : "Z";
  } catch {
    return "+08:00";
  }
}
const dayStart = (d) => (d ? new Date(`${d}T00:00:00${zoneOffset(d)}`).toISOString() : "");
const nextDay = (d) => (d ? new Date(Date.parse(`${d}T00:00:00${zoneOffset(d)}`) + 86_400_000).toISOString() : "");

function num(field, value, display) {
  return h("td", { class: "num", "data-field": field, "data-value": value }, display ?? fmtInt(value));
}

function header() {
  const words = w();
  return h("header", { class: "top" },
    h("div", {}, h("h1", {}, words.title), h("p", { class: "muted" }, words.subtitle)),
    h("div", { class: "tools" },
      h("button", { type: "button", id: "lang", class: "link", onclick: () => { state.lang = state.lang === "zh" ? "en" : "zh"; saveLang(state.lang); render(); } }, state.lang === "zh" ? "English" : "中文"),
      state.brands.length ? h("button", { type: "button", id: "logout", class: "link", onclick: logout }, words.signOut) : null),
    state.brands.length ? nav() : null);
}

function nav() {
  const c = consoleWords(state.lang);
  return h("nav", { class: "pages", "aria-label": "console" }, ["insight", ...Object.keys(PAGES)].map((p) =>
    h("a", { href: `#${p}`, id: `nav-${p}`, "aria-current": state.page === p ? "page" : null }, c.pages[p])));
}

window.addEventListener("hashchange", () => {
  state.page = pageOf();
  if (state.report) render();
});

/** A console page (everything but the insight dashboard), drawn from its own API calls. */
async function renderPage() {
  document.body.removeAttribute("data-ready");
  const ctx = {
    lang: state.lang, brandId: state.brandId, stores: state.stores, words: w(), currency: state.report?.currency ?? "CNY",
    api, call, fmtMoney, fmtInt, minorDigits, page: () => state.page, rerender: render,
    stockStore: state.stockStore, setStockStore: (id) => (state.stockStore = id),
  };
  try {
    const page = await PAGES[state.page](ctx);
    mount(app, header(), filters(), page);
  } catch (err) {
    if (err.status === 401) return mount(app, header(), loginView());
    mount(app, header(), filters(), h("p", { class: "error", role: "alert" }, err.message));
  }
  document.body.setAttribute("data-ready", "");
  document.body.dataset.page = state.page;
}

function loginView(error) {
  const words = w();
  const input = h("input", { id: "token", type: "password", autocomplete: "current-password", required: true, placeholder: "ADMIN_TOKEN" });
  const form = h("form", { id: "login-form", class: "card login", onsubmit: async (e) => {
    e.preventDefault();
    const button = form.querySelector("button");
    button.disabled = true;
    try {
      await call("POST", "./login", { token: input.value });
      await start();
    } catch (err) {
      mount(app, header(), loginView(err.status === 401 ? words.wrongToken : err.message));
    }
  } },
  h("label", { for: "token" }, words.tokenLabel), input, h("button", { type: "submit", id: "login" }, words.signIn),
  error ? h("p", { id: "login-error", class: "error", role: "alert" }, error) : null,
  h("p", { class: "muted" }, words.tokenHint));
  return form;
}

function filters() {
  const words = w();
  const brand = h("select", { id: "brand", onchange: (e) => { stopLive(); state.brandId = e.target.value; state.campaignId = ""; state.storeId = ""; state.stockStore = ""; localStorage.setItem("o2o-admin-brand", state.brandId); load(); } },
    state.brands.map((b) => h("option", { value: b.id, selected: b.id === state.brandId }, `${b.name} (${b.id})`)));
  const from = h("input", { type: "date", id: "from", value: state.from });
  const to = h("input", { type: "date", id: "to", value: state.to });
  return h("form", { class: "filters", onsubmit: (e) => { e.preventDefault(); state.from = from.value; state.to = to.value; load(); } },
    h("label", {}, words.brand, " ", brand), h("label", {}, words.from, " ", from), h("label", {}, words.to, " ", to), h("button", { type: "submit", id: "apply" }, words.apply));
}

const FIELDS = ["reach", "opened", "claimed", "redeemed", "orders"];

// scan → paid at the store's till in seconds; a store without paid bills has no figure (—), which is not 0 s
function checkoutCell(field, ms, bills) {
  const words = w();
  if (ms === null || ms === undefined) return h("td", { class: "num", "data-field": field, title: words.noBills }, "—");
  return h("td", { class: "num", "data-field": field, "data-value": ms, title: words.billsPaid(bills) }, words.seconds(ms / 1000));
}

function storeTable(r) {
  const words = w();
  const row = (l, id) => h("tr", { "data-store": id },
    h("th", { scope: "row" }, l.name ?? words.total), ...FIELDS.map((f) => num(f, l[f])), num("revenueCents", l.revenueCents, fmtMoney(l.revenueCents, r.currency)),
    num("ordersServedElsewhere", l.ordersServedElsewhere), num("outOfStock", l.outOfStock),
    checkoutCell("checkoutMedianMs", l.checkoutMedianMs, l.billsPaid), checkoutCell("checkoutP90Ms", l.checkoutP90Ms, l.billsPaid));
  return h("section", { class: "card" }, h("h2", {}, words.storeFunnel),
    h("div", { class: "scroll" }, h("table", { id: "funnel", "data-brand": r.brandId },
      h("thead", {}, h("tr", {}, h("th", {}, words.store), ...FIELDS.map((f) => h("th", { class: "num" }, words[f])), h("th", { class: "num" }, words.revenue), h("th", { class: "num" }, words.servedElsewhere), h("th", { class: "num" }, words.outOfStock),
        h("th", { class: "num", title: words.checkoutHint }, words.checkoutMedian), h("th", { class: "num", title: words.checkoutHint }, words.checkoutP90))),
      h("tbody", {}, r.stores.map((l) => row(l, l.storeId))),
      h("tfoot", {}, row({ ...r.totals, name: words.total }, "total")))));
}

function campaignTable(r) {
  const words = w();
  return h("section", { class: "card" }, h("h2", {}, words.campaignFunnel),
    h("div", { class: "scroll" }, h("table", { id: "campaigns" },
      h("thead", {}, h("tr", {}, h("th", {}, words.campaign), ...FIELDS.map((f) => h("th", { class: "num" }, words[f])), h("th", { class: "num" }, words.revenue))),
      h("tbody", {}, r.campaigns.map((c) => h("tr", { "data-campaign": c.campaignId },
        h("th", { scope: "row", title: c.campaignId }, c.text), ...FIELDS.map((f) => num(f, c[f])), num("revenueCents", c.revenueCents, fmtMoney(c.revenueCents, r.currency))))))));
}

function timelineCard() {
  const words = w();
  const pick = h("select", { id: "timeline-campaign", onchange: async (e) => { state.campaignId = e.target.value; state.timeline = await api(`/brands/${state.brandId}/timeline`, period({ campaignId: state.campaignId })); render(); } },
    h("option", { value: "" }, words.allCampaigns), state.report.campaigns.map((c) => h("option", { value: c.campaignId, selected: c.campaignId === state.campaignId }, c.text)));
  const legend = h("ul", { class: "legend" }, SERIES.map((s) => h("li", { "data-series": s.key },
    h("span", { class: `swatch swatch-${s.key}` }), `${words[s.key]} ${fmtInt(state.timeline.days.reduce((n, d) => n + d[s.key], 0))}`)));
  return h("section", { class: "card" }, h("div", { class: "row" }, h("h2", {}, words.timeline), pick), legend, timelineChart(state.timeline.days, words));
}

function demandCard() {
  const words = w();
  const name = (id) => state.grid.stores.find((s) => s.storeId === id)?.name ?? id;
  const gaps = state.gaps.items;
  return h("section", { class: "card" }, h("h2", {}, words.heat), h("p", { class: "muted" }, words.heatHint),
    heatLegend(words, fmtInt(Math.max(0, ...state.grid.cells.map((c) => c.count)))),
    h("div", { class: "heat-wrap" },
      heatGrid(state.grid, words, async (storeId) => { state.storeId = storeId; await loadGaps(); render(); }, state.storeId),
      h("div", { class: "gaps" },
        h("div", { class: "row" }, h("h3", {}, state.storeId ? words.gapsOf(name(state.storeId)) : words.gaps),
          state.storeId ? h("button", { type: "button", class: "link", id: "gaps-all", onclick: async () => { state.storeId = ""; await loadGaps(); render(); } }, words.showAll) : null),
        gaps.length ? h("table", { id: "gaps" },
          h("thead", {}, h("tr", {}, h("th", {}, words.store), h("th", {}, words.product), h("th", {}, words.size), h("th", {}, words.style), h("th", { class: "num" }, words.requests), h("th", { class: "num" }, words.members))),
          h("tbody", {}, gaps.map((g) => h("tr", { "data-store": g.storeId ?? "" },
            h("td", {}, g.storeName ?? words.noStore), h("td", {}, g.productName ?? g.productId ?? "—"), h("td", {}, g.size || "—"), h("td", {}, g.style ?? "—"),
            num("count", g.count), num("members", g.members))))) : h("p", { class: "muted" }, words.noData))));
}

const period = (extra = {}) => ({ from: dayStart(state.from), to: nextDay(state.to), ...extra });

async function loadGaps() {
  state.gaps = await api(`/brands/${state.brandId}/demand`, period({ limit: 15, storeId: state.storeId }));
}

async function load() {
  document.body.removeAttribute("data-ready");
  mount(app, header(), filters(), h("p", { class: "boot" }, w().loading));
  try {
    const b = state.brandId;
    const [report, timeline, grid, stores] = await Promise.all([
      api(`/brands/${b}/report`, period()), api(`/brands/${b}/timeline`, period({ campaignId: state.campaignId })), api(`/brands/${b}/demand/grid`, period()),
      api(`/brands/${b}/stores`, { limit: 500 }),
    ]);
    Object.assign(state, { report, timeline, grid, stores: stores.items });
    await loadGaps();
    render();
  } catch (err) {
    if (err.status === 401) return mount(app, header(), loginView());
    mount(app, header(), filters(), h("p", { class: "error", role: "alert" }, err.message));
  }
}

async function render() {
  if (!state.report) return mount(app, header(), loginView());
  document.documentElement.lang = state.lang === "zh" ? "zh-CN" : "en";
  document.title = `${w().title} · ${state.report.brandName}`;
  if (state.page !== "orders") stopLive();
  if (state.page !== "insight") return renderPage();
  document.body.dataset.page = "insight";
  mount(app, header(), filters(), storeTable(state.report), h("div", { class: "two" }, timelineCard(), campaignTable(state.report)), demandCard());
  document.body.setAttribute("data-ready", "");
}

async function logout() {
  await call("POST", "./logout", {}).catch(() => null);
  Object.assign(state, { brands: [], report: null });
  mount(app, header(), loginView());
}

async function start() {
  const session = await call("GET", "./session");
  if (!session.signedIn) {
    document.body.setAttribute("data-ready", "");
    return mount(app, header(), loginView());
  }
  const brands = await api("/brands", { limit: 500 });
  state.brands = brands.items;
  const wanted = new URLSearchParams(location.search).get("brand") || localStorage.getItem("o2o-admin-brand");
  state.brandId = state.brands.some((x) => x.id === wanted) ? wanted : state.brands[0]?.id ?? null;
  if (!state.brandId) return mount(app, header(), h("p", { class: "muted" }, w().noData));
  await load();
}

start().catch((err) => mount(app, header(), h("p", { class: "error", role: "alert" }, err.message)));
