import { describe, expect, it } from "vitest";
import { couponByTitle, couponSignatures, findCouponCode, findOrderId } from "../../src/nlu/codes.ts";
import { parseFulfillment } from "../../src/nlu/fulfillment.ts";
import { parseRating } from "../../src/nlu/rating.ts";
import { defaultCorpusContext } from "../../src/nlu/eval.ts";
import { RulesParser } from "../../src/nlu/rules-parser.ts";
import { normalizeText } from "../../src/nlu/text.ts";
import { soldBy } from "../../src/nlu/sold-by.ts";
import { ctx, itemLines, rulesFromCatalog } from "./fixtures.ts";

const KNOWN = new Map(["GXG30", "COFFEE5", "LATTE8", "HOME500", "GB50"].map((c) => [c, c]));
const n = (t: string) => normalizeText(t);

describe("coupon codes", () => {
  it.each([
    ["领取GXG30", "GXG30"],
    ["claim coupon COFFEE5", "COFFEE5"],
    ["coffee5", "COFFEE5"],
    ["用latte8", "LATTE8"],
    ["优惠码是ABC123", "ABC123"],
    ["coupon: summer20", "SUMMER20"],
    ["redeem code SAVEBIG", "SAVEBIG"],
    ["我要优惠券", null],
    ["claim it", null],
    ["领100元券", null],
    ["GXG有券吗", null],
    ["order abc123", null],
  ])("%j → %j", (text, code) => {
    const { lower, orig } = n(text);
    expect(findCouponCode(lower, orig, KNOWN, findOrderId(lower, orig, new Set(KNOWN.keys())))?.value ?? null).toBe(code);
  });
});

describe("a coupon named by its title", () => {
  const COUPONS = [
    { code: "SPRING50", title: "春日茶园 满300减50" },
    { code: "NEW8", title: "新人首单8折" },
    { code: "TEA85", title: "春日茶园 乌龙茶85折" },
    { code: "CAKE20", title: "生日蛋糕立减20元" },
    { code: "CAKE30", title: "蛋糕满200减30" },
  ];
  it.each([
    ["那个满300减50的券怎么领", "SPRING50"],
    ["新人首单八折怎么领", "NEW8"],
    ["我要领乌龙那个8.5折的券", "TEA85"],
    ["15% off coupon for oolong", "TEA85"],
    ["生日蛋糕立减那个券还有吗", "CAKE20"],
    // the brand's name is in two titles: it names neither
    ["春日茶园有什么券", null],
    // a discount no coupon gives, and words without coupon talk
    ["有满500减80的吗", null],
    ["想订个生日蛋糕", null],
  ])("%j → %j", (text, code) => {
    expect(couponByTitle(n(text).lower, couponSignatures(COUPONS, ["春日茶园"]))).toBe(code);
  });
});

describe("order ids", () => {
  it.each([
    ["order c123abc", "c123abc"],
    ["where is order #AB12CD", "AB12CD"],
    ["#ab12cd 到哪了", "ab12cd"],
    ["订单C9K2M1进度", "C9K2M1"],
    ["订单号：123456789", "123456789"],
    ["order id is k2j4h6", "k2j4h6"],
    ["order 2 lattes", null],
    ["order 1000 cups", null],
    ["order latte", null],
    ["订单到哪了", null],
    ["order COFFEE5", null], // a coupon code
  ])("%j → %j", (text, id) => {
    const { lower, orig } = n(text);
    expect(findOrderId(lower, orig, new Set(KNOWN.keys()))?.value ?? null).toBe(id);
  });
});

describe("ratings", () => {
  it.each([
    ["5星", 5], ["五星好评", 5], ["差评", 1], ["好评", 5], ["中评", 3], ["一星差评", 1], ["打4分", 4], ["给你们打3分", 3],
    ["4 stars", 4], ["five stars", 5], ["rate 3", 3], ["rating: 2", 2], ["rate my last order 4", 4], ["4/5", 4], ["3 out of 5", 3],
    ["满分", 5], ["0分", 1], ["星巴克", null], ["15分钟", null], ["5星级酒店", null], ["great coffee", null],
  ])("%j → %j", (text, r) => expect(parseRating(n(text).lower)).toBe(r));
});

describe("fulfillment", () => {
  it.each([
    ["外送", "delivery"], ["送到公司", "delivery"], ["配送", "delivery"], ["deliver to my office", "delivery"], ["delivery please", "delivery"],
    ["送两杯拿铁到家", "delivery"], ["自取", "pickup"], ["到店取", "pickup"], ["pickup", "pickup"], ["pick up at 3", "pickup"],
    ["快递", "ship"], ["寄到北京", "ship"], ["邮寄", "ship"], ["ship it", "ship"], ["来杯拿铁", null], ["领取优惠券", null],
  ])("%j → %j", (text, f) => expect(parseFulfillment(n(text).lower)).toBe(f));
});

describe("more ways to say how and which order", () => {
  it.each([
    ["今晚能送吗", "delivery"], ["8寸照片20张 体育西店取", "pickup"], ["明信片3套 寄", "ship"],
    ["电视一台 11月28号送", "delivery"], ["帮我寄一套滤芯", "ship"],
  ])("%j → %s", (text, f) => expect(parseFulfillment(n(text).lower)).toBe(f));
  it("a prefixed order id in a cancellation", () => {
    const t = n("刚才下的单下错了 取消 ord_77ab1");
    expect(findOrderId(t.lower, t.orig, new Set())?.value).toBe("ord_77ab1");
  });
});

describe("several sizes and counts of one product in a sentence", () => {
  // a catalog no corpus has: a ferry line selling tickets for adults and children, deck chairs by the person, coffee
  // in two sizes, and linen in two weaves
  const ferry = new RulesParser({
    brands: [{ id: "f", name: "蓝湾渡轮", aliases: [] }],
    products: [
      { id: "ticket", brandId: "f", name: "渡轮船票", aliases: ["船票", "ferry ticket"], sizes: ["成人", "儿童"] },
      { id: "cabin", brandId: "f", name: "海景船舱", aliases: ["船舱"], sizes: ["1人", "2人", "4人"] },
      { id: "beans", brandId: "f", name: "船长咖啡豆", aliases: ["咖啡豆"], sizes: ["250g", "1kg"] },
      { id: "towel", brandId: "f", name: "亚麻浴巾", aliases: ["浴巾"], sizes: ["平纹", "华夫格"] },
      { id: "deck-fan", brandId: "f", name: "甲板风扇", aliases: [], sizes: ["12寸", "16寸"] },
      { id: "cabin-fan", brandId: "f", name: "船舱小风扇", aliases: [], sizes: ["8寸"] },
      { id: "rope", brandId: "f", name: "系船缆绳", aliases: ["缆绳"], sizes: ["45cm", "90cm"] },
      { id: "suite", brandId: "f", name: "海上家庭套房", aliases: [], sizes: ["一居室", "两居室"], tags: ["住宿"] },
    ],
    coupons: [],
  } as never, undefined, { intentModel: null });
  const items = (text: string) => itemLines(ferry, text);
  it.each([
    ["两张船票 一大一小", ["ticket×1/成人", "ticket×1/儿童"]],
    ["船票 两大一小", ["ticket×2/成人", "ticket×1/儿童"]],
    ["船票三张 两张大的一张小的", ["ticket×2/成人", "ticket×1/儿童"]],
    ["咖啡豆 一大一小", ["beans×1/1kg", "beans×1/250g"]],
    ["一大早订两张船票", ["ticket×2"]],
  ])("%s → %j", (text, want) => expect(items(text)).toEqual(want));
  it("a count before each of two sizes, the first size standing for the product", () => {
    expect(items("2条平纹 3条华夫格")).toEqual(["towel×2/平纹", "towel×3/华夫格"]);
    expect(items("浴巾 2条平纹 3条华夫格")).toEqual(["towel×2/平纹", "towel×3/华夫格"]);
  });
  it.each([
    ["订一个双人船舱", ["cabin×1/2人"]],
    ["一个单人的船舱", ["cabin×1/1人"]],
    ["我们四个 订个船舱", ["cabin×1/4人"]],
  ])("a count of people before the product is its size, not a count before a noun: %s", (text, want) => expect(items(text)).toEqual(want));
  it.each([
    ["chuanpiao ertong 3 zhang", ["ticket×3/儿童"]],
    ["chuanpiao liang zhang", ["ticket×2"]],
    ["yujin huafuge 2 tiao", ["towel×2/华夫格"]],
  ])("counts and size words typed in toneless pinyin: %s", (text, want) => expect(items(text)).toEqual(want));
  it.each([
    ["缆绳 四十五公分 一条", ["rope×1/45cm"]],
    ["家庭套房 两室的", ["suite×1/两居室"]],
  ])("a size in another spelling of its unit, with a Chinese numeral: %s", (text, want) => expect(items(text)).toEqual(want));
  it("a question whose only product word is a head noun left unnamed keeps the brand its category words name", () => {
    const r = ferry.parseSync("两室一厅住宿用什么套房合适", defaultCorpusContext());
    expect([r.intent, r.brandId, r.items]).toEqual(["recommend", "f", []]);
  });
  it("a count inside a rating counts nothing", () => {
    expect(items("浴巾一般般 两颗星")).toEqual(["towel×1"]);
    expect(items("浴巾买两条 五颗星好评")).toEqual(["towel×2"]);
  });
  it("a word several products end in, said with two sizes of one of them in a question, asks about that one", () => {
    expect(items("12寸的风扇和16寸的哪个好")).toEqual(["deck-fan×1/12寸", "deck-fan×1/16寸"]);
    expect(items("风扇哪个好")).toEqual([]);
  });
});

describe("sizes said in parts, with a qualifier, in a range, and counts of sheets and dozens", () => {
  const shop = new RulesParser({
    brands: [{ id: "k", name: "窑火陶艺", aliases: [] }],
    products: [
      { id: "glaze", brandId: "k", name: "釉料", aliases: ["glaze"], sizes: ["天蓝500ml", "天蓝2L", "酒红500ml", "酒红2L", "蓝色2L"] },
      { id: "heater", brandId: "k", name: "窑房空调", aliases: ["空调"], sizes: ["大1匹", "1.5匹"] },
      { id: "tablet", brandId: "k", name: "绘图平板", aliases: ["平板", "tablet"], sizes: ["64GB 银色", "64GB 深空灰", "256GB 银色"] },
      { id: "beer", brandId: "k", name: "窑口精酿", aliases: ["精酿"], sizes: ["半打", "一打"] },
      { id: "print", brandId: "k", name: "作品照片冲印", aliases: ["照片冲印", "photo prints", "prints"], sizes: ["5寸", "6寸"] },
      { id: "rest", brandId: "k", name: "拉坯肩垫", aliases: ["肩垫"], sizes: ["1/4-1/2", "3/4-4/4"] },
      { id: "wheel", brandId: "k", name: "拉坯转盘", aliases: ["转盘"], sizes: ["1/2", "3/4", "4/4"] },
      { id: "clay", brandId: "k", name: "高岭土泥块", aliases: ["泥块"], sizes: [] },
      { id: "cord", brandId: "k", name: "窑炉电源线", aliases: ["电源线"], sizes: ["1米", "1.8米", "2米"] },
      { id: "phone", brandId: "k", name: "窑温监控手机", aliases: ["监控手机"], sizes: ["8+128GB", "8+256GB", "12+1TB"] },
      { id: "room", brandId: "k", name: "续时套餐", aliases: ["续时"], sizes: [] },
      { id: "thermo", brandId: "k", name: "窑温计", aliases: [], sizes: ["Pro版", "Lite版"] },
    ],
    coupons: [],
  } as never, undefined, { intentModel: null });
  const items = (text: string) => itemLines(shop, text);
  it.each([
    ["两桶酒红的 2升", ["glaze×2/酒红2L"]],
    ["3 bottles of sky blue 500ml and one 2L wine red", ["glaze×3/天蓝500ml", "glaze×1/酒红2L"]],
    ["glaze, blue 2L", ["glaze×1/蓝色2L"]],
    ["平板 256 silver", ["tablet×1/256GB 银色"]],
    ["tablet 64G space grey x2", ["tablet×2/64GB 深空灰"]],
  ])("a size of a colour and a measure said in parts, the nearest and most specific colour first: %s", (text, want) => expect(items(text)).toEqual(want));
  it.each([
    ["要个大1p的空调", ["heater×1/大1匹"]],
    ["空调 1p 大房间用", ["heater×1/1匹"]],
  ])("a size that is another with a qualifier takes the qualifier said against it: %s", (text, want) => expect(items(text)).toEqual(want));
  it.each([
    ["精酿两打", ["beer×2/一打"]],
    ["来三打精酿 送到窑房", ["beer×3/一打"]],
    ["精酿半打", ["beer×1/半打"]],
    ["来一打精酿", ["beer×1/一打"]],
  ])("several of a size that is one of a unit is a count of it: %s", (text, want) => expect(items(text)).toEqual(want));
  it.each([
    ["照片冲印 大概80张 6寸的 然后精酿一打", ["print×80/6寸", "beer×1/一打"]],
    ["照片冲印 200张5寸 再来个平板", ["print×200/5寸", "tablet×1"]],
    ["photo prints please, 100 photos 5 inch", ["print×100/5寸"]],
  ])("a count of sheets said against the size is the product's count: %s", (text, want) => expect(items(text)).toEqual(want));
  it.each([
    ["肩垫要一个 1/2的", ["rest×1/1/4-1/2"]],
    ["肩垫 3/4的", ["rest×1/3/4-4/4"]],
    ["转盘1/2的一个 肩垫也要", ["wheel×1/1/2", "rest×1"]],
  ])("a fraction a range size holds is that size, and still its own for a product sold in it: %s", (text, want) => expect(items(text)).toEqual(want));
  it.each([
    ["监控手机 1TB一台", ["phone×1/12+1TB"]],
    ["监控手机 256G的", ["phone×1/8+256GB"]],
  ])("the last of a size's parts joined by + said alone: %s", (text, want) => expect(items(text)).toEqual(want));
  it.each([
    ["电源线2米一根", ["cord×1/2米"]],
    ["电源线一米八的", ["cord×1/1.8米"]],
  ])("a numeral after 米 that counts is no tenths: %s", (text, want) => expect(items(text)).toEqual(want));
  it.each([
    ["泥块拿两块 肩垫一个", ["clay×2", "rest×1"]],
    ["泥块两块钱一个吗", ["clay×1"]],
    ["808包厢续时一小时", ["room×1"]],
  ])("pieces counted in 块 after a verb of taking, a room's number no count: %s", (text, want) => expect(items(text)).toEqual(want));
  it.each([
    ["转盘1/2的 再来两桶酒红的 2升", ["wheel×1/1/2", "glaze×2/酒红2L"]],
    ["监控手机 8+256 银色", ["phone×1/8+256GB"]],
  ])("a size said in parts names its product beside another product sold in other measures, never a bare number beside one with sizes: %s", (text, want) => expect(items(text)).toEqual(want));
  it("a space between a Chinese count and a Latin size is a pause", () => {
    expect(items("Pro版窑温计一个 Lite版窑温计一个")).toEqual(["thermo×1/Pro版", "thermo×1/Lite版"]);
  });
});

