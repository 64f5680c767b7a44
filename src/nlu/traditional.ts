// Traditional Chinese characters folded onto simplified ones, one character for one, so that a
// customer writing 我要兩杯大杯拿鐵 or 預約設計師 meets the same rules and catalog names. Only characters
// that matter in shop chat are listed (cue words, catalog names, numerals, time words); a full
// converter would be a dependency for little gain.
// (the last entries are common miswritten characters: 劵 for 券)
const TRADITIONAL = "兩鐵預約設師計嗎訂單優領關註銷刪資數據號碼買賣點個們門麼裡裏間時後週禮這區幫說歡薦評價務態發貨運動褲夾級實歐櫃紅餅廣遞郵閉讓問請謝還沒熱應該歲開營業離遠麵夠愛頭員會總選錢寫聽見現場雙條隻張給對網錄記戶帳賬體驗鐘裝櫥傢俱購車結帶來為與專東廳臥陽話電館處讀邊種樣經過氣陳劉達調換尋鄰範圍內鍾覺難遲壞滿頂萬億雜誌讚飲喫鮮層廠園圖書報紙雲風飛機寬長鬆緊紐釦襯連襪舊復絲絨傳訊擾煩閱棄錯誤測試輸辦團搶兌積騎顧諮詢訪墊燈廚衛飯湯凍劵";
const SIMPLIFIED = "两铁预约设师计吗订单优领关注销删资数据号码买卖点个们门么里里间时后周礼这区帮说欢荐评价务态发货运动裤夹级实欧柜红饼广递邮闭让问请谢还没热应该岁开营业离远面够爱头员会总选钱写听见现场双条只张给对网录记户账账体验钟装橱家具购车结带来为与专东厅卧阳话电馆处读边种样经过气陈刘达调换寻邻范围内钟觉难迟坏满顶万亿杂志赞饮吃鲜层厂园图书报纸云风飞机宽长松紧纽扣衬连袜旧复丝绒传讯扰烦阅弃错误测试输办团抢兑积骑顾咨询访垫灯厨卫饭汤冻券";

const MAP = new Map<string, string>();
for (let i = 0; i < TRADITIONAL.length; i++) MAP.set(TRADITIONAL[i], SIMPLIFIED[i]);
const ANY = new RegExp(`[${TRADITIONAL}]`);
const ALL = new RegExp(`[${TRADITIONAL}]`, "g");

/** Same length as the input: safe to apply before spans are computed. */
export function foldTraditional(s: string): string {
  return ANY.test(s) ? s.replace(ALL, (c) => MAP.get(c) ?? c) : s;
}
