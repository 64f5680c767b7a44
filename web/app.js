// The Mini App storefront: brand shelf with sizes, prices and stock at the chosen store, store list and map,
// coupon wallet, cart → quote (best coupon applied by the server) → payment link, order history with live status.
// State lives in one object; every change re-renders the current view (the views are small).
import { h, mount, svg } from "./dom.js";
import { createApi, newKey } from "./api.js";
import { DICTS, pickLang, money, shortDate, dateTime } from "./i18n.js";
import { readLaunch, applyTheme, connectTelegram, openPayment } from "./telegram.js";

const TABS = ["shop", "stores", "wallet", "cart", "orders"];
const FINAL = new Set(["completed", "cancelled"]);

const ls = {
  get(k) {
    try {
      return localStorage.getItem(k);
    } catch {
      return null;
    }
  },
  set(k, v) {
    try {
      if (v === null) localStorage.removeItem(k);
      else localStorage.setItem(k, v);
    } catch {
      /* private mode: carts just don't persist */
    }
  },
};

const launch = readLaunch();
const query = new URLSearchParams(location.search);

const S = {
  lang: pickLang(ls.get("o2o.lang"), launch && launch.user && launch.user.language_code, navigator.language),
  tab: initialTab(),
  me: null,
  authError: null,
  brands: [],
  brandId: null,
  stores: [],
  storeId: null,
  shelf: null,
  picks: {},
  location: null,
  locating: false,
  locationNote: null,
  wallet: null,
  orders: null,
  quote: null,
  checkoutKey: null,
  busy: false,
  cartError: null,
  error: null,
  loading: true,
  highlightOrder: null,
};

const t = (k, ...a) => {
  const v = DICTS[S.lang][k];
  return typeof v === "function" ? v(...a) : v;
};
const api = createApi({ initData: launch && launch.initData, lang: () => S.lang });
const fmt = (cents, currency) => money(cents, currency, S.lang);

function initialTab() {
  const hash = location.hash.slice(1);
  return TABS.includes(hash) ? hash : "shop";
}

// ---------------------------------------------------------------------------------------------------------------
// cart: one per store, kept in localStorage; the server re-checks everything at quote and checkout
function cartOf(storeId) {
  try {
    const lines = JSON.parse(ls.get(`o2o.cart.${storeId}`) || "[]");
    return Array.isArray(lines) ? lines : [];
  } catch {
    return [];
  }
}
function saveCart(storeId, lines) {
  ls.set(`o2o.cart.${storeId}`, lines.length ? JSON.stringify(lines) : null);
  S.quote = null;
  S.checkoutKey = null;
  S.cartError = null;
}
const cartCount = () => (S.storeId ? cartOf(S.storeId).reduce((n, l) => n + l.quantity, 0) : 0);
const currentStore = () => (S.shelf && S.shelf.store.id === S.storeId ? S.shelf.store : S.stores.find((s) => s.id === S.storeId) || null);

// ---------------------------------------------------------------------------------------------------------------
// loading
async function loadMe() {
  // a one-time link from the bot (?signin=…): spend it, then drop it from the address bar and the history
  const link = !launch && query.get("signin");
  if (link) {
    history.replaceState(null, "", location.pathname + location.search.replace(/([?&])signin=[^&]*&?/, "$1").replace(/[?&]$/, ""));
    try {
      await api.post("session/link", { token: link });
    } catch (e) {
      S.authError = e.message;
    }
  }
  if (!launch) S.auth = await api.get("auth").catch(() => null);
  try {
    const r = await api.get("me");
    S.me = r.member;
    S.authError = null;
  } catch (e) {
    S.me = null;
    // NO_CREDENTIALS is the normal "not signed in yet"; anything else is a refused credential worth saying
    S.authError = e.status === 401 && e.reason !== "NO_CREDENTIALS" ? e.message : null;
  }
}

async function loadStores() {
  const q = new URLSearchParams({ brand: S.brandId || "" });
  if (S.location) {
    q.set("lat", String(S.location.lat));
    q.set("lng", String(S.location.lng));
  }
  S.stores = (await api.get(`stores?${q}`)).stores;
}

function pickStore() {
  const remembered = ls.get(`o2o.store.${S.brandId}`);
  if (remembered && S.stores.some((s) => s.id === remembered)) return remembered;
  const open = S.stores.find((s) => s.fulfillment && s.openNow);
  return (open || S.stores.find((s) => s.fulfillment) || S.stores[0] || { id: null }).id;
}