describe("sizes and counts, third round", () => {
  const shop = new RulesParser({
    brands: [{ id: "g", name: "野径户外电源", aliases: [] }],
    products: [
      { id: "battery", brandId: "g", name: "户外储能电源", aliases: ["储能电源", "电源"], sizes: ["10000mAh", "20000mAh", "50000mAh"] },
      { id: "lamp", brandId: "g", name: "营地灯", aliases: ["营地灯"], sizes: [] },
      { id: "head", brandId: "g", name: "头灯", aliases: ["headlamp"], sizes: ["300流明", "500流明"] },
      { id: "torch", brandId: "g", name: "手电筒", aliases: ["torch"], sizes: ["300流明", "1000流明"] },
      { id: "gas", brandId: "g", name: "高山气罐", aliases: ["气罐", "gas canister", "gas"], sizes: ["两罐装", "四罐装"] },
      { id: "crate", brandId: "g", name: "装备收纳箱", aliases: ["收纳箱"], sizes: ["1号箱", "2号箱", "3号箱"] },
      { id: "tea", brandId: "g", name: "营地高山茶", aliases: ["高山茶"], sizes: ["25g", "50g", "100g"] },
      { id: "brew", brandId: "g", name: "营地精酿", aliases: ["精酿", "craft beer"], sizes: ["杯", "扎"] },
      { id: "cookset", brandId: "g", name: "露营锅具", aliases: ["锅具", "cookset"], sizes: ["两件套", "四件套"] },
    ],
    coupons: [],
  } as never, undefined, { intentModel: null });
  const items = (text: string) => itemLines(shop, text);
  it.each([
    ["储能电源 2万毫安的 来一个", ["battery×1/20000mAh"]],
    ["电源要两万的 两个", ["battery×2/20000mAh"]],
    ["储能电源5万 一台 营地灯一个", ["battery×1/50000mAh", "lamp×1"]],
    ["储能电源 预算2万 有推荐吗", ["battery×1"]],
  ])("a number said with 万 or 千 is the size it starts, never a sum of money: %s", (text, want) => expect(items(text)).toEqual(want));
  it.each([
    ["头灯和手电筒哪个好 300流明", ["head×1/300流明", "torch×1/300流明"]],
    ["headlamp or torch, 300流明?", ["head×1/300流明", "torch×1/300流明"]],
    ["头灯和手电筒 1000流明的", ["head×1", "torch×1/1000流明"]],
    ["头灯两个和手电筒 300流明", ["head×2", "torch×1/300流明"]],
    ["头灯 手电筒 300流明", ["head×1", "torch×1/300流明"]],
  ])("a size said after products joined by 和/or is each one's that comes in it: %s", (text, want) => expect(items(text)).toEqual(want));
  it.each([
    ["gas canister 2 pack", ["gas×1/两罐装"]],
    ["gas canister, the 4-pack", ["gas×1/四罐装"]],
    // (offered as a choice, neither is chosen: session 19)
    ["gas, the 2-pack or the 4-pack?", ["gas×1"]],
    ["气罐 4罐装的来两个", ["gas×2/四罐装"]],
    ["gas canister, 3 packs", ["gas×3"]],
  ])("a pack of a Chinese number of pieces said as an English N-pack or with digits: %s", (text, want) => expect(items(text)).toEqual(want));
  it.each([
    ["收纳箱 1号的拿15个", ["crate×15/1号箱"]],
    ["收纳箱 3号 两个", ["crate×2/3号箱"]],
    ["收纳箱 2号来十个", ["crate×10/2号箱"]],
    ["收纳箱要10个 3号送过来", ["crate×10"]],
    ["收纳箱10个 12月2号的", ["crate×10"]],
  ])("a numbered size said by its number and 号 alone, never a day of the month: %s", (text, want) => expect(items(text)).toEqual(want));
  it.each([
    ["营地灯一箱几个啊？先来6个吧", ["lamp×6"]],
    ["营地灯一箱有几个", ["lamp×1"]],
    ["营地灯两箱多少钱", ["lamp×2"]],
  ])("a count asked about (一箱几个) is none, a later one is: %s", (text, want) => expect(items(text)).toEqual(want));
  it.each([
    ["营地灯够两个人用吗", ["lamp×1"]],
    ["头灯和手电筒有啥区别 家里就俩人", ["head×1", "torch×1"]],
    ["营地灯适合3人的", ["lamp×1"]],
    ["营地灯 两个人", ["lamp×2"]],
  ])("a count of the people a thing is for (够两个人用, 家里就俩人) is not a count of it: %s", (text, want) => expect(items(text)).toEqual(want));
  it.each([
    ["要1两的高山茶", ["tea×1/50g"]],
    ["高山茶二两 来两包", ["tea×2/100g"]],
    ["高山茶半两", ["tea×1/25g"]],
    ["高山茶 一两个", ["tea×1"]],
    ["高山茶 两包", ["tea×2"]],
  ])("a weight in 两 (50g), never the 两 of a count: %s", (text, want) => expect(items(text)).toEqual(want));
  it.each([
    ["a pitcher of craft beer please", ["brew×1/扎"]],
    ["2 jugs of craft beer and a torch", ["brew×2/扎", "torch×1"]],
    ["craft beer, one glass", ["brew×1/杯"]],
    ["craft beer x2", ["brew×2"]],
  ])("a serving measure the catalog writes as a size, said in English: %s", (text, want) => expect(items(text)).toEqual(want));
  it.each([
    ["cookset two piece", ["cookset×1/两件套"]],
    ["a 4-piece cookset", ["cookset×1/四件套"]],
  ])("a set of a Chinese number of pieces said as an English N-piece: %s", (text, want) => expect(items(text)).toEqual(want));
  it.each([
    ["储能电源三包检修 明天上午", ["battery×1"]],
    ["储能电源还在三包期内吗", ["battery×1"]],
    ["高山茶三包 送过来", ["tea×3"]],
  ])("the 三包 of a warranty is no count: %s", (text, want) => expect(items(text)).toEqual(want));
});

describe("sizes and counts, fourth round", () => {
  const shop = new RulesParser({
    brands: [{ id: "h", name: "和声琴行", aliases: [] }],
    products: [
      { id: "tune", brandId: "h", name: "钢琴调音", aliases: ["调音", "piano tuning"], sizes: ["立式钢琴", "三角钢琴"] },
      { id: "exam", brandId: "h", name: "考级报名", aliases: ["考级"], sizes: ["初级考试", "中级考试", "高级考试"] },
      { id: "cello", brandId: "h", name: "学生大提琴", aliases: ["大提琴", "cello"], sizes: ["1/2", "3/4", "4/4"] },
      { id: "strings", brandId: "h", name: "大提琴弦", aliases: ["琴弦", "cello strings"], sizes: ["1/4-1/2", "3/4-4/4"] },
      { id: "tee", brandId: "h", name: "乐团T恤", aliases: ["T恤", "tee"], sizes: ["S", "M", "L"] },
      { id: "wifi", brandId: "h", name: "琴房宽带", aliases: ["宽带", "broadband"], sizes: ["100M", "500M", "1000M"] },
      { id: "latte", brandId: "h", name: "拿铁", aliases: ["latte"], sizes: ["中杯", "大杯"] },
      { id: "mocha", brandId: "h", name: "摩卡", aliases: ["mocha"], sizes: ["中杯", "大杯"] },
      { id: "class", brandId: "h", name: "音乐启蒙班", aliases: ["启蒙班"], sizes: ["3-5岁", "5-7岁"] },
      { id: "case", brandId: "h", name: "琴盒", aliases: ["琴盒", "case"], sizes: ["1/2", "3/4", "4/4"] },
      { id: "hall", brandId: "h", name: "琴房包场", aliases: ["包场"], sizes: [] },
      { id: "lesson", brandId: "h", name: "声乐体验课", aliases: ["体验课"], sizes: [] },
      { id: "course", brandId: "h", name: "乐理课", aliases: ["乐理课", "theory course"], sizes: ["阶段一", "阶段二", "阶段三"] },
      { id: "amp", brandId: "h", name: "音箱", aliases: ["音箱", "speaker"], sizes: ["立式音箱", "壁挂音箱", "便携音箱"] },
      { id: "party", brandId: "h", name: "公司年会演出", aliases: ["年会演出", "company gig"], sizes: ["30人以下", "30-100人", "100人以上"] },
      { id: "restring", brandId: "h", name: "换弦服务", aliases: ["restring"], sizes: [] },
      { id: "setup", brandId: "h", name: "吉他调校", aliases: ["setup", "guitar setup"], sizes: [] },
    ],
    coupons: [],
  } as never, undefined, { intentModel: null });
  const items = (text: string) => itemLines(shop, text);
  it.each([
    ["钢琴调音 立式的", ["tune×1/立式钢琴"]],
    ["三角琴调音 周六", ["tune×1/三角钢琴"]],
    ["考级报名 中级", ["exam×1/中级考试"]],
    ["考级 初级的报两个", ["exam×2/初级考试"]],
    ["考级报名 初级考试", ["exam×1/初级考试"]],
  ])("a size word said shortened, by its first characters or its first and last: %s", (text, want) => expect(items(text)).toEqual(want));
  it.each([
    ["装个千兆宽带", ["wifi×1/1000M"]],
    ["宽带 百兆的就行", ["wifi×1/100M"]],
    ["宽带500兆", ["wifi×1/500M"]],
    ["gigabit broadband please", ["wifi×1/1000M"]],
  ])("a rate in M said in 兆, 千兆 or gigabit: %s", (text, want) => expect(items(text)).toEqual(want));
  it.each([
    ["给我来一杯大杯拿铁和一杯中杯摩卡", ["latte×1/大杯", "mocha×1/中杯"]],
    ["拿铁大杯 摩卡", ["latte×1/大杯", "mocha×1"]],
  ])("a size written against the next product is that one's: %s", (text, want) => expect(items(text)).toEqual(want));
  it.each([
    ["启蒙班 孩子5岁", ["class×1"]],
    ["启蒙班 孩子4岁", ["class×1/3-5岁"]],
  ])("a number on the bound of two ranges names neither: %s", (text, want) => expect(items(text)).toEqual(want));
  it.each([
    ["cello 3/4, and a case same size", ["cello×1/3/4", "case×1/3/4"]],
    ["大提琴 1/2的 再来个同款琴盒", ["cello×1/1/2", "case×1/1/2"]],
    ["大提琴 1/2的 再来个琴盒", ["cello×1/1/2", "case×1"]],
  ])("the same size as the product before it: %s", (text, want) => expect(items(text)).toEqual(want));
  it.each([
    ["cello full size", ["cello×1/4/4"]],
    ["cello strings, full size", ["strings×1/3/4-4/4"]],
    ["tee full size", ["tee×1"]],
  ])("full size is the whole one of a product sold in fractions: %s", (text, want) => expect(items(text)).toEqual(want));
  it.each([
    ["体验课 我跟我朋友两个人 各一节", ["lesson×2"]],
    ["琴盒3/4的 我们俩人各一个", ["case×2/3/4"]],
    ["体验课一节", ["lesson×1"]],
  ])("a count for each of the people named is that many: %s", (text, want) => expect(items(text)).toEqual(want));
  it.each([
    ["包场 周五晚上 大概40人", ["hall×1"]],
    ["体验课 约15人左右", ["lesson×1"]],
    ["体验课 3人", ["lesson×3"]],
  ])("a rough count of people is how many come, not how many of it: %s", (text, want) => expect(items(text)).toEqual(want));
  it.each([
    ["T恤 孩子60kg穿哪个", ["tee×1"]],
    ["T恤 120斤穿什么码", ["tee×1"]],
    ["T恤 XL", ["tee×1/XL"]],
  ])("a weight is no size of a product whose sizes have no number: %s", (text, want) => expect(items(text)).toEqual(want));
  it.each([
    ["theory course jieduan 2", ["course×1/阶段二"]],
    ["乐理课 jie duan er", ["course×1/阶段二"]],
  ])("a size word ending in a numeral typed in pinyin, the numeral as a digit: %s", (text, want) => expect(items(text)).toEqual(want));
  it.each([
    ["大提琴 3/4的 琴弦要配套的尺寸", ["cello×1/3/4", "strings×1/3/4-4/4"]],
    ["cello 1/2, and strings in the matching size", ["cello×1/1/2", "strings×1/1/4-1/2"]],
  ])("the matching size of the product before, or the one of its sizes that holds it: %s", (text, want) => expect(items(text)).toEqual(want));
  it.each([
    ["大提琴试了4/4的有点大 要3/4的", ["cello×1/3/4"]],
    ["cello: the 4/4 was too big, 3/4 please", ["cello×1/3/4"]],
    ["大提琴 3/4 4/4各一把", ["cello×1/3/4", "cello×1/4/4"]],
    ["大提琴4/4的有点大吗", ["cello×1/4/4"]],
    ["大杯拿铁不要糖 中杯摩卡", ["latte×1/大杯", "mocha×1/中杯"]],
  ])("a size turned down is not asked for when another is said: %s", (text, want) => expect(items(text)).toEqual(want));
  it.each([
    ["speaker, upright please", ["amp×1/立式音箱"]],
    ["a portable speaker", ["amp×1/便携音箱"]],
    ["wall-mounted speaker x2", ["amp×2/壁挂音箱"]],
  ])("a form said in English (upright, wall-mounted, portable) for the size that starts with it: %s", (text, want) => expect(items(text)).toEqual(want));
  it.each([
    ["company gig, ~20 staff", ["party×1/30人以下"]],
    ["company gig for 50 employees", ["party×1/30-100人"]],
  ])("a count of staff or employees is a count of people: %s", (text, want) => expect(items(text)).toEqual(want));
  it.each([
    ["restring on 2 guitars and a setup", ["restring×2", "setup×1"]],
    ["a setup for three guitars", ["setup×3"]],
    ["restring, takes 2 hours? and a setup", ["restring×1", "setup×1"]],
    ["setup for 2 hours", ["setup×1"]],
  ])("in English, the things a service is done on, after it, and a count before \"and\" is not the next one's: %s", (text, want) => expect(items(text)).toEqual(want));
});

describe("models said in part", () => {
  const shop = new RulesParser({
    brands: [{ id: "m", name: "机友配件", aliases: [] }],
    products: [
      { id: "film", brandId: "m", name: "镜头膜", aliases: ["lens film"], sizes: ["Pixel 9 Pro", "Pixel 10 Pro", "Galaxy S25 Ultra"] },
      { id: "cover", brandId: "m", name: "手机壳", aliases: ["壳", "phone case"], sizes: ["Pixel 10", "Pixel 10 Pro", "Galaxy S25"] },
    ],
    coupons: [],
  } as never, undefined, { intentModel: null });
  const items = (text: string) => itemLines(shop, text);
  it.each([
    ["镜头膜 Pixel 9 一张", ["film×1/Pixel 9"]],
    ["镜头膜 pixel 10 pro 两张", ["film×2/Pixel 10 Pro"]],
    ["要一个10的壳", ["cover×1/Pixel 10"]],
    ["手机壳 Pixel 10", ["cover×1/Pixel 10"]],
  ])("a model said by its line and number, or its number with 的: %s", (text, want) => expect(items(text)).toEqual(want));
});

