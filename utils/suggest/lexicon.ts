/**
 * How customers say things, in our own words: cue words and phrases (synonyms, slang, common
 * typos) per situation. Data, not code: a team can read it, and the classifier only looks
 * words up here.
 *
 * `situation` is the default pack's situation id; `names` are words of a situation's name in
 * any pack (如 "质量"), so a team pack with other ids still gets the cue: a situation whose id
 * ends with `situation`, or whose name contains one of `names`, receives the score.
 *
 * `negatable`: the cue describes a problem the customer can deny ("没有坏", "不是要退货");
 * preceded by a negation it counts for nothing.
 *
 * Weights: 1 = says which situation it is; 0.6 = points there; 0.3 = a hint.
 */
export interface LexiconEntry {
  situation: string;
  names: string[];
  weight: number;
  negatable?: boolean;
  cues: string[];
}

export const LEXICON: LexiconEntry[] = [
  // ---- damaged: in transit (packaging, broken glass) or a quality problem
  {
    situation: 'sol-transit-damage',
    names: ['物流损', '破损', '运输损'],
    weight: 1,
    negatable: true,
    cues: ['碎了', '碎成', '裂了', '裂开', '压扁', '压坏', '压烂', '摔坏', '破损', '破了', '漏了', '漏液', '变形', '箱子破', '盒子破', '包装破', '包装烂', '外箱', '拒收', '磕坏', '磕碰', '凹进去', '撞坏', '路上压'],
  },
  {
    situation: 'sol-quality',
    names: ['质量'],
    weight: 1,
    negatable: true,
    cues: ['坏了', '坏的', '坏掉', '烂了', '裂缝', '质量', '开胶', '起球', '掉色', '褪色', '掉漆', '掉涂层', '断了', '有个洞', '破洞', '异响', '坏点', '漏水', '瑕疵', '做工差', '次品', '残次', '脱线', '开线', '生锈', '异味', '胶水味', '磨破', '一拉就断', '三无', '不耐用'],
  },
  {
    situation: 'sol-quality',
    names: ['质量'],
    weight: 0.4,
    negatable: true,
    cues: ['坏', '碎', '裂', '破', '烂', '漏'],
  },
  {
    situation: 'troubleshoot-usage',
    names: ['排查', '使用方法'],
    weight: 0.8,
    cues: ['开不了机', '开不开', '没反应', '不亮', '充不上', '充不进', '不充电', '死机', '不工作', '用不了', '不会用', '怎么用', '显示e', '报错', '连不上', '试过了', '还是不行', '重启'],
  },
  {
    situation: 'troubleshoot-evidence',
    names: ['凭证', '照片'],
    weight: 0.7,
    cues: ['拍照', '照片', '视频', '录像', '截图', '图片发', '发你了', '拍好了', '拍不出来', '要拍'],
  },
  // ---- logistics
  {
    situation: 'logistics-track',
    names: ['查询物流', '物流查询', '查物流', '快递查询', '查快递', '物流信息'],
    weight: 1,
    cues: ['到哪了', '到哪里了', '到哪儿', '发货了吗', '发货没', '发货了没', '什么时候发货', '啥时候发货', '何时发货', '还不发货', '没发货', '单号', '物流信息', '查物流', '查快递', '什么时候到', '啥时候到', '几天能到', '几天到', '多久到', '多久能到', '今天能到', '明天能到', '能到吗', '发货', '揽件', '发活'],
  },
  {
    situation: 'logistics-delay',
    names: ['催件', '物流慢', '延迟'],
    weight: 1,
    cues: ['还没到', '没到', '不动', '没动', '卡住', '卡在', '停在', '不走了', '没更新', '太慢', '好慢', '催一下', '催催', '催件', '催快递', '物流慢', '快递慢', '滞留', '中转', '木有到', '没动静', '一动不动', '躺了', '等不及', '离谱', '还没收到', '一个星期', '好几天'],
  },
  {
    situation: 'logistics-lost',
    names: ['丢件', '未收到'],
    weight: 1,
    cues: ['没收到', '显示签收', '已签收', '被签收', '别人签收', '代签', '丢件', '丢了', '包裹没了', '快递没了', '找不到快递', '没拿到', '虚假签收', '是不是丢'],
  },
  {
    situation: 'logistics-address',
    names: ['地址'],
    weight: 1,
    cues: ['改地址', '地址写错', '地址错', '换地址', '收货地址', '修改地址', '搬家', '放驿站', '快递柜', '放门口', '转寄', '电话填错', '地址改', '新地址', '收件人'],
  },
  { situation: 'logistics-delay', names: ['物流'], weight: 0.4, cues: ['快递', '物流', '包裹'] },
  // ---- solutions by case
  {
    situation: 'sol-wrong-item',
    names: ['发错'],
    weight: 1,
    cues: ['发错', '错发', '不是我买的', '不是我要的', '颜色不对', '型号不对', '尺码不对', '码数不对', '发成了', '给我发了个', '收到的是', '标签都是错的'],
  },
  {
    situation: 'sol-misleading',
    names: ['描述不符', '误导'],
    weight: 1,
    cues: ['货不对板', '货不对版', '描述不符', '和描述', '跟描述', '与描述', '和图片', '跟图片', '图片不一样', '实物', '色差', '虚假宣传', '骗人', '宣传', '详情页写', '页面写', '参数不对', '对不上', '说好的', '写的是'],
  },
  {
    situation: 'sol-customer-damage',
    names: ['人为'],
    weight: 1,
    cues: ['不小心', '摔了', '掉地上', '进水', '弄坏', '摔坏了', '人为', '维修费', '修要多少钱', '踩坏'],
  },
  {
    situation: 'sol-7day-return',
    names: ['无理由'],
    weight: 1,
    negatable: true,
    cues: ['七天无理由', '7天无理由', '无理由', '不想要了', '不喜欢', '不合适', '想退', '要退', '能退吗', '可以退', '退货', '退活', '退掉', '退回去', '寄回', '退货地址', '吊牌', '能不能退'],
  },
  {
    situation: 'sol-cancel',
    names: ['取消'],
    weight: 1,
    cues: ['取消', '撤销', '不想买了', '拍错了', '后悔了', '拦截'],
  },
  {
    situation: 'sol-missing-parts',
    names: ['配件', '少件'],
    weight: 1,
    cues: ['少了', '少发', '漏发', '少件', '缺', '没有配件', '配件', '说明书', '赠品', '送的', '充电头', '遥控器', '螺丝', '只收到一件', '只有一个'],
  },
  {
    situation: 'sol-out-of-warranty',
    names: ['过保', '维修'],
    weight: 1,
    cues: ['过保', '保修期', '保修', '维修', '能修吗', '修一下', '修要', '返修', '去年买的', '年前买的'],
  },
  {
    situation: 'sol-return-shipping',
    names: ['运费'],
    weight: 1,
    cues: ['运费', '邮费', '运费险', '到付', '垫付', '寄回的钱', '快递费'],
  },
  {
    situation: 'sol-invoice',
    names: ['发票'],
    weight: 1.2,
    cues: ['发票', '开票', '专票', '普票', '抬头', '税号', '报销', '发漂', 'fapiao'],
  },
  // ---- payment
  {
    situation: 'payment-failed',
    names: ['支付失败', '支付'],
    weight: 1,
    cues: ['付不了', '支付失败', '付款失败', '支付不了', '付不了款', '扣款失败', '花呗', '信用卡', '分期', '付款方式', '显示未付款', '订单关闭', '自己关闭', '超时关闭'],
  },
  {
    situation: 'refund-progress',
    names: ['退款'],
    weight: 1,
    cues: ['退款', '退宽', '到账', '钱呢', '钱还没', '钱退', '退了没', '退到哪', '原路', '钱什么时候', '钱多久', '审核'],
  },
  {
    situation: 'payment-dispute',
    names: ['扣款争议', '扣款'],
    weight: 1,
    cues: ['扣了两次', '扣两次', '多扣', '重复扣款', '乱扣', '莫名', '多收', '这是什么钱', '扣款', '扣了我', '账单'],
  },
  // ---- pre-sale and in-sale
  {
    situation: 'presale-size',
    names: ['尺码', '规格'],
    weight: 1,
    cues: ['尺码', '码数', '码子', '什么码', '多大码', '几码', '穿多大', '偏大', '偏小', '正码', '大一码', '小一码', '换码', '尺寸', '长宽高', '多长', '身高', '体重', '斤', 'kg', 'xl', 'xxl', '平时穿'],
  },
  {
    situation: 'presale-product',
    names: ['商品咨询', '产品'],
    weight: 1,
    cues: ['材质', '面料', '什么料', '纯棉', '做工', '正品', '假货', '现货', '有货吗', '预售', '区别', '哪个好', '耐用', '机洗', '水洗', '缩水', '能用吗', '适用', '电磁炉', '别的颜色', '有没有别的', '功能', '保质期'],
  },
  {
    situation: 'presale-recommend',
    names: ['推荐'],
    weight: 1,
    cues: ['推荐', '送人', '送礼', '礼盒', '礼物', '生日', '适合', '搭配', '一起买', '配什么', '哪款'],
  },
  {
    situation: 'presale-promotion',
    names: ['优惠', '活动'],
    weight: 1,
    cues: ['优惠', '便宜', '少点', '打折', '打个折', '折扣', '券', '红包', '满减', '降价', '补差价', '价保', '活动', '砍价', '到手价', '包邮', '贵'],
  },
  {
    situation: 'insale-urge-pay',
    names: ['催付', '未付款'],
    weight: 1,
    cues: ['考虑一下', '考虑考虑', '再看看', '晚点再拍', '晚点再付', '先不付', '先不买', '还没付款', '待付款', '犹豫'],
  },
  {
    situation: 'insale-modify',
    names: ['修改订单', '改单'],
    weight: 1,
    cues: ['改订单', '改成', '改一下', '选错', '拍错', '改颜色', '改尺码', '改数量', '加一件', '一起发', '合并发货', '数量'],
  },
  // What the customer wants done (补发, 退钱) says little about what happened: the same words
  // follow a broken item, a lost parcel or a missing part. A hint only, so the problem told
  // just before keeps the situation.
  {
    situation: 'understand-demand',
    names: ['诉求'],
    weight: 0.3,
    cues: ['补发', '退钱', '换一个', '换新的', '重新发', '怎么处理', '怎么弄', '怎么办'],
  },
  // ---- conversation moments
  {
    situation: 'greet-idle',
    names: ['问候', '开场'],
    weight: 0.8,
    cues: ['在吗', '在不在', '有人吗', '有人没', '你好', '您好', '哈喽', 'hello', 'hi', '亲', '客服'],
  },
  {
    situation: 'greet-need-info',
    names: ['询问信息'],
    weight: 0.8,
    cues: ['查一下我的订单', '帮我查', '我的订单', '帮我看看'],
  },
  {
    situation: 'identity-ask',
    names: ['订单号', '身份'],
    weight: 1,
    cues: ['订单号', '手机号', '帮我下的单', '别人的账号', '他的账号', '朋友下的', '代买', '代下单'],
  },
  {
    situation: 'complain-slow',
    names: ['回复慢', '嫌回复慢'],
    weight: 1,
    cues: ['人呢', '半天不回', '怎么不回', '不回复', '回复这么慢', '回复慢', '没人理', '不理人', '机器人', '真人', '自动回复', '等了十分钟', '等半天', '还做不做生意'],
  },
  {
    situation: 'rude-customer',
    names: ['不礼貌', '辱骂'],
    weight: 1,
    cues: ['垃圾', '废物', '骗子', '破店', '破玩意', '什么玩意', '恶心', '滚', '傻', '有病', '脑子'],
  },
  {
    situation: 'complaint-risk',
    names: ['投诉'],
    weight: 1.2,
    cues: ['投诉', '12315', '举报', '差评', '找平台', '曝光', '主管', '领导', '经理', '负责人', '给个说法', '退一赔三', '工商', '消协'],
  },
  {
    situation: 'soothe',
    names: ['安抚'],
    weight: 0.8,
    cues: ['气死', '急死', '烦死', '着急', '太过分', '管不管', '无语', '崩溃', '受不了', '服了'],
  },
  {
    situation: 'empathy',
    names: ['换位', '理解'],
    weight: 0.6,
    cues: ['失望', '急用', '明天就要用', '期待', '白等', '心累', '白买', '周末要用', '出差'],
  },
  {
    situation: 'apology',
    names: ['歉意', '道歉'],
    weight: 0.5,
    cues: ['太差', '不满意', '道歉', '对不起'],
  },
  {
    situation: 'loyal-customer',
    names: ['老客户', '老顾客'],
    weight: 0.8,
    cues: ['老客户', '老顾客', '回头客', '买了好多次', '好多次', '经常买', '不下十次', '一直在你家', '第二次买', '会员'],
  },
  {
    situation: 'explain-again',
    names: ['重复解释', '解释'],
    weight: 1,
    cues: ['没看懂', '看不懂', '听不懂', '没明白', '说人话', '什么意思', '不会弄', '找不到', '在哪里点', '哪一步', '再说一遍', '还是不懂'],
  },
  {
    situation: 'unclear-message',
    names: ['信息不清', '不清'],
    weight: 0.6,
    cues: ['那个', '就是上次', '上次那个', '这个', '嗯嗯', '那啥'],
  },
  {
    situation: 'feedback-suggestion',
    names: ['建议'],
    weight: 1,
    cues: ['建议', '提个意见', '意见', '改进', '希望你们', '反馈'],
  },
  {
    situation: 'feedback-praise',
    names: ['表扬'],
    weight: 1,
    cues: ['好评', '点赞', '很好用', '不错', '满意', '态度好', '赞', '喜欢', '回购'],
  },
  {
    situation: 'handover-dept',
    names: ['转交', '转接'],
    weight: 1,
    cues: ['转人工', '人工', '懂技术', '技术', '换个人', '找别人', '转接', '专员'],
  },
  {
    situation: 'handover-callback',
    names: ['回电', '回复'],
    weight: 1,
    cues: ['打电话', '回电', '电话联系', '给我回复', '什么时候回复', '说不清', '回电话'],
  },
  {
    situation: 'handover-night',
    names: ['夜班'],
    weight: 1,
    cues: ['这么晚', '几点上班', '明天几点', '晚上', '夜里', '下班了'],
  },
  {
    situation: 'confirm-plan',
    names: ['确认方案'],
    weight: 0.8,
    cues: ['就按你说的', '就这样', '同意', '可以的', '取件', '上门取', '实际能退', '退多少', '扣多少'],
  },
  {
    situation: 'wait-after',
    names: ['等待'],
    weight: 0.8,
    cues: ['查到了吗', '怎么样了', '有结果吗', '结果呢', '好了没', '还要等多久', '等多久', '找到了吗'],
  },
  {
    situation: 'closing-anything-else',
    names: ['其他需要'],
    weight: 0.6,
    cues: ['没有了', '没了', '就这些'],
  },
  {
    situation: 'closing-thanks',
    names: ['感谢', '结束'],
    weight: 0.7,
    cues: ['谢谢', '拜拜', '再见', '辛苦了', '晚安', '多谢', '感谢'],
  },
  {
    situation: 'followup-result',
    names: ['回访'],
    weight: 0.8,
    cues: ['补发的收到了', '收到了', '没问题了', '处理好了', '退款收到'],
  },
  {
    situation: 'followup-open',
    names: ['回访开场'],
    weight: 0.8,
    cues: ['你是谁', '有什么事', '有事吗', '在忙'],
  },
];

