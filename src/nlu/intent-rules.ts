// Intent cues (zh + en) and the decision between them.
//
// Several cues often fire in one message ("附近500米有尚品宅配吗？我想约设计师" has both a store search
// and a booking). The decision is an ordered list: the more specific or more consequential request
// wins (forgetting data beats everything; booking beats finding a store; a greeting only wins when
// nothing else is asked). Confidence falls when competing cues fire.
import type { Intent } from "./intent.ts";
import { ZH_NUM_RE } from "./numbers.ts";
import { ScriptSplitPattern } from "./script-split.ts";

/** asking how coupons are used */
const BEST_ASKED = /\bwhat(?:'?s| is) the best\b/;
/** how something goes: its steps, binding or activating, how to order or book it */
const HOW_IT_GOES = /(?:流程|步骤|规则|process)(?:是)?(?:怎样|怎么样|什么|咋样|怎么走|啥)|(?:什么|啥)流程|(?:怎么|如何|咋)(?:绑定|注册|开通|激活|操作|参加|充值|暂停|上传|申请|开票|开发票)|(?:发票|invoice)(?:在哪|怎么|能开|可以开|开不开)|(?:能|可以)开(?:发票|invoice)|(?:付款|支付)方式|走流程|(?:怎么|咋|如何)(?:在这里?|在这儿|在这上面?|在上面)(?:预约|下单|约|订|买|租|报名|付款)|(?:在这里?|在这儿|在这上面?|在上面)(?:怎么|咋|如何)(?:预约|下单|约|订|买|租|报名|付款)|(?:地址|手机号|电话|资料|信息)(?:怎么|咋|如何)(?:改|修改|换|更换)|在哪(?:里|儿)?填|(?:怎么|如何|咋)(?:收费|计费|算钱)(?:的)?[?？]*$|费(?:用)?(?:怎么|咋|如何)算|^(?:请问)?(?:怎么|如何|咋)(?:下单|预约)(?![了过])|(?:怎么|如何|咋)\s*(?:修改|更改|改|change)\s*(?:我的)?\s*(?:预约|订单)(?:时间)?|(?:预约|订单)(?:时间)?(?:怎么|如何|咋)(?:改|修改|更改)|(?:怎么|如何|咋)(?:预约|下单|约课|报名)(?:啊|呀|呢|吗)?[?？]*$|在哪(?:里|儿)?(?:操作|下载|输入)|(?:怎么|如何|咋)(?:在这里?|在这儿|在这上面?|在上面)\s*(?:点外卖|点餐|点单|报课|排课|pay|buy|付钱)|(?:你|机器人|这个|bot)?能帮我(?:做|干)(?:点)?(?:什么|啥|些什么)|押金(?:怎么|咋个?|如何)退|(?:怎么|如何|咋)\s*(?:改|修改|change)\s*(?:收货|送货|配送|外卖|delivery\s*)?地址|菜单在哪|^how (?:do|can) (?:i|we) (?:pay|return)\b|(?:怎么|咋)\s*pay|\bhow (?:do|can) (?:i|we) (?:schedule|reschedule|sign up|mail|change|use my)\b|^how to\b/;
/** where something is done, asked: "有没有修皮沙发的", "哪点有接睫毛的", "有没有拍婚纱照的影楼" */
const WHERE_DONE = /(?:有没有|有冇|哪里有|哪儿有|哪点有|哪有)(?![^，,。?？!！\s]{0,8}(?:折|减|惠|便宜|适合|推荐|好))[^，,。?？!！\s]{1,12}的(?:地方|店|工坊|工作室|公司|影楼|中心|馆|门店)?(?:吗|呢|啊|嘞|不|没)?[?？]*(?=$|[\s，,。!！])/;
/** the same with 有 alone, or a shop kind said: "滨湖有做盆底修复的地方吗", "杭州有没有化妆学校", "观音桥那边有整理公司吗" */
const WHERE_DONE_HAS = /有(?:做|修|卖|洗|教|学|办|配)[^，,。?？!！\s]{1,10}的(?:地方|店|工作室|公司|学校|机构)(?:吗|呢|没|不|么)?[?？]*(?=$|[\s，,。!！])|有(?!限)(?:没有?)?[\u4e00-\u9fff]{1,6}(?:学校|公司|机构)(?:吗|呢|没|不|么)?[?？]*$/;
/** one of it asked for at the end, as a coupon is: "给我来一张", "get一张" */
const ONE_OF_IT = /(?:给我)?(?:来|要|get)\s*(?:一|1)\s*张\s*[!！~。.]*$/;
/** a coupon said as used, by its code or its title: 用BATT10, 用那个满2000减300的券, "code BY88", "using HJ500" */
const COUPON_APPLIED = /(?:用|使用)(?!什么|啥|哪|不|得了)|(?<![a-z])(?:use|using|apply|code)(?![a-z])/;
// (or a bare title and 在吗, either way round: "在吗 师傅", "老师在吗", not a person's, "王老师在吗", which asks for them;
// an emoji after it, "老师好🙏")
const TITLE = "(?:老师|师傅|师父|医生|大夫|教练|老板|经理|顾问|美女|帅哥|小姐姐|小哥哥)";
const HELLO_END = "(?:[\\s啊呀哇!！~。?？]|\\p{Extended_Pictographic}|\\u200d|\\ufe0f)*$";
const TITLE_HELLO = new RegExp(`^[\\u4e00-\\u9fff]{0,2}${TITLE}(?:你|您)?好${HELLO_END}|^(?:在吗|在不在|在么)[\\s,，]*${TITLE}${HELLO_END}|^${TITLE}[\\s,，]*(?:在吗|在不在|在么|在不)${HELLO_END}`, "u");
const COUPON_HOW = /(?:券|coupons?|vouchers?).{0,8}(?:怎么|咋个?|如何|怎样|在哪(?:里|儿)?)(?:使用|用|抵扣|抵用|核销)|(?:怎么|咋|如何|点)\s*(?:use|apply|用)\s*(?:优惠券|优惠码|coupons?|vouchers?|券)|(?:优惠码|券码|兑换码|coupon code)\s*(?:在哪|在哪里|在哪儿|where)\s*(?:输入|填|用)?|\bhow (?:do (?:i|you)|to|can i) (?:use|apply|redeem) (?:a |the |my |this )?(?:coupons?|vouchers?)\b/;
// (a word glued to digits is a code, not the word: BOOK85 is no booking)
const en = (words: string) => new RegExp(`(?<![a-z'])(?:${words})(?![a-z\\d])`);
// One alternation per cue group (V8 scans one faster than several separate patterns), tested with only the
// alternatives the text's scripts can match (script-split.ts).
const any = (...res: RegExp[]) => new ScriptSplitPattern(res);

export const CUES = {
  injection: any(
    /ignore\s+(?:all\s+|any\s+|the\s+|your\s+)*(?:previous|prior|above|earlier|preceding|your)\s+(?:instructions?|prompts?|rules|messages)/,
    /disregard\s+(?:all\s+|the\s+|your\s+)*(?:previous|prior|above|instructions?|rules)/,
    en("system prompt|jailbreak|developer mode|you are now|act as an?|pretend (?:to be|you are)"),
    /忽略(?:之前|以上|上面|前面|所有|你的)+(?:的)?(?:所有)?(?:指令|指示|规则|提示|设定)|系统提示词|越狱|你现在是/,
  ),
  forget: any(
    /(?:删除|删掉|清除|清空|抹掉|销毁|移除|删光|delete|erase|remove).{0,14}(?:数据|资料|信息|记录|账号|账户|痕迹)/,
    /\b(?:wipe|delete|erase|remove|clear)\b.{0,30}\b(?:my|all)\b.{0,30}\b(?:data|details|info(?:rmation)?|number|history|records?|account|profile)\b/,
    /(?:数据|资料|信息|记录|账号|账户|手机号|电话号码?|地址|个人信息).{0,14}(?:删除|删掉|删了|清除|清空|清掉|抹掉|删光|都删|全删|别留|不要留|delete|erase|remove)/,
    /忘(?:记|掉|了)我|注销|被遗忘权/,
    /(?<!don't |do not |dont )\bforget\b.{0,40}\b(?:me|my)\b/,
    /\b(?:delete|erase|remove|wipe)\b.{0,30}\b(?:about me|everything (?:you|about))/,
    /\b(?:delete|erase|remove|wipe|purge|clear|destroy)\b.{0,25}\b(?:data|account|info|information|details|history|profile|records?|personal)\b/,
    en("gdpr|right to be forgotten|delete everything|close my account|deactivate my account"),
    // (said the other way round: "I want my account deleted permanently", "get my data erased")
    /\bmy (?:account|data|info(?:rmation)?|details|profile|records?|history)\b.{0,12}\b(?:deleted|erased|removed|wiped|purged)\b/,
  ),
  unsubscribe: any(
    /退订|取消订阅|免打扰|屏蔽|骚扰|别发了|不要发了|别再发|不要再发|别推了|别再推|别烦我?|不要烦我?/,
    /(?:不要|别|不用|莫|甭)(?:再)?(?:给我)?\s*(?:发|推|推送|打扰|通知|push|send)/,
    /(?:不想|不要|不再|拒绝)(?:再)?(?:收到|接收)|(?:关闭|停止)(?:消息|通知|推送|发送)|广告.{0,4}(?:别|不要)/,
    /^stop[.!\s]*$|^停[止]?[.!\s]*$|^(?:回复)?td[.!\s]*$/,
    /(?:营销|推送|广告|促销|活动)(?:的)?(?:消息|短信|通知|推送)?.{0,6}(?:关掉|关了|关闭|停掉|太多了?)|(?:消息|通知|推送)(?:能|可以)?关(?:掉|了|闭)|取消(?:短信|消息)?(?:推送|通知|提醒)|取消短信|(?:不想|不要|不再)(?:再)?收(?:到)?.{0,4}(?:消息|通知|推送|广告|短信)/,
    en("unsubscribe|opt[- ]?out|mute|leave me alone|spam(?:ming)?|cancel (?:my |the )?subscriptions?"),
    /\bstop (?:sending|messaging|texting|spamming|pushing|notifying|the (?:messages|notifications|promos?|ads|spam)|notifications|these|this)\b/,
    /\bno more (?:messages|notifications|promos?|promotions|ads|spam|texts|marketing)\b|\bdon'?t (?:send|message|text|spam|push) me\b|\bturn off (?:notifications|messages|push)/,
  ),
  unfollow: any(/取消关注|取关|取消对.{1,12}的?关注|从.{0,6}关注.{0,6}(?:移|删|去|拿)(?:掉|除|出|了)|(?:不想|不要|不再|不用|不必|别|不)(?:让我)?(?:再)?(?:关注|follow(?![a-z]))(?!也|就|的话)|关注.{0,4}取消/, en("unfollow|un-follow|stop following|don'?t (?:want to )?follow|no longer (?:want to )?follow"), /\bremove\b.{0,30}\bfrom my (?:follow|followed|following|brands)/),
  cancel: any(
    // (a registration or a sign-up withdrawn: "抽签登记帮我撤了")
    /(?:帮我|给我)撤(?:了|掉|销|回)|(?:登记|报名|预约)(?:帮我)?撤(?:了|掉|销|回)|把.{1,24}(?:撤销|撤回|作废)(?:掉|了)/,
    // (one of several called off, "材料包买重复了 取消一套", "汤圆买多了 退一盒"; "撤销一下", "把单撤了", "退票")
    /(?:取消|退)(?:[一1]|两)\s*[个份套件盒杯张瓶袋包]|撤销一下|把.{0,12}撤(?:了|掉)|退票/,
    // "双打赛不参加了 退报名费": a sign-up given up
    /不(?:参加|报名?|去)了[^，,。?？]{0,8}退|退(?:报名费|学费|费用)(?![^，,。]{0,4}(?:怎么|流程|规则|政策))/,
    /取消(?:刚才|刚刚|之前|上一|那)|把.{0,12}取消|(?:不想要|不要)(?:这|那)?(?:个|杯|份|件)?.{0,8}了(?=[,，.。!！\s]|$)|(?:能|可以)(?:不能)?取消(?:吗|么|不|嘛)|退了吧/,
    /取消(?:这个|这|那个|那|我的|刚才|刚刚|之前|上一个|上个)?的?(?:订单|单子|下单|这单|那单|订购|购买)/,
    /(?:订单|单子|这单|那单|下的单|单号)号?[\s:：#]*[a-z0-9_-]{0,24}.{0,6}(?:取消|不要了|撤销|撤回|作废)|(?:订|买|约)的.{1,10}取消(?:了吧|吧|掉|了)|退单|撤单|^取消(?!关注|订阅|推送|收藏|会员|通知|消息|短信)|(?<=[\u4e00-\u9fff])(?<!关注|订阅|推送|收藏|会员|通知|消息|短信)取消(?=[\s!！。，,]|$)|退一下|(?:想|要)退(?!货|出)|(?:^|\s)取消[!！。.吧]*$|(?:^|\s)取消\s+(?=订单|单号|order|#|\d|[a-z]{1,4}\d)|把.{0,16}退(?:了|掉)|帮我退(?:了|掉)?(?!货|款)|退掉|别送了|不用送了|(?:那|这)(?:个)?单.{0,6}撤(?:了|掉|回|销)?|(?:能|可以)退(?:吗|不|么|嘛)|撤销订单|订单.{0,4}撤(?:了|掉|回)|(?:帮我|给我|请|麻烦)取消(?!关注|订阅|推送)|(?:不想)?不要了|不想要了|退款|退钱|取消(?:吧|掉|一下)|^(?:请|帮我)?取消(?:了)?$/,
    en("cancel|cancle|cancell|refund|call off|changed my mind|don'?t want (?:it|this|that|the order) any ?more"),
  ),
  orderStatus: any(
    // (a result or a tracking number come out: "体检报告出来了吗", "快递单号有了吗", "tracking for order 60917")
    /(?:报告|结果|单号|物流(?:信息)?)(?:出来|有)了(?:吗|没|么)|\btracking (?:for|on|of|number|info)\b|查(?:一)?下?(?:我的)?(?:快递|物流)/,
    /(?:订|买|点|下单)的.{0,12}(?:什么时候|何时|多久|几时)(?:能|可以|才)?(?:到|送到|发货|寄到)/,
    /什么时候(?:能|才)?到(?:啊|呀|呢|吗|了)?(?=[，,。!！?？\s]|$)|[修洗做改配装](?:完|好)了(?:吗|没)|(?:开通|激活|生效)了(?:吗|没)|到哪一步|(?:好了没|好了吗|好没好|做好了(?:吗|没)|配好了(?:吗|没)|发货了(?:吗|没)|发出(?:了)?(?:吗|没)|送出(?:了)?(?:吗|没)|(?:送|发|寄)出来了(?:吗|没)|到(?:店|货)了(?:没|吗)|可以去(?:装|取|拿)了|ready\s*了(?:吗|没)|能到(?:不|吗|么)|送到了(?:吗|没)|寄出(?:了)?(?:吗|没)|(?:可以|能)(?:去)?(?:取|拿)了(?:吗|没)|还没(?:到|送到|送来|来|发货|收到|好|\s*ready)|确认了(?:吗|没))/,
    /\b(?:hasn'?t|has not|haven'?t|have not|still not|not yet|still hasn'?t|still hasnt|hasnt)\b.{0,12}\b(?:arrived?|come|shipped|been (?:sent|shipped|delivered)|delivered|ready)\b|\bis (?:my|the) .{0,30}\bready\b|\bhow long (?:until|till|before|for)\b.{0,30}\b(?:arrives?|come|comes|get here|ready|delivered)\b|\bready (?:for pick ?up|to collect)\b/,
    /(?:订单|单子|外卖|快递|包裹|货|东西|我的|下单|下的单|我?(?:订|买|点|下单)的)(?!.{0,10}(?:券|coupon|voucher)).{0,16}(?:到哪|到了没|到了吗|在哪|什么时候到|何时到|多久到|怎么还没|还没到|还没送|还没来|进度|状态|送到哪|发货了?[吗没]|发了[吗没]|几时到|到没到|(?:什么时候|啥时候|几时)(?:能|可以|才)?(?:来|发|到|送|装))/,
    /发货(?:了)?没(?:有)?|(?:什么时候|啥时候|几时)(?:能|可以|才)?(?:发(?:给)?我|出片)/,
    /(?:订|约|报|买|付款|支付|下单)(?:好|上|成功)了(?:没|吗|么)|\b(?:shipment|delivery|parcel|package) status\b|(?:送|发|寄)出来(?:了)?(?:吗|没)|出发了(?:没|吗|么)|查.{0,4}我的.{0,6}订单|\bdid my\b.{0,40}\bgo through\b|(?:什么时候|啥时候|几时)(?:能|可以|才)?来(?:装|送|修|取)|都等了?[\d一二两三四五六七八九十几]+(?:天|个小时|小时|周)了/,
    /订单(?:状态|进度|查询|详情|信息)|查(?:一下|下|询)?(?:我的)?订单|我的订单|物流|到哪了|怎么还没(?:到|来|送|上|好)|到家了(?:没|吗)|多久(?:能)?(?:到|送到)|还要多久|(?:什么时候|啥时候|几时|多久)(?:能|可以|才)?(?:到货|提车|送到|送来|发货|寄到|寄来)/,
    // "礼盒 shipped 了吗", "修复膏ship了没", "还没装", "开始配送了吗", "签证办得怎么样了", "my tote bag shipment?"
    /(?<![a-z])(?:ship(?:ped)?|sent|deliver(?:ed)?)\s*了?(?:吗|没|么)|还没(?:装|安装|上门|做好)|(?:开始)?(?:配送|送货)了(?:吗|没)|[办弄做]得怎么样了|进展(?:如何|怎么样)|\bshipment\s*\?*\s*$/,
    // "十份A餐 几点能送到 订单号…", "那单几号能寄出", "my delivery is late", "order 还没ship", "status pls"
    /(?:几点|几号|哪天|哪一天)(?:能|可以|才)?(?:送到|寄出|寄到|发出|到)(?!店)|\b(?:delivery|order|parcel|package) (?:is|was) (?:late|delayed)\b|\bstatus,? (?:pls|please|plz)\b|还没\s*(?:ship|寄出|发出)/,
    // "洗衣机清洗那单 师傅接单了没有啊", "我约的明早燃脂骑行成功了没", "怎么还没人来", "补绒那件寄回了吗", "我的票出了没",
    // "报名审核通过没有", "any shipping update?"
    /接单了?(?:没有?|吗)|(?:约|订|报|买)的.{0,16}(?:成功|好)了(?:没|吗|么)|还没(?:有)?人来|寄回(?:来)?了(?:吗|没)|(?:票|单)出了(?:没|吗)|审核(?:通过)?了?(?:没有?|吗)|\b(?:shipping|delivery|order) update\b/,
    // "肖像绣做了一个多月了 进度怎么样了", "喜字灯笼 still 没送到", "团餐明早能准时到吗"
    /进度(?:怎么样|如何|咋样)|(?<![a-z])still\s*没(?:送到|到|收到|发货)|准时(?:送到|送达|到)(?:吗|吧|不|么)/,
    // "包包护理做完没", "礼品卡买了怎么没收到", "年卡付了钱 app里怎么没生效"
    /[修洗做改配装弄](?:完|好)(?:了)?没(?:有)?(?=[\s,，。?？!！]|$)|(?:买|付|交|充)了(?:钱|款|费)?[^，,。?？]{0,12}?怎么(?:还)?没(?:收到|到|生效|到账|发货|显示)/,
    // ("my 智能锁 shipped yet?", "status of my hockey stick delivery?", "学历公证 status?", "is my table reservation confirmed?",
    // "串烧点了半小时了还没上", "刹车片到货没", "我订的场次 confirmed 了吗", "报名成功了没", "付了款怎么还没确认")
    /(?<![a-z])(?:shipped|dispatched|delivered|confirmed|processed|picked up|sent out) yet(?![a-z])|(?<![a-z])status of (?:my|the|repair|order)(?![a-z])|(?<![a-z])status\s*[?？]|(?<![a-z])(?:is|has|was) (?:my|it|the)(?![a-z]).{0,40}(?<![a-z])confirmed(?![a-z])|(?<![a-z])any (?:tracking|updates?) yet(?![a-z])|confirmed\s*了(?:吗|没)|(?:点|叫|下单|订)了(?:半|一|两|几|\d)+(?:个)?(?:多)?(?:小时|钟头|分钟|天)了?[^，,。]{0,3}还没(?:上|送过来|来|到)|还没送过来|到货(?:了)?(?:没有?|吗)|(?:报名|预约|下单|支付|付款)成功了?(?:没有?|吗|么)|还没(?:确认|处理|出票)|(?:处理|出票)了(?:吗|没)/,
    /\b(?:done|ready|finished) yet\b|(?:你们|店里)收到了(?:吗|没)|\bnever (?:came|arrived|showed up|got here)\b|回来(?:了)?(?:没有?|吗)/,
    // "什么时候好", "单号发我一下", "等半天了", "咋还没动静", "做好没"
    /(?:什么时候|啥时候|几时|多久)(?:能|可以|才)?(?:好|做好|弄好|出来)(?=[?？，,。!！\s吗啊呀呢]|$)|单号.{0,4}(?:发|给|告诉)(?:我|一下)|等(?:了)?(?:半天|好久|很久|老半天)|没(?:有)?(?:动静|反应)|(?:做|弄|印|洗|修|改|装|配|烤|剪|拍|冲)好(?:了)?没/,
    // (an order hurried, asked after by what was ordered, shown as delivered but not received: "帮我催一下", "催单", "我点的两杯奶茶呢",
    // "那单怎么样了", "送到哪里了", "怎么还不来", "单被接了吗", "显示已签收 但没收到", "刚下的单有人处理吗")
    /(?:帮我|给我|麻烦)?催(?:一下|下|一催|催)(?!乳)|催(?:单|我的单)|帮我催|(?:订|买|点|下单)的[^，,。?？!！]{0,12}呢[?？!！~。]*$|单(?:子)?(?:现在)?(?:怎么样|咋样)了|送到哪(?:里|儿)了?|到哪(?:里|儿)了|怎么还不(?:来|到|送|发货|发)|(?:单|订单)(?:被)?接了(?:吗|没)|显示(?:已经?)?(?:签收|送达|派送|配送中|发货|出库)|(?:签收|送达)了?[^，,。]{0,6}(?:但|可是|却)[^，,。]{0,4}没(?:有)?收到|(?:下的|订的|刚下的)单[^，,。]{0,6}(?:处理|安排)(?:了)?(?:吗|没)|还要等多久|(?:我|昨天|前天|之前|刚才|刚刚|上周|早上|前几天)(?:订|买|点|下单)的[^，,。]{0,16}(?:能|可以)(?:送到|寄到|到|取|拿)(?:吗|不|么|没)|(?:昨天|前天|之前|刚才|刚刚|上周|前几天)(?:订|买|点|下单)的[?？!！~。]*$|我的(?![^，,。\s]{0,10}(?:券|coupon|voucher|红包|积分|优惠|会员|卡))[^，,。\s]{1,10}呢[?？!！~。]*$|等了(?:一|两|半|几|\d)+(?:个)?(?:多)?(?:小时|钟头|天|周|分钟)了/,
    /\bwhere(?:'?s| is| are)? my\b(?!.{0,12}\b(?:coupons?|vouchers?|data|account)\b)/,
    en("order status|track(?:ing)? (?:my )?(?:order|package|parcel|delivery)|status of (?:my )?(?:order|delivery|package)|still (?:says|shows|showing|stuck (?:at|on|in)) (?:processing|pending|preparing|unshipped)"),
    /\b(?:has|have|did|is) my .{0,25}\b(?:ship|shipped|arrive|arrived|come|left|been sent|on (?:its|the) way|ready)\b/,
    /\bwhen (?:will|does|do|is|can) (?:my|it|the order|the package|the delivery)\b.{0,25}\b(?:arrive|come|get here|be here|be delivered|ship|be ready)\b/,
    /(?<!\b(?:to|into|in) )\bmy orders?\b(?! (?:a|an|some|two|three|\d))|\border\b.{0,25}\bstatus\b|\b(?:check|see|show)(?: me)? (?:on )?my orders?\b|\bany updates? on\b.{0,20}\border\b/,
  ),
  listCoupons: any(
    /我(?:在.{1,8}?)?(?:之前|刚才|已经|以前|上次)?(?:领|拿|抢|存)(?:的|过的|了的|到的)|我的\s*(?:coupons?|vouchers?)|我(?:在.{1,8}?)?(?:还)?有.{0,8}(?:券|coupons?|vouchers?)(?:没用|没有用|未用|吗|没)|没用(?:完)?的(?:优惠)?券|(?:账户|账号|卡包|券包|钱包)(?:里|中)?(?:的)?.{0,10}(?:券|卡券|coupons?|vouchers?)|券(?:都)?在哪(?!领|拿|抢|里领|(?:里|儿)?(?:使)?用)(?:看|查)?|(?:券|coupons?).{0,6}(?:我)?领过(?:没|吗|了吗|没有)/,
    /\bdo i (?:still )?have (?:any )?.{0,20}\b(?:coupons?|vouchers?)\b|\b(?:coupons?|vouchers?) left\b|\b(?:show|see|check|view|list)\b.{0,8}\bmy\b\s*(?:[a-z]+\s+)?(?:优惠)?(?:券|coupons?|vouchers?)/,
    // "我现在手上有几张券", "券我领了几张", "那张我领了没", "coupon列一下", "我有啥券 list 一下"
    /我(?:现在|目前)?(?:手上|手里|账户里|这里)?都?(?:有|还有)(?:哪些|什么|啥|几张|多少)(?:张)?(?:优惠)?券|我在[^，,。\s]{1,12}的\s*(?:优惠)?(?:券|coupons?|vouchers?)|(?:券|coupons?|vouchers?).{0,4}还(?:有效|能用|可以用)|券.{0,3}我?(?:领了|领过|有)(?:几|多少)张|我(?:领|拿)(?:了|过)(?:没|吗|么)|(?:券|coupons?|vouchers?).{0,6}(?:列|list)|(?<![a-z])list.{0,4}(?:券|coupons?)|wallet里/,
    /\b(?:show|see|check|view) (?:me )?my\b.{0,20}\b(?:coupons?|vouchers?)\b|\bmy\s+(?:\S{1,15}\s*){1,2}(?:coupons?|vouchers?)\b|我(?:那|这)张.{0,12}(?:还在|还能用|还有效)/,
    en("coupon wallet|my wallet|in my wallet|(?:coupons?|vouchers?) in my (?:account|wallet)|vouchers? i'?ve (?:claimed|got)|coupons? i'?ve (?:claimed|got)|(?:coupons?|vouchers?) i (?:have|own|saved)|saved (?:coupons?|vouchers?)"),
    // "查下我有没有通宵9折那张", "which Haichao coupons do I still have?", "查一下我account里的coupon", "我领咗啲咩券"
    /查(?:一)?下?我有没有|(?<![a-z])(?:coupons?|vouchers?) do i (?:still )?have(?![a-z])|(?<![a-z])account\s*里|我(?:领|拿)(?:了|过)(?:些|啲)?(?:什么|啥|哪些)(?:优惠)?券/,
    /我的(?:优惠)?(?:券|卡券|优惠)|我的[^，,。\s]{1,8}券(?!码)|(?:手上|手里|手头)(?:的|有的)(?:优惠)?(?:券|卡券|coupons?|vouchers?)|券包|卡包|(?:我|我已经)(?:有|领了|领过|领的|还有|拥有)(?:哪些|什么|几张|多少)?(?:张)?(?:优惠)?(?:券|卡券|coupons?|vouchers?)/,
    // "我还有什么 coupon 没用", "柚见的券我还有没有", "我能用的券都有哪些", "我的YJ305啥时候过期", "我那张磨刀7折用了没"
    /我(?:在.{1,12}?)?(?:还)?有(?:什么|啥|几张|多少|哪些)\s*(?:优惠)?(?:券|coupons?|vouchers?)|(?:券|coupons?)我还有(?:没有|没|吗)|我(?:能|可以)用的(?:优惠)?(?:券|coupons?)|(?:我的|我那张)[^，,。\s]{1,12}(?:过期|用了没|用过没|还能用)/,
    /还剩(?:几|多少)张|券.{0,4}还剩|券.{0,3}我?(?:还)?有(?:几|多少)张|我还有(?:几|多少)张|券.{0,8}(?:啥时候|什么时候|几号|哪天|多久)(?:到期|过期)|(?:之前|刚才|已经|以前|上次)(?:领|拿|抢|存)(?:的|过的|了的|到的)|还在我?的?(?:账户|账号|卡包|券包|钱包)|(?:已|领过|领了|领取过|已领取?)的(?:优惠)?券|(?:查看|看看|看下|看一下|查一下|查询)(?:我的)?(?:优惠)?(?:券|卡券)|我(?:还)?有(?:优惠)?券吗/,
    // "快修侠的券我都有哪些", "轻舟的券我都领了哪些", "那边领的券过期没有"
    /(?:券|coupons?).{0,4}我都?(?:有|还有|领了|领过|拿了)(?:哪些|什么|啥|几张|多少)|领的(?:优惠)?券.{0,6}(?:过期|到期)(?:了)?(?:没有?|吗|么)/,
    // "我领过快鞋匠的券吗": whether a coupon was taken
    /我(?:之前|以前)?领过[^，,。?？]{0,10}券(?:吗|没|么|没有)/,
    /\bmy (?:coupons?|vouchers?|wallet|discounts?|codes?)\b|\b(?:coupons?|vouchers?) (?:i have|i've got|i got|i claimed|in my wallet)\b/,
    // (which coupons can be used, asked: "现在能用的券有哪些", "我能用什么券", "有什么coupon可以用"; which ones are
    // still mine: "我还剩什么券", "我手里有券吗", "我收藏的券", "我都领了什么券", "有没有快过期的券")
    /(?:什么|啥|哪些|哪张|哪几张|几张)\s*(?:优惠)?(?:券|红包|coupons?|vouchers?)\s*(?:我)?(?:能|可以)用|(?:能|可以)用(?:什么|啥|哪些|哪张|哪几张)(?:优惠)?(?:券|红包)|(?:能|可以|可)用的(?:优惠)?(?:券|红包|coupons?|vouchers?)(?:有|都有|是)|我(?:手里|手上|手头|这里|这儿|这|名下)(?:还)?有(?:优惠)?(?:券|红包)|我名下的?(?:优惠)?(?:券|红包)|我的折扣|我都(?:领|拿)(?:了|过)(?:些)?(?:什么|啥|哪些)|领的(?:优惠)?券(?:去)?(?:哪|在哪)|券领了[^，,。]{0,6}(?:找不到|没看到|看不到|在哪(?!(?:里|儿)?(?:使)?用))|快(?:要)?(?:过期|到期)的(?:优惠)?券|券[^，,。]{0,4}快(?:要)?(?:过期|到期)|(?:那张|这张)[^，,。]{0,6}我(?:还)?有(?:没有?|吗)|券我?(?:用|领)(?:了|过)(?:没|吗|么)|我?是不是(?:已经)?领(?:过|了)|我(?:手里|手上|手头)(?:的|那|那几张|这几张)|我还?剩(?:下)?(?:什么|啥|哪些|几张|多少)|我(?:收藏|保存)(?:的|了的|过的)(?:优惠)?券|我(?:的|账户里的|账号里的)红包|我(?:还)?有(?:什么|啥|哪些)?(?:优惠|折扣|红包)(?![^，,。]{0,4}(?:可以|能)?领)(?:吗|没|么|[?？]|$)/,
    // (whether one holds any, which of one's own can be used: "看看我还有没有优惠券", "我这边有哪些优惠", "哪些优惠我能用",
    // "which discounts can I use", "do I have any discounts", "what vouchers are in my account", "which coupons are still valid")
    /我(?:现在|目前|这边|这里|手上|手里)?(?:还)?有没有(?![^，,。]{0,8}(?:领|抢))[^，,。?？]{0,10}(?:券|coupons?|vouchers?)|我(?:这边|这里|这儿)(?:还)?有(?:哪些|什么|啥)(?:优惠|折扣)|(?:哪些|什么|啥)(?:优惠|折扣)我(?:能|可以)用/,
    /\b(?:which|what) (?:coupons?|vouchers?|discounts?|promos?|promo codes?|deals?|offers?) (?:can|could) (?:i|we) (?:use|apply|redeem)\b|\bdo i have (?:any )?(?:discounts?|deals?|promos?|offers?|codes?)\b|\b(?:coupons?|vouchers?|discounts?) (?:are |is )?(?:in|on) my (?:account|profile)\b|\b(?:which|what) (?:coupons?|vouchers?) (?:are|is) still (?:valid|good|usable)\b|\b(?:coupons?|vouchers?) (?:available|usable) (?:to|for) me\b|\b(?:which|what) (?:coupons?|vouchers?) (?:are|is) available to me\b/,
    /\b(?:which|what|how many) (?:coupons?|vouchers?) (?:do|did|have) i\b|\b(?:coupons?|vouchers?) i (?:already )?(?:claimed|have|got|saved)\b|\bdo i have (?:any )?(?:coupons?|vouchers?)\b|\blist (?:my |all |the )?(?:coupons|vouchers)\b/,
  ),
  helpStrong: any(/怎么用|怎么使用|如何使用|使用说明|使用帮助|使用指南|不会用|不会弄|不会操作|^帮助$|教程|怎么(?:在这里?|在这儿|在这上面?|通过.{0,10})(?:预约|下单|约|订)|^(?:请问)?(?:怎么|如何)(?:预约|下单|约|订|买|领券|付款|支付)(?:啊|呀|呢|吗|呐)?[?？]*$/, /^\/help\b|\bhow (?:do|can) (?:i|we) (?:book|order|claim|pay|use)\b.{0,40}\b(?:this bot|this app|here|through|via|on this)\b|^how (?:do|can) (?:i|we) (?:book|order|claim|pay)\b[^,.]{0,30}\?\s*$|^help[.!?\s]*$|\bhow (?:do i|does this|does it|to|can i) (?:use|work)\b|\bhow (?:does|do) (?:the |your )?(?:\w+ ){0,2}\w+ work\b|\bwhat can (?:you|u|this bot|this|it|the bot) do\b/),
  // Booking in generic words only; who or what is booked (a role's title, a service) comes from the catalog lexicon.
  bookStrong: any(
    /预约|挂号|(?:排|取)(?:个|一个)?号|(?:约|订|定|排)(?:个|一个|一下)?(?:时间|档期)|面谈|上门服务|到店(?:体验|咨询)|(?:有|还有)(?:没有)?(?:空(?![调气间腹])|空档|档期|位置)(?:吗|没)?/,
    en("appointments?|appt|consultations?|booking for|book me in|book in"),
    /\b(?:book|schedule|reserve|arrange|set up|make)\b.{0,30}\b(?:slot|session|visit|meeting|time|appointment|consultation|class|lesson)\b/,
  ),
  /** a party of people: "8个人", "两位", "a table for 4" */
  party: any(new RegExp(`(?<![\\d.])(?:\\d{1,2}|${ZH_NUM_RE})\\s*(?:个人|位(?![置子])|人(?![份民气]))`), /\b(?:table|party|group) (?:of|for) (?:\d{1,2}|two|three|four|five|six|seven|eight|nine|ten)\b/),
  /** a verb of booking that needs a role, a service or a time to mean a booking ("约周敏下周三10点", "book Tony for 3pm") */
  bookVerb: any(/(?<![大预])约|安排|找(?:个)?人(?:帮|来)/, en("book(?:ing)?|reserve|schedule"), /\b(?:need|want) someone to\b/),
  bookWeak: any(/预订|预定|约一下/, en("book(?:ing)?|reserve|reservation|schedule")),
  /** asking to be given a coupon outright ("想领一张"): a claim even beside a product name */
  claimStrong: any(
    // (or whether there is one, whatever is bought with it: "疾风有没有券 想买件夹克", "五黑包间有券没", "关中红有啥优惠 想买点辣子")
    /有没有?\s*(?:优惠)?(?:券|coupons?|vouchers?)|有(?:优惠)?券(?:吗|没|么)|有(?:什么|啥)(?:优惠|折扣)(?!券?可以用)/,
    /(?:想|要|帮我|给我)?领(?:一张|张|取|个|一个|一下)(?!.{0,3}(?:货|件|快递|包裹))|券还有(?:吗|没|么)|有(?:没有?)?(?:立减|满减|折扣|优惠)(?:的|券|活动)?(?:吗|没|么)?(?=[?？\s]|$)|(?:想|要|帮我|给我)领[^，,。.]{0,10}?券|给我(?:来)?(?:一|个|张|一张).{0,8}(?:优惠)?券|券给我(?:来)?(?:一|两|个|张|一张)|(?:有|有没有?)(?:优惠)?券(?:吗|没|不).{0,4}给我|发(?:一|个|张|一张|几张)(?:优惠)?券/,
    en("claim|redeem"),
    /\b(?:get|give me|send me|want|get me) (?:a|an|the|me a|some)\b.{0,25}\b(?:coupons?|vouchers?)\b(?! (?:i|in my))/,
    /\bany (?:discounts?|deals?|coupons?|vouchers?|offers?|promos?|promotions?)\b/,
  ),
  claim: any(
    /领(?:取|个|张|一张|一个|点|些)?(?:优惠)?券|抢(?:优惠)?券|满\d+减\d+|(?:优惠|折扣|代金|满减|现金)券|优惠码|兑换码|券码|领取|打折|折扣|优惠|券|红包|满减|立减/,
    en("coupons?|vouchers?|promo(?: codes?)?|discounts?|deals?|offers?|claim|redeem|promotions?"),
  ),
  follow: any(/关注|订阅|收藏(?:这个|这家)?(?:店|品牌)|粉一下|(?:成为|加入|注册).{0,10}(?:会员|粉丝)|入会|上新(?:通知|提醒)/, en("follow|subscribe|become a (?:member|fan)|sign me up|keep me (?:posted|updated)|notify me"), /\bjoin\b.{0,15}\b(?:club|membership|members?|list)\b/),
  find: any(
    // (not "在新华街附近": where the customer is)
    /(?<!在[^，,。\s]{1,8})附近|有没有?(?:能|可以)[\u4e00-\u9fff]{1,12}的(?=[?？吗呀啊\s]|$)|最近的|离我(?:最)?近|哪里有|哪儿有|哪有|哪点(?:能|可以)?(?:买|有)|(?:哪|哪里|哪儿|哪点)买得到|(?:几|多少)家(?:门)?店|哪(?:个|一个|家|间)(?:门)?店|开着的.{0,4}店|网店|网上商城|哪(?:里|儿)(?:能|可以)?(?:买|喝|找|自取|取|拿|配|修|洗|做|玩|吃|学|打|看|pick\s?up)|有(?:没有?)?卖[^，,。?？\s]{1,12}的(?:吗|没|不|么)|有(?:你们|您们)?的?(?:门)?店(?:吗|没|不|么)|(?<!差|区别|差别)在哪|哪家|门店|店铺|分店|实体店|店还在(?:吗|不|么)|(?:几|多少)(?:个|家)(?:校区|网点|营业厅|场馆)|(?<![寄送](?:到|给|去)[^，,。]{0,8})地址|怎么走|怎么去|咋(?:个)?(?:走|去)|(?:好|能|可以|方便)停车|停车(?:方便|位|场)|营业时间|几点\s*(?:开门|关门|营业|close|open)|开门|关门|还开着|营业吗|周边|方圆|有没有?.{0,10}店|店(?:在)?哪|(?:米|公里|千米|km)(?:以内|之内|内|范围)|有.{1,8}的(?:门)?店(?:吗|没|不)|开到几点|营业到几点|几点(?:关|打烊)|开到(?:晚上|夜里)?[\d一二三四五六七八九十两]{1,3}点|有没有?.{1,20}的地方/,
    en("still open|online (?:store|shop)|nearest|nearby|near|closest|close to (?:me|here)|around (?:me|here)|where(?:'?s| is| are| can i)|stores?|shops?|outlets?|branch(?:es)?|locations?|address|opening hours|open (?:now|today|late|until)|directions?"),
    /\bhow many (?:stores|shops|branches|outlets)\b|\bwithin \d|\bwhen (?:do|does) .{0,20} (?:open|close)\b|\bis there an? .{0,30}\b(?:near|around|within|here)\b|\bhow (?:do i|to) get to\b/,
  ),
  /** a find cue that asks a question (where / is there), as opposed to "from the store near me" */
  findQuestion: any(/哪|附近有|有没有?|吗|最近的|(?:店|stores?|shops?|branch(?:es)?|km|公里|米)[^?？]{0,12}[?？]/, en("where|which|nearest|closest|is there|any")),
  // (a shop said as a stall or a hall, 修鞋铺 or 室内馆, or as one that does it: "附近有修鞋配钥匙的吗", "有开门的吗")
  storeNoun: any(/店|哪里|哪儿|在哪|哪家|地方|校区|网点|营业厅|影楼|机构|工作室|(?<!快递|物流|搬家|保险)公司(?!团建|年会|聚餐|注册|地址)|学校|中心|铺(?![子盖设路])|附近有[\u4e00-\u9fff]{1,10}的(?:吗|么|没)|有开(?:门|着)的(?:吗|么|没)/, en("stores?|shops?|where|nearest|closest|outlets?|branch(?:es)?|kiosks?|studios?|cent(?:er|re)s?|clinics?|schools?|agenc(?:y|ies)|salons?")),
  recommend: any(
    // (how to choose between two, whether it is worth the risk or needed, what suits: "年卡跟次卡怎么选", "有必要洗吗")
    /(?:跟|和|还是|与).{1,10}(?:怎么|如何|咋)选|(?:送|吃|喝|养|种)[^，,。?？\s]{1,8}还是(?![没不要想在])[^，,。]{1,8}[?？]*$|值得(?:吗|么|买吗|做吗)|需要(?!预约|排队|提前|带|付|交)[\u4e00-\u9fff]{1,4}(?:吗|么)[?？]*$|先(?:报|买|学|选|上)哪(?:个|种|款|一个)|(?:和|跟|与).{1,10}哪(?:个|种|款)[\u4e00-\u9fff]{1,3}(?:快|好|强|高|低|便宜|划算|省|耐用)|要不要(?:配|搭配|一起)|怎么买(?:划算|便宜|最省|最划算)|(?:怎么|如何|咋)选(?:择)?(?:好|呢|啊|呀)?[?？]*$|有必要.{0,8}(?:吗|不|么)|风险大(?:吗|不|么)|适合.{0,6}(?:什么|啥)(?:样|造型|款|颜色|风格)/,
    /\bwhich one (?:for|to get|to buy|is better)\b|\bwhich one\s*\?|\bwhich\b.{0,30}\b(?:least|most)\b|\bwhat'?s (?:fresh|in season|good today)\b/,
    /配.{1,8}(?:喝|吃|用|穿|搭)(?:什么|啥)|(?:用|打|喷|施|追|抹|擦|涂)(?:点)?(?:什么|啥)(?!快递|方式|支付|付款|车)[\u4e00-\u9fff]{0,4}[?？]*$|(?:喝|吃|买|穿|选|送|用|戴|养|配|染|剪|烫|挑|做|学|点|订|租|带|报|上|追|施|打|喷|抹|擦|涂)[\u4e00-\u9fff]{0,4}?(?:什么|啥子?|哪(?:个|种|款|一款))[\u4e00-\u9fffa-z ]{0,12}?(?:好|比较好|合适|适合|不错)|哪(?:个|款|种|一款|一种|本|套|件|双|把)(?:更|比较|最)?(?:好|适合|合适|划算|值得|自然|舒服|实用|安全|耐用|实惠|省电)|哪(?:个|款|种|本|套)[\u4e00-\u9fff]{1,4}(?:适合|合适|好)|(?:学|选|买|报|上|用|穿|订|租|要)[^，,。?？\s]{1,10}还是(?![没不要想在])[^，,。]{1,12}|(?:什么|啥)(?:最|比较)?划算|买(?:啥|什么)[\u4e00-\u9fff]{0,3}(?:划算|实惠|值)|值得[加买做换选装配上][\u4e00-\u9fff]?(?:吗|么|不)[?？]*$|必点|好(?:吃|喝|用)(?:吗|不)|选哪(?:个|款|种)|(?:该|应该)(?:先)?(?:买|装|选|用|办)?哪(?:个|款|种)|(?:该|应该)(?:先)?(?:买|选|用|配)(?:几|多大|多长|多少)|哪(?:个|款|种)更[\u4e00-\u9fff]{1,3}|还是.{1,12}(?:划算|好|合适)?[？?]$|[用买选做学上穿订租带点报要].{1,10}还是.{1,12}(?:好|划算|合适)|(?:要|该|需要|得)(?:带|准备|备|买)(?:什么|啥|哪些)|(?:差别|区别)(?:大|在哪|是什么|是啥)|差(?:在哪|别在)|差多少钱?|有(?:什么|啥)(?:区别|不同)|好还是.{1,10}好|(?:哪个|哪款|which).{0,20}(?:比较好|更好|好用)|(?:什么|啥)(?:颜色|款式|风格|样式|发型|类型|牌子)(?:好|适合|合适|显)/,
    /\bany good\b|\bwhat\b.{0,20}\bgoes? (?:well )?with\b|\bpair(?:s|ing)? (?:well )?with\b|\b(?:which|what)\b.{0,25}\bshould (?:i|we|a|an|my)\b|\bwhich (?:one )?(?:is |are )?(?:better|best)\b|\bwhich (?:[a-z]+ ){1,3}(?:is|are|looks?|fits?|suits?|works?|sounds?) (?:good|best|better|right|nicer)\b|\bwhich (?:[a-z]+ )?(?:size|model|one)\b.{0,40}\bor\b|\bwhat(?:'?s| is) (?:a )?good (?!morning|evening|afternoon)\w+ for\b|\bwhat\b.{0,25}\b(?:is|are) (?:easy|good|best|better|suitable)\b|\b(?:is|are) .{0,20}\b(?:better|best) for\b/,
    /推荐|有(?:什么|啥|哪些)(?:好|值得)(?:喝|吃|穿|买|用|看)|(?:喝|吃|买|穿|选|送)(?:什么|啥)(?:好|比较好)|什么(?:好喝|好吃|好看|值得)|适合(?:我|男|女|送|上班|夏天|冬天|办公|小户型|年轻|老人|孩子|约会|商务)|建议|招牌|人气|热销|爆款|畅销|新品|新款|最受欢迎|帮我(?:选|挑|搭配)|不知道(?:喝|吃|买|选|穿)(?:什么|啥|哪)|给点意见|(?:吃|喝|用|买|穿)(?:点|些)(?:什么|啥)|有没有?(?:好|适合)[\u4e00-\u9fff]{1,3}的|(?:什么|啥|多大)(?:尺寸|尺码|码|型号|规格)|值不值得|值得(?:买|入手?)(?:吗|不|么)|(?:多少|多大|什么)[\u4e00-\u9fff]{0,3}?的?(?:合适|比较合适|最合适)|难(?:吗|不难)|能(?:玩|用|吃|喝|穿|学|做)哪(?:个|种|款|些)|还是.{1,12}(?:比较|更)[\u4e00-\u9fff]{1,3}/,
    en("recommend(?:ation)?s?|recs?|recos?|suggest(?:ion)?s?|what(?:'?s| is) good|best ?sellers?|popular|signature|surprise me|gift ideas?|what(?:'?s| is) new"),
    // (which one is the most or the more something, which one is worth it or quieter, which kind suits: 哪款车续航最长, 哪个值,
    // 适合上哪种)
    /哪(?:个|款|种|一款|一种)(?![店门家])[\u4e00-\u9fffa-z0-9 ]{0,10}?(?:最|更|比较)(?!近|快送)[\u4e00-\u9fff]{1,3}|哪(?:个|款|种|一款|一种)[\u4e00-\u9fff]{0,3}?(?:值|静音|耐用|便宜|实惠|舒服|好看|好用|合适)(?:点|些|一点)?(?:[?？呢啊呀吗]|\s*$)|适合(?:上|买|用|学|穿|报|选|玩)?哪(?:个|种|款|些|一种|一款)|哪(?:个|款|种|一款|一种)(?![店门家])[\u4e00-\u9fff]{1,5}(?:一点|一些)(?:[?？呢啊呀吗]|\s*$)/,
    // (how many or how big suits: "婚礼蛋糕几层合适", "配几头的吊灯合适", "轮椅选多宽的"; how to choose: "粗细咋选 二细还是三细")
    // (what size to wear, how to cook it, which make is good: "儿童羽绒服穿多大的", "虾虎怎么做好吃", "换哪个牌子的玻璃好", "which frame
    // would suit a 6 inch photo")
    /穿(?:多大|几码|几号)|(?:怎么|怎样|如何|点样)(?:做|整|煮|烧)(?:才)?(?:好吃|好食|好喝)|哪个牌子.{0,6}好|\bwhich\b.{0,30}\b(?:would|will|should|does|do) (?:suit|fit|work|go)\b/,
    /(?:几|多宽|多长|多高|多厚)[\u4e00-\u9fff]{0,4}?的?(?:合适|比较合适|最合适)|选(?:多宽|多长|多大|多高|多厚|几)[\u4e00-\u9fff]{0,3}的|(?:咋|怎么|如何)选(?=[\s,，])/,
    // (one or the other, and which is good, tastes or sounds better, is enough: "13寸还是14寸好", "豆沙的好吃还是酸奶的好吃",
    // "medium 还是 large 够喝", "零下5度穿哪个"; "silk vs wool, which lasts longer?", "is the mocha better than…")
    /还是\s?[^，,。？?!！\s]{1,12}?\s?(?:好(?:吃|喝|听|看|用)?|合适|划算|实用|耐用|够(?:吃|喝|用)?)(?![了的])|(?:好吃|好喝|好听|好看|好用)还是|(?:穿|用|买|选|配|装)哪(?:个|种|款)[?？呢啊]*\s*$|\bvs\.?\s.{0,40}\?|\bbetter than\b|\bbest [a-z]+(?: [a-z]+)? for\b|\bwhat (?:size|kind|type)\b.{0,30}\b(?:do|should) (?:i|we)\b|\bwhich\b.{0,30}\b(?:longer|cheaper|warmer|better)\b|\bwhich\b.{0,40}\bdo (?:i|we) need\b|\bis it better\b|\bbetter or\b/,
    // (a choice between two sizes or two things asked, which one holds, fits or works, how many are enough, what is better,
    // who does it best: "28mm还是32mm", "40cm or 50cm?", "which jeans fit a 175cm guy", "买哪个 纠结", "哪个压得住i7",
    // "配几T硬盘够存30天", "多久洗一次比较好", "what's best for…", "找谁写比较靠谱")
    /(?:\d\s*[a-z\u4e00-\u9fff]{0,3}|[小中大][\u4e00-\u9fff])还是\s*(?:\d|[小中大])|(?<![a-z])or(?![a-z])[^?.!]{0,40}\?|(?<![a-z])which(?![a-z])[^?.!,]{0,30}(?<![a-z])(?:fits?|works?|suits?)(?![a-z])|(?<![a-z])what'?s best(?![a-z])|(?:买|选|用)哪(?:个|种|款|一个|一款)(?![店门家])|哪(?:个|款|种)[^，,。?？\s]{0,4}得(?:住|下)|(?:几|多少)[^，,。?？\s]{1,8}够|(?:比较|更)(?:好|靠谱|合适|划算|值)[?？吗呢啊呀]*$/,
    // (which pair or piece to wear, give or fit, how to pick, how often to change: "穿哪双跑鞋", "送哪款", "跑鞋怎么挑", "多久换一次",
    // "哪种防滑")
    /(?:穿|送|配|装|挑|戴)哪(?:个|种|款|双|件|条|只|台|把|套|本|瓶|盒|支)|(?:买|选|用)哪(?:双|件|条|只|台|把|套|本|瓶|盒|支)|(?:怎么|咋|如何)挑|多久(?:换|洗|保养|修剪|更换|清洗)一次|哪(?:个|种|款|双|件|条)(?:更|比较|最)?(?:防滑|透气|保暖|耐磨|防水|结实)/,
    /(?:要|该|应该|得)买(?:啥|什么)|要(?:多少|多大|几)(?![钱块元])[a-z\u4e00-\u9fff]{0,3}的|\bwhat should i (?:get|order|buy|drink|try|wear|have)\b|\bwhat'?s a good \w+\b|\bworth (?:buying|getting|it)\b|\bshould (?:i|we) (?:get|buy|choose|pick|go with)\b|怎么搭配|如何搭配|\bany (?:ideas|tips|picks)\b|\bwhat do you (?:have|suggest|recommend)\b|\bhelp me (?:choose|pick|decide|find something)\b|\bsomething (?:for|good|nice|new)\b/,
  ),
  feedbackStrong: any(
    /评价|好评|差评|中评|打分|评分|投诉|吐槽|反馈|满分|(?<![\d.点:])(?:[1-5]|[一二两三四五])\s*(?:颗)?星(?![巴冰期级座])|给(?:你们|你|他们)?(?:打)?[1-5一二三四五]分/,
    // (not a rate of something else: "the exchange rate today", "VAT rate")
    en("feedback|reviews?|ratings?|(?<!(?:exchange|interest|vat|tax|heart|hourly|daily|nightly|room|group|flat|success|the) )rate|rated|complain(?:t|ts)?|(?:[1-5]|one|two|three|four|five) ?-?stars?"),
    /(?<![\d.])[1-5] ?(?:\/|out of) ?5(?![\d.])/,
  ),
  feedbackWeak: any(
    /(?:就|都|已经)(?:坏|黄|枯|死|破|裂|漏|蔫|掉色|褪色|起球|脱线|开胶|过期)了|太(?:咸|淡|甜|辣|酸|苦|油|腻|难吃|难喝|凉|烫|重|慢|难|贵|差|久|吵|挤|松|紧|硬)了|少了(?:一|两|几|\d)|专业|耐心|细心|热情|不专业|敷衍|难(?:喝|吃)|很(?:好喝|好吃|棒|赞|差|满意|失望)|服务(?:很|太|真|非常|特别)?(?:好|差|棒|周到|慢|热情|糟)|态度(?:很|太|真|非常)?(?:好|差|恶劣)|不满意|满意|失望|体验(?:很|太)?(?:好|差|棒|不错)|味道(?:不错|很好|一般|很差|太淡|太甜)|(?:太|很|真|超)(?:棒|赞)|送(?:得)?(?:太)?慢|点赞|质量(?:很|太|真|非常)?(?:好|差|不错)|凉(?:的|了)|冷掉|粗鲁|不新鲜/,
    /\b(?:was|were|is|tasted|tastes|looks|felt|arrived)\b.{0,15}\b(?:great|good|bad|terrible|awful|amazing|excellent|cold|delicious|slow|rude|nice|perfect|horrible|disappointing|lovely|fantastic|late|quick|fast|thorough|professional|friendly|helpful|patient|careful|unprofessional|careless|wrong|broken)\b/,
    en("loved (?:it|the)|hated|rude|thumbs up|well done|great job|not happy|unhappy|disappointed|smells? (?:like|bad|weird)|(?:terrible|awful|disappointing|horrible|excellent|fantastic|amazing|great|bad) (?:service|coffee|experience|quality)"),
  ),
  help: any(
    /帮助|怎么?用|如何(?:使用|用)|使用(?:说明|方法|帮助|指南|教程)|(?:你|机器人|这个)?(?:能|会|可以)(?:做|干)(?:什么|啥|些什么)|有(?:什么|哪些|啥)功能|功能介绍|说明书|教程|不会用|怎么操作|咋(?:用|弄|整)|(?:怎么|咋个?|如何)(?:在这里?|在这儿|在这上面?|用这个|通过.{0,10})?(?:下单|点单|订|买|领券|付款|付钱|付|支付|预约|约|玩|核销)|(?:在这里?|在这儿|在这上面?)(?:怎么|咋个?|如何)(?:下单|点单|订|买|约|预约|付)|(?:能|可以)用.{1,6}(?:付钱|付款|支付|付)(?:吗|不|么)?(?=[?？\s]|$)|(?:咋|怎么|如何)(?:发|传)给(?:你们|你|店里)|(?:怎么|咋|如何)(?:称重|算钱|收费|计费|扣(?:课|次|费)?)(?=的|[?？\s，,]|$)|流程是(?:啥|什么)|(?:什么|啥)流程|第一次用|(?:你|机器人)?能(?:帮我)?干(?:嘛|啥|什么)|咋(?:个)?用|怎么弄|求教|求助|指令|命令|菜单|帮帮我|唔识(?:点)?(?:用|落单|买|约|搞)|教下我|(?:你|你们)能做哪样|转人工|人工(?:客服|服务)?(?:在|吗|呢)|真人客服|找(?:个)?真人|客服/,
    // (a lone question mark asks for help; several are puzzlement, which asks for nothing: "？？？")
    /^\/help\b|^help\b|^[?？]$|\bhow (?:do|does|can) (?:i|this|it|you)\b.{0,20}\b(?:use|work|order|start)\b|\bhow does\b.{0,25}\bwork\b|\bwhat can (?:you|this bot|this|it|the bot) do\b|\bhow to use\b|\bhow to\s*(?:下单|点单|订|买|领券|付款|支付|预约)|\bwho are you\b|\bwhat are you\b|\bwhat (?:kind of )?(?:stuff|things) can i (?:ask|do)\b/,
    en("help|commands|menu|instructions|tutorial|(?:a |real |talk to (?:a )?)?human|customer service|agent"),
  ),
  greeting: any(
    /你好|您好|老板(?:你|您)?好|^老板[!！~。]*$|哈喽|哈啰|哈罗|嗨|在吗|在不在|在么|在嘛|^在不[?？]*$|早上好|早安|上午好|中午好|下午好|晚上好|大家好|新年好|过年好|新年快乐|春节快乐|节日快乐|有人吗|你们好|^喂|^嘿|^早[啊呀!~]*$|^早晨[啊呀!~]*$/,
    /^\/start\b|^在[?？吗么嘛呢]*$/,
    // (in dialect or another tongue: "侬好", "喺度吗", "老板 在无", "扎西德勒", "namaste")
    /侬好|有人伐|喺(?:唔喺)?度(?:吗|嘛|呀|唔)?|在(?:无|冇)[?？]*$|扎西德勒|(?<![a-z])namaste(?![a-z])/,
    en("hi|hello|hey|yo|howdy|greetings|hiya|sup|hallo|hola|nihao|ni hao|good (?:morning|afternoon|evening|day)|happy (?:new year|holidays)|season'?s greetings|what'?s up|(?:is )?(?:any ?one|any ?body) (?:there|here|around)"),
    /^morning\b/,
  ),
  /** whether what is named suits someone or something, or helps ("脉冲跑鞋适合大体重吗", "适不适合路跑", "压缩裤有用吗", "新手能穿吗",
   * "跑步穿合适吗"): advice when the catalog's thing is named, small talk otherwise ("今天适合出钓不") */
  suits: any(/适合[^，,。？?!！\s]{1,10}(?:吗|么|不)[?？]*(?=$|[\s，,。!！])|适不适合|合不合适|(?:有用|管用)(?:吗|么|不)[?？]*$|(?:新手|小白|初学者|孕妇|小孩|孩子|宝宝|老人|女生|男生)?(?:能|可以)(?:穿|戴)(?:吗|不|么)|(?:新手|小白|初学者|孕妇|小孩|孩子|宝宝|老人|女生|男生)(?:能|可以)(?:用|吃|喝|玩|学|练|上)(?:吗|不|么)|(?:穿|用|戴)(?:着)?(?:合适|舒服)(?:吗|么|不)|(?:能|可以)(?:吃|喝)(?:什么|啥)/),
  /** a job inquiry ("你们招聘吗", "are you hiring"): asks the shop for nothing it sells */
  jobInquiry: any(/招聘|招人|招不招/, en("hiring|job openings?|vacanc(?:y|ies)")),
  /** whether they deliver to a place ("能送到花溪不") */
  deliversTo: any(/(?:能|可以)(?:不能)?(?:送|配送|送货)到.{1,10}(?:不|吗|么|嘛)/),
  /** asking whether a coupon one holds is still there or valid ("FRESH20还在吗", "is GXG30 still valid") */
  couponCheck: any(/还在(?:吗|不|么)|还能用|还有效|过期了(?:吗|没)/, /\bstill (?:valid|there|good|works?|usable|have)\b|\bexpired?\b/),
  /** asking whether something is enough ("128G够用吗", "够两个人用两天吗", "is 45L enough"): advice, unless it orders */
  enough: any(/够(?:不够|用吗|用么|吗)|够[^，,。]{1,8}(?:用|吃|喝|穿)[^，,。]{0,4}(?:吗|么|不)|(?:大概|一般)?(?:要|需要|得)多少(?:个|张|卷|箱|袋|包|盒|件)|(?:选|买|要|租|订)多大|靠谱(?:吗|不|么)|值不值|\bwhat size\b.{0,30}\bneed\b/, /\b(?:is|are|will)\b.{0,25}\b(?:enough|big enough|sufficient)\b/),
  /** the same, asked at the end of a message that orders: "科三路线练习买1小时够不够" */
  enoughAsked: any(/够不够[?？]*$|够(?:用)?(?:吗|么)[?？]*$/),
  /** a verb of buying: buying a service is an order even with a time */
  buy: any(/买|购买|下单|下个单|拍(?:一|两|个)|租(?:个|一|两|辆|台|套)/, en("buy|buying|purchase|purchasing|order")),
  /** wanting to order without saying what: "我要下单", "I'd like to order" */
  orderOnly: any(/^(?:我要|我想|我想要|帮我|可以)?(?:下单|点单|点餐|下个单|点个单)[了吗呢啊吧]*$/, en("i want to order|i'?d like to order|place an order|make an order|ready to order")),
  orderVerb: any(
    /来(?:一|两|几|个|杯|份|点|俩|仨|\d)|^来|要(?:一|两|几|个|杯|份|\d|俩|仨)|我要|我想要|想要|买(?![的过回])|点(?:一|两|个|杯|份|\d|单)|下单|下个单|订(?:一|两|个|杯|份|购|\d)|给我(?:来|拿|一|两)|想喝|想吃|帮我(?:点|买|下单|订|来)|拿(?:一|两|个|杯)|整(?:一|两|个|杯)|外送|外卖|配送|送(?:一|两|个|杯)|购买|加购|购物车|结账|再来|喝(?:一|杯)|要个|要杯|要份|送到|自取|快递|寄到|办(?:一张|张|个|一个)|续费|充值|(?:再)?加(?:一|两|个|份|\d)|拍(?:一|个)单/,
    en("i'?d like|i would like|i want|i'?ll (?:have|take|get)|i will (?:have|take|get)|can i (?:get|have|order)|could i (?:get|have|order)|may i have|give me|get me|grab me|order|buy|purchase|add|send me|deliver|delivered|pickup|pick up|ship|need|want|please"),
  ),
};

/** places counted in English: "2 spots", "three seats" */
const PLACES_COUNTED = /(?<![a-z0-9])(?:\d{1,2}|two|three|four|five|six|seven|eight|nine|ten)\s+(?:spots?|places?|seats?|people|persons?|pax|tickets?)(?![a-z])/;

export interface Signals {
  lower: string;
  hasProduct: boolean;
  hasBrand: boolean;
  hasCategory: boolean;
  /** a staff role or a service of the catalog is named (验光师, eye test) */
  /** the text with the names that hold a word of praise blanked out: the 招牌 of 招牌粉 asks for no advice */
  named?: string;
  hasRole: boolean;
  /** the role is named by a person's title (验光师, locksmith), not only by a service */
  hasTitle: boolean;
  /** a role's word is written outside every product name (包间 beside 九宫格), not only as the service a product is */
  hasRoleWord?: boolean;
  /** a staff member is named ("老周", "Kevin老师") */
  hasStaff?: boolean;
  /** a product named is a service a role performs (its words are a role's: the lash lift of a lash technician) */
  hasService?: boolean;
  /** a store is named by its own name ("高新店") */
  hasStore?: boolean;
  /** delivery, pickup or shipping is asked for */
  hasFulfillment: boolean;
  /** a count is stated (两杯, two, x2) */
  hasQuantity: boolean;
  /** a count is said in a number (两次, 三小时, 5 rolls, x1), not only by "a" */
  hasCount?: boolean;
  hasSize: boolean;
  hasCoupon: boolean;
  hasOrderId: boolean;
  hasRating: boolean;
  hasWhen: boolean;
  hasRadius: boolean;
}

export interface Decision {
  intent: Intent;
  confidence: number;
}

/**
 * The Chinese words the cues are written with (关注, 优惠券, 有空, 什么时候): generic language of asking, read back
 * from the patterns so that a message typing them in pinyin can be read (pinyin-reader.ts). Character classes and
 * lookarounds are left out: what remains are the literal words.
 */
export function cueWords(): readonly string[] {
  return (cueWordList ??= (() => {
    const words = new Set<string>();
    for (const re of Object.values(CUES)) {
      const literal = re.source.replace(/\[(?:\\.|[^\]])*\]/g, " ").replace(/\(\?<?[=!][^()]*\)/g, " ");
      for (const m of literal.matchAll(/[\u4e00-\u9fff]{2,6}/g)) words.add(m[0]);
    }
    return [...words];
  })());
}
let cueWordList: readonly string[] | undefined;

/** Cue groups that compete for the intent (greetings never compete: "hi, a latte please"). */
const COMPETING: (keyof typeof CUES)[] = [
  "forget", "unsubscribe", "unfollow", "cancel", "orderStatus", "listCoupons", "bookStrong", "claim", "follow", "find", "recommend", "feedbackStrong", "help",
];

export function decideIntent(sig: Signals): Decision {
  const s = sig.lower;
  if (!/[\p{L}\p{N}?？]/u.test(s) && !sig.hasRating) return { intent: "unknown", confidence: 0 };
  // Each cue group is tested at most once per utterance.
  const memo = new Map<keyof typeof CUES, boolean>();
  const cue = (k: keyof typeof CUES) => {
    let fired = memo.get(k);
    if (fired === undefined) memo.set(k, (fired = CUES[k].test(k === "recommend" ? sig.named ?? s : s)));
    return fired;
  };
  if (cue("injection")) return { intent: "unknown", confidence: 0.05 };
  // "老师好", "王师傅您好": a title and a hello alone greets the person, it books no one
  if (TITLE_HELLO.test(s)) return { intent: "greeting", confidence: 0.9 };
  // "逆风翻盘是什么意思": asking what words mean is not asking the shop for anything
  if (!sig.hasProduct && /(?:是)?什么意思|\bwhat does\b.{1,30}\bmean\b|\bmeaning of\b/.test(s)) return { intent: "unknown", confidence: 0.3 };
  // "你们招聘吗", "are you hiring": a job inquiry asks the shop for nothing it sells
  if (cue("jobInquiry") && !sig.hasWhen) return { intent: "unknown", confidence: 0.4 };
  // "你们司机一个月挣多少钱", "你们网管是不是单身": gossip about the staff's pay or private life asks for nothing
  if (!sig.hasWhen && /你们.{0,8}(?:工资|薪水|月薪|挣多少|赚多少|单身|有对象|结婚了(?:吗|没))/.test(s)) return { intent: "unknown", confidence: 0.4 };

  // Each extra competing cue costs confidence: the user may be asking two things.
  // (a cue group that always fires with another is left out of the count where that other decides: `claim` with `listCoupons`)
  const conf = (base: number, uncounted: readonly (keyof typeof CUES)[] = []) => {
    const fired = COMPETING.filter((k) => !uncounted.includes(k) && cue(k)).length;
    return Math.max(0.3, Math.min(0.99, base - 0.08 * Math.max(0, fired - 1)));
  };
  const orderVerb = cue("orderVerb");
  const wantsProduct = sig.hasProduct && (orderVerb || sig.hasQuantity || sig.hasSize);

  if (cue("forget")) return { intent: "forget_me", confidence: conf(0.95) };
  if (cue("unfollow")) return { intent: "unfollow", confidence: conf(0.93) };
  // (an order named with a word of cancelling is that order called off, however it says so: "律师函先别发了 取消 单号66231")
  if (cue("unsubscribe") && !(sig.hasOrderId && cue("cancel"))) return { intent: "unsubscribe", confidence: conf(0.93) };
  // "寄养流程是怎样的", "怎么绑定", "怎么下单刷墙服务", "退货流程是啥": how something is done, whatever it is, is help
  if (!sig.hasWhen && !sig.hasQuantity && HOW_IT_GOES.test(s)) return { intent: "help", confidence: 0.9 };
  if (cue("cancel")) return { intent: "cancel_order", confidence: conf(sig.hasOrderId ? 0.96 : 0.9) };
  // a rating said in any way (给个2分, 4/5, ⭐⭐⭐⭐) is feedback
  if (cue("feedbackStrong") || sig.hasRating) {
    return { intent: "feedback", confidence: conf(sig.hasRating ? 0.94 : 0.86) };
  }
  // "use code LX200 on my order": a code to apply is a coupon request, whatever it is applied to
  if (sig.hasCoupon && !sig.hasProduct && /(?<![a-z])(?:use|apply|redeem)(?![a-z])/.test(s)) return { intent: "claim_coupon", confidence: conf(0.9) };
  if (cue("orderStatus")) return { intent: "order_status", confidence: conf(sig.hasOrderId ? 0.96 : 0.9) };
  // "我的优惠券怎么用": a how-to question about something, not the thing itself
  if (cue("helpStrong") && !sig.hasProduct) return { intent: "help", confidence: conf(0.92) };
  // asking for a human agent is help, whatever a role's words say (客服 may be the front desk's)
  if (/人工客服|转人工|真人客服|人工服务|(?<![a-z])(?:talk|speak|chat) (?:to|with) (?:a |an )?(?:real )?(?:human|person|agent)(?![a-z])|(?<![a-z])human agent(?![a-z])/.test(s) && !sig.hasWhen) return { intent: "help", confidence: conf(0.9) };
  // A bare order id ("order c123abc", "#ab12cd?") asks about that order.
  if (sig.hasOrderId && !sig.hasProduct && !cue("claim")) return { intent: "order_status", confidence: conf(0.8) };
  // (so does one said with what it bought, when nothing is renewed or added: "金条什么时候能到店 单号XC1124-0037"; "续当三个月
  // 单号…" orders again)
  if (sig.hasOrderId && !sig.hasCoupon && !/续|再(?:加|来|要)|加(?:一|两|\d)|(?<![a-z])(?:renew|extend|add|another)(?![a-z])/.test(s)) return { intent: "order_status", confidence: conf(0.9) };
  // (one's own coupons asked after with nothing named to buy is a clear request: every word of a coupon also fires the claim
  // cue, which competes with nothing here, so the learned model is not asked to overrule it: "我还有哪些券能用")
  if (cue("listCoupons") && !sig.hasProduct && !sig.hasWhen) return { intent: "list_coupons", confidence: conf(0.97, ["claim"]) };
  if (cue("listCoupons") || (sig.hasCoupon && cue("couponCheck"))) return { intent: "list_coupons", confidence: conf(0.92) };
  // "重庆南岸区有没有修皮沙发的", "扬州有没有自己做戒指的工坊", "柳州哪点有接睫毛的": where it is done, no time said, asks for a store
  if (!sig.hasWhen && !sig.hasQuantity && (WHERE_DONE.test(s) || WHERE_DONE_HAS.test(s))) return { intent: "find_store", confidence: conf(0.9) };
  const bookWeak = cue("bookWeak");
  // A role or service named (验光师, eye test) is a booking, unless it is only the subject of another request: a
  // store search ("附近有没有能测血糖的店"), a suggestion, a complaint or a coupon question, with no booking verb or time.
  // a time is a booking's time unless the message asks which store ("周六上午哪家店能做艾灸")
  const storeQuestion = cue("find") && cue("storeNoun") && cue("findQuestion");
  // buying a service outright ("买两张足疗90分钟的券，周六用") is an order, not a booking
  const buying = wantsProduct && cue("buy") && !cue("bookStrong") && !cue("bookVerb");
  // (a service said with its size and a time, and no verb of booking, is bought: "上门打包 三居室 后天")
  const sizedService = sig.hasProduct && sig.hasSize && !sig.hasTitle && !sig.hasRoleWord;
  // (so is one counted in a number that counts no people, with a time and no verb of booking: "厨房保洁三小时 后天上午",
  // "冰箱加氟一次 明天下午", "贴墙纸 10卷 this Saturday"; "可视采耳两位 今晚" counts people, "I need a wheel alignment" no number)
  const countedService = sig.hasProduct && !!sig.hasCount && !sig.hasTitle && !sig.hasRoleWord && !sig.hasStaff && !cue("party") && !PLACES_COUNTED.test(s);
  const bookingAsked = !buying && (cue("bookStrong") || cue("bookVerb") || (sig.hasWhen && !storeQuestion && !sizedService && !countedService));
  // (needing a person — "need a locksmith" — is a booking even with a verb of wanting)
  // "I wanna follow the tailor brand, Heshen": following a named brand, not booking its tailor
  if (sig.hasBrand && /关注|(?<![a-z])(?:follow|subscribe)(?![a-z])/.test(s) && !cue("bookStrong") && !cue("bookVerb") && !sig.hasWhen) {
    return { intent: "follow", confidence: conf(0.88) };
  }
  // "follow 百固, 想看deals", "关注一下 以后有活动通知我": a request that starts by following is a follow
  if (/^(?:关注|follow|subscribe)/.test(s) && cue("follow") && !cue("bookStrong") && !sig.hasWhen) return { intent: "follow", confidence: conf(0.9) };
  // (a staff member named with a time — "老周明天在吗 想找他焊项链" — asks for that person)
  const roleBooking = (sig.hasRole || (sig.hasStaff && sig.hasWhen)) && (bookingAsked ||
    !((cue("find") && cue("storeNoun")) || cue("recommend") || cue("feedbackWeak") || cue("claim") || sig.hasCoupon || sig.hasRadius ||
      // a service counted or sized without a verb of booking ("肩颈一个小时的一个") is bought, like any product
      (wantsProduct && (orderVerb || cue("buy") || sig.hasSize || sig.hasQuantity) && !sig.hasTitle)));
  // a time and a party ("周六晚上9点 8个人", "明天中午12点两位") reserve a place, unless something is bought
  const party = sig.hasWhen && cue("party") && !sig.hasProduct && !cue("find");
  // (reserving a product no role performs — a court, a room, a van — with a time is ordering it: "book a court 7pm")
  // (a service a role performs is booked, unless places on it are counted: "book 2 spots on the trek")
  const reservesProduct = sig.hasProduct && !sig.hasRole && !sig.hasRoleWord && (!sig.hasService || cue("party") || PLACES_COUNTED.test(s)) && /订(?!单)|(?<![a-z])(?:book|reserve)(?![a-z])/.test(s) && !/约/.test(s);
  // (which store still has room, "周六晚上哪家还有位置", asks for a store, not a booking)
  const whichHasRoom = /哪(?:家|个店|间店|个门店)/.test(s) && /(?:有|还有)(?:没有)?(?:空(?![调气间腹])|空档|档期|位置)/.test(s) && !sig.hasRole && !sig.hasStaff && !/预约|(?<![a-z])(?:book|appointment)/.test(s);
  // (a staff member named with a time is asked for, whatever is done: "Can Leo do an aquascape for my 60cm tank on Friday")
  const staffAsked = !!sig.hasStaff && sig.hasWhen && !cue("feedbackWeak") && !cue("claim");
  if (!whichHasRoom && (cue("bookStrong") || roleBooking || staffAsked || party || (bookWeak && !sig.hasProduct) || (sig.hasWhen && cue("bookVerb") && !buying && !reservesProduct))) {
    return { intent: "book_appointment", confidence: conf(sig.hasWhen ? 0.95 : 0.88) };
  }
  // "优惠券咋个用", "how do I use a coupon": how coupons work, not a claim
  if (!sig.hasCoupon && !sig.hasProduct && COUPON_HOW.test(s)) return { intent: "help", confidence: conf(0.85) };
  if (sig.hasCoupon || cue("claim")) {
    // "两杯拿铁，用LATTE8", "皮肤衣M码 用X85": an order that applies a coupon
    // (not a coupon named by its title and asked for as one: "亲子套餐88折 给我来一张")
    const couponAsked = sig.hasCoupon && !sig.hasSize && ONE_OF_IT.test(s);
    // (or one that names what it buys and says the coupon is used: "换个电池 用BATT10", "10,000 km service package, code BY88")
    const applied = COUPON_APPLIED.test(s);
    if (((wantsProduct && (orderVerb || sig.hasQuantity || (sig.hasSize && !cue("findQuestion")))) || (sig.hasProduct && applied)) && !cue("claimStrong") && !couponAsked) return { intent: "order", confidence: conf(0.9) };
    return { intent: "claim_coupon", confidence: conf(sig.hasCoupon ? 0.96 : 0.87) };
  }
  // "sign me up for the theory class": enrolling in a product is buying it
  if (cue("follow") && !(sig.hasProduct && /\bsign (?:me |us )?up for\b|\benrol+ (?:me |us )?in\b/.test(s))) return { intent: "follow", confidence: conf(sig.hasBrand ? 0.94 : 0.86) };
  // ("what's the best action cam": the best of what the catalog sells; of anything else it is none of ours)
  // (not when it orders should it be enough: "半只烤羊够10个人吃吗 够的话就订了")
  const ordersIfSo = /的话(?:就)?(?:订|要|买|下单|来)/.test(s);
  const recommend = cue("recommend") || (cue("suits") && (sig.hasProduct || sig.hasCategory)) || (cue("enough") && !orderVerb && !ordersIfSo) || (cue("enoughAsked") && !ordersIfSo) || (BEST_ASKED.test(s) && (sig.hasProduct || sig.hasCategory));
  // "recommend a good pizza place nearby": advice about somewhere else, naming nothing the catalog has, is not ours to give
  const elsewhere = recommend && !sig.hasProduct && !sig.hasBrand && !sig.hasCategory && !sig.hasRole &&
    /(?<![a-z])(?:places?|restaurants?|bars?|hotels?|cafes?)(?![a-z])|餐厅|饭店|馆子|景点|酒店|饭馆|好(?:吃|喝|玩)的[\u4e00-\u9fff]{0,6}店/.test(s);
  // "中午吃啥好呢", "西安有什么好吃的", "晚上吃火锅还是串串": what to eat, nothing of ours named and no advice asked of us, is small talk
  const mealTalk = recommend && !sig.hasProduct && !sig.hasBrand && !sig.hasCategory && !sig.hasRole && !/推荐|recommend/.test(s) &&
    /(?:吃|喝)(?:啥|什么)好|有(?:什么|啥)好(?:吃|喝|玩)的|吃[^，,。?？\s]{1,6}还是/.test(s);
  if (elsewhere || mealTalk) return { intent: "unknown", confidence: 0.4 };
  // (whether something is enough, asked at the end — "够两个人用三天吗" — is advice however much it names)
  if (recommend && !cue("storeNoun")) return { intent: "recommend", confidence: (cue("enoughAsked") || cue("enough")) && !orderVerb && /[吗么不][?？]*$/.test(s) ? 0.97 : conf(0.9) };
  // "Great service at the X store": praise or a complaint that names a store asks for nothing
  if (cue("feedbackWeak") && !cue("findQuestion") && !orderVerb && !sig.hasRadius) return { intent: "feedback", confidence: conf(0.7) };
  // "能送到花溪不": whether they deliver to a place, nothing ordered, asks which store serves it
  const deliversThere = !sig.hasProduct && cue("deliversTo");
  if (cue("find") || sig.hasRadius || deliversThere) {
    // (or what it names with a time, where the store is only where: "Moxa 30 min tomorrow 6pm, Bayi store")
    if (wantsProduct && (orderVerb || sig.hasFulfillment || (sig.hasWhen && !sig.hasRadius)) && !cue("findQuestion")) return { intent: "order", confidence: conf(0.85) };
    // (asking whether what is counted can be brought to a place, no store asked for, orders it: "手捧花一束 明天能送到万象城
    // 附近吗", "修复膜五卷，三公里内能送吗")
    if (wantsProduct && sig.hasFulfillment && !cue("storeNoun") && !/哪/.test(s)) return { intent: "order", confidence: conf(0.8) };
    return { intent: "find_store", confidence: conf(sig.hasBrand || sig.hasProduct || sig.hasRadius ? 0.93 : 0.84) };
  }
  if (recommend) return { intent: "recommend", confidence: conf(0.88) };
  const weakFeedback = cue("feedbackWeak");
  // praise or a complaint about a product ("柠檬茶一杯全是冰，失望") is feedback unless an order verb asks for it
  if (sig.hasProduct && !(weakFeedback && !orderVerb)) {
    return { intent: "order", confidence: conf(wantsProduct ? 0.94 : 0.75) };
  }
  if (orderVerb && (sig.hasCategory || sig.hasBrand) && !weakFeedback) return { intent: "order", confidence: conf(0.62) };
  if (weakFeedback) return { intent: "feedback", confidence: conf(0.65) };
  // "来一杯": wants something, has not said what
  if (orderVerb && sig.hasQuantity) return { intent: "order", confidence: conf(0.5) };
  if (cue("help")) return { intent: "help", confidence: conf(0.88) };
  if (cue("orderOnly")) return { intent: "order", confidence: conf(0.55) };
  // "明天上午高新店有人吗": asking after a store by its name is asking about that store
  if (sig.hasStore && !sig.hasProduct && (sig.hasWhen || cue("greeting"))) return { intent: "find_store", confidence: conf(0.7) };
  if (cue("greeting")) return { intent: "greeting", confidence: 0.92 };
  // A bare brand name: most likely "where is it / what does it have" — a store search, weakly.
  if (sig.hasBrand) return { intent: "find_store", confidence: 0.5 };
  return { intent: "unknown", confidence: 0.15 };
}