describe("delivery to a street, pickup somewhere named, shipping to a district (session 10)", () => {
  it.each([
    ["砂锅粥要个中锅 送长平路", "delivery"],
    ["周六上午11点送：卤鹅半只", "delivery"],
    ["修复膏要两支，送去蛇口", "delivery"],
    ["送女朋友的 要包装好看点", null],
    ["今晚去老外滩拿", "pickup"],
    ["椰青水两瓶 放前台我下课自己拿", "pickup"],
    ["明早8点在亚布力拿", "pickup"],
    ["去年拿的那款还有吗", null],
    ["a large beef chow fun to go", "pickup"],
    ["发货到连云港海州", "ship"],
    ["底胶十瓶 寄柳州鱼峰区", "ship"],
    ["三样一起寄", "ship"],
  ])("%j → %s", (text, f) => expect(parseFulfillment(n(text).lower)).toBe(f));
});

describe("a product its description says is sold by weight is ordered in it (session 10)", () => {
  const shop = rulesFromCatalog({
    brands: [{ id: "f", name: "田园" }],
    products: [
      { id: "pork", brandId: "f", name: "烟熏腊肉", aliases: ["腊肉", "cured pork"], sizes: [], description: "按斤计，现切" },
      { id: "sausage", brandId: "f", name: "麻辣香肠", aliases: ["香肠", "sausage"], sizes: [], description: "按斤称重" },
      { id: "box", brandId: "f", name: "耙耙柑整箱", aliases: ["耙耙柑"], sizes: ["5斤装", "10斤装"], description: "按斤计" },
      { id: "egg", brandId: "f", name: "土鸡蛋", aliases: [], sizes: [], description: "新鲜直发" },
    ],
  });
  const items = (text: string) => itemLines(shop, text);
  it.each([
    ["腊肉3斤 香肠2斤 寄到广州", ["pork×3", "sausage×2"]],
    ["cured pork 2 jin, sausage 3 jin", ["pork×2", "sausage×3"]],
    // (a product sized in that unit takes the size; one not sold by weight is not counted so)
    ["耙耙柑 10斤装", ["box×1/10斤装"]],
    ["土鸡蛋 三斤", ["egg×1"]],
  ])("%s", (text, want) => expect(items(text)).toEqual(want));
  it("reads the unit from the description's own words", () => {
    expect(soldBy("按斤计，现切")).toBe("斤");
    expect(soldBy("按人计，含午餐")).toBe("人");
    expect(soldBy("新鲜直发")).toBeNull();
  });
});

describe("a product sold by any unit its description names is ordered in it (session 11)", () => {
  const shop = rulesFromCatalog({
    brands: [{ id: "z", name: "纸鸢" }],
    products: [
      { id: "paper", brandId: "z", name: "毛边练字纸", aliases: ["毛边纸"], sizes: [], description: "按刀卖，一刀100张" },
      { id: "room", brandId: "z", name: "舞蹈室租赁", aliases: ["studio rental", "租教室"], sizes: ["小教室", "大教室"], description: "按小时计" },
      { id: "seat", brandId: "z", name: "大厅订座", aliases: ["订座"], sizes: [], description: "按人计，押金每位10元" },
    ],
  });
  const items = (text: string) => itemLines(shop, text);
  it.each([
    ["毛边纸来五刀 练字用", ["paper×5"]],
    ["租教室 大教室 周六晚上 两个小时", ["room×2/大教室"]],
    ["明天中午12点 订座 3 ppl", ["seat×3"]],
  ])("%s", (text, want) => expect(items(text)).toEqual(want));
  it("reads a unit the code has no spelling for", () => expect(soldBy("按刀卖，一刀100张")).toBe("刀"));
  it("converts a weight said in another weight's unit", () => {
    const nuts = rulesFromCatalog({
      brands: [{ id: "r", name: "仁香记" }],
      products: [
        { id: "mango", brandId: "r", name: "芒果干", aliases: [], sizes: [], description: "按克卖" },
        { id: "pistachio", brandId: "r", name: "开心果", aliases: [], sizes: ["特级"], description: "按斤计" },
        { id: "sausage", brandId: "r", name: "广味腊肠", aliases: ["腊肠"], sizes: ["500g包", "散称"], description: "按斤计" },
      ],
    });
    const items = (text: string) => itemLines(nuts, text);
    expect(items("芒果干来一斤")).toEqual(["mango×500"]);
    expect(items("芒果干二两")).toEqual(["mango×100"]);
    expect(items("开心果一公斤 特级")).toEqual(["pistachio×2/特级"]);
    // (a size that is a weight is no count of it: four packs of 500 g)
    expect(items("腊肠500g包的来四包")).toEqual(["sausage×4/500g包"]);
    expect(items("腊肠三斤")).toEqual(["sausage×3"]);
  });
});

describe("sizes said in other words: periods, spice levels, measure words, km and kW (session 11)", () => {
  const shop = rulesFromCatalog({
    brands: [{ id: "c", name: "串门子" }],
    products: [
      { id: "lamb", brandId: "c", name: "羊肉串", aliases: ["羊串", "lamb skewers"], sizes: ["串", "把"] },
      { id: "wings", brandId: "c", name: "香辣烤鸡翅", aliases: ["鸡翅", "chicken wings"], sizes: ["微辣", "中辣", "特辣"] },
      { id: "beer", brandId: "c", name: "雪花啤酒", aliases: ["雪花"], sizes: ["瓶", "箱"] },
      { id: "card", brandId: "c", name: "不限次畅跳卡", aliases: ["畅跳卡", "monthly pass"], sizes: ["1个月", "3个月", "6个月"] },
      { id: "service", brandId: "c", name: "定期保养套餐", aliases: ["保养"], sizes: ["5000公里", "1万公里", "2万公里"] },
      { id: "charger", brandId: "c", name: "家用充电桩", aliases: ["家充桩"], sizes: ["7kW", "11kW"] },
    ],
  });
  const items = (text: string) => itemLines(shop, text);
  it.each([
    ["畅跳卡半年的来一张", ["card×1/6个月"]],
    ["monthly pass please", ["card×1/1个月"]],
    ["a case of 雪花 and 6 mild chicken wings", ["beer×1/箱", "wings×6/微辣"]],
    // (a size word inside the product's own name counts only when no other is said: "bundles", not "skewers")
    ["20 lamb skewers", ["lamb×20/串"]],
    ["two bundles of lamb skewers pls", ["lamb×2/把"]],
    ["保养 5000km 的 下周一上午", ["service×1/5000公里"]],
    ["2w公里保养", ["service×1/2万公里"]],
    ["7千瓦的家充桩来一个", ["charger×1/7kW"]],
  ])("%s", (text, want) => expect(items(text)).toEqual(want));
});

describe("a baby's age in months or years picks the age band, whichever unit the bands are in (session 11)", () => {
  const shop = rulesFromCatalog({
    brands: [{ id: "p", name: "泡泡鱼" }],
    products: [
      { id: "swim", brandId: "p", name: "婴儿游泳单次", aliases: ["游泳单次", "swim session"], sizes: ["0-6月", "6-12月", "1-3岁"] },
      { id: "towel", brandId: "p", name: "斗篷浴巾", aliases: [], sizes: ["0-1岁", "1-3岁"] },
    ],
  });
  const items = (text: string) => itemLines(shop, text);
  it.each([
    ["游泳单次 宝宝14个月", ["swim×1/1-3岁"]],
    ["游泳单次 一岁半", ["swim×1/1-3岁"]],
    ["swim session for my 3 month old", ["swim×1/0-6月"]],
    ["游泳单次 0到6个月", ["swim×1/0-6月"]],
    ["swim session for a newborn", ["swim×1/0-6月"]],
    ["斗篷浴巾 0到1岁 两件", ["towel×2/0-1岁"]],
  ])("%s", (text, want) => expect(items(text)).toEqual(want));
});

describe("tickets, trips and bundles said in English (session 11)", () => {
  const shop = rulesFromCatalog({
    brands: [{ id: "b", name: "白桦岭" }],
    products: [
      { id: "pass", brandId: "b", name: "成人滑雪票", aliases: ["雪票", "ski pass", "day pass"], sizes: ["全天", "半天", "2日票"] },
      { id: "bus", brandId: "b", name: "市区往返大巴", aliases: ["大巴", "shuttle bus"], sizes: ["单程", "往返"] },
      { id: "printer", brandId: "b", name: "拓竹P1S", aliases: ["P1S"], sizes: ["单机", "含AMS套装"] },
      { id: "table", brandId: "b", name: "全自动麻将机", aliases: ["mahjong table"], sizes: ["折叠款", "餐桌两用款"] },
    ],
  });
  const items = (text: string) => itemLines(shop, text);
  it.each([
    ["2 adult day passes for tomorrow", ["pass×2/全天"]],
    ["need a 2-day pass starting saturday", ["pass×1/2日票"]],
    ["shuttle bus round trip for 4", ["bus×4/往返"]],
    ["one P1S with the AMS combo", ["printer×1/含AMS套装"]],
    ["mahjong table, the foldable one", ["table×1/折叠款"]],
  ])("%s", (text, want) => expect(items(text)).toEqual(want));
});

describe("a size of a stage or a letter and its amount is said by its first part (session 11)", () => {
  const shop = rulesFromCatalog({
    brands: [{ id: "l", name: "乐贝多" }],
    products: [
      { id: "a2", brandId: "l", name: "a2至初奶粉", aliases: ["a2", "a2奶粉"], sizes: ["1段900g", "2段900g", "3段900g"] },
      { id: "apta", brandId: "l", name: "爱他美奶粉", aliases: ["爱他美", "Aptamil"], sizes: ["1段400g", "1段800g", "2段800g"] },
      { id: "diaper", brandId: "l", name: "花王纸尿裤", aliases: ["花王", "Merries"], sizes: ["M64片", "L54片", "XL44片"] },
      { id: "tour", brandId: "l", name: "西藏深度游", aliases: ["tour"], sizes: ["7天6晚", "9天8晚"] },
    ],
  });
  const items = (text: string) => itemLines(shop, text);
  it.each([
    ["给我整两罐a2三段", ["a2×2/3段900g"]],
    ["I need 3 cans of Aptamil stage 2", ["apta×3/2段800g"]],
    ["花王L 两包 再来一包XL", ["diaper×2/L54片", "diaper×1/XL44片"]],
    ["tour 7天那个 俩人", ["tour×2/7天6晚"]],
    // (two sizes start so: the stage alone picks neither)
    ["爱他美1段来一罐", ["apta×1/1段"]],
  ])("%s", (text, want) => expect(items(text)).toEqual(want));
});

describe("beds by their width, quilts by season, meat by its cut, curtains by the metre (session 11)", () => {
  const shop = rulesFromCatalog({
    brands: [{ id: "s", name: "素棉" }],
    products: [
      { id: "mattress", brandId: "s", name: "云朵床垫", aliases: [], sizes: ["1.5x2m", "1.8x2m"] },
      { id: "fitted", brandId: "s", name: "全棉床笠", aliases: ["床笠"], sizes: ["150x200cm", "180x200cm"] },
      { id: "quilt", brandId: "s", name: "桑蚕丝被", aliases: ["蚕丝被", "silk quilt"], sizes: ["春秋被", "冬被"] },
      { id: "curtain", brandId: "s", name: "遮光窗帘", aliases: ["遮光帘"], sizes: ["米白", "墨绿"], description: "按米计价" },
      { id: "belly", brandId: "s", name: "五花肉", aliases: ["pork belly"], sizes: ["整块", "切块", "切片"], description: "按斤计" },
      { id: "chicken", brandId: "s", name: "三黄鸡", aliases: ["whole chicken"], sizes: ["2斤左右", "3斤左右"], description: "按只卖" },
    ],
  });
  const parse = (text: string) => shop.parseSync(text, defaultCorpusContext());
  const items = (text: string) => parse(text).items.map((i) => `${i.productId}×${i.quantity}${i.size ? `/${i.size}` : ""}`);
  it.each([
    ["俺家床一米八 给整个云朵床垫", ["mattress×1/1.8x2m"]],
    ["1米8床的床笠有吗 要一个", ["fitted×1/180x200cm"]],
    ["I'd like a silk quilt, winter weight", ["quilt×1/冬被"]],
    ["遮光帘 米白 7m", ["curtain×7/米白"]],
    ["3 jin of pork belly, cut into chunks", ["belly×3/切块"]],
    ["two whole chickens around 2 jin each please", ["chicken×2/2斤左右"]],
    ["蚕丝被要冬被 两床", ["quilt×2/冬被"]],
    ["一米八床的床笠", ["fitted×1/180x200cm"]],
    ["五花肉一斤切片 遮光帘两米", ["belly×1/切片", "curtain×2"]],
  ])("%s", (text, want) => expect(items(text)).toEqual(want));
  it("around 2 jin is no time", () => expect(parse("two whole chickens around 2 jin each please").when).toBeNull());
});

describe("floors by the square metre said short, cloth by the metre after its width, tea by the liang, shots (session 12)", () => {
  const shop = rulesFromCatalog({
    brands: [{ id: "w", name: "墙e家" }],
    products: [
      { id: "tile", brandId: "w", name: "地砖铺贴", aliases: ["tiling"], sizes: ["600x600", "800x800"], description: "按平米计价，含辅料" },
      { id: "felt", brandId: "w", name: "羊毛毡墙布", aliases: [], sizes: ["2.7米幅宽", "3.2米幅宽"], description: "按米计价" },
      { id: "puer", brandId: "w", name: "古树普洱散茶", aliases: ["loose puer"], sizes: [], description: "按两计" },
      { id: "flu", brandId: "w", name: "流感疫苗", aliases: [], sizes: [], description: "每针" },
      { id: "jasmine", brandId: "w", name: "茉莉花茶", aliases: [], sizes: [], description: "按两计" },
      { id: "foot", brandId: "w", name: "中药泡脚足疗", aliases: ["足疗", "foot massage"], sizes: [], description: "按钟计，一钟60分钟" },
    ],
  });
  const items = (text: string) => itemLines(shop, text);
  it.each([
    ["地砖铺贴 800x800的 大概95平", ["tile×95/800x800"]],
    ["厨房地砖铺贴 十二个平方", ["tile×12"]],
    ["tiling 600x600, about 30 sqm", ["tile×30/600x600"]],
    // (an area said beats a count of rooms)
    ["地砖铺贴 两个卧室一共30平", ["tile×30"]],
    // (the width is the cloth's size; the count is the whole metres after it)
    ["羊毛毡墙布 3.2米幅宽的 客厅要16米", ["felt×16/3.2米幅宽"]],
    ["loose puer 3 liang", ["puer×3"]],
    ["流感疫苗打两针", ["flu×2"]],
    // (a weight said right before a later product is its count; half a jin is five liang; the people it feeds count nothing)
    ["流感疫苗一针 再来三两茉莉花茶", ["flu×1", "jasmine×3"]],
    ["古树普洱散茶要半斤", ["puer×5"]],
    ["茉莉花茶二两 古树普洱散茶二两 仨人够喝不", ["jasmine×2", "puer×2"]],
    // (a 钟 of a massage is an hour: "两个钟", "2 hours")
    ["足疗两个钟", ["foot×2"]],
    ["foot massage 2 hours", ["foot×2"]],
    // (a weight set off before the next product is that one's; one right after a count of pieces beats it)
    ["pickup 三两茉莉花茶 和 二两古树普洱散茶", ["jasmine×3", "puer×2"]],
    ["流感疫苗一针 茉莉花茶一包二两 古树普洱散茶三两", ["flu×1", "jasmine×2", "puer×3"]],
  ])("%s", (text, want) => expect(items(text)).toEqual(want));
  it("a length of what is sold by the metre is no search radius, unless a search is said", () => {
    expect(shop.parseSync("羊毛毡墙布 2.7米幅宽 要25米", defaultCorpusContext())).toMatchObject({ intent: "order", radiusMeters: null });
    expect(shop.parseSync("附近500米哪里有羊毛毡墙布", defaultCorpusContext())).toMatchObject({ intent: "find_store", radiusMeters: 500 });
  });
});