/** Words that deny the cue right after them: 没有坏, 不是要退货, 也没碎. */
export const NEGATIONS = ['没有', '没', '不是', '不', '并不', '并没', '别', '也没', '不会'];

/**
 * A short message that only makes sense with what came before: it takes the previous
 * customer intent (还没到啊, 那怎么办, 然后呢).
 */
export const FOLLOW_UP_CUES = ['那怎么办', '怎么办', '咋办', '那咋办', '然后呢', '那现在呢', '还没', '还是', '怎么样了', '那我', '那要', '那什么', '那个呢', '呢', '要多少钱', '多少钱', '什么时候', '运费呢', '试过了', '好吧', '所以呢'];

/** Emoji with an obvious meaning: the tone of the message. */
export const EMOJI_TONES: { emoji: string[]; tone: 'angry' | 'upset' | 'pleased' }[] = [
  { emoji: ['😡', '😠', '🤬', '👿', '💢', '😤', '🖕'], tone: 'angry' },
  { emoji: ['😭', '😢', '😩', '😫', '😞', '😔', '💔', '😰', '😱'], tone: 'upset' },
  { emoji: ['👍', '❤', '😊', '😄', '🥰', '😍', '💯', '👏', '🌹'], tone: 'pleased' },
];

/** Which situations each tone points to (default ids, names for other packs). */
export const TONE_SITUATIONS: Record<'angry' | 'upset' | 'pleased', { situation: string; names: string[]; weight: number }[]> = {
  angry: [
    { situation: 'soothe', names: ['安抚'], weight: 0.5 },
    { situation: 'apology', names: ['歉意'], weight: 0.35 },
    { situation: 'complaint-risk', names: ['投诉'], weight: 0.25 },
  ],
  upset: [
    { situation: 'empathy', names: ['换位'], weight: 0.3 },
    { situation: 'soothe', names: ['安抚'], weight: 0.3 },
  ],
  pleased: [
    { situation: 'feedback-praise', names: ['表扬'], weight: 0.5 },
    { situation: 'closing-thanks', names: ['感谢'], weight: 0.3 },
  ],
};