async function loadShelf(storeId) {
  S.shelf = await api.get(`products?store=${encodeURIComponent(storeId)}`);
  S.storeId = S.shelf.store.id;
  S.brandId = S.shelf.store.brandId;
  S.picks = {};
}

async function loadWallet() {
  if (!S.me) return;
  const q = new URLSearchParams();
  if (S.storeId) q.set("store", S.storeId);
  S.wallet = await api.get(`wallet?${q}`);
}

async function loadOrders() {
  if (!S.me) return;
  S.orders = (await api.get("orders")).orders;
}

async function run(fn) {
  try {
    await fn();
    S.error = null;
  } catch (e) {
    if (e.status === 401) {
      S.me = null;
      if (e.reason !== "NO_CREDENTIALS") S.authError = e.message;
    } else S.error = e.message || t("error");
  }
  render();
}

async function chooseBrand(brandId) {
  S.brandId = brandId;
  ls.set("o2o.brand", brandId);
  S.quote = null;
  await run(async () => {
    await loadStores();
    const id = pickStore();
    if (id) await loadShelf(id);
    else S.shelf = null;
  });
}

async function chooseStore(storeId) {
  ls.set(`o2o.store.${S.brandId}`, storeId);
  S.quote = null;
  await run(async () => {
    await loadShelf(storeId);
    if (S.wallet) await loadWallet();
  });
  setTab("shop");
}

function setTab(tab) {
  S.tab = tab;
  if (!launch && location.hash !== `#${tab}`) history.replaceState(null, "", `#${tab}`);
  window.scrollTo(0, 0);
  render();
  if (tab === "wallet" && S.me) run(loadWallet);
  if (tab === "orders" && S.me) run(loadOrders);
}

// ---------------------------------------------------------------------------------------------------------------
// actions
let toastTimer = null;
function toast(text) {
  const el = document.getElementById("toast");
  el.textContent = text;
  el.classList.add("show");
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => el.classList.remove("show"), 2500);
}

async function signIn(ev) {
  ev.preventDefault();
  const name = ev.target.querySelector("input").value.trim();
  if (!name) return;
  await run(async () => {
    const r = await api.post("session", { name });
    S.me = r.member;
    S.authError = null;
    if (S.tab === "wallet") await loadWallet();
    if (S.tab === "orders") await loadOrders();
  });
}

async function forgetMe() {
  if (!confirm(t("forgetConfirm"))) return;
  await run(async () => {
    await api.del("me", { confirm: true });
    S.me = null;
    S.wallet = null;
    S.orders = null;
    S.quote = null;
    toast(t("forgotten"));
  });
}

async function signOut() {
  await run(async () => {
    await api.del("session");
    S.me = null;
    S.wallet = null;
    S.orders = null;
    S.quote = null;
  });
}

function addToCart(p) {
  const single = p.sizes.length === 1 && p.sizes[0].size === "";
  const size = single ? "" : S.picks[p.id];
  if (size === undefined) return toast(t("pickSize"));
  const stock = (p.sizes.find((s) => s.size === size) || { stock: 0 }).stock;
  const lines = cartOf(S.storeId);
  const line = lines.find((l) => l.productId === p.id && l.size === size);
  if ((line ? line.quantity : 0) + 1 > stock) return toast(t("stock", 0));
  if (line) line.quantity += 1;
  else lines.push({ productId: p.id, name: p.name, size, quantity: 1, priceCents: p.priceCents, currency: p.currency });
  saveCart(S.storeId, lines);
  toast(t("added", `${p.name}${size ? ` ${size}` : ""}`));
  render();
}

function changeQty(i, delta) {
  const lines = cartOf(S.storeId);
  const line = lines[i];
  if (!line) return;
  line.quantity += delta;
  if (line.quantity <= 0) lines.splice(i, 1);
  saveCart(S.storeId, lines);
  render();
}

const cartItems = () => cartOf(S.storeId).map((l) => ({ productId: l.productId, size: l.size || null, quantity: l.quantity }));

async function review() {
  S.cartError = null;
  S.busy = true;
  render();
  try {
    S.quote = (await api.post("quote", { storeId: S.storeId, items: cartItems() })).quote;
    S.checkoutKey = newKey();
  } catch (e) {
    if (e.status === 401) S.me = null;
    S.cartError = e.message;
  }
  S.busy = false;
  render();
}