describe("a product rented by a period, said with a count of it (session 11)", () => {
  const shop = rulesFromCatalog({
    brands: [{ id: "y", name: "云途租车" }],
    products: [
      { id: "eco", brandId: "y", name: "经济型轿车", aliases: ["经济型", "economy car"], sizes: ["日租", "周租"], description: "按天计" },
      { id: "mpv", brandId: "y", name: "7座商务车", aliases: ["七座", "七坐车"], sizes: ["日租", "周租"] },
      { id: "room", brandId: "y", name: "单人间", aliases: ["单间"], sizes: ["自理", "半护理"], description: "按月计" },
    ],
  });
  const items = (text: string) => itemLines(shop, text);
  it.each([
    ["经济型租三天 明天上午长水机场取车", ["eco×3/日租"]],
    ["七坐车 租一个礼拜", ["mpv×1/周租"]],
    ["I want an economy car for 2 weeks", ["eco×2/周租"]],
    ["经济型 周租两周", ["eco×2/周租"]],
    // (months said with 个: the 12月 of a date counts nothing)
    ["单间自理的住三个月", ["room×3/自理"]],
    ["单人间半护理 12月1号入住 先定一个月", ["room×1/半护理"]],
  ])("%s", (text, want) => expect(items(text)).toEqual(want));
});

describe("an order named with its prefix, a score out of ten said with 分 (session 10)", () => {
  it("退掉YT1125032那个单 names the order", () => {
    expect(findOrderId(n("退掉YT1125032那个单").lower, n("退掉YT1125032那个单").orig, new Set())?.value).toBe("YT1125032");
  });
  it("打6分 out of 10 is 3", () => expect(parseRating(n("足疗手法一般 打6分 out of 10").lower)).toBe(3));
});

describe("delivery and pickup said other ways (session 11)", () => {
  it.each([
    ["明早九点前送一包帮宝适NB到政务区 急用", "delivery"],
    ["pls send 1 saline spray 100ml + 1 cleansing foam 300ml to my home", "delivery"],
    ["长款大衣165 一件 明天下午观音桥店拿", "pickup"],
    ["12月3号下午去镜湖万达拿佳能r50单机身", "pickup"],
    ["jiwang gan 3.6mi yi gen, daodian ziti", "pickup"],
    ["我想去公司拿到了再说", null],
  ])("%j → %s", (text, f) => expect(parseFulfillment(n(text).lower)).toBe(f));
});

describe("shipping to a place said after 寄, and times something was done (session 10)", () => {
  it.each([
    ["测距仪一台 寄杭州滨江", "ship"],
    ["能寄外地不", "ship"],
    ["行李寄存一下", null],
    // (boarding and board-and-train are no mail: session 12)
    ["哪家店能寄养猫 离洋湖近点的", null],
    ["狗狗寄训两周", null],
    ["给我留一台撒 下午三点克拿", "pickup"],
    ["500克拿铁豆", null],
  ])("%j → %s", (text, f) => expect(parseFulfillment(n(text).lower)).toBe(f));
  it("穿了两次 is no count of shoes", () => {
    const shop = new RulesParser({ brands: [{ id: "g", name: "破风", aliases: [] }], products: [{ id: "shoes", brandId: "g", name: "球鞋", aliases: [], sizes: [] }], coupons: [] } as never, undefined, { intentModel: null });
    expect(shop.parseSync("球鞋穿了两次就开胶 太失望了", defaultCorpusContext()).items).toEqual([{ productId: "shoes", quantity: 1, size: null }]);
  });
});

describe("a room its description says is sold by the night is ordered in nights (session 10)", () => {
  const shop = rulesFromCatalog({
    brands: [{ id: "y", name: "玉汤泉" }],
    products: [
      { id: "room", brandId: "y", name: "汤屋客房", aliases: ["汤屋"], sizes: ["大床房", "双床房"], description: "按晚计，含早餐" },
      { id: "tent", brandId: "y", name: "帐篷营地", aliases: [], sizes: ["2人帐", "4人帐"], description: "按晚计" },
      { id: "stay", brandId: "y", name: "湖景房", aliases: [], sizes: ["1晚", "2晚"], description: "按晚计" },
    ],
  });
  const items = (text: string) => itemLines(shop, text);
  it.each([
    ["汤屋双床 12月5号入住 住两晚", ["room×2/双床房"]],
    ["帐篷营地4人帐 这周六晚上 住一晚", ["tent×1/4人帐"]],
    // (one sold in nights takes them as its size)
    ["湖景房 住两晚", ["stay×1/2晚"]],
  ])("%s", (text, want) => expect(items(text)).toEqual(want));
});

describe("a size goes to the product that comes in it; a cut said after its product with 的 is its size (session 13)", () => {
  const shop = rulesFromCatalog({
    brands: [{ id: "q", name: "青岚汽车" }],
    products: [
      { id: "s7", brandId: "q", name: "青岚S7 纯电轿车", aliases: ["S7"], sizes: ["标准续航版", "长续航版"] },
      { id: "maint", brandId: "q", name: "定期保养套餐", aliases: ["保养"], sizes: ["1万公里", "2万公里"] },
      { id: "m3", brandId: "q", name: "青岚M3", aliases: ["M3"], sizes: [] },
      { id: "tyre", brandId: "q", name: "米其林轮胎", aliases: ["michelin"], sizes: ["215/55R17", "225/45R18"] },
      { id: "larou", brandId: "q", name: "烟熏腊肉", aliases: ["腊肉"], sizes: ["五花", "后腿"], description: "按斤称" },
      { id: "wuhua", brandId: "q", name: "土猪五花肉", aliases: ["五花"], sizes: ["切片", "整块"], description: "按斤称" },
      { id: "houtui", brandId: "q", name: "后腿肉", aliases: ["后腿"], sizes: ["切片", "整块"], description: "按斤称" },
    ],
  });
  const items = (text: string) => itemLines(shop, text);
  it.each([
    // (between two products with only a space before it, the one that comes in it takes it)
    ["S7 二万公里保养", ["s7×1", "maint×1/2万公里"]],
    // (one a product took as said though it does not come in it is the other's that does)
    ["michelin 四条 215/55R17 给M3换", ["tyre×4/215/55R17", "m3×1"]],
    ["腊肉 5 jin 后腿的", ["larou×5/后腿"]],
    ["腊肉五斤要五花的", ["larou×5/五花"]],
    // (two products said one after the other are still two)
    ["腊肉两斤 五花一斤", ["larou×2", "wuhua×1"]],
  ])("%s", (text, want) => expect(items(text)).toEqual(want));
});

describe("counts said in English: of us, of the, tix, seats of a kind; a G&T is no weight (session 13)", () => {
  const shop = rulesFromCatalog({
    brands: [{ id: "s", name: "拾音剧场" }],
    products: [
      { id: "mamma", brandId: "s", name: "音乐剧妈妈咪呀", aliases: ["Mamma Mia"], sizes: ["399元", "599元"], description: "一人一票，按人计" },
      { id: "mic", brandId: "s", name: "脱口秀开放麦", aliases: ["open mic"], sizes: [], description: "按人计" },
      { id: "xs", brandId: "s", name: "相声专场", aliases: ["crosstalk show"], sizes: ["池座", "楼座"], description: "按人计" },
      { id: "gt", brandId: "s", name: "金汤力", aliases: ["G&T"], sizes: [] },
    ],
  });
  const items = (text: string) => itemLines(shop, text);
  it.each([
    ["Mamma Mia, two of the 599 seats, Saturday afternoon", ["mamma×2/599元"]],
    ["open mic tonight 8pm, 4 of us", ["mic×4"]],
    ["Mamma Mia 399 tier, 3 tix", ["mamma×3/399元"]],
    ["crosstalk show sat 7:30pm, 2 balcony seats", ["xs×2/楼座"]],
    ["2 G&Ts please", ["gt×2"]],
  ])("%s", (text, want) => expect(items(text)).toEqual(want));
});

describe("sizes said in parts, by their word, and areas said short (session 13)", () => {
  const shop = rulesFromCatalog({
    brands: [{ id: "m", name: "明光灯饰" }],
    products: [
      { id: "bulb", brandId: "m", name: "LED球泡灯", aliases: ["灯泡"], sizes: ["9W 3000K暖光", "9W 6500K白光", "12W 4000K自然光", "12W 6500K白光"] },
      { id: "pair", brandId: "m", name: "双拼小龙虾", aliases: ["双拼"], sizes: ["麻辣+蒜蓉", "麻辣+十三香", "蒜蓉+十三香"], description: "按斤计" },
      { id: "ceil", brandId: "m", name: "卧室吸顶灯", aliases: ["吸顶灯"], sizes: ["10平米以内", "10-15平米", "15-20平米"] },
      { id: "solar", brandId: "m", name: "太阳能庭院灯", aliases: ["庭院灯"], sizes: ["草坪灯", "壁挂灯"] },
      { id: "care", brandId: "m", name: "随心换", aliases: [], sizes: ["1年版", "2年版"] },
      { id: "crystal", brandId: "m", name: "水晶吊灯", aliases: [], sizes: ["8头", "18头"] },
      { id: "install", brandId: "m", name: "吊灯安装", aliases: [], sizes: ["8头以内", "9-15头", "15头以上"] },
    ],
  });
  const items = (text: string) => itemLines(shop, text);
  it.each([
    ["灯泡 9瓦暖光 来10个", ["bulb×10/9W 3000K暖光"]],
    // (more of its parts said beats fewer)
    ["灯泡12W白光的拿二十个", ["bulb×20/12W 6500K白光"]],
    ["十三香和麻辣双拼 6斤", ["pair×6/麻辣+十三香"]],
    ["卧室18平 吸顶灯来一个", ["ceil×1/15-20平米"]],
    ["庭院灯 草坪款 要八个", ["solar×8/草坪灯"]],
    ["随心换两年", ["care×1/2年版"]],
    // (a number that is one product's size is not read into another's range)
    ["水晶吊灯18头一盏，再加一个吊灯安装 15头以上的", ["crystal×1/18头", "install×1/15头以上"]],
  ])("%s", (text, want) => expect(items(text)).toEqual(want));
});

describe("units said in others, counts that are sizes, parts of the day that are sizes (session 13)", () => {
  const shop = rulesFromCatalog({
    brands: [{ id: "x", name: "小橡果" }],
    products: [
      { id: "tub", brandId: "x", name: "冰淇淋外带盒", aliases: ["外带盒", "take-home tub"], sizes: ["500ml", "1000ml"] },
      { id: "vr", brandId: "x", name: "VR体验", aliases: ["VR"], sizes: ["30分钟", "60分钟"] },
      { id: "coins", brandId: "x", name: "游戏币", aliases: ["币"], sizes: ["100枚", "200枚", "500枚"] },
      { id: "pork", brandId: "x", name: "肉松饼", aliases: [], sizes: ["6粒装", "12粒装"] },
      { id: "half", brandId: "x", name: "半日托", aliases: [], sizes: ["上午班", "下午班"], description: "按月计" },
      { id: "hourly", brandId: "x", name: "计时托", aliases: ["临时托"], sizes: [], description: "按小时计" },
      { id: "snack", brandId: "x", name: "午点加餐", aliases: ["午点"], sizes: [] },
    ],
  });
  const parse = (text: string) => shop.parseSync(text, defaultCorpusContext());
  const items = (text: string) => itemLines(shop, text);
  it.each([
    ["外带盒一升装来一盒", ["tub×1/1000ml"]],
    ["one 1 liter take-home tub", ["tub×1/1000ml"]],
    ["VR一个钟 今晚8点", ["vr×1/60分钟"]],
    ["买200个币", ["coins×1/200枚"]],
    ["肉松饼六个装的来两盒", ["pork×2/6粒装"]],
    // (a count under twenty, said without 装, is still a count)
    ["肉松饼来6个", ["pork×6"]],
  ])("%s", (text, want) => expect(items(text)).toEqual(want));
  it("a time splits no name (午点 is not said in 下午2点), and a size that is a part of the day is no time", () => {
    expect(parse("明天下午2点临时托3个小时")).toMatchObject({ items: [{ productId: "hourly", quantity: 3, size: null }], when: "2026-11-26T14:00:00+08:00" });
    expect(parse("半日托上午班 两个月")).toMatchObject({ items: [{ productId: "half", quantity: 2, size: "上午班" }], when: null });
  });
});

describe("one of a unit sold singly and by packs; a size written with a dash before its letters (session 13)", () => {
  const shop = rulesFromCatalog({
    brands: [{ id: "h", name: "海獭" }],
    products: [
      { id: "art", brandId: "h", name: "亲子美术课", aliases: ["美术课"], sizes: ["单节", "10节"] },
      { id: "suit", brandId: "h", name: "男款全身湿衣", aliases: ["men's wetsuit", "湿衣"], sizes: ["3mm-L", "5mm-L", "5mm-XL"] },
    ],
  });
  const items = (text: string) => itemLines(shop, text);
  it.each([
    ["美术课先买一节单节的试试", ["art×1/单节"]],
    ["这周六下午上两节亲子美术课", ["art×2/单节"]],
    ["美术课10节", ["art×1/10节"]],
    ["men's wetsuit 5mm size L", ["suit×1/5mm-L"]],
    ["湿衣5mm XL", ["suit×1/5mm-XL"]],
  ])("%s", (text, want) => expect(items(text)).toEqual(want));
});

describe("a product sold 大/中/小 said by its first character after the size; half a dozen (session 13)", () => {
  const shop = rulesFromCatalog({
    brands: [{ id: "j", name: "金冠炸鸡" }],
    products: [
      { id: "burger", brandId: "j", name: "香辣鸡腿堡", aliases: ["辣堡"], sizes: [] },
      { id: "fries", brandId: "j", name: "薯条", aliases: [], sizes: ["小份", "中份", "大份"] },
      { id: "cola", brandId: "j", name: "可乐", aliases: [], sizes: ["中杯", "大杯"] },
      { id: "tart", brandId: "j", name: "葡式蛋挞", aliases: ["蛋挞"], sizes: [] },
      { id: "noon", brandId: "j", name: "午市套餐", aliases: ["午餐"], sizes: ["小份", "大份"] },
    ],
  });
  const items = (text: string) => itemLines(shop, text);
  it.each([
    ["一个香辣鸡腿堡 一个大薯 一杯中可", ["burger×1", "fries×1/大份", "cola×1/中杯"]],
    ["辣堡+中薯+中可 各来两份", ["burger×2", "fries×2/中份", "cola×2/中杯"]],
    // (not a common word: the 中午 of a time is no lunch set)
    ["明天中午 辣堡一个", ["burger×1"]],
    ["大可乐一杯", ["cola×1/大杯"]],
    ["蛋挞来半打", ["tart×6"]],
  ])("%s", (text, want) => expect(items(text)).toEqual(want));
});

