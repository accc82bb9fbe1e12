/**
 * A deterministic synthetic 话术 library of any size over the default pack's situation tree,
 * for the search benchmark. Realistic in the ways that matter to search:
 *
 * - every script reads like a reply: greeting words (您好, 亲), a few sentences of its
 *   situation, often one borrowed from a neighbouring situation, a product, a closing —
 *   so words such as 您好, 亲, 收到, 衣服, 订单 occur everywhere and must not decide ranking;
 * - titles repeat with variations the way team libraries do (店铺名, 大促版, 老客户版 …);
 * - keywords in customers' words, tags from a small shared pool, shortcut codes on a third;
 * - situations are unevenly popular (after-sale and logistics have many more scripts).
 *
 * The default pack's own scripts come first (when it has any), so the labeled relevance set
 * has its answers in every library and the rest are distractors written independently of it.
 */
import { loadDefaultPack } from '../scripts-library/default-pack';
import { docsFromPack } from '../utils/library/search-docs';
import type { SearchDoc } from '../utils/search';

/** Per leaf situation: title stems | customer keywords | reply sentences. */
const VOCAB: Record<string, [titles: string, keywords: string, sentences: string]> = {
  'greet-idle': [
    '欢迎问候|进店问候|首次接待|主动打招呼',
    '在吗|你好|有人吗|客服|哈喽|您好',
    '欢迎光临{店铺名}，我是客服{客服昵称}，很高兴为您服务。|有什么可以帮您的吗？随时告诉我。|本店新品上架，您可以先逛逛看看。|有任何问题都可以直接留言，我会第一时间回复。',
  ],
  'greet-need-info': [
    '问候并要订单|接待询问信息|请提供订单号|问候核实信息',
    '查一下|帮我看看|我的订单|有个问题|问一下',
    '为了更快帮您查询，麻烦提供一下订单号或下单手机号。|请问您是哪一笔订单呢？把订单号发我一下就好。|收到您的消息了，麻烦您把订单信息发给我。',
  ],
  'greet-can-answer': [
    '问候并解答|直接回答|接待即答|问候直接处理',
    '请问|想问|咨询一下|了解一下|有没有',
    '您好，您问的这个问题我可以直接为您解答。|关于这个问题，情况是这样的：|这个我清楚，马上告诉您。',
  ],
  'greet-need-check': [
    '问候请稍等|接待需核实|稍等查询|问候并核实',
    '帮我查|查询|核实一下|怎么回事|啥情况',
    '您好，这个问题我需要和仓库核实一下，请您稍等几分钟。|我这边帮您查询一下，请稍等，马上回复您。|需要和相关同事确认，请您耐心等待一下。',
  ],
  'identity-ask': [
    '索取订单号|请提供手机号|要订单信息|查询订单需要',
    '订单号|手机号|账号|在哪看订单号|下单电话',
    '麻烦您提供一下订单号，我帮您查询。|请问下单时留的手机号是多少呢？|订单号可以在“我的订单”里找到，复制发给我就行。',
  ],
  'identity-confirm': [
    '核对身份|确认本人|确认客户身份|身份核实',
    '是我|本人|就是我|是我买的|帮别人问',
    '请问您是{客户称呼}本人吗？为了保护您的信息需要确认一下。|和您确认一下，下单人是您本人对吗？|为了账户安全，需要核对一下您的身份信息。',
  ],
  'identity-readback': [
    '复述联系方式|核对收货信息|确认电话地址|复述地址',
    '地址对吗|电话|收件人|联系方式|对不对',
    '和您核对一下，收件人{客户称呼}，电话尾号是这个，地址是{地址}，对吗？|您的联系方式我复述一遍，请您确认是否正确。|为避免出错，再和您核对一下收货信息。',
  ],
  'understand-describe': [
    '请描述问题|了解具体情况|询问问题详情|请说明情况',
    '有问题|不好用|出问题了|怎么回事|不对劲',
    '请问具体是什么情况呢？麻烦您详细描述一下。|方便的话拍张照片或视频发给我，我好更快判断。|您说的问题是从什么时候开始出现的呢？',
  ],
  'understand-restate': [
    '复述确认|确认理解|重复问题确认|核对问题',
    '对的|就是这样|不是这个意思|我说的是|理解错了',
    '我理解一下，您的意思是收到的{商品}有问题，对吗？|和您确认一下，我这样理解对吗？|如果我理解得不对，麻烦您再补充一下。',
  ],
  'understand-demand': [
    '确认诉求|询问处理方式|想怎么处理|确认需求',
    '退还是换|我要换|我要退|想怎么办|补偿',
    '请问您希望退货、换货还是维修呢？|您是想要退款还是换一件新的？|了解您的想法后，我马上为您安排。',
  ],
  apology: [
    '真诚道歉|表达歉意|致歉话术|抱歉添麻烦',
    '抱歉|不好意思|对不起|太差劲|失望',
    '非常抱歉给您带来了不好的体验。|实在不好意思，是我们的工作没有做好。|给您添麻烦了，真的很抱歉。',
  ],
  soothe: [
    '安抚情绪|请别着急|稳定情绪|安抚客户',
    '着急|生气|烦死了|急死了|别敷衍',
    '您先别着急，我一定尽力帮您处理好。|我非常理解您现在的心情，请交给我来处理。|您放心，这个问题我会跟进到底。',
  ],
  empathy: [
    '换位思考|理解客户|感同身受|站在客户角度',
    '你们不理解|换做是你|太过分|体谅一下',
    '如果是我遇到这样的情况，也会和您一样着急。|站在您的角度，这确实让人不开心。|我能理解您的感受，换成谁都会不舒服。',
  ],
  'loyal-customer': [
    '重视老客户|老顾客关怀|感谢老客户|回头客专属',
    '老客户|买过好几次|经常买|回头客|老顾客',
    '感谢您一直以来对我们的支持，您是我们的老朋友了。|作为老客户，这次给您申请了专属优惠。|老顾客的意见我们特别重视。',
  ],
  'troubleshoot-usage': [
    '使用方法排查|按说明书操作|排查使用问题|先试试这样',
    '怎么用|不会用|用不了|没反应|开不了机',
    '请您先按照说明书的步骤操作一遍看看。|麻烦您试一下长按开关键十秒重启。|请检查一下电源和连接线是否插好。',
  ],
  'troubleshoot-evidence': [
    '请提供照片|提供凭证|拍照上传|请发视频',
    '拍照|照片|视频|截图|凭证',
    '麻烦您拍一下商品问题部位的照片发给我。|请您录一段小视频，方便我们判断问题。|提供一下照片凭证，我马上为您登记。',
  ],
  'sol-quality': [
    '质量问题处理|质量问题换货|质量问题退货|商品有瑕疵',
    '质量问题|坏了|瑕疵|做工差|开线|起球|掉色',
    '非常抱歉商品出现质量问题，我们支持退货或换新。|质量问题的退换运费由我们承担。|您提供照片后我们马上为您安排换货。',
  ],
  'sol-transit-damage': [
    '物流破损处理|运输损坏|包裹压坏|外包装破损',
    '压坏了|破了|碎了|压扁了|包装破损|摔坏了',
    '非常抱歉商品在运输途中受损，麻烦您拍一下外包装和商品照片。|运输损坏我们为您免费补发。|确认破损后为您补发或退款。',
  ],
  'sol-wrong-item': [
    '发错货处理|发错颜色|发错尺码|错发商品',
    '发错了|不是我买的|颜色不对|尺码不对|发成别的',
    '非常抱歉仓库发错货了，我们马上为您换货。|发错的商品由我们安排上门取件。|换货运费全部由我们承担。',
  ],
  'sol-misleading': [
    '描述不符|与描述不一致|页面描述有误|色差说明',
    '和图片不一样|描述不符|色差|货不对板|跟宣传不一样',
    '关于商品和描述不一致的问题，非常抱歉。|不同屏幕显示会有色差，您不满意可以退换。|页面信息我们已经修改。',
  ],
  'sol-customer-damage': [
    '人为损坏说明|非质量问题|使用不当损坏|付费维修',
    '摔坏了|自己弄坏|进水了|不小心|人为',
    '经检测是使用中造成的损坏，不属于质量问题。|人为损坏可以为您提供付费维修。|维修费用检测后告知您，确认后再维修。',
  ],
  'sol-7day-return': [
    '七天无理由退货|无理由退换|7天退货说明|不想要退货',
    '不想要了|七天无理由|7天|不喜欢|退货',
    '商品签收七天内，不影响二次销售可以无理由退货。|无理由退货寄回运费需要您承担。|请保持商品吊牌和包装完好。',
  ],
  'sol-cancel': [
    '取消订单|未发货取消|已发货拒收|撤销订单',
    '取消订单|不要了|拍错了|拒收|撤单',
    '订单还没发货，可以直接为您取消。|如果已经发货，建议您拒收，退回后为您退款。|取消后款项原路退回。',
  ],
  'sol-missing-parts': [
    '缺少配件|漏发配件|补发配件|少件处理',
    '少了|缺配件|漏发|没有充电器|少一个',
    '非常抱歉漏发了配件，我们马上为您补发。|请您拍一下收到的全部物品，我核对后补发。|补发的配件会在48小时内发出。',
  ],
  'sol-out-of-warranty': [
    '过保维修|保修期外|超出保修|付费维修说明',
    '过保了|保修期|还能修吗|维修|保修',
    '您的商品已超过保修期，我们可以提供付费维修。|过保维修只收取配件成本。|您寄回后检测，确认费用再维修。',
  ],
  'sol-return-shipping': [
    '退货运费说明|运费谁承担|运费险|寄回运费',
    '运费谁出|运费|运费险|寄回费用|邮费',
    '质量问题退货的运费由我们承担。|无理由退货寄回运费需要您承担，有运费险可以理赔。|运费请先垫付，我们会补偿给您。',
  ],
  'sol-invoice': [
    '开具发票|发票抬头|电子发票|补开发票',
    '发票|开发票|抬头|税号|专票',
    '发票会在确认收货后开具，电子发票发到您的邮箱。|请提供发票抬头和税号。|需要专票的话请提供开票信息。',
  ],
  'logistics-track': [
    '查询物流|物流信息|快递单号|物流进度',
    '到哪了|查物流|快递单号|物流信息|几天到',
    '您的包裹已经发出，快递单号是这个，您可以随时查看。|物流显示正在派送中，请保持电话畅通。|包裹目前在中转站，预计{时间}送达。',
  ],
  'logistics-delay': [
    '物流慢催件|催促快递|物流不更新|延迟发货',
    '怎么还没到|太慢了|不动了|催一下|还没发货',
    '非常抱歉物流慢了，我马上帮您联系快递催一下。|物流信息几天没更新，我已经提交催件。|大促期间快递压力大，请您耐心等待一下。',
  ],
  'logistics-lost': [
    '未收到货|包裹丢失|显示签收没收到|丢件处理',
    '没收到|丢了|签收了没收到|找不到包裹|被别人拿了',
    '显示已签收但您没有收到，我马上联系快递核实。|请您先问一下家人、门卫或快递柜。|确认丢件后我们为您补发或退款。',
  ],
  'logistics-address': [
    '修改地址|改收货地址|地址写错|更换地址',
    '改地址|地址写错了|换地址|搬家了|转寄',
    '订单还没发货，可以为您修改地址。|已经发货的话我联系快递尝试转寄。|请把新的地址和电话发给我。',
  ],
  'payment-failed': [
    '支付失败|付款不成功|无法付款|支付异常',
    '付不了款|支付失败|付款失败|扣款失败|付不了',
    '支付失败可能是网络或银行卡限额的原因，您换一种方式试试。|请您检查一下余额或者换一张卡。|订单会保留一段时间，支付成功就会发货。',
  ],
  'refund-progress': [
    '退款进度|退款到账时间|退款查询|催退款',
    '退款|钱呢|什么时候到账|退钱|退款没到',
    '退款已经处理，一般3-5个工作日原路退回。|退款到账时间以银行为准，请您留意。|我帮您查了一下，退款正在处理中。',
  ],
  'payment-dispute': [
    '扣款争议|重复扣款|多扣钱|扣款异常',
    '扣了两次|多扣了|重复扣款|乱扣钱|扣错了',
    '重复扣款的部分会自动退回，请您放心。|我帮您提交核查，多扣的钱会原路退回。|请您提供一下扣款截图。',
  ],
  'confirm-plan': [
    '确认处理方案|确认方案|方案确认|请确认处理',
    '可以|好的|就这样|行|同意',
    '那我们就按这个方案处理，您看可以吗？|确认后快递1-3天内上门取件。|运费会从退款中扣除，您确认一下。',
  ],
  'wait-before': [
    '请稍等|请您稍候|稍等查询|马上回复',
    '等一下|多久|快点|在吗|好了没',
    '请您稍等，我马上为您查询。|正在为您核实，请稍候一两分钟。|稍等一下，我去确认后回复您。',
  ],
  'wait-after': [
    '感谢等待|让您久等了|谢谢耐心等待|久等致谢',
    '好慢|等了好久|终于|查到了吗',
    '让您久等了，感谢您的耐心等待。|谢谢您耐心等待，我查到结果了。|久等了，情况是这样的。',
  ],
  'handover-dept': [
    '转交其他部门|转交专员|升级处理|转给同事',
    '找领导|转人工|找专人|谁能处理|上级',
    '这个问题需要专门的同事处理，我已经为您转交。|已经提交给售后专员，会在15分钟内回复您。|转交后会有同事联系您。',
  ],
  'handover-callback': [
    '稍后回复|稍后回电|回头联系|晚点答复',
    '等你回复|什么时候回复|打电话给我|回电话',
    '这个问题需要时间核实，我稍后回复您。|我们会在今天内给您回电话。|核实清楚后第一时间联系您。',
  ],
  'handover-night': [
    '夜班交接|明天回复|夜间无法处理|次日跟进',
    '晚上|明天|半夜|没人处理|白班',
    '现在是夜间，这个问题需要明天白班同事处理。|我已经记录下来，明天上午10点前给您回复。|夜班这边先为您登记，明天优先处理。',
  ],
  refuse: [
    '委婉拒绝|无法满足|拒绝议价|抱歉不能',
    '便宜点|送点东西|包邮吗|能不能|破例',
    '非常抱歉，这个要求我们暂时无法满足。|价格是统一定的，不过可以送您一张优惠券。|很遗憾不能为您破例，希望理解。',
  ],
  'complain-slow': [
    '回复慢致歉|客户嫌慢|咨询量大致歉|回复不及时',
    '回复太慢|怎么不回|半天不理|效率太低|人呢',
    '非常抱歉回复慢了，现在咨询人数较多。|让您等了这么久，真的很抱歉。|接下来我会专心处理您的问题。',
  ],
  'rude-customer': [
    '客户不礼貌|文明沟通|请客户冷静|辱骂应对',
    '骂人|脏话|骗子|垃圾|滚',
    '理解您的心情，但也请您文明沟通，我们一起解决问题。|请您相信我会认真处理，我们好好沟通。|我会尽全力帮您，请您保持礼貌。',
  ],
  'explain-again': [
    '重复解释|换种说法|再说明一次|耐心解释',
    '听不懂|没看懂|什么意思|还是不明白|说清楚',
    '可能我刚才没说清楚，我换个方式再解释一下。|简单来说，就是这样处理的。|我再一步一步和您说明。',
  ],
  'unclear-message': [
    '信息不清|请补充说明|没看明白|请再描述',
    '？？|啥|你说什么|发错了|看不懂你说的',
    '不好意思，我没太明白您的意思，能再说详细一点吗？|您发的信息不太完整，麻烦补充一下。|请问您指的是哪一个商品呢？',
  ],
  'complaint-risk': [
    '投诉安抚|投诉倾向处理|防止投诉|投诉升级',
    '投诉|12315|差评|曝光|消协',
    '非常理解您的不满，我们一定给您一个满意的处理结果。|已经为您升级处理，专员会尽快联系您。|请给我们一个机会解决问题。',
  ],
  'feedback-suggestion': [
    '感谢建议|收到建议|意见反馈|采纳建议',
    '建议|意见|希望改进|提个意见|反馈',
    '谢谢您的宝贵建议，我们会认真考虑。|您的意见已经反馈给相关部门。|感谢您帮助我们变得更好。',
  ],
  'feedback-praise': [
    '感谢表扬|收到好评|谢谢夸奖|表扬致谢',
    '好评|很满意|服务好|点赞|谢谢你',
    '谢谢您的认可，这是对我们最大的鼓励！|能帮到您我也很开心。|您的表扬我会转达给团队。',
  ],
  'presale-product': [
    '商品咨询|产品介绍|材质说明|正品保证',
    '是正品吗|什么材质|质量怎么样|有现货吗|功能',
    '这款商品是正品，支持专柜验货。|面料是纯棉的，透气舒服。|目前有现货，今天下单明天发货。',
  ],
  'presale-size': [
    '尺码推荐|尺码咨询|规格选择|尺码表',
    '多大码|尺码|偏大偏小|身高体重|穿什么码',
    '请告诉我您的身高体重，我帮您推荐尺码。|这款尺码偏小，建议拍大一码。|详情页有尺码表可以参考。',
  ],
  'presale-recommend': [
    '推荐商品|搭配推荐|热销推荐|同款推荐',
    '推荐|有什么好|搭配|送人|哪款好',
    '给您推荐这款热销款，评价很好。|这款搭配起来很好看，很多顾客回购。|送人的话推荐礼盒装。',
  ],
  'presale-promotion': [
    '优惠活动|优惠券说明|满减活动|大促优惠',
    '优惠|优惠券|满减|便宜|打折|活动',
    '现在店铺有满减活动，满两百减三十。|领取优惠券下单更划算。|大促期间还有赠品。',
  ],
  'insale-urge-pay': [
    '催付款|未付款提醒|库存紧张催付|订单待支付',
    '还没付|待付款|考虑一下|等等再买|付款',
    '您拍下的商品还没有付款，库存紧张，建议尽快支付。|付款后我们当天就能发货。|优惠活动快结束了，现在付款最划算。',
  ],
  'insale-modify': [
    '修改订单|改规格|改数量|订单修改',
    '改订单|改颜色|改尺码|拍错了|改数量',
    '订单还没发货，可以为您修改规格。|已经为您改好，请刷新订单核对。|订单已打包无法修改，收到后可以换货。',
  ],
  'followup-open': [
    '回访开场|回访问候|打扰一下|回访询问',
    '回访|有空吗|打扰|问一下使用情况',
    '您好，打扰您两分钟，想了解一下商品使用情况。|上次的问题处理后，您还满意吗？|占用您一点时间做个简单回访。',
  ],
  'followup-result': [
    '处理结果回访|回访结果|问题已解决|结果告知',
    '解决了吗|结果|处理好了|后续',
    '您上次反馈的问题已经处理好了。|回访一下，补发的商品您收到了吗？|处理结果已经出来了，和您说明一下。',
  ],
  'closing-anything-else': [
    '询问其他需要|还有其他问题吗|结束前询问|其他帮助',
    '没有了|还有|就这些|没事了',
    '请问还有其他可以帮您的吗？|还有其他问题随时联系我。|如果没有其他问题，祝您购物愉快。',
  ],
  'closing-thanks': [
    '感谢与祝福|结束语|祝福语|感谢光临',
    '谢谢|再见|拜拜|好的谢谢',
    '感谢您的咨询，祝您生活愉快！|欢迎下次光临，再见。|谢谢您的支持，期待再次为您服务。',
  ],
};