async function checkout() {
  if (S.busy) return; // a double tap sends one request; the server dedupes retries by the idempotency key too
  S.busy = true;
  S.cartError = null;
  render();
  try {
    if (!S.checkoutKey) S.checkoutKey = newKey();
    const r = await api.post("checkout", { storeId: S.storeId, items: cartItems(), quoteId: S.quote && S.quote.orderId, idempotencyKey: S.checkoutKey });
    sessionStorage.setItem("o2o.lastOrder", r.orderId);
    saveCart(S.storeId, []);
    if (r.payment) {
      if (r.payment.couponDropped) toast(t("couponDropped"));
      const how = openPayment(r.payment.url);
      if (how === "external") {
        toast(t("openedPayment"));
        S.highlightOrder = r.orderId;
        S.busy = false;
        setTab("orders");
      }
      return; // same tab: the payment page replaces this one
    }
    S.highlightOrder = r.orderId;
    S.busy = false;
    setTab("orders");
  } catch (e) {
    S.busy = false;
    if (e.status === 401) S.me = null;
    S.cartError = e.message;
    if (e.code === "ORDER_NOT_PAYABLE" || e.code === "OUT_OF_STOCK" || e.code === "ORDER_EXPIRED") {
      // that attempt is over: the next tap quotes afresh under a new key
      S.quote = null;
      S.checkoutKey = null;
    }
    render();
  }
}

async function payOrder(orderId) {
  await run(async () => {
    const r = await api.post(`orders/${encodeURIComponent(orderId)}/pay`);
    sessionStorage.setItem("o2o.lastOrder", orderId);
    if (openPayment(r.payment.url) === "external") toast(t("openedPayment"));
  });
}

async function claim(code) {
  await run(async () => {
    const r = await api.post("claim", { code });
    toast(r.alreadyClaimed ? t("alreadyClaimed", r.coupon.code) : t("claimed", r.coupon.code));
    S.quote = null;
    await loadWallet();
  });
}

function locate() {
  if (!navigator.geolocation) {
    S.locationNote = t("locationDenied");
    return render();
  }
  S.locating = true;
  render();
  navigator.geolocation.getCurrentPosition(
    async (pos) => {
      S.location = { lat: pos.coords.latitude, lng: pos.coords.longitude };
      S.locating = false;
      S.locationNote = t("nearestFirst");
      await run(loadStores);
    },
    () => {
      S.locating = false;
      S.locationNote = t("locationDenied");
      render();
    },
    { timeout: 8000, maximumAge: 300000 },
  );
}

function toggleLang() {
  S.lang = S.lang === "zh" ? "en" : "zh";
  ls.set("o2o.lang", S.lang);
  document.documentElement.lang = S.lang === "zh" ? "zh-CN" : "en";
  render();
}

// ---------------------------------------------------------------------------------------------------------------
// views
const fulfilText = (f) => (f ? t(f) : t("noOnline"));
const openBadge = (s) => h("span", { class: `badge ${s.openNow ? "ok" : "muted"}` }, s.openNow ? t("openNow") : t("closedNow"));

function signInCard() {
  if (launch) return S.authError ? h("div", { class: "card error", id: "auth-error" }, S.authError) : null;
  // without LOCAL_SIGN_IN=1 a name proves nothing: the page says how to sign in with proof instead
  if (S.auth && !S.auth.localSignIn) {
    return h("div", { class: "card signin", id: "signin-proof" }, h("h2", {}, t("signInProofTitle")), h("p", { class: "muted" }, S.authError || t("signInProofHint")));
  }
  return h(
    "form",
    { class: "card signin", id: "signin-form", onsubmit: signIn },
    h("h2", {}, t("signInTitle")),
    h("p", { class: "muted" }, S.authError || t("signInHint")),
    h("div", { class: "row" },
      h("input", { id: "signin-name", name: "name", placeholder: t("signInPlaceholder"), autocomplete: "name", maxlength: 60, required: true }),
      h("button", { id: "signin-submit", type: "submit", class: "primary" }, t("signIn")),
    ),
  );
}

