// How the order reaches the customer. The earliest cue in the text wins.
import type { Fulfillment } from "./intent.ts";

const CUES: [RegExp, Fulfillment][] = [
  [/外送|外卖|送到|送.{0,10}到(?:家|公司|楼下|办公室|门口|府上)|送过来|送来|送上门|送货|配送|派送|送装|同城送|送车(?!到店)|送我(?!妈|爸|爷|奶|姥|外婆|外公|老[婆公妈爸]|[女男]朋友|朋友|同事|闺蜜|兄弟|姐|哥|弟|妹|儿子|女儿|孩子|家人|爱人|媳妇)|(?<!赠|买一)送(?:个|一个|一份|[一两三四五六七八九十\d]{1,3}[个份杯件台箱盒袋])[^，,。.!！?？]{0,12}?到(?!店|货|了|哪|没)|送一下|帮我送|送家里(?!人)|(?:尽快|快点|马上|赶紧|麻烦)送|送.{0,12}过来|送.{0,8}上门|能送(?![我你他她个点些给礼啥什])|送(?:去|往)(?!给)|送[:：]|(?:^|[\s，,])送[\u4e00-\u9fff]{1,6}(?:路|街|道|区|县|镇|村|小区|花园|大厦|广场|万达|公司|学校|大学|校区|酒店|宾馆)(?=$|[\s，,。!！?？])|送回(?:家|来|去)|(?<![a-z])(?:send|bring)\b.{0,40}\bto my (?:flat|place|home|house|apartment|office|door)|(?:今天|明天|后天|今晚|晚上|早上|上午|中午|下午|周[一二三四五六日天]|\d{1,2}\s*[号日])送(?!到店)|(?<![a-z])deli(?:v|ev|ver)[a-z]*(?![a-z])|(?<![a-z])(?:deliver(?:ed|y|ing|s)?|delivered)(?![a-z])/, "delivery"],
  [/自取|自提|自己(?:来|去|过来|过去)?(?:拿|取)|(?:去|到|来|在)[\u4e00-\u9fff]{1,8}(?<!年|医院)(?:拿|取)(?:货)?(?=$|[\s，,。!！?？])|(?<![a-z])to go(?:,?\s*(?:pls|please))?[.!]*$|到店取|门店取|店里取|到店拿|店里拿|来取|过来取|去取|去拿|过来拿|来拿|(?:去|到|来|(?<![\d一二两三四五六七八九十百千几])克).{0,10}店(?:里)?(?:拿|取|自提)|店取|取餐|取车|(?<=[\u4e00-\u9fff\d])取(?=$|[，,。!！?？\s])|打包带走|打包走|带走(?!了)|提车|提货|取货|拿货|(?<![a-z])(?:pick(?:ing)?\s?-?up|pick\s+(?:it|them)\s+up|collect(?:ion)?|take\s?-?away|takeout|in-store pickup)(?![a-z])/, "pickup"],
  [/快递|寄到|发货到|一起寄|寄(?=[\u4e00-\u9fff]{2,8}(?:市|省|区|县|镇)(?:$|[\s，,。!！?？]))|寄(?=[\u4e00-\u9fff]{2}(?:市|省)?(?:$|[，,。.!！\s]))|(?:^|[\s，,])寄(?:$|[，,。.!！\s])|寄给|寄回|邮寄|(?:帮我|给我|麻烦)寄|寄(?:[一两几]|\d{1,3})[个套件盒箱份台瓶袋包本]|寄.{0,6}(?:给|到)我|寄过去|寄回去|寄修|顺丰|寄过来|寄送|发快递|包邮|(?<![a-z])(?:ship(?:ped|ping)?|mail\s+(?:it|them)|post\s+(?:it|them)|courier)(?![a-z])/, "ship"],
];

export function parseFulfillment(lower: string): Fulfillment | null {
  let best: { at: number; f: Fulfillment } | null = null;
  for (const [re, f] of CUES) {
    const m = re.exec(lower);
    if (m && (!best || m.index < best.at)) best = { at: m.index, f };
  }
  return best?.f ?? null;
}