describe("a party said as a family or as us of a product sold by the person (session 13)", () => {
  const shop = rulesFromCatalog({
    brands: [{ id: "l", name: "浪岛" }],
    products: [{ id: "snorkel", brandId: "l", name: "浮潜", aliases: [], sizes: ["半天", "全天"], description: "含面镜和船票，按人计" }],
  });
  it.each([
    ["浮潜全天 一家五口", ["snorkel×5/全天"]],
    ["我们俩 浮潜半天", ["snorkel×2/半天"]],
    ["浮潜半天", ["snorkel×1/半天"]],
  ])("%s", (text, want) => expect(itemLines(shop, text)).toEqual(want));
  it("a count said in the unit beats the article: a room sold by the hour, \"a medium room for 4 hours\"", () => {
    const rooms = rulesFromCatalog({
      brands: [{ id: "x", name: "闲雀" }],
      products: [{ id: "room", brandId: "x", name: "麻将包间", aliases: ["mahjong room", "room"], sizes: ["小包", "中包"], description: "按小时计费" }],
    });
    expect(itemLines(rooms, "book a medium room for 4 hours tomorrow 3pm")).toEqual(["room×4/中包"]);
    expect(itemLines(rooms, "book a medium room tomorrow 3pm")).toEqual(["room×1/中包"]);
  });
});

describe("each product's size said after it; a number before a product counts it; cards name no way of receiving (session 14)", () => {
  const shop = rulesFromCatalog({
    brands: [{ id: "d", name: "辣鸭记" }],
    products: [
      { id: "clavicle", brandId: "d", name: "鸭锁骨", aliases: ["锁骨"], sizes: ["不辣", "微辣", "特辣"], description: "按斤称重" },
      { id: "lotus", brandId: "d", name: "卤藕片", aliases: ["藕片"], sizes: ["不辣", "微辣", "特辣"], description: "按斤称重" },
      { id: "cake", brandId: "d", name: "生日蛋糕", aliases: ["cake"], sizes: ["6寸", "8寸", "10寸"] },
      { id: "cola", brandId: "d", name: "可乐", aliases: ["cola", "colas"], sizes: [] },
      { id: "card", brandId: "d", name: "卤味提货卡", aliases: ["提货卡"], sizes: ["100元", "300元"] },
      { id: "tile", brandId: "d", name: "雪山白瓷砖", aliases: ["雪山白"], sizes: ["600x1200", "750x1500"] },
    ],
  });
  const items = (text: string) => itemLines(shop, text);
  const parse = (text: string) => shop.parseSync(text, defaultCorpusContext());
  it.each([
    // (the next product's own size said after it leaves the one between them to the first)
    ["鸭锁骨一斤 微辣 藕片一斤 不辣", ["clavicle×1/微辣", "lotus×1/不辣"]],
    ["a cake and 10 colas", ["cake×1", "cola×10"]],
    ["8 inch cake and 10 colas", ["cake×1/8寸", "cola×10"]],
    ["雪山白600x1200 30pcs", ["tile×30/600x1200"]],
  ])("%s", (text, want) => expect(items(text)).toEqual(want));
  it("a number written against the product before it is that one's size", () => {
    expect(items("蛋糕10 可乐")).toEqual(["cake×1/10寸", "cola×1"]);
  });
  it("a card named for how it is redeemed asks for no way of receiving; a time before 送 asks for delivery", () => {
    expect(parse("300的提货卡买5张").fulfillment).toBeNull();
    expect(parse("藕片两斤 明晚7点送").fulfillment).toBe("delivery");
    expect(parseFulfillment("雪山白 我自己开车过来拉")).toBe("pickup");
    expect(parseFulfillment("2片 物流发长沙")).toBe("ship");
  });
});

describe("a size by a one-character stem with 的, and in English without its kind-word; a title's hello greets (session 14)", () => {
  const shop = rulesFromCatalog({
    brands: [{ id: "s", name: "金印刻章" }],
    products: [
      { id: "finance", brandId: "s", name: "财务专用章", aliases: ["财务章", "finance chop"], sizes: ["光敏", "铜质", "牛角"] },
      { id: "basin", brandId: "s", name: "台上盆", aliases: [], sizes: ["圆形", "方形"] },
    ],
    staff: [{ id: "t1", name: "周老师", role: "seal_carver", storeId: "x" }],
    roles: [{ role: "seal_carver", labels: { zh: ["刻章老师", "老师"], en: ["carver"] } }],
    stores: [{ id: "x", brandId: "s", name: "金印刻章(总店)", lat: 30, lng: 104 }],
  });
  const items = (text: string) => itemLines(shop, text);
  it.each([
    ["财务章要铜的 刻两个", ["finance×2/铜质"]],
    ["台上盆要圆的", ["basin×1/圆形"]],
    ["finance chop in copper", ["finance×1/铜质"]],
    // (a bare character is no size: 铜 alone is not asked as a kind)
    ["财务章 铜", ["finance×1"]],
  ])("%s", (text, want) => expect(items(text)).toEqual(want));
  it.each(["老师好", "周老师您好", "师傅好!"])("%s greets", (text) => expect(shop.parseSync(text, defaultCorpusContext()).intent).toBe("greeting"));
  it("a title asked for is still booked", () => expect(shop.parseSync("约老师 明天下午三点", defaultCorpusContext()).intent).toBe("book_appointment"));
});

describe("a length in another unit; the number of a model's code is no size (session 14)", () => {
  const shop = rulesFromCatalog({
    brands: [{ id: "t", name: "云陶瓷砖" }],
    products: [
      { id: "sill", brandId: "t", name: "大理石过门石", aliases: ["过门石"], sizes: ["800mm", "900mm", "1000mm"] },
      { id: "toilet", brandId: "t", name: "J7智能马桶", aliases: ["J7", "智能马桶"], sizes: ["300坑距", "400坑距"] },
    ],
  });
  const items = (text: string) => itemLines(shop, text);
  it.each([
    ["过门石1米的来2条", ["sill×2/1000mm"]],
    ["过门石1米的2条，800的1条", ["sill×2/1000mm", "sill×1/800mm"]],
    ["智能马桶J7 坑距400的 来一台", ["toilet×1/400坑距"]],
  ])("%s", (text, want) => expect(items(text)).toEqual(want));
});

describe("a name's last word after a product and its size says how much of it; a 5m of one sold by the metre (session 14)", () => {
  const shop = rulesFromCatalog({
    brands: [{ id: "m", name: "膜匠" }],
    products: [
      { id: "ceramic", brandId: "m", name: "膜匠自营陶瓷膜", aliases: ["陶瓷膜"], sizes: ["轿车", "SUV"] },
      { id: "crystal", brandId: "m", name: "3M 晶锐全车膜", aliases: ["晶锐全车"], sizes: ["轿车", "SUV"] },
      { id: "arch", brandId: "m", name: "网红气球拱门", aliases: ["organic arch", "balloon arch"], sizes: [], description: "按米计价，3米起做" },
    ],
  });
  const items = (text: string) => itemLines(shop, text);
  it.each([
    ["陶瓷膜 SUV全车一套", ["ceramic×1/SUV"]],
    ["a 5m balloon arch for sunday", ["arch×5"]],
    ["balloon arch 5m", ["arch×5"]],
  ])("%s", (text, want) => expect(items(text)).toEqual(want));
});

describe("a size said in English without the product's own word in it (session 14)", () => {
  const shop = rulesFromCatalog({
    brands: [{ id: "a", name: "乐游电玩" }],
    products: [{ id: "card", brandId: "a", name: "会员卡", aliases: ["membership card"], sizes: ["银卡", "金卡"] }],
  });
  it("the 卡 of 银卡 is the card itself: 'silver' says which", () => expect(itemLines(shop, "get me a silver membership card")).toEqual(["card×1/银卡"]));
});

describe("a span of time said of waiting or of when is no product sold by it (session 14)", () => {
  const shop = rulesFromCatalog({
    brands: [{ id: "n", name: "老晋面馆" }],
    products: [
      { id: "noodle", brandId: "n", name: "刀削面", aliases: [], sizes: ["大碗", "小碗"] },
      { id: "class", brandId: "n", name: "刀削面体验课", aliases: [], sizes: ["半天", "全天"] },
    ],
  });
  it.each([
    ["两大碗刀削面 等半天了", ["noodle×2/大碗"]],
    ["刀削面一碗 下半天来拿", ["noodle×1"]],
  ])("%s", (text, want) => expect(itemLines(shop, text)).toEqual(want));
  it("said as what is wanted it still names the product", () => expect(itemLines(shop, "报个半天的")).toEqual(["class×1/半天"]));
});

describe("amounts of what is sold by weight: 各 after a list, and English 'and' before the next one (session 14)", () => {
  const shop = rulesFromCatalog({
    brands: [{ id: "t", name: "蜜糖果铺" }],
    products: [
      { id: "melon", brandId: "t", name: "冬瓜糖", aliases: [], sizes: [], description: "按克计，称重售卖" },
      { id: "kumquat", brandId: "t", name: "金桔干", aliases: ["金桔"], sizes: [], description: "按克计，称重售卖" },
      { id: "mango", brandId: "t", name: "芒果干", aliases: ["dried mango"], sizes: [], description: "按克计，称重售卖" },
      { id: "berry", brandId: "t", name: "草莓干", aliases: ["dried strawberry"], sizes: [], description: "按克计，称重售卖" },
    ],
  });
  it.each([
    ["冬瓜糖 金桔 各两百克", ["melon×200", "kumquat×200"]],
    ["200g dried mango and 100g dried strawberry pls", ["mango×200", "berry×100"]],
    ["芒果干200g 草莓干100g", ["mango×200", "berry×100"]],
  ])("%s", (text, want) => expect(itemLines(shop, text)).toEqual(want));
});

describe("of what is sold by weight, each size said with its own amount is a line of that amount (session 14)", () => {
  const shop = rulesFromCatalog({
    brands: [{ id: "c", name: "楚虾记" }],
    products: [{ id: "shrimp", brandId: "c", name: "口味虾", aliases: [], sizes: ["麻辣", "蒜蓉", "十三香"], description: "按斤称重" }],
  });
  it.each([
    ["蒜蓉的口味虾2斤 十三香的2斤", ["shrimp×2/蒜蓉", "shrimp×2/十三香"]],
    ["口味虾 两斤蒜蓉+一斤十三香", ["shrimp×2/蒜蓉", "shrimp×1/十三香"]],
    ["口味虾三斤 麻辣的", ["shrimp×3/麻辣"]],
  ])("%s", (text, want) => expect(itemLines(shop, text)).toEqual(want));
});

describe("another of the same kind said by what sets it apart, with 的 (session 14)", () => {
  const shop = rulesFromCatalog({
    brands: [{ id: "k", name: "卡仔鸡蛋仔" }],
    products: [
      { id: "ice", brandId: "k", name: "冰淇淋鸡蛋仔", aliases: [], sizes: [] },
      { id: "choco", brandId: "k", name: "巧克力鸡蛋仔", aliases: [], sizes: [] },
      { id: "bw", brandId: "k", name: "黑白打印", aliases: [], sizes: ["A4", "A3"] },
      { id: "colour", brandId: "k", name: "彩色打印", aliases: [], sizes: ["A4", "A3"] },
    ],
  });
  it.each([
    ["冰淇淋鸡蛋仔一个 巧克力的一个", ["ice×1", "choco×1"]],
    ["黑白打印A4 300张，彩色的A4 20张", ["bw×300/A4", "colour×20/A4"]],
    // (a question's word is none: 多大的)
    ["冰淇淋鸡蛋仔 多大的", ["ice×1"]],
  ])("%s", (text, want) => expect(itemLines(shop, text)).toEqual(want));
});

describe("ways of receiving said in other words (session 14)", () => {
  it.each([
    ["一只卤鹅 打包", "pickup"], ["coconut latte 中杯 一杯 外带", "pickup"], ["潜水套装租两天 后天早上8点拿", "pickup"],
    ["下周六大理站提", "pickup"], ["机场取一台电车", "pickup"],
    ["今晚六点送玉林南路 三份", "delivery"], ["加急 一小时达 红玫瑰十一支", "delivery"],
    ["批发装要20箱 发到广州白云区", "ship"], ["30箱原味螺蛳粉 下周一发货", "ship"],
  ])("%s", (text, want) => expect(parseFulfillment(text)).toBe(want));
  it.each(["马匹寄养 豪华厩位 寄半年", "先寄三个月", "鸡蛋面一碗 送到3号房", "送到休息大厅27号床位", "打包盒要一个", "雪葩外带杯半升的两杯"])("%s asks for none", (text) =>
    expect(parseFulfillment(text)).toBeNull());
});

describe("amounts and sizes said in other words; a container counted is no product (session 15)", () => {
  const shop = rulesFromCatalog({
    brands: [{ id: "m", name: "墨香斋" }, { id: "f", name: "丰禾粮油" }],
    products: [
      { id: "sink", brandId: "m", name: "厨房水槽", aliases: ["kitchen sink"], sizes: ["单槽68cm", "单槽75cm"] },
      { id: "paper", brandId: "m", name: "生宣纸", aliases: ["生宣"], sizes: ["四尺", "六尺"], description: "按刀卖，一刀100张" },
      { id: "class", brandId: "m", name: "成人书法课", aliases: ["adult calligraphy class"], sizes: ["楷书", "行书", "隶书"], description: "按课时计价" },
      { id: "gift", brandId: "m", name: "卤味礼盒", aliases: ["gift box"], sizes: ["398元款", "598元款"] },
      { id: "tongue", brandId: "m", name: "卤鸭舌", aliases: ["鸭舌"], sizes: ["小盒", "大盒"] },
      { id: "cheese", brandId: "f", name: "马苏里拉奶酪", aliases: ["mozzarella"], sizes: ["250g", "1kg"] },
      { id: "noodle", brandId: "f", name: "鸡蛋挂面", aliases: [], sizes: ["1kg", "整箱"] },
      { id: "platter", brandId: "f", name: "奶酪拼盘", aliases: ["cheese platter"], sizes: ["3款", "5款"] },
      { id: "milk", brandId: "f", name: "红枣鲜奶", aliases: [], sizes: ["250ml", "500ml"] },
      { id: "tea", brandId: "f", name: "咸奶茶", aliases: [], sizes: ["中杯", "大杯"] },
    ],
  });
  it.each([
    // (a measure said in another unit than the size writes after its words)
    ["a 75cm kitchen sink please", ["sink×1/单槽75cm"]],
    // (each size with its own count of the unit it is sold by)
    ["生宣四尺三刀 六尺一刀", ["paper×3/四尺", "paper×1/六尺"]],
    // (lessons said in English, of one sold by the lesson; a size by the words only it has among its sizes)
    ["adult calligraphy class, running script, 12 lessons", ["class×12/行书"]],
    // (the boxes counted are the tongues', not the gift box)
    ["4 large boxes of 鸭舌", ["tongue×4/大盒"]],
    // (hundreds in Chinese numerals)
    ["卤味礼盒 三百九十八那款 来两盒", ["gift×2/398元款"]],
    ["one kg of mozzarella", ["cheese×1/1kg"]],
    ["鸡蛋挂面 1公斤x4", ["noodle×4/1kg"]],
    ["a cheese platter with 5 kinds", ["platter×1/5款"]],
    // (a count followed by "and" goes with what came before it)
    ["红枣鲜奶 500ml 来俩 plus 咸奶茶中杯", ["milk×2/500ml", "tea×1/中杯"]],
  ])("%s", (text, want) => expect(itemLines(shop, text)).toEqual(want));
  it.each([
    ["给食堂送大米三袋 明天上午", "delivery"], ["挂面两把，傍晚送", "delivery"], ["send 3 bags of rice to our restaurant", "delivery"],
    ["pls 送一桶花生油", "delivery"],
  ])("%s asks for delivery", (text, want) => expect(parseFulfillment(text)).toBe(want));
  it("a gift with a purchase asks for none", () => expect(parseFulfillment("买一送一")).toBeNull());
});