function header() {
  const brand = S.brands.find((b) => b.id === S.brandId) || (S.shelf && { name: S.shelf.store.brandName });
  const who = S.me
    ? h("span", { class: "who", id: "who" }, t("hello", S.me.displayName || ""), !launch ? h("button", { class: "link", id: "signout", onclick: signOut }, t("signOut")) : null, h("button", { class: "link", id: "forget-me", onclick: forgetMe }, t("forgetMe")))
    : null;
  return h(
    "header",
    { class: "top" },
    h("div", { class: "bar" },
      h("h1", {}, brand ? brand.name : t("title")),
      who,
      h("button", { class: "chip", id: "lang", onclick: toggleLang, "aria-label": "language" }, t("lang")),
    ),
    S.brands.length > 1
      ? h("div", { class: "pills", role: "tablist" },
        S.brands.map((b) => h("button", { class: "pill", "aria-pressed": b.id === S.brandId ? "true" : "false", dataset: { brand: b.id }, onclick: () => chooseBrand(b.id) }, b.name)))
      : null,
  );
}

function storeBar() {
  const s = currentStore();
  if (!s) return null;
  return h("div", { class: "storebar", id: "storebar", dataset: { store: s.id } },
    h("div", {},
      h("strong", {}, s.name), " ", openBadge(s),
      h("div", { class: "muted small" }, `${fulfilText(s.fulfillment)} · ${t("hours", s.openHours)}`),
    ),
    h("button", { class: "chip", onclick: () => setTab("stores") }, t("changeStore")),
  );
}

function productCard(p) {
  const single = p.sizes.length === 1 && p.sizes[0].size === "";
  const picked = single ? "" : S.picks[p.id];
  const pickedStock = picked === undefined ? null : (p.sizes.find((s) => s.size === picked) || { stock: 0 }).stock;
  const alias = S.lang === "en" && p.aliases.length ? p.aliases[0] : null;
  return h("article", { class: `product${p.inStock ? "" : " out"}`, dataset: { product: p.id } },
    h("div", { class: "tile", "aria-hidden": "true" }, p.photoUrl ? h("img", { src: p.photoUrl, alt: "", loading: "lazy" }) : p.name.slice(0, 1)),
    h("div", { class: "info" },
      h("div", { class: "name" }, p.name, alias ? h("span", { class: "muted small" }, ` · ${alias}`) : null),
      h("div", { class: "price" }, fmt(p.priceCents, p.currency)),
      single
        ? h("div", { class: "muted small stock" }, t("stock", p.sizes[0].stock))
        : h("div", { class: "sizes", role: "group" },
          p.sizes.map((s) => h("button", {
            class: "size", dataset: { size: s.size }, disabled: s.stock <= 0, "aria-pressed": picked === s.size ? "true" : "false",
            title: t("stock", s.stock), onclick: () => { S.picks[p.id] = s.size; render(); },
          }, s.size, s.stock <= 0 ? h("small", {}, ` ${t("soldOut")}`) : null))),
      !single && pickedStock !== null ? h("div", { class: "muted small stock" }, t("stock", pickedStock)) : null,
      h("button", { class: "primary add", disabled: !p.inStock || (pickedStock !== null && pickedStock <= 0), onclick: () => addToCart(p) }, t("addToCart")),
    ),
  );
}

function shopView() {
  if (!S.shelf) return h("p", { class: "muted" }, S.loading ? t("loading") : t("noProducts"));
  return [
    !S.me ? signInCard() : null,
    storeBar(),
    S.shelf.products.length ? h("div", { class: "products", id: "products" }, S.shelf.products.map(productCard)) : h("p", { class: "muted" }, t("noProducts")),
  ];
}

function storeMap() {
  // a schematic map (no tiles, nothing fetched): stores that serve nearby, placed by coordinates around the user
  const local = S.stores.filter((s) => !s.flagship);
  const pts = local.map((s) => ({ lat: s.lat, lng: s.lng }));
  if (S.location) pts.push(S.location);
  if (pts.length < 2) return null;
  const lats = pts.map((p) => p.lat);
  const lngs = pts.map((p) => p.lng);
  const minLat = Math.min(...lats), maxLat = Math.max(...lats), minLng = Math.min(...lngs), maxLng = Math.max(...lngs);
  if (maxLat - minLat > 1 || maxLng - minLng > 1) return null; // too spread out for a useful sketch
  // equirectangular around the middle latitude: one scale for both axes, so distances look right
  const W = 320, H = 180, pad = 18;
  const k = Math.cos(((minLat + maxLat) / 2) * (Math.PI / 180));
  const spanX = Math.max((maxLng - minLng) * k, 1e-4), spanY = Math.max(maxLat - minLat, 1e-4);
  const scale = Math.min((W - 2 * pad) / spanX, (H - 2 * pad) / spanY);
  const offX = (W - spanX * scale) / 2, offY = (H - spanY * scale) / 2;
  const x = (lng) => offX + (lng - minLng) * k * scale;
  const y = (lat) => H - offY - (lat - minLat) * scale;
  return h("figure", { class: "map card" },
    svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": t("mapTitle") },
      ...local.map((s) => svg("g", { class: `pin${s.id === S.storeId ? " current" : ""}`, onclick: () => chooseStore(s.id) },
        svg("circle", { cx: x(s.lng), cy: y(s.lat), r: s.id === S.storeId ? 8 : 6 }),
        svg("title", {}, s.name))),
      S.location ? svg("g", { class: "me" }, svg("circle", { cx: x(S.location.lng), cy: y(S.location.lat), r: 6 }), svg("title", {}, t("you"))) : null,
    ),
  );
}

