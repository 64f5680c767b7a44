// Everything the bot says, in zh-CN and en. Failure codes become friendly words here, never stack traces.
import { formatMoney } from "../domain/money.ts";
import { statusText } from "../messages/order-texts.ts";
import { exampleSentences, type CatalogExamples } from "./examples.ts";
import type { Lang } from "./replies.ts";

export const money = (cents: number, currency: string, lang: Lang) => formatMoney(cents, currency, lang === "zh" ? "zh-CN" : "en");

export function distanceText(m: number, lang: Lang): string {
  if (m < 1000) return lang === "zh" ? `${Math.round(m)}米` : `${Math.round(m)} m`;
  return lang === "zh" ? `${(m / 1000).toFixed(1)}公里` : `${(m / 1000).toFixed(1)} km`;
}

/** Detects the language of one message: any CJK character means Chinese; plain Latin words mean English. */
export function detectLang(text: string, previous: Lang | undefined): Lang {
  if (/[\u3400-\u9fff]/.test(text)) return "zh";
  if (/[a-z]{2,}/i.test(text)) return "en";
  return previous ?? "zh";
}

const zh = {
  // help, greeting and the fallback quote examples from the loaded catalog (examples.ts), never fixed names
  help: (ex: CatalogExamples) => [
    "我可以帮你：",
    `• 点单：${ex.product ? `「我要${ex.product.zh}」「两份${ex.product.zh}，自取」` : "直接说想要什么"}，再发送位置`,
    `• 找门店：${ex.brand ? `「附近500米有${ex.brand.zh}吗」` : "「附近的门店」"}`,
    ...(ex.role ? [`• 预约：「约${ex.role.zh} 明天下午三点」`] : []),
    `• 优惠券：${ex.coupon ? `「领取${ex.coupon}」` : "「领券」"}「我的优惠券」`,
    "• 订单：「我的订单」「取消订单」",
    "• 隐私：「退订」停止推送，「删除我的数据」",
    "随时说「取消」重新开始。",
  ].join("\n"),
  greeting: (ex: CatalogExamples) => `你好！想要点什么？${ex.product ? `比如「我要${ex.product.zh}」，` : "直接告诉我，"}或者问我「附近有什么店」。`,
  unknown: (ex: CatalogExamples) => `抱歉，我没太明白。可以说${exampleSentences(ex, "zh").slice(0, 2).map((x) => `「${x}」`).join("")}「我的优惠券」，或者说「帮助」。`,
  askLocation: "请发送你的位置，我来找最近能服务你的门店。（位置只用于这一单，订单结束后自动删除）",
  askLocationSearch: "请发送你的位置，我来找附近的门店。",
  askWhat: "想要点什么？",
  askSize: (name: string) => `${name}要哪个规格？`,
  sizeUnknown: (name: string, sizes: string) => `${name}没有这个规格，可选：${sizes}`,
  cancelled: "好的，已取消。还需要什么随时说。",
  nothingToCancel: "现在没有进行中的订单。",
  quoteConsent: "（你的位置只用于这一单，订单完成后自动删除）",
  confirmLabel: "确认下单",
  changeStore: (name: string) => `换 ${name}`,
  pickupInstead: "改为到店自取",
  deliveryEta: (min: number) => `约${min}分钟送达`,
  promiseBroken: (store: string, eta: number, promise: number) => `${store}送到你这里约需${eta}分钟，超出了它承诺的${promise}分钟送达。`,
  shipInstead: "从旗舰店快递到家",
  cancelLabel: "取消",
  payLabel: "去支付",
  linkText: (total: string, mins: number) => `请在${mins}分钟内完成支付：${total}`,
  couponDropped: "优惠券已被使用，已按原价重新计算。",
  paid: (id: string) => `支付成功！订单 ${id} 已通知门店，接单后会告诉你进度。`,
  alreadyPaid: "这笔订单已经支付过了，不会重复扣款。",
  noOrders: "你还没有订单。",
  walletEmpty: "你的券包是空的。说「领券」看看有什么优惠。",
  claimed: (title: string) => `已领取：${title}，已放入你的券包，线上线下都能用。`,
  alreadyClaimed: (title: string) => `${title} 已经在你的券包里了。`,
  whichCoupon: "可以领取这些优惠券：",
  noCoupons: "现在没有可领取的优惠券。",
  followed: (brand: string) => `已关注 ${brand}，会收到它的活动推送。说「退订」随时停止。`,
  unfollowed: (brand: string) => `已取消关注 ${brand}。`,
  unsubscribed: "已退订，不会再给你发送推广消息。订单通知照常发送。",
  forgetAsk: "确定删除你的个人数据吗？位置、电话、昵称和聊天记录都会被删除（订单金额会匿名保留用于商家对账）。",
  forgetConfirm: "确认删除",
  forgotten: "你的个人数据已删除。",
  feedbackThanks: (r: number | null) => (r ? `谢谢你的${r}星评价！` : "谢谢你的反馈！"),
  storesNear: (n: number, r: string) => `附近${r}内有 ${n} 家门店：`,
  noStoreInRadius: (r: string, nearest: string, d: string) => `${r}内没有门店，最近的是 ${nearest}，距离${d}。`,
  noStoreAtAll: "附近没有找到门店。",
  orderLine: (id: string, status: string, total: string) => `订单 ${id}：${statusText(status, "zh")}，${total}`,
  recommendIntro: "为你推荐：",
  tooLong: "消息太长了，我只看了前面一部分。",
  empty: "你好像什么都没说。说「帮助」看看我能做什么。",
  voiceNoKey: (ex: CatalogExamples) => `暂时听不了语音，请直接打字告诉我${ex.product ? `，比如「我要${ex.product.zh}」` : "你想要什么"}。`,
};