describe("a named product's category word said again names no other product (session 15)", () => {
  const shop = rulesFromCatalog({
    brands: [{ id: "w", name: "炫甲改色" }],
    products: [
      { id: "grey", brandId: "w", name: "纳多灰改色膜", aliases: ["纳多灰"], sizes: ["轿车", "SUV"], tags: ["改色", "wrap"] },
      { id: "pink", brandId: "w", name: "冰莓粉改色膜", aliases: ["粉色改色"], sizes: ["轿车", "SUV"], tags: ["改色", "wrap"] },
      { id: "tint", brandId: "w", name: "量子膜全车套装", aliases: ["量子膜"], sizes: ["轿车", "SUV"], tags: ["full car"] },
      { id: "crystal", brandId: "w", name: "晶锐全车膜", aliases: ["crystalline full car"], sizes: ["轿车", "SUV"], tags: ["full car"] },
      { id: "duck", brandId: "w", name: "招牌烤鸭", aliases: ["烤鸭"], sizes: [] },
    ],
  });
  it.each([
    ["纳多灰整车改色 SUV", ["grey×1/SUV"]],
    ["量子膜 full car 轿车", ["tint×1/轿车"]],
    // (said alone, the word still names the one whose name ends in it)
    ["粉色改色 SUV", ["pink×1/SUV"]],
    // (the people who eat it together are not how many of it)
    ["两个人吃烤鸭 点什么好", ["duck×1"]],
  ])("%s", (text, want) => expect(itemLines(shop, text)).toEqual(want));
  it("an order's number said with 号订单 is its id; 带回去 is a pickup", () => {
    const parse = (text: string) => shop.parseSync(text, defaultCorpusContext());
    expect(parse("88213号订单好了没").orderId).toBe("88213");
    expect(parseFulfillment("烤鸭半只 带回去")).toBe("pickup");
  });
});

describe("time slots, a whole case said by its character, counts of tickets by kind (session 15)", () => {
  const shop = rulesFromCatalog({
    brands: [{ id: "b", name: "河畔游船" }],
    products: [
      { id: "night", brandId: "b", name: "夜游船票", aliases: ["夜游", "night cruise"], sizes: ["19:00场", "20:00场", "21:00场"] },
      { id: "model", brandId: "b", name: "游船模型", aliases: ["boat model"], sizes: ["1:18", "1:43"] },
      { id: "boat", brandId: "b", name: "画舫船票", aliases: ["画舫"], sizes: ["成人票", "儿童票", "长者票"] },
      { id: "blind", brandId: "b", name: "游船盲盒", aliases: ["盲盒"], sizes: ["单盒", "端盒"] },
      { id: "tea", brandId: "b", name: "鲜橙茶", aliases: [], sizes: ["中杯", "大杯", "超大杯"] },
    ],
  });
  const parse = (text: string) => shop.parseSync(text, defaultCorpusContext());
  it.each([
    ["今晚8点那场夜游 来3张", ["night×3/20:00场"]],
    ["4 tickets for the 9pm night cruise", ["night×4/21:00场"]],
    // (a part of the day is no time said; a scale is no time)
    ["夜游 今晚 两张", ["night×2"]],
    ["画舫 成人2 儿童1 长者1", ["boat×2/成人票", "boat×1/儿童票", "boat×1/长者票"]],
    ["两大两小 画舫", ["boat×2/成人票", "boat×2/儿童票"]],
    ["盲盒端两盒", ["blind×2/端盒"]],
    ["盲盒要一整端", ["blind×1/端盒"]],
    // (not a character another size has: the 大 of 超大杯)
    ["鲜橙茶 超大 两杯", ["tea×2/超大杯"]],
  ])("%s", (text, want) => expect(itemLines(shop, text)).toEqual(want));
  it("a scale with a colon is no time slot", () => expect(parse("boat model 1:18 tomorrow at 3pm").items[0]?.size).toBe("1:18"));
});

describe("packs, small and large by their measure, money in 块; a parcel service is no way of receiving (session 15)", () => {
  const shop = rulesFromCatalog({
    brands: [{ id: "c", name: "邻家便利" }],
    products: [
      { id: "serum", brandId: "c", name: "眉毛生长液", aliases: ["生长液"], sizes: ["5ml", "10ml"] },
      { id: "balm", brandId: "c", name: "修复膏", aliases: [], sizes: ["5g", "10g"] },
      { id: "cola", brandId: "c", name: "可乐", aliases: ["coke"], sizes: ["罐", "大瓶"] },
      { id: "beer", brandId: "c", name: "青岛啤酒", aliases: ["tsingtao"], sizes: ["6罐装", "箱"] },
      { id: "topup", brandId: "c", name: "话费充值", aliases: ["话费"], sizes: ["50元", "100元"] },
      { id: "parcel", brandId: "c", name: "寄快递", aliases: ["快递代寄"], sizes: [] },
      { id: "noodle", brandId: "c", name: "袋装螺蛳粉", aliases: [], sizes: ["袋", "箱"] },
    ],
  });
  const parse = (text: string) => shop.parseSync(text, defaultCorpusContext());
  it.each([
    ["生长液五毫升两瓶", ["serum×2/5ml"]],
    ["修复膏小支的来3个", ["balm×3/5g"]],
    ["可乐罐装x2", ["cola×2/罐"]],
    ["six pack of tsingtao", ["beer×1/6罐装"]],
    ["充100块话费", ["topup×1/100元"]],
    // (the start of a name is no size: 袋装螺蛳粉)
    ["袋装螺蛳粉来两箱", ["noodle×2/箱"]],
  ])("%s", (text, want) => expect(itemLines(shop, text)).toEqual(want));
  it("sending a parcel as the service bought asks for no way of receiving; 送 a place nearby asks for delivery", () => {
    expect(parse("寄快递 到省外 大概2公斤").fulfillment).toBeNull();
    expect(parse("可乐两瓶 寄到杭州").fulfillment).toBe("ship");
    expect(parseFulfillment("农夫山泉一箱 送喷水池这边")).toBe("delivery");
    expect(parseFulfillment("布丁x3 送花溪大学城")).toBe("delivery");
  });
});

describe("a row counted; coupons in hand listed (session 15)", () => {
  const shop = rulesFromCatalog({
    brands: [{ id: "c", name: "邻家便利" }],
    products: [{ id: "yakult", brandId: "c", name: "养乐多", aliases: ["yakult"], sizes: ["瓶", "排"] }],
  });
  it("两排 counts rows", () => expect(itemLines(shop, "养乐多 两排")).toEqual(["yakult×2/排"]));
  it("the coupons in one's hand are listed", () => expect(shop.parseSync("查一下我手上的优惠券", defaultCorpusContext()).intent).toBe("list_coupons"));
});

describe("the direction of a translation said in other words; thousands of words counted (session 15)", () => {
  const shop = rulesFromCatalog({
    brands: [{ id: "t", name: "译通翻译" }],
    products: [
      { id: "id", brandId: "t", name: "身份证翻译", aliases: ["ID card translation"], sizes: ["中译英", "中译日", "中译法"], description: "按份计" },
      { id: "licence", brandId: "t", name: "驾照翻译", aliases: [], sizes: ["英译中", "日译中", "德译中"], description: "按份计" },
      { id: "contract", brandId: "t", name: "合同翻译", aliases: ["contract translation"], sizes: ["中译英", "英译中"], description: "按千字计" },
    ],
  });
  it.each([
    ["身份证翻译 翻成法文的 两份", ["id×2/中译法"]],
    ["驾照翻译 德文翻中文 一份", ["licence×1/德译中"]],
    // (a language alone: into it from Chinese where the product goes so, else from it)
    ["身份证翻译 日文的一份", ["id×1/中译日"]],
    ["驾照翻译 日文", ["licence×1/日译中"]],
    ["合同翻译 英译中 大概8000字", ["contract×8/英译中"]],
    ["合同翻译 中翻英 两万字", ["contract×20/中译英"]],
    ["contract translation, chinese to english, about 6 thousand words", ["contract×6/中译英"]],
  ])("%s", (text, want) => expect(itemLines(shop, text)).toEqual(want));
});

describe("an amount a named product comes in names no other product (session 15)", () => {
  const shop = rulesFromCatalog({
    brands: [{ id: "h", name: "海獭潜水" }],
    products: [
      { id: "suit", brandId: "h", name: "男款全身湿衣", aliases: ["男款湿衣"], sizes: ["3mm-M", "3mm-L", "5mm-M", "5mm-L"] },
      { id: "boots", brandId: "h", name: "3mm潜水靴", aliases: ["潜水靴"], sizes: ["40码", "42码"] },
    ],
  });
  it.each([
    ["男款湿衣 3mm L码 一件", ["suit×1/3mm-L"]],
    // (said alone, the amount still names the product whose name starts with it)
    ["3mm 42码 一双", ["boots×1/42码"]],
  ])("%s", (text, want) => expect(itemLines(shop, text)).toEqual(want));
});

describe("weights within a size's range or under its bound, in any unit; what is sold by the gram (session 15)", () => {
  const shop = rulesFromCatalog({
    brands: [{ id: "p", name: "喵汪寄养" }],
    products: [
      { id: "room", brandId: "p", name: "小型犬寄养间", aliases: ["寄养间"], sizes: ["5kg以下", "5-10kg", "10-15kg"], description: "按晚计" },
      { id: "bath", brandId: "p", name: "小狗洗护", aliases: [], sizes: ["5kg以下", "5-10kg", "10-15kg"] },
      { id: "chain", brandId: "p", name: "足金项链", aliases: ["金链子"], sizes: ["50cm", "60cm"], description: "按克计价" },
      { id: "swap", brandId: "p", name: "旧金换购", aliases: [], sizes: [], description: "旧金换金条，按克收置换费" },
      { id: "bar", brandId: "p", name: "投资金条", aliases: ["金条"], sizes: ["200克", "500克"] },
    ],
  });
  it.each([
    ["寄养间 7公斤的 住2晚", ["room×2/5-10kg"]],
    ["寄养间 8斤的比熊 住三晚", ["room×3/5kg以下"]],
    ["小狗洗护 5到10公斤的 一次", ["bath×1/5-10kg"]],
    ["金链子60cm 来条50克的", ["chain×50/60cm"]],
    ["旧金换购 30克", ["swap×30"]],
    // (the amounts of a coupon's threshold in 万 are no sizes)
    ["金条500克的 满2万减200的券能用吧", ["bar×1/500克"]],
  ])("%s", (text, want) => expect(itemLines(shop, text)).toEqual(want));
});

describe("a table's party, an amount sold by the metre, participles and sides (session 15)", () => {
  const shop = rulesFromCatalog({
    brands: [{ id: "z", name: "织梦软装" }],
    products: [
      { id: "table", brandId: "z", name: "烤鱼订座", aliases: ["订座"], sizes: ["小桌", "中桌", "大桌"] },
      { id: "velvet", brandId: "z", name: "丝绒窗帘", aliases: ["velvet curtains"], sizes: ["半遮光", "全遮光"], description: "按米计价" },
      { id: "sheer", brandId: "z", name: "雪纺纱帘", aliases: ["sheer curtains"], sizes: ["平纹", "绣花"], description: "按米计价" },
      { id: "mirror", brandId: "z", name: "后视镜片", aliases: [], sizes: ["左", "右"] },
    ],
  });
  it.each([
    // (the people a table is booked for are not how many tables)
    ["烤鱼订座 中桌 5个人", ["table×1/中桌"]],
    // (metres of what is sold by the metre are how much of it, no size; a size said in English with a participle)
    ["I need 6m of velvet curtains", ["velvet×6"]],
    ["embroidered sheer curtains 10m", ["sheer×10/绣花"]],
    ["右边后视镜片碎了 换一个", ["mirror×1/右"]],
  ])("%s", (text, want) => expect(itemLines(shop, text)).toEqual(want));
});

describe("廿 counts; a party of grown-ups and children is so many places (session 15)", () => {
  const shop = rulesFromCatalog({
    brands: [{ id: "k", name: "卡仔" }],
    products: [
      { id: "tile", brandId: "k", name: "雪山白瓷砖", aliases: ["雪山白"], sizes: ["600x1200", "750x1500"] },
      { id: "diy", brandId: "k", name: "鸡蛋仔DIY亲子课", aliases: ["DIY课"], sizes: [] },
      { id: "family", brandId: "k", name: "亲子票", aliases: [], sizes: ["一大一小", "两大一小"] },
      { id: "adult", brandId: "k", name: "成人票", aliases: [], sizes: [] },
    ],
  });
  it.each([
    ["雪山白750x1500要廿四片", ["tile×24/750x1500"]],
    ["DIY课 两个大人一个小孩", ["diy×3"]],
    // (a size for the party, and another product after it, are not counted by it)
    ["亲子票一大一小，再加一张成人票", ["family×1/一大一小", "adult×1"]],
  ])("%s", (text, want) => expect(itemLines(shop, text)).toEqual(want));
});

describe("a size in English without the character all its sizes end in (session 15)", () => {
  const shop = rulesFromCatalog({
    brands: [{ id: "q", name: "栖舱" }],
    products: [
      { id: "pod", brandId: "q", name: "过夜舱", aliases: ["overnight pod"], sizes: ["上铺", "下铺"] },
      { id: "tea", brandId: "q", name: "奶茶", aliases: ["bubble tea"], sizes: ["中杯", "大杯"] },
    ],
  });
  it.each([
    ["lower bunk overnight pod for tonight", ["pod×1/下铺"]],
    // (a word of asking where is no size: the "within" of 中)
    ["any place to get bubble tea within 500m?", ["tea×1"]],
  ])("%s", (text, want) => expect(itemLines(shop, text)).toEqual(want));
});