function storesView() {
  return [
    h("div", { class: "row spread" },
      h("h2", {}, t("chooseStore")),
      h("button", { class: "chip", id: "locate", onclick: locate, disabled: S.locating }, S.locating ? t("locating") : t("useLocation")),
    ),
    S.locationNote ? h("p", { class: "muted small", id: "location-note" }, S.locationNote) : null,
    storeMap(),
    h("ul", { class: "stores", id: "stores" },
      S.stores.map((s) => h("li", { class: `card store${s.id === S.storeId ? " current" : ""}`, dataset: { store: s.id } },
        h("div", { class: "row spread" },
          h("strong", {}, s.name),
          s.distanceMeters !== null ? h("span", { class: "distance" }, t("away", s.distanceMeters)) : null,
        ),
        h("div", { class: "muted small" }, s.address),
        h("div", { class: "small" }, openBadge(s), ` ${t("hours", s.openHours)} · ${fulfilText(s.fulfillment)}`),
        s.id === S.storeId
          ? h("span", { class: "badge ok" }, t("current"))
          : h("button", { class: "primary shop-here", disabled: !s.fulfillment, onclick: () => chooseStore(s.id) }, t("shopHere")),
      ))),
  ];
}

function couponFace(c) {
  return h("div", { class: "face" },
    h("strong", {}, c.kind === "percent" ? t("percentOff", c.value) : t("amountOff", fmt(c.value, c.currency))),
    h("div", { class: "small" }, c.title || c.code),
    h("div", { class: "muted small" }, `${c.brandName} · ${c.code}${c.minSpendCents ? ` · ${t("minSpend", fmt(c.minSpendCents, c.currency))}` : ""} · ${t("until", shortDate(c.validTo, S.lang))}`),
  );
}

function walletView() {
  if (!S.me) return signInCard();
  const w = S.wallet;
  const claimForm = h("form", { class: "card row", id: "claim-form", onsubmit: (ev) => { ev.preventDefault(); const v = ev.target.querySelector("input").value.trim(); if (v) claim(v); } },
    h("input", { id: "claim-code", placeholder: t("claimPlaceholder", w?.claimable?.[0]?.code ?? null), autocapitalize: "characters", maxlength: 40 }),
    h("button", { id: "claim-submit", class: "primary", type: "submit" }, t("claim")),
  );
  if (!w) return [claimForm, h("p", { class: "muted" }, t("loading"))];
  const mineStatus = (c) => (c.status === "redeemed" ? ["muted", t("redeemed")] : c.status === "expired" ? ["muted", t("expired")] : c.usableHere === false ? ["warn", t("notHere")] : c.usableHere ? ["ok", t("usableHere")] : ["ok", t("usable")]);
  const sortBrand = (a, b) => Number(b.brandId === S.brandId) - Number(a.brandId === S.brandId);
  return [
    claimForm,
    w.claimable.length ? h("h2", {}, t("claimable")) : null,
    h("ul", { class: "coupons", id: "claimable" },
      [...w.claimable].sort(sortBrand).map((c) => h("li", { class: "card coupon", dataset: { coupon: c.code } },
        couponFace(c),
        h("button", { class: "primary claim", dataset: { claim: c.code }, onclick: () => claim(c.code) }, t("claim")),
      ))),
    h("h2", {}, t("myCoupons")),
    w.wallet.length
      ? h("ul", { class: "coupons", id: "wallet" },
        [...w.wallet].sort(sortBrand).map((c) => {
          const [tone, label] = mineStatus(c);
          return h("li", { class: `card coupon ${c.status}`, dataset: { coupon: c.code, status: c.status } }, couponFace(c), h("span", { class: `badge ${tone}` }, label));
        }))
      : h("p", { class: "muted" }, t("noCoupons")),
  ];
}