const OPENERS = ['您好，', '亲，', '亲爱的顾客，', '{客户称呼}您好，', '在的亲，', '收到，', '好的亲，', ''];
const CLOSERS = ['有问题随时联系我哦。', '祝您生活愉快！', '感谢您的理解与支持。', '请您放心。', '谢谢亲。', '', ''];
const PRODUCTS = [
  '衣服',
  '连衣裙',
  '羽绒服',
  '牛仔裤',
  '运动鞋',
  '手机壳',
  '充电宝',
  '蓝牙耳机',
  '保温杯',
  '床上四件套',
  '护肤套装',
  '儿童玩具',
  '电饭煲',
  '台灯',
  '背包',
  '衬衫',
  '卫衣',
  '零食礼盒',
];
const FILLERS = [
  '您的订单我们已经收到了。',
  '这件{商品}很多顾客都在买。',
  '我们店铺一直用心做好每一件商品。',
  '您收到的衣服如果有任何问题都可以联系我们。',
  '订单信息我这边都能看到。',
  '麻烦您了。',
  '我们会尽快处理。',
  '收到您的反馈了。',
];
const TITLE_VARIANTS = [
  '',
  '',
  '',
  '（通用）',
  '-大促版',
  '-老客户版',
  '（{p}）',
  '-简洁版',
  '-详细版',
  '（夜班）',
  '2',
  '3',
];
const TAG_POOL = ['售前', '售中', '售后', '物流', '通用', '大促', '新人必学', '高频', '安抚', '退换'];
/** After-sale and logistics get more scripts in real libraries. */
const POPULAR = /^(sol-|logistics-|refund|payment|presale|insale)/;