describe("a store named by a piece of its place gives a search or a booking its brand (session 16)", () => {
  const stores = (brandId: string, names: string[]) => names.map((name, i) => ({ id: `${brandId}${i}`, brandId, name, lat: 30, lng: 114 }));
  const parser = rulesFromCatalog({
    brands: [{ id: "fh", name: "丰禾农资", aliases: ["丰禾"] }, { id: "ll", name: "绿垄植保", aliases: ["绿垄"] }],
    stores: [...stores("fh", ["丰禾农资 项城莲花路店", "丰禾农资 周口川汇店", "丰禾农资 寿光东城店"]), ...stores("ll", ["绿垄植保 寿光农圣街店", "绿垄植保 杭州滨江星光大道体验店", "淮阳店", "绿垄植保 西华育苗基地"])],
    products: [{ id: "urea", brandId: "fh", name: "尿素", sizes: ["40kg"] }],
    staff: [{ id: "s1", storeId: "fh0", name: "张农艺师", role: "agronomist" }],
    roles: [{ role: "agronomist", labels: { zh: ["农艺师"], en: ["agronomist"] } }],
  });
  const brandOf = (text: string) => parser.parseSync(text, ctx()).brandId;
  it.each([
    ["项城店几点关门", "fh"],
    ["约个农艺师 明天上午去川汇店", "fh"],
    ["滨江那个店在哪", "ll"],
    // (a store named without its brand)
    ["淮阳店周日开门吗", "ll"],
    ["is the Xiangcheng store open on Sunday", "fh"],
    // (a store that is a base, a showroom or a service desk, said so: session 18)
    ["西华基地怎么走", "ll"],
    // (a piece of both brands' stores' names names neither; a place with no word for a shop names no store)
    ["寿光店几点关门", null],
    ["项城附近有店吗", null],
  ])("%s", (text, want) => expect(brandOf(text)).toBe(want));
});

describe("an amount per bag said with one bag; weights after a product's digits; asking what to apply (session 16)", () => {
  const shop = rulesFromCatalog({
    brands: [{ id: "f", name: "丰禾农资" }],
    products: [
      { id: "wheat", brandId: "f", name: "周麦36小麦种", aliases: ["周麦36"], sizes: ["20斤/袋", "50斤/袋"] },
      { id: "corn", brandId: "f", name: "登海605玉米种", aliases: ["登海605"], sizes: ["1kg/袋", "2kg/袋"] },
      { id: "seed", brandId: "f", name: "黄瓜种子", aliases: ["cucumber seeds"], sizes: ["20g/袋", "100g/袋"] },
      { id: "fert", brandId: "f", name: "水溶肥", sizes: ["10kg"] },
    ],
  });
  it.each([
    // (the 一袋 of 50斤一袋 is the size's, no count, and the 36 of the name is none either)
    ["周麦36 50斤一袋的 拿6袋", ["wheat×6/50斤/袋"]],
    ["周麦36 50斤一袋", ["wheat×1/50斤/袋"]],
    // (an amount per bag is found by its amount, in any unit spelling; a numeral right after the name's digits)
    ["登海605两公斤的来五袋", ["corn×5/2kg/袋"]],
    ["登海605一公斤装的来五袋", ["corn×5/1kg/袋"]],
    ["cucumber seeds 100g x2", ["seed×2/100g/袋"]],
  ])("%s", (text, want) => expect(itemLines(shop, text)).toEqual(want));
  const parse = (text: string) => shop.parseSync(text, ctx());
  it.each(["黄瓜霜霉病用什么药", "小麦返青了追什么肥好", "大棚番茄用啥水溶肥"])("%s asks for a recommendation", (text) => expect(parse(text).intent).toBe("recommend"));
  it("a delivery to a greenhouse, a pickup by cart, a withdrawal, an unfollow, a status in English", () => {
    expect(parseFulfillment("水溶肥10kg的8袋 送大棚")).toBe("delivery");
    expect(parseFulfillment("水溶肥200斤 今天下午来拉")).toBe("pickup");
    expect(parse("帮我把JX20261124008撤销掉").intent).toBe("cancel_order");
    expect(parse("种完了，丰禾农资不用再关注了").intent).toBe("unfollow");
    expect(parse("my order still says processing, order no. 52008").intent).toBe("order_status");
  });
});

describe("a coupon of its own words said whole; the shop fetching from the door (session 16)", () => {
  const shop = rulesFromCatalog({
    brands: [{ id: "l", name: "绿篮子" }],
    products: [{ id: "box", brandId: "l", name: "沙拉箱", sizes: ["3斤", "5斤"] }],
    coupons: [
      { code: "LLFRIEND", brandId: "l", kind: "amount", value: 20, title: "老带新礼", validFrom: "2026-01-01T00:00:00+08:00", validTo: "2027-12-31T23:59:59+08:00" },
      { code: "LL150", brandId: "l", kind: "amount", value: 20, title: "沙拉箱满150减20", validFrom: "2026-01-01T00:00:00+08:00", validTo: "2027-12-31T23:59:59+08:00" },
    ],
  });
  const parse = (text: string) => shop.parseSync(text, ctx());
  it("names the coupon whose words are said whole, without a word for coupons", () => expect(parse("老带新礼用一下，买个3斤的沙拉箱").couponCode).toBe("LLFRIEND"));
  // (a title with a discount is named by its discount or in talk of coupons, not by its product's name alone)
  it("names no coupon by a product's name", () => expect(parse("沙拉箱 5斤 来一个").couponCode).toBeNull());
  it.each([
    ["明天上午能上门来取吗", "delivery"],
    ["派人上门来拿", "delivery"],
    ["今天下午4点我自己送到湖滨店", "pickup"],
    ["I'll drop them off at the Binjiang store on Saturday", "pickup"],
  ])("%s → %s", (text, want) => expect(parseFulfillment(text.toLowerCase())).toBe(want));
});

describe("coupons one holds, asked with 都 or by brand; whole metres in a Chinese numeral (session 16)", () => {
  const shop = rulesFromCatalog({
    brands: [{ id: "c", name: "次元社", aliases: ["Ciyuan"] }],
    products: [{ id: "wig", brandId: "c", name: "银白色长直假发", aliases: ["银白假发"], sizes: ["60cm", "80cm", "100cm"] }],
  });
  const parse = (text: string) => shop.parseSync(text, ctx());
  it.each(["我都有哪些优惠券", "我有冇优惠券未用", "我在Ciyuan的coupons", "Ciyuan的coupons还有效吗"])("%s lists", (text) => expect(parse(text).intent).toBe("list_coupons"));
  it("有什么优惠券 still claims", () => expect(parse("有什么优惠券").intent).toBe("claim_coupon"));
  it.each([
    ["银白色长直假发一米的来一顶", ["wig×1/100cm"]],
    ["银白假发两个 八十厘米的", ["wig×2/80cm"]],
  ])("%s", (text, want) => expect(itemLines(shop, text)).toEqual(want));
});

describe("a coupon's own words said whole beside its discount; the catalog's words are none of them (session 16)", () => {
  const valid = { kind: "amount", value: 10, validFrom: "2026-01-01T00:00:00+08:00", validTo: "2027-12-31T23:59:59+08:00" };
  const shop = rulesFromCatalog({
    brands: [{ id: "q", name: "青柠果汁" }],
    products: [{ id: "oj", brandId: "q", name: "鲜榨橙汁", sizes: ["中杯", "大杯"] }, { id: "cake", brandId: "q", name: "生日蛋糕", sizes: [] }],
    roles: [{ role: "caterer", labels: { zh: ["团餐经理"] } }],
    coupons: [
      { code: "QNNEW", brandId: "q", title: "新人礼 首单立减10元", ...valid },
      { code: "CAKE30", brandId: "q", title: "生日蛋糕满300减30", ...valid },
      { code: "TUAN", brandId: "q", title: "团餐经理推荐 满500减100", ...valid },
    ],
  });
  const coupon = (text: string) => shop.parseSync(text, ctx()).couponCode;
  it.each([["新人礼在哪里领啊", "QNNEW"], ["鲜榨橙汁中杯一杯，用新人礼", "QNNEW"], ["生日蛋糕一个 明天自取", null], ["约团餐经理 下周一上午", null]])("%s → %s", (text, want) => expect(coupon(text)).toBe(want));
});

describe("an amount of what a product named is sold by names no product sold in that amount (session 16)", () => {
  const shop = rulesFromCatalog({
    brands: [{ id: "a", name: "安存" }],
    products: [
      { id: "cab", brandId: "a", name: "柜式迷你仓(月租)", aliases: ["柜式仓"], sizes: ["1立方", "2立方"], description: "按月计" },
      { id: "clothes", brandId: "a", name: "换季衣物寄存", aliases: ["换季寄存"], sizes: ["3个月", "6个月"] },
    ],
  });
  it.each([
    ["柜式迷你仓2立方的 租三个月", ["cab×3/2立方"]],
    ["换季寄存 3个月", ["clothes×1/3个月"]],
  ])("%s", (text, want) => expect(itemLines(shop, text)).toEqual(want));
});

describe("horsepower in 匹; an amount per hour found by its amount; which one is a bit more so (session 16)", () => {
  const shop = rulesFromCatalog({
    brands: [{ id: "l", name: "蓝湾泳池" }],
    products: [
      { id: "pump", brandId: "l", name: "循环水泵", aliases: ["水泵"], sizes: ["1.5HP", "3HP"] },
      { id: "salt", brandId: "l", name: "盐氯机", sizes: ["20g/h", "35g/h"] },
      { id: "diffuser", brandId: "l", name: "无火香薰", sizes: [] },
    ],
  });
  it.each([
    ["水泵要3匹的换一台", ["pump×1/3HP"]],
    ["盐氯机35克的装一台", ["salt×1/35g/h"]],
  ])("%s", (text, want) => expect(itemLines(shop, text)).toEqual(want));
  it("asks which is a bit lighter", () => expect(shop.parseSync("卧室用的无火香薰哪款味道淡一点", ctx()).intent).toBe("recommend"));
  it("别让我关注 unfollows", () => expect(shop.parseSync("别让我关注蓝湾泳池了，取消吧", ctx()).intent).toBe("unfollow"));
});

describe("a size after 各 and a count of each is each one's (session 16)", () => {
  const shop = rulesFromCatalog({
    brands: [{ id: "y", name: "烟雨香薰" }],
    products: [
      { id: "tea", brandId: "y", name: "白茶无花果蜡烛", aliases: ["白茶无花果"], sizes: ["100g", "200g"] },
      { id: "oolong", brandId: "y", name: "桂花乌龙蜡烛", aliases: ["桂花乌龙"], sizes: ["100g", "200g"] },
    ],
  });
  it("白茶无花果和桂花乌龙各来一个200g的", () => expect(itemLines(shop, "白茶无花果和桂花乌龙各来一个200g的")).toEqual(["tea×1/200g", "oolong×1/200g"]));
});

describe("a size word written inside other products' longer sizes names no product alone (session 16)", () => {
  const shop = rulesFromCatalog({
    brands: [{ id: "m", name: "漫途青旅" }],
    products: [
      { id: "dorm", brandId: "m", name: "混住多人间床位", aliases: ["混住间"], sizes: ["4人间下铺", "6人间下铺"] },
      { id: "pod", brandId: "m", name: "胶囊舱床位", aliases: ["胶囊舱"], sizes: ["上铺", "下铺"] },
    ],
  });
  it.each([
    ["混住间6人间下铺一个", ["dorm×1/6人间下铺"]],
    ["胶囊舱下铺一个", ["pod×1/下铺"]],
  ])("%s", (text, want) => expect(itemLines(shop, text)).toEqual(want));
});

describe("a store's place before 店 is the store; sizes of a word and a number; periods in a longer unit (session 17)", () => {
  const hostel = rulesFromCatalog({
    brands: [{ id: "s", name: "山海驿青旅", aliases: ["山海驿"] }],
    stores: [{ id: "s1", brandId: "s", name: "山海驿 青岛八大关店", lat: 36, lng: 120 }],
    products: [{ id: "walk", brandId: "s", name: "八大关建筑漫步", aliases: ["八大关漫步"] }],
  });
  it.each([
    ["山海驿八大关店今晚还营业吗", []],
    ["八大关店 约个保洁 周六上午", []],
    ["八大关漫步 明天两个人", ["walk×2"]],
  ])("%s", (text, want) => expect(itemLines(hostel, text)).toEqual(want));

  const jade = rulesFromCatalog({
    brands: [{ id: "y", name: "玉满堂" }],
    products: [{ id: "bangle", brandId: "y", name: "冰飘花翡翠手镯", aliases: ["飘花手镯"], sizes: ["圈口52", "圈口54", "圈口56"] }],
  });
  it.each([
    ["飘花手镯 56圈口 要一只", ["bangle×1/圈口56"]],
    ["飘花手镯有54的吗 有就直接下单", ["bangle×1/圈口54"]],
    ["飘花手镯 圈口52", ["bangle×1/圈口52"]],
  ])("%s", (text, want) => expect(itemLines(jade, text)).toEqual(want));

  const rentals = rulesFromCatalog({
    brands: [{ id: "r", name: "琴韵" }],
    products: [
      { id: "piano", brandId: "r", name: "立式钢琴月租", description: "按月计费", sizes: ["118cm", "121cm"] },
      { id: "car", brandId: "r", name: "七座商务车", description: "按天计费", sizes: ["日租", "周租"] },
      { id: "bed", brandId: "r", name: "青旅床位", description: "按晚计费" },
    ],
  });
  it.each([
    // (a half year of what is rented by the month is six months; a week of beds by the night seven nights)
    ["立式钢琴月租 118cm的 租半年", ["piano×6/118cm"]],
    ["青旅床位 住一周", ["bed×7"]],
    // (but a week of a car rented by the day or by the week is one week)
    ["七座商务车 租一个礼拜", ["car×1/周租"]],
  ])("%s", (text, want) => expect(itemLines(rentals, text)).toEqual(want));
});

describe("a size said after services joined by + or 再 is each one's; mixed-language asks; order ids with letters (session 17)", () => {
  const shop = rulesFromCatalog({
    brands: [{ id: "q", name: "琴韵钢琴" }],
    products: [
      { id: "tune", brandId: "q", name: "钢琴调律", aliases: ["调律", "tuning"], sizes: ["立式", "三角"] },
      { id: "pitch", brandId: "q", name: "降调提音", aliases: ["提音", "pitch raise"], sizes: ["立式", "三角"] },
      { id: "clean", brandId: "q", name: "清洁保养", sizes: ["立式", "三角"] },
    ],
    stores: [{ id: "q1", brandId: "q", name: "琴韵钢琴 滨江店", lat: 30, lng: 120 }],
  });
  it.each([
    ["调律+清洁保养 立式 一起下单", ["tune×1/立式", "clean×1/立式"]],
    ["要先提音再调律，立式的", ["pitch×1/立式", "tune×1/立式"]],
    // (a size right after the second of two said apart is that one's only)
    ["调律三角, 清洁保养立式", ["tune×1/三角", "clean×1/立式"]],
  ])("%s", (text, want) => expect(itemLines(shop, text)).toEqual(want));
  const parse = (text: string) => shop.parseSync(text, ctx());
  it.each([
    ["不想follow琴韵钢琴了", "unfollow"],
    ["滨江店几点close啊", "find_store"],
    ["调律先别发了 取消 单号66231", "cancel_order"],
  ])("%s", (text, want) => expect(parse(text).intent).toBe(want));
  it("a few letters and six digits or more are an order id", () => {
    expect(parse("调律修好了吗 QJ1121007").orderId).toBe("QJ1121007");
    expect(parse("刻章的单撤了吧 PLF1123045").orderId).toBe("PLF1123045");
  });
});