function cartView() {
  const store = currentStore();
  const lines = S.storeId ? cartOf(S.storeId) : [];
  if (!lines.length) return [storeBar(), h("p", { class: "muted", id: "cart-empty" }, t("cartEmpty"))];
  const currency = lines[0].currency;
  const subtotal = lines.reduce((n, l) => n + l.priceCents * l.quantity, 0);
  const q = S.quote;
  return [
    store ? h("p", { class: "muted small" }, t("cartAt", store.name)) : null,
    h("ul", { class: "cart card", id: "cart" },
      lines.map((l, i) => h("li", { class: "line", dataset: { product: l.productId, size: l.size } },
        h("div", { class: "grow" }, h("div", {}, l.name, l.size ? ` · ${l.size}` : ""), h("div", { class: "muted small" }, fmt(l.priceCents, l.currency))),
        h("div", { class: "qty" },
          h("button", { class: "chip", "aria-label": "-", onclick: () => changeQty(i, -1) }, "−"),
          h("span", { class: "n" }, String(l.quantity)),
          h("button", { class: "chip", "aria-label": "+", onclick: () => changeQty(i, +1) }, "+"),
        ),
        h("div", { class: "amount" }, fmt(l.priceCents * l.quantity, l.currency)),
      ))),
    h("div", { class: "totals card" }, h("div", { class: "row spread" }, h("span", {}, t("subtotal")), h("span", {}, fmt(subtotal, currency)))),
    S.cartError ? h("div", { class: "card error", id: "cart-error", role: "alert" }, S.cartError) : null,
    !S.me
      ? signInCard()
      : q
        ? h("section", { class: "card quote", id: "quote", dataset: { order: q.orderId } },
          h("div", { class: "row spread" }, h("span", {}, t("subtotal")), h("span", {}, fmt(q.subtotalCents, q.currency))),
          q.couponCode
            ? h("div", { class: "row spread discount", id: "quote-coupon", dataset: { coupon: q.couponCode } }, h("span", {}, `${t("discount")} · ${q.couponTitle || q.couponCode}`), h("span", {}, `−${fmt(q.discountCents, q.currency)}`))
            : h("p", { class: "muted small" }, t("noCouponApplied")),
          q.couponCode ? h("p", { class: "muted small" }, t("couponApplied", q.couponCode)) : null,
          h("div", { class: "row spread total" }, h("strong", {}, t("total")), h("strong", { id: "quote-total" }, fmt(q.totalCents, q.currency))),
          h("button", { class: "primary big", id: "checkout-pay", disabled: S.busy, onclick: checkout }, S.busy ? t("paying") : t("payNow", fmt(q.totalCents, q.currency))),
        )
        : h("button", { class: "primary big", id: "review", disabled: S.busy, onclick: review }, S.busy ? t("loading") : t("review")),
  ];
}

function orderCard(o) {
  return h("li", { class: `card order${o.id === S.highlightOrder ? " highlight" : ""}`, dataset: { order: o.id, status: o.status } },
    h("div", { class: "row spread" }, h("strong", {}, o.storeName), h("span", { class: `badge status ${o.status}` }, o.statusText[S.lang] || o.status)),
    h("ul", { class: "small" }, o.items.map((i) => h("li", {}, `${i.name}${i.size ? ` ${i.size}` : ""} ×${i.quantity}`))),
    h("div", { class: "row spread" },
      h("span", { class: "muted small" }, `${t("order")} ${o.id.slice(-8)} · ${dateTime(o.createdAt, S.lang)}`),
      h("span", {}, o.discountCents ? h("s", { class: "muted small" }, fmt(o.subtotalCents, o.currency)) : null, " ", h("strong", {}, fmt(o.totalCents, o.currency))),
    ),
    o.status === "pending_payment" ? h("button", { class: "primary pay-order", dataset: { pay: o.id }, onclick: () => payOrder(o.id) }, t("pay")) : null,
  );
}

function ordersView() {
  if (!S.me) return signInCard();
  if (!S.orders) return h("p", { class: "muted" }, t("loading"));
  return [
    h("div", { class: "row spread" }, h("h2", {}, t("tabOrders")), h("button", { class: "chip", id: "orders-refresh", onclick: () => run(loadOrders) }, t("refresh"))),
    S.orders.length ? h("ul", { class: "orders", id: "orders" }, S.orders.map(orderCard)) : h("p", { class: "muted" }, t("ordersEmpty")),
  ];
}