/** mulberry32: small, fast, and the same sequence on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function syntheticLibrary(size: number, seed = 20261124): SearchDoc[] {
  const pack = loadDefaultPack();
  const real = docsFromPack(pack).slice(0, size);
  const byId = new Map(pack.situations.map((s) => [s.id, s]));
  const pathOf = (id: string): string[] => {
    const s = byId.get(id);
    return s ? [...(s.parent ? pathOf(s.parent) : []), s.name] : [];
  };
  const paths = new Map(pack.situations.map((s) => [`${pack.id}/${s.id}`, pathOf(s.id)]));
  const leaves = Object.keys(VOCAB).filter((id) => paths.has(`${pack.id}/${id}`));
  const weighted = leaves.flatMap((id) => (POPULAR.test(id) ? [id, id, id] : [id]));
  const rnd = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const some = <T>(list: readonly T[], n: number): T[] => {
    const copy = [...list];
    const out: T[] = [];
    while (out.length < n && copy.length) out.push(copy.splice(Math.floor(rnd() * copy.length), 1)[0]!);
    return out;
  };
  const vocab = new Map(
    leaves.map((id) => {
      const [t, k, s] = VOCAB[id]!;
      return [id, { titles: t.split('|'), keywords: k.split('|'), sentences: s.split('|') }];
    }),
  );
  // A script often borrows a sentence from a situation under the same parent (family).
  const family = new Map(leaves.map((id) => [id, leaves.filter((l) => l.split('-')[0] === id.split('-')[0])]));
  const shortcutCounters = new Map<string, number>();
  const docs: SearchDoc[] = [...real];
  for (let i = 0; docs.length < size; i++) {
    const id = pick(weighted);
    const v = vocab.get(id)!;
    const product = pick(PRODUCTS);
    const neighbour = vocab.get(pick(family.get(id)!))!;
    // Team libraries run longer than the default pack (its bodies are ~45 characters): about
    // 100 here, so the index and the postings are sized for real use, not for the sample.
    const sentences = some(v.sentences, 2 + Math.floor(rnd() * (v.sentences.length - 1)));
    if (rnd() < 0.6) sentences.push(pick(neighbour.sentences));
    for (let f = 1 + Math.floor(rnd() * 3); f > 0; f--)
      sentences.splice(Math.floor(rnd() * sentences.length), 0, pick(FILLERS));
    const body = (pick(OPENERS) + sentences.join('') + pick(CLOSERS)).replaceAll('{商品}', product);
    const title = pick(v.titles) + pick(TITLE_VARIANTS).replace('{p}', product);
    const keywords = some(v.keywords, 2 + Math.floor(rnd() * 4));
    if (rnd() < 0.3) keywords.push(product);
    let shortcut: string | undefined;
    if (rnd() < 0.33) {
      // Codes like the default pack's (initials + number), numbered from 100 so they never
      // take one of its codes.
      const stem = id
        .replace(
          /^(sol|logistics|payment|presale|insale|handover|feedback|followup|closing|greet|identity|understand|troubleshoot|wait)-/,
          '',
        )
        .replace(/[^a-z]/g, '')
        .slice(0, 3);
      const n = (shortcutCounters.get(stem) ?? 99) + 1;
      shortcutCounters.set(stem, n);
      shortcut = `${stem}${n}`;
    }
    docs.push({
      key: `synthetic/${id}-${i}`,
      packId: 'synthetic',
      title,
      body,
      purpose:
        rnd() < 0.7
          ? `${pick(v.titles)}时使用，${pick(['先安抚再说明', '说明原因和时效', '给出明确方案', '语气要亲切', '避免承诺做不到的事'])}。`
          : '',
      keywords,
      tags: some(TAG_POOL, Math.floor(rnd() * 3)),
      ...(shortcut ? { shortcut } : {}),
      situationId: `${pack.id}/${id}`,
      situationPath: paths.get(`${pack.id}/${id}`)!,
    });
  }
  return docs;
}