describe("feet and inches however written; another product's size leaves this one's English words free (session 17)", () => {
  const club = rulesFromCatalog({
    brands: [{ id: "z", name: "逐浪桨板" }],
    products: [
      { id: "touring", brandId: "z", name: "巡航桨板", aliases: ["巡航板", "touring board"], sizes: [`11'6"`, `12'6"`] },
      { id: "kids", brandId: "z", name: "儿童桨板", sizes: [`8'0"`, `9'0"`] },
      { id: "leash", brandId: "z", name: "冲浪脚绳", aliases: ["surf leash"], sizes: ["6尺", "7尺"] },
      { id: "wax", brandId: "z", name: "冲浪蜡", aliases: ["surf wax", "wax"], sizes: ["热带水", "冷水"] },
    ],
  });
  it.each([
    ["巡航板 11尺6的 来一块", [`touring×1/11'6"`]],
    ["巡航板 12'6 一块", [`touring×1/12'6"`]],
    ["巡航板12.6的要一块", [`touring×1/12'6"`]],
    ["儿童桨板8尺 给闺女买一块", [`kids×1/8'0"`]],
    ["surf leash 7ft + a bar of tropical wax", ["leash×1/7尺", "wax×1/热带水"]],
  ])("%s", (text, want) => expect(itemLines(club, text)).toEqual(want));
});

describe("what a brand sells said with a word for a shop names it; clubs and firms are kinds of place (session 17)", () => {
  const parser = rulesFromCatalog({
    brands: [
      { id: "a", name: "阿螺记螺蛳粉", aliases: ["阿螺记"] },
      { id: "m", name: "膜匠汽车贴膜", aliases: ["膜匠"] },
      { id: "t", name: "天驹马术俱乐部", aliases: ["天驹", "Tianju", "Tianju Riding Club"] },
      { id: "h", name: "衡信律师事务所", aliases: ["衡信", "Hengxin", "Hengxin Law Firm"] },
    ],
    products: [{ id: "noodle", brandId: "a", name: "招牌螺蛳粉" }],
  });
  const brandOf = (text: string) => parser.parseSync(text, ctx()).brandId;
  it.each([
    ["离我最近的螺蛳粉店在哪", "a"],
    ["附近3公里内有贴膜店没", "m"],
    ["附近5km有马术俱乐部吗", "t"],
    ["law firm near me within 3km", "h"],
    ["riding club near me", "t"],
    // (a shop of what no brand's name says names none)
    ["附近有奶茶店吗", null],
  ])("%s", (text, want) => expect(brandOf(text)).toBe(want));
});

describe("hours said as the clock times they run between count a product sold by the hour (session 17)", () => {
  const space = rulesFromCatalog({
    brands: [{ id: "b", name: "半岛共享办公" }],
    products: [
      { id: "room", brandId: "b", name: "会议室", description: "按小时计费", sizes: ["6人", "12人"] },
      { id: "live", brandId: "b", name: "直播间", description: "按小时计费" },
    ],
  });
  it.each([
    ["12人会议室 周五上午10点到12点", ["room×2/12人"]],
    ["直播间 今晚8点到11点", ["live×3"]],
    ["直播间 tomorrow 11am to 1pm", ["live×2"]],
    ["直播间 下午3点", ["live×1"]],
  ])("%s", (text, want) => expect(itemLines(space, text)).toEqual(want));
});

describe("kilometres of what is sold by the kilometre are no radius; a digit right after a Chinese name counts it; 一个 is no one person (session 17)", () => {
  const rescue = rulesFromCatalog({
    brands: [{ id: "a", name: "安驰救援" }],
    products: [{ id: "tow", brandId: "a", name: "道路拖车", aliases: ["拖车", "tow"], description: "按公里计费", sizes: ["轿车", "SUV"] }],
  });
  it.each([
    ["拖车 从绕城高速拖到渝北 大概25公里", ["tow×25"]],
    ["tow my car 22 km to the dealer, it's a sedan", ["tow×22/轿车"]],
  ])("%s", (text, want) => expect(itemLines(rescue, text)).toEqual(want));
  it("a search near is still a radius", () => expect(rescue.parseSync("附近3公里有拖车吗", ctx()).radiusMeters).toBe(3000));
  it("the kilometres are no radius", () => expect(rescue.parseSync("拖车40公里 直接下单", ctx()).radiusMeters).toBeNull());

  const diner = rulesFromCatalog({
    brands: [{ id: "c", name: "禅悦素食" }],
    products: [
      { id: "rice", brandId: "c", name: "杂粮饭" },
      { id: "pork", brandId: "c", name: "素东坡肉", aliases: ["东坡肉"], sizes: ["小份", "中份"] },
      { id: "set", brandId: "c", name: "招牌套餐", sizes: ["1人份", "2人份"] },
    ],
  });
  it.each([
    ["杂粮饭2 东坡肉中份", ["rice×2", "pork×1/中份"]],
    ["2杂粮饭 东坡肉", ["rice×2", "pork×1"]],
    ["招牌套餐双人份一个", ["set×1/2人份"]],
  ])("%s", (text, want) => expect(itemLines(diner, text)).toEqual(want));
});

describe("a product a coupon is named by, however the coupon is asked after; delivery to a centre or from a start (session 17)", () => {
  const shop = rulesFromCatalog({
    brands: [{ id: "c", name: "澄泉泳池" }],
    products: [
      { id: "cart", brandId: "c", name: "滤芯", aliases: ["filter cartridge"] },
      { id: "plan", brandId: "c", name: "月度维护套餐", aliases: ["monthly plan"] },
      { id: "bar", brandId: "c", name: "金条" },
    ],
    coupons: [
      { code: "CQ30", brandId: "c", kind: "amount", value: 30, title: "滤芯满300减30", validFrom: "2026-01-01T00:00:00+08:00", validTo: "2027-12-31T23:59:59+08:00" },
      { code: "PLAN9", brandId: "c", kind: "percent", value: 10, title: "monthly plan 10% off", validFrom: "2026-01-01T00:00:00+08:00", validTo: "2027-12-31T23:59:59+08:00" },
      { code: "BAR200", brandId: "c", kind: "amount", value: 200, title: "金条满2万减200", validFrom: "2026-01-01T00:00:00+08:00", validTo: "2027-12-31T23:59:59+08:00" },
    ],
  });
  it.each([
    ["滤芯满300减30那张 I want it", []],
    ["get me the monthly plan 10% off coupon", []],
    ["金条满2万减200 领一张", []],
    // (a product ordered with the coupon used names itself)
    ["滤芯两个 满300减30那张用上", ["cart×2"]],
  ])("%s", (text, want) => expect(itemLines(shop, text)).toEqual(want));
  it.each([
    ["轻食便当两份 送静安嘉里中心", "delivery"],
    ["午餐月卡订一个月，12月1号开始送", "delivery"],
    ["气球花束一束 送华西医院住院部 今天下午", "delivery"],
    ["鸭脖微辣 x2, 毛豆 x1, send to 玉林", "delivery"],
    // (coming to a store to have it fitted is a pickup; an airport pickup is a service, no way of receiving)
    ["御乘 225/55R18 x2，后天中午到航生路店装", "pickup"],
    ["airport pickup at Tianfu airport, Sunday 9pm", null],
  ])("%s", (text, want) => expect(parseFulfillment(text)).toBe(want));
});

describe("per-hour sizes said by their amount; 中份 of what comes 大份/小份, as asked; a zodiac sign (session 17)", () => {
  const shop = rulesFromCatalog({
    brands: [{ id: "s", name: "澜柔" }],
    products: [
      { id: "soft", brandId: "s", name: "中央软水机", aliases: ["软水机"], sizes: ["2T/h", "3T/h"] },
      { id: "eel", brandId: "s", name: "响油素鳝丝", aliases: ["响油鳝丝"], sizes: ["大份", "小份"] },
      { id: "pendant", brandId: "s", name: "生肖吊坠", sizes: ["鼠", "牛", "虎", "兔", "羊"] },
    ],
  });
  it.each([
    ["软水机2T的一台", ["soft×1/2T/h"]],
    ["响油鳝丝中份一个", ["eel×1/中份"]],
    ["生肖吊坠 属羊 要俩", ["pendant×2/羊"]],
    ["属兔的生肖吊坠来一个", ["pendant×1/兔"]],
  ])("%s", (text, want) => expect(itemLines(shop, text)).toEqual(want));
});

describe("a unit of a kind, 按延米 or 按投影平方, is the metre's or the square metre's (session 17)", () => {
  const shop = rulesFromCatalog({
    brands: [{ id: "q", name: "栖木定制" }],
    products: [
      { id: "base", brandId: "q", name: "橱柜地柜", aliases: ["地柜"], description: "按延米计价，含柜体", sizes: ["吸塑", "实木"] },
      { id: "wall", brandId: "q", name: "橱柜吊柜", aliases: ["吊柜"], description: "按延米计价", sizes: ["吸塑", "实木"] },
      { id: "wardrobe", brandId: "q", name: "定制衣柜", aliases: ["衣柜", "wardrobe"], description: "按投影平方计价（宽×高）", sizes: ["平开门", "推拉门"] },
    ],
  });
  it.each([
    ["地柜5米吊柜4米，都要实木门板", ["base×5/实木", "wall×4/实木"]],
    ["衣柜8平方 平开门", ["wardrobe×8/平开门"]],
    ["wardrobe with sliding doors, 7 square meters", ["wardrobe×7/推拉门"]],
  ])("%s", (text, want) => expect(itemLines(shop, text)).toEqual(want));
});

describe("a word joined to a product named that shares its ending names that sibling (session 17)", () => {
  const shop = rulesFromCatalog({
    brands: [{ id: "m", name: "沐溪温泉" }],
    products: [
      { id: "fleece", brandId: "m", name: "珊瑚绒浴袍" },
      { id: "waffle", brandId: "m", name: "华夫格浴袍" },
      { id: "y", brandId: "m", name: "Y型睫毛", aliases: ["Y型"] },
      { id: "manga", brandId: "m", name: "漫画睫毛" },
    ],
  });
  it.each([
    ["珊瑚绒和华夫格浴袍 冬天穿哪个好", ["fleece×1", "waffle×1"]],
    ["接什么睫毛好 Y型还是漫画", ["y×1", "manga×1"]],
    ["华夫格浴袍一件", ["waffle×1"]],
  ])("%s", (text, want) => expect(itemLines(shop, text)).toEqual(want));
});

describe("a letter size with its count glued after it (session 17)", () => {
  const shop = rulesFromCatalog({
    brands: [{ id: "y", name: "野狼谷" }],
    products: [{ id: "tee", brandId: "y", name: "队服T恤", aliases: ["队服"], sizes: ["S", "M", "L", "XL"] }],
  });
  it("队服 M10件 L15件 XL5件", () => expect(itemLines(shop, "队服 M10件 L15件 XL5件")).toEqual(["tee×10/M", "tee×15/L", "tee×5/XL"]));
  const hardware = rulesFromCatalog({ brands: [{ id: "h", name: "邦固五金" }], products: [{ id: "bolt", brandId: "h", name: "M10膨胀螺丝", sizes: ["S", "M"] }] });
  it("M10膨胀螺丝两个", () => expect(itemLines(hardware, "M10膨胀螺丝两个")).toEqual(["bolt×2"]));
});

describe("a thickness in 厘 of what comes in mm; a diameter; a length's number alone (session 17)", () => {
  const shop = rulesFromCatalog({
    brands: [{ id: "t", name: "透亮玻璃" }],
    products: [
      { id: "temp", brandId: "t", name: "钢化白玻", aliases: ["钢化玻璃"], description: "按平方米计价", sizes: ["5mm", "8mm", "10mm"] },
      { id: "round", brandId: "t", name: "圆镜", aliases: ["round mirror"], sizes: ["Φ50cm", "Φ60cm", "Φ70cm"] },
    ],
  });
  it.each([
    ["8厘钢化玻璃要3个平方", ["temp×3/8mm"]],
    ["钢化玻璃 十厘 两平方", ["temp×2/10mm"]],
    ["圆镜直径60的 一个", ["round×1/Φ60cm"]],
    ["2 round mirrors, 50cm diameter", ["round×2/Φ50cm"]],
  ])("%s", (text, want) => expect(itemLines(shop, text)).toEqual(want));
});

describe("a coupon said as used beside what it buys is an order (session 17)", () => {
  const shop = rulesFromCatalog({
    brands: [{ id: "h", name: "恒时钟表" }],
    products: [{ id: "battery", brandId: "h", name: "换电池", aliases: ["电池", "battery replacement"] }],
    coupons: [{ code: "BATT10", brandId: "h", kind: "amount", value: 10, title: "换电池立减10元", validFrom: "2026-01-01T00:00:00+08:00", validTo: "2027-12-31T23:59:59+08:00" }],
  });
  const intentOf = (text: string) => shop.parseSync(text, ctx()).intent;
  it.each([
    ["换个电池 用BATT10", "order"],
    ["battery replacement please, code BATT10", "order"],
    // (asking for the coupon, or which to use, is still about the coupon)
    ["换电池的券领一张", "claim_coupon"],
    // (and the coupons one holds, asked after them, are listed)
    ["恒时的券我都有哪些", "list_coupons"],
    ["那边领的券过期没有，帮我查下", "list_coupons"],
  ])("%s", (text, want) => expect(intentOf(text)).toBe(want));
});

describe("where an order stands, asked in mixed words or by what is not done yet (session 17)", () => {
  const shop = rulesFromCatalog({ brands: [{ id: "z", name: "织梦窗帘" }], products: [{ id: "roman", brandId: "z", name: "罗马帘" }, { id: "gift", brandId: "z", name: "礼盒" }] });
  it.each(["罗马帘下单10天了还没装 怎么回事", "礼盒 shipped 了吗", "羊奶月卡那单 开始配送了吗", "签证办得怎么样了", "my tote bag shipment?"])("%s", (text) =>
    expect(shop.parseSync(text, ctx()).intent).toBe("order_status"));
});

describe("several question marks alone are puzzlement, a lone one asks for help (session 17)", () => {
  const shop = rulesFromCatalog({ brands: [{ id: "z", name: "织梦窗帘" }], products: [{ id: "roman", brandId: "z", name: "罗马帘" }] });
  it.each([["?", "help"], ["？", "help"], ["？？", "unknown"], ["???", "unknown"]])("%s", (text, want) => expect(shop.parseSync(text, ctx()).intent).toBe(want));
});

describe("what is named with a time at a store named is ordered there (session 17)", () => {
  const shop = rulesFromCatalog({
    brands: [{ id: "x", name: "小林灸" }],
    products: [{ id: "moxa", brandId: "x", name: "艾灸", aliases: ["moxa"], sizes: ["30分钟", "60分钟"] }],
    stores: [{ id: "x1", brandId: "x", name: "小林灸 八一店", lat: 30, lng: 114 }],
  });
  it("Moxa 30 min tomorrow 6pm, Bayi store", () => expect(shop.parseSync("Moxa 30 min tomorrow 6pm, Bayi store", ctx()).intent).toBe("order"));
  it("a store search near stays one", () => expect(shop.parseSync("附近3公里有艾灸的店吗", ctx()).intent).toBe("find_store"));
});