function tabBar() {
  const n = cartCount();
  const label = { shop: t("tabShop"), stores: t("tabStores"), wallet: t("tabWallet"), cart: t("tabCart"), orders: t("tabOrders") };
  return h("nav", { class: "tabs" },
    TABS.map((tab) => h("button", { class: "tab", id: `tab-${tab}`, "aria-current": S.tab === tab ? "page" : "false", onclick: () => setTab(tab) },
      label[tab], tab === "cart" && n ? h("span", { class: "count", id: "cart-count" }, String(n)) : null)));
}

function render() {
  document.title = t("title");
  const views = { shop: shopView, stores: storesView, wallet: walletView, cart: cartView, orders: ordersView };
  mount(document.getElementById("app"),
    header(),
    S.error ? h("div", { class: "card error", id: "error", role: "alert" }, S.error, " ", h("button", { class: "link", onclick: () => location.reload() }, t("retry"))) : null,
    launch && S.authError ? h("div", { class: "card error", id: "auth-error", role: "alert" }, S.authError) : null,
    h("main", { class: `view ${S.tab}` }, views[S.tab]()),
    tabBar(),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// live order status: poll while the orders view is open and something is still moving
setInterval(() => {
  if (S.tab !== "orders" || !S.me || document.hidden || !S.orders) return;
  if (S.orders.some((o) => !FINAL.has(o.status))) run(loadOrders);
}, 4000);

window.addEventListener("hashchange", () => {
  const tab = initialTab();
  if (!launch && tab !== S.tab) setTab(tab);
});
document.addEventListener("visibilitychange", () => {
  if (!document.hidden && S.tab === "orders" && S.me) run(loadOrders);
});

function startTarget() {
  // ?store=ID / ?brand=ID, or a Telegram startapp parameter "store_ID" / "store-ID" / "brand_ID"
  const sp = (launch && launch.startParam) || "";
  const m = /^(store|brand)[-_](.+)$/.exec(sp);
  return { store: query.get("store") || (m && m[1] === "store" ? m[2] : null), brand: query.get("brand") || (m && m[1] === "brand" ? m[2] : null) };
}

async function boot() {
  document.documentElement.lang = S.lang === "zh" ? "zh-CN" : "en";
  if (launch) applyTheme(launch.theme);
  render();
  const target = startTarget();
  // the first screen needs the member and one shelf; brands and the store list follow without holding it up
  const meP = loadMe();
  const brandsP = api.get("brands").then((r) => {
    S.brands = r.brands;
    return null;
  }, (e) => e);
  try {
    const shelf = target.store ? await api.get(`products?store=${encodeURIComponent(target.store)}`).catch(() => null) : null;
    if (shelf) {
      S.shelf = shelf;
      S.storeId = shelf.store.id;
      S.brandId = shelf.store.brandId;
      ls.set(`o2o.store.${S.brandId}`, S.storeId);
    } else {
      const failed = await brandsP;
      if (failed) throw failed;
      const known = (id) => id && S.brands.some((b) => b.id === id);
      S.brandId = known(target.brand) ? target.brand : known(ls.get("o2o.brand")) ? ls.get("o2o.brand") : S.brands.length ? S.brands[0].id : null;
      if (S.brandId) {
        await loadStores();
        const id = pickStore();
        if (id) await loadShelf(id);
      }
    }
    await meP;
  } catch (e) {
    S.error = e.message || t("error");
    if (e.status === 401) S.authError = e.message;
  }
  S.loading = false;
  const last = sessionStorage.getItem("o2o.lastOrder");
  if (last && S.me) {
    // back from the payment page: show how that order is doing
    sessionStorage.removeItem("o2o.lastOrder");
    S.highlightOrder = last;
    if (S.tab === "shop") S.tab = "orders";
  }
  render();
  if (S.tab === "wallet") await run(loadWallet);
  if (S.tab === "orders") await run(loadOrders);
  performance.mark("o2o-first-render");
  document.body.dataset.ready = "true";
  if (launch) connectTelegram(applyTheme);
  if (!S.error) {
    await brandsP;
    if (!S.stores.length && S.brandId) await run(loadStores);
    else render();
  }
}

boot();