type Dict = typeof zh;

const en: Dict = {
  help: (ex: CatalogExamples) => [
    "I can help you:",
    `• Order: ${ex.product ? `"${ex.product.en} please", "two ${ex.product.en} for pickup"` : "just say what you'd like"}, then share your location`,
    `• Find a store: ${ex.brand ? `"any ${ex.brand.en} within 1 km?"` : `"stores near me"`}`,
    ...(ex.role ? [`• Book: "book a ${ex.role.en} tomorrow 3pm"`] : []),
    `• Coupons: ${ex.coupon ? `"claim ${ex.coupon}"` : `"coupons"`}, "my coupons"`,
    `• Orders: "my orders", "cancel my order"`,
    `• Privacy: "unsubscribe" stops promotions, "forget me" deletes your data`,
    `Say "cancel" at any time to start over.`,
  ].join("\n"),
  greeting: (ex: CatalogExamples) => `Hi! What would you like? ${ex.product ? `Try "${ex.product.en} please" or` : "Tell me, or try"} "stores near me".`,
  unknown: (ex: CatalogExamples) => `Sorry, I didn't get that. Try ${exampleSentences(ex, "en").slice(0, 2).map((x) => `"${x}"`).join(", ")}, "my coupons" or "help".`,
  askLocation: "Please share your location so I can find the nearest store that can serve you. (It is used for this order only and deleted when the order is done.)",
  askLocationSearch: "Please share your location so I can find stores near you.",
  askWhat: "What would you like?",
  askSize: (name: string) => `Which size of ${name}?`,
  sizeUnknown: (name: string, sizes: string) => `${name} doesn't come in that size. Sizes: ${sizes}`,
  cancelled: "OK, cancelled. Tell me whenever you need something.",
  nothingToCancel: "There is no order in progress.",
  quoteConsent: "(Your location is used for this order only and deleted when it is done.)",
  confirmLabel: "Confirm order",
  changeStore: (name: string) => `Use ${name}`,
  pickupInstead: "Pick up in store instead",
  deliveryEta: (min: number) => `about ${min} min delivery`,
  promiseBroken: (store: string, eta: number, promise: number) => `${store} would take about ${eta} min to deliver to you, beyond its ${promise}-minute delivery promise.`,
  shipInstead: "Ship from the online flagship",
  cancelLabel: "Cancel",
  payLabel: "Pay now",
  linkText: (total: string, mins: number) => `Please pay ${total} within ${mins} minutes:`,
  couponDropped: "Your coupon was already used, so the total is without it.",
  paid: (id: string) => `Payment received! Order ${id} was sent to the store; I'll tell you as it progresses.`,
  alreadyPaid: "This order is already paid; you won't be charged twice.",
  noOrders: "You have no orders yet.",
  walletEmpty: "Your wallet is empty. Say \"coupons\" to see what you can claim.",
  claimed: (title: string) => `Claimed: ${title}. It's in your wallet, valid online and in store.`,
  alreadyClaimed: (title: string) => `${title} is already in your wallet.`,
  whichCoupon: "You can claim these coupons:",
  noCoupons: "There are no coupons to claim right now.",
  followed: (brand: string) => `You now follow ${brand} and will get its offers. Say "unsubscribe" to stop at any time.`,
  unfollowed: (brand: string) => `You unfollowed ${brand}.`,
  unsubscribed: "Unsubscribed: no more promotions. Order updates still arrive.",
  forgetAsk: "Delete your personal data? Location, phone, names and chat history will be erased (order totals stay, anonymised, for the merchant's books).",
  forgetConfirm: "Yes, delete",
  forgotten: "Your personal data has been deleted.",
  feedbackThanks: (r: number | null) => (r ? `Thanks for the ${r}-star rating!` : "Thanks for your feedback!"),
  storesNear: (n: number, r: string) => `${n} store(s) within ${r}:`,
  noStoreInRadius: (r: string, nearest: string, d: string) => `No store within ${r}; the nearest is ${nearest}, ${d} away.`,
  noStoreAtAll: "No store found near you.",
  orderLine: (id: string, status: string, total: string) => `Order ${id}: ${statusText(status, "en")}, ${total}`,
  recommendIntro: "Picked for you:",
  tooLong: "That message is very long; I only read the beginning.",
  empty: "You didn't say anything. Say \"help\" to see what I can do.",
  voiceNoKey: (ex: CatalogExamples) => `I can't listen to voice messages right now; please type it${ex.product ? `, e.g. "${ex.product.en} please"` : ""}.`,
};

export const MESSAGES: Record<Lang, Dict> = { zh, en };

export { errorText } from "../messages/error-texts.ts";
