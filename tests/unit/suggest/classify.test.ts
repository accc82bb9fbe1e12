/**
 * Suggested replies, case by case, on the default pack: what an agent would see for one
 * customer message or a short conversation.
 */
import { describe, expect, it } from 'vitest';
import { loadDefaultPack } from '../../../scripts-library/default-pack';
import { cueSourcesFromPack, docsFromPack } from '../../../utils/library/search-docs';
import { createSearchIndex, type SearchDoc } from '../../../utils/search';
import {
  cleanText,
  clausesOf,
  expandShorthand,
  pickStatsFrom,
  prepareSuggestLibrary,
  suggestReplies,
  type ChatMessage,
  type CueSource,
} from '../../../utils/suggest';

const pack = loadDefaultPack();
const docs = docsFromPack(pack);
const lib = prepareSuggestLibrary(createSearchIndex(docs), docs, cueSourcesFromPack(pack));
const local = (id: string) => id.slice(id.lastIndexOf('/') + 1);
const customer = (text: string): ChatMessage => ({ from: 'customer', text });
const agent = (text: string): ChatMessage => ({ from: 'agent', text });
const situationsFor = (...messages: ChatMessage[]) => suggestReplies(messages, lib).situations.map((s) => local(s.id));
const scriptSituationsFor = (...messages: ChatMessage[]) =>
  suggestReplies(messages, lib).scripts.map((s) => local(s.situationId));

describe('reading a message', () => {
  it('folds full-width and traditional text, takes emoji out and spells chat shorthand out', () => {
    expect(cleanText('ＸＬ碼偏大嗎？😡')).toBe('xl码偏大吗?');
    expect(expandShorthand('kd到哪了 tk呢')).toBe('快递到哪了 退款呢');
    // only as a word of its own
    expect(expandShorthand('this is 8th')).toBe('this is 8th');
  });

  it('cuts a message into clauses at punctuation and spaces, and marks the questions', () => {
    expect(clausesOf(cleanText('碗碎了一个，能补发吗？要拍照吗？'))).toEqual([
      { text: '碗碎了一个', question: false },
      { text: '能补发吗', question: true },
      { text: '要拍照吗', question: true },
    ]);
    expect(clausesOf('东西收到了 包装挺好的').map((c) => c.text)).toEqual(['东西收到了', '包装挺好的']);
    // A space between latin words does not cut: English and pinyin typed without the input method.
    expect(clausesOf(cleanText('thank you 谢谢')).map((c) => c.text)).toEqual(['thank you', '谢谢']);
    expect(clausesOf(cleanText('tuikuan shenme shihou dao')).map((c) => c.text)).toEqual(['tuikuan shenme shihou dao']);
  });
});

describe('situations of one message', () => {
  it('reads damage in the customer’s words: a quality or transit-damage script comes first', () => {
    for (const text of ['杯子碎了', '东西烂了', '收到的时候箱子都压扁了 里面裂了', '壞了 怎麼辦', '玻璃瓶碎了😭']) {
      expect(['sol-quality', 'sol-transit-damage'], text).toContain(scriptSituationsFor(customer(text))[0]);
    }
  });

  it('ignores a denied problem: “没有坏” in a message about a missing part is not damage', () => {
    const got = situationsFor(customer('东西收到了 包装挺好的 没有坏 就是少了一个遥控器'));
    expect(got[0]).toBe('sol-missing-parts');
    expect(got).not.toContain('sol-quality');
    // Without the negation, damage is read.
    expect(situationsFor(customer('东西收到了 坏了'))[0]).toMatch(/sol-quality|sol-transit-damage/);
  });

  it('“我不是要退货” does not suggest returns; the question asked does', () => {
    const got = situationsFor(customer('我不是要退货 也不是要换货 我就是想知道这个衣服能不能机洗'));
    expect(got[0]).toBe('presale-product');
    expect(got.slice(0, 2)).not.toContain('sol-7day-return');
  });

  it('covers two questions in one message within the first two scripts', () => {
    for (const [text, a, b] of [
      ['什么时候发货？能开发票吗', 'ship-time', 'sol-invoice'],
      ['我165穿什么码？有优惠券吗', 'presale-size', 'coupon'],
      ['退货运费谁出 退款多久到账', 'sol-return-shipping', 'refund-progress'],
    ] as const) {
      const firstTwo = scriptSituationsFor(customer(text)).slice(0, 2);
      expect(firstTwo, text).toEqual(expect.arrayContaining([a, b]));
    }
  });

  it('weights the end of a long rant, where the customer says what they want', () => {
    const rant =
      '我跟你说 上次买的锅就有问题 我也没找你们 这次买的衣服倒是没什么问题 就是想问一下 这个能开发票吗 公司要报销';
    expect(situationsFor(customer(rant))[0]).toBe('sol-invoice');
  });

  it('reads an angry emoji as a tone to soothe', () => {
    expect(situationsFor(customer('😡😡😡')).slice(0, 2)).toEqual(expect.arrayContaining(['soothe']));
  });

  it('says why: a cue word, a search match or the conversation', () => {
    const [first] = suggestReplies([customer('快递碎了')], lib).situations;
    expect(first!.reason).toEqual({ kind: 'cue', text: '碎了' });
  });

  it('suggests nothing without a customer message', () => {
    expect(suggestReplies([agent('您好，请问有什么可以帮您？')], lib)).toEqual({ situations: [], scripts: [] });
    expect(suggestReplies([], lib).scripts).toEqual([]);
  });
});

describe('wording the lexicon does not have word for word', () => {
  it('reads a homophone typo of a cue (the input method picked the wrong character)', () => {
    for (const [text, want] of [
      ['能寄倒付吗', 'sol-return-shipping'],
      ['这个发漂怎么开', 'sol-invoice'],
      ['我的快地什么时候到', 'logistics-track'],
    ] as const)
      expect(scriptSituationsFor(customer(text))[0], text).toBe(want);
    // Sounding alike is not enough without a character of the word (件衣 is not 建议), and a
    // particle is not one (电了 is not 垫了).
    const cueOf = (text: string, id: string) => {
      const s = suggestReplies([customer(text)], lib).situations.find((x) => local(x.id) === id);
      return s?.reason.kind === 'cue' ? s.reason.text : undefined;
    };
    expect(cueOf('这件衣服', 'feedback-suggestion')).toBeUndefined();
    expect(situationsFor(customer('耳机是不是漏电了'))).not.toContain('sol-return-shipping');
  });

  it('reads a cue with a word inside it, and a longer reading wins over a short cue inside it', () => {
    expect(scriptSituationsFor(customer('这不是我当时下单的那个颜色'))[0]).toBe('sol-wrong-item');
    expect(situationsFor(customer('都五天了还没有收到货'))[0]).toMatch(/logistics-lost|logistics-delay/);
  });

  it('a question (是不是坏了) is not a denial, a denial (没有掉色) still is', () => {
    expect(situationsFor(customer('是不是坏了'))[0]).toBe('sol-quality');
    expect(situationsFor(customer('衣服没有掉色 就是少了一颗扣子'))).not.toContain('sol-quality');
  });

  it('a denied mishap (我没摔过) is not damage by the customer; a told one is', () => {
    const denied = situationsFor(customer('我没摔过 用着用着自己裂开了'));
    expect(denied[0]).toBe('sol-quality');
    expect(denied).not.toContain('sol-customer-damage');
    expect(situationsFor(customer('我不小心摔坏了'))[0]).toBe('sol-customer-damage');
  });

  it('a cue shared by two situations counts for both (没声音: a fault to rule out, or a quality problem)', () => {
    const got = situationsFor(customer('音箱没声音'));
    expect(got.slice(0, 2).sort()).toEqual(['sol-quality', 'troubleshoot-usage']);
  });

  it('of two cues of one length that overlap, the one read first from the left counts (错发了: 错发, not 发了)', () => {
    expect(situationsFor(customer('错发了一个'))[0]).toBe('sol-wrong-item');
  });

  it('a product name that holds a cue is not that cue (扫地机器人 is not 机器人, 体重秤 not 体重)', () => {
    expect(situationsFor(customer('扫地机器人一直原地转圈'))).not.toContain('complain-slow');
    expect(situationsFor(customer('扫地机器人一直原地转圈'))[0]).toBe('troubleshoot-usage');
    expect(situationsFor(customer('体重秤不准'))[0]).not.toBe('presale-size');
    // The words alone still count.
    expect(situationsFor(customer('你是机器人吧'))[0]).toBe('complain-slow');
  });

  it('a cue of letters is a whole word: hi and ok alone, not inside “this book”', () => {
    expect(situationsFor(customer('hi'))[0]).toBe('greet-idle');
    expect(situationsFor(customer('ok'))[0]).toBe('closing-thanks');
    const got = situationsFor(customer('this book'));
    expect(got).not.toContain('greet-idle');
    expect(got).not.toContain('closing-thanks');
  });

  it('an A不A question (照片要不要发你) is not the negated cue inside it (不要发: cancel)', () => {
    expect(situationsFor(customer('照片要不要发你'))).not.toContain('sol-cancel');
    expect(situationsFor(customer('照片要不要发你'))[0]).toBe('troubleshoot-evidence');
    expect(situationsFor(customer('不要发了'))[0]).toBe('sol-cancel');
  });

  it('reads pinyin typed with the input method off as the cues it spells', () => {
    for (const [text, want] of [
      ['tuikuan shenme shihou dao', 'refund-progress'],
      ['fahuo le mei', 'ship-time'],
      ['wo bu xiang yao le', 'sol-7day-return'],
    ] as const)
      expect(situationsFor(customer(text))[0], text).toBe(want);
    // An English word is not cut into syllables.
    expect(situationsFor(customer('thank you'))[0]).toBe('closing-thanks');
    // The cues read it all: the search's letter matches (zai → 再, ma → 码) do not outvote them.
    expect(scriptSituationsFor(customer('zai ma'))[0]).toBe('greet-idle');
    expect(scriptSituationsFor(customer('you huo ma'))[0]).toBe('stock-presale');
  });

  it('reads phrases with a variable part: a smell, days without news, an A不A question about the product', () => {
    for (const [text, want] of [
      ['奶嘴有股说不出来的味', 'sol-quality'],
      ['用了三天就不亮了', 'sol-quality'],
      ['物流八天都没变化', 'logistics-delay'],
      ['快递走得比我还慢', 'logistics-delay'],
      ['这件透不透', 'presale-product'],
      ['高是多少', 'presale-size'],
      ['退款显示成功了 但是钱没收到', 'refund-progress'],
    ] as const)
      expect(situationsFor(customer(text))[0], text).toBe(want);
  });

  it('a greeting in front of a problem or a question only opens the message: the rest leads', () => {
    expect(scriptSituationsFor(customer('在吗 上次买的奶粉罐子是瘪的'))[0]).toBe('sol-transit-damage');
    expect(scriptSituationsFor(customer('您好，我的耳机左边没声音'))[0]).toMatch(/troubleshoot-usage|sol-quality/);
    // A greeting alone is still a greeting, and greetings together too.
    expect(situationsFor(customer('你好'))[0]).toBe('greet-idle');
    expect(situationsFor(customer('亲 在吗'))[0]).toBe('greet-idle');
  });

  it('vague words (这个, 上次买的) are unclear alone, not in a sentence that says or asks something', () => {
    expect(situationsFor(customer('这个桌子多宽'))[0]).toBe('presale-size');
    expect(situationsFor(customer('上次买的奶粉罐子是瘪的'))[0]).toBe('sol-transit-damage');
    expect(situationsFor(customer('就是上次那个'))[0]).toBe('unclear-message');
    expect(situationsFor(customer('嗯嗯那个'))[0]).toBe('unclear-message');
  });

  it('a negated praise (不太满意) is no praise, and the clause is still searched as a complaint', () => {
    const got = scriptSituationsFor(customer('收到不太满意能退货不'));
    expect(got[0]).toBe('sol-7day-return');
    expect(got).not.toContain('feedback-praise');
    expect(situationsFor(customer('很满意'))[0]).toBe('feedback-praise');
  });

  it('a message of question marks only (？？) is unclear, not nothing', () => {
    expect(situationsFor(customer('？？'))[0]).toBe('unclear-message');
    expect(situationsFor(customer('有人吗？？'))[0]).toBe('greet-idle');
  });

  it('a one-character clause beside others (好，你先查) is not searched: the rest leads', () => {
    expect(situationsFor(customer('好，你先查'))[0]).toBe('wait-before');
  });

  it('when three situations are about as likely, the first three scripts are of three situations', () => {
    const s = suggestReplies([customer('快递丢了吧 运费谁出 啥时候退款')], lib);
    expect(new Set(s.scripts.slice(0, 3).map((x) => x.situationId)).size).toBe(3);
  });
});

describe('the conversation so far', () => {
  it('a short follow-up about the same parcel stays in logistics', () => {
    const got = situationsFor(
      customer('快递三天没动了'),
      agent('已经帮您催件了，请再耐心等一下'),
      customer('还没到啊'),
    );
    expect(got[0]).toMatch(/^logistics-/);
  });

  it('“那怎么办啊” after a broken item keeps the damage situation', () => {
    const got = scriptSituationsFor(
      customer('杯子收到就碎了'),
      agent('非常抱歉，麻烦您拍个照片给我看看'),
      customer('那怎么办啊'),
    );
    expect(['sol-transit-damage', 'sol-quality']).toContain(got[0]);
  });

  it('asking for a remedy (补发还是退钱) after telling what broke stays with the damage', () => {
    const got = scriptSituationsFor(
      customer('快递今天到了 箱子都压扁了 碗碎了两个'),
      customer('这个怎么弄啊 是给我补发还是退钱？？ 照片要不要发你'),
    );
    expect(['sol-transit-damage', 'sol-quality']).toContain(got[0]);
  });

  it('a clear new question wins over the earlier topic', () => {
    expect(situationsFor(customer('快递到哪了'), agent('明天就能送到'), customer('对了 能开发票吗'))[0]).toBe(
      'sol-invoice',
    );
  });

  it('a new move in the customer’s own words is not outvoted by the topic named before it', () => {
    // The parcel was named by the customer and the agent: the reply now is to wait, not the parcel.
    const pending = [customer('我的订单一直显示待发货'), agent('亲，我这边需要去仓库确认一下具体情况哦。')];
    expect(scriptSituationsFor(...pending, customer('嗯 你去查吧'))[0]).toBe('wait-before');
    // A follow-up form still takes the topic from before.
    expect(scriptSituationsFor(customer('杯子漏水'), customer('咋整'))[0]).toBe('sol-quality');
  });

  it('after a pause, a new problem is a new topic: an old “好的谢谢” does not lead', () => {
    const now = Date.UTC(2026, 10, 24, 12);
    const min = 60_000;
    const messages: ChatMessage[] = [
      { from: 'customer', text: '我上周退的那条裙子 仓库签收了吗', at: now - 49 * min },
      { from: 'agent', text: '仓库已签收，退款已经提交', at: now - 47 * min },
      { from: 'customer', text: '好的谢谢', at: now - 46 * min },
      { from: 'agent', text: '不客气，请问还有其他可以帮您的吗？', at: now - 45 * min },
      { from: 'customer', text: '收到的台灯灯罩碎了，怎么处理？', at: now },
    ];
    const got = suggestReplies(messages, lib, { now }).scripts.map((s) => local(s.situationId));
    expect(['sol-transit-damage', 'sol-quality']).toContain(got[0]);
    // The same words a minute apart: the thanks still belongs to the conversation.
    const close = messages.map((m, i) => ({ ...m, at: now - (messages.length - 1 - i) * min }));
    expect(suggestReplies(close, lib, { now }).situations.map((s) => local(s.id))).toContain('closing-thanks');
  });

  it('older messages fade: the latest topic wins over one three messages back', () => {
    const got = situationsFor(
      customer('能开发票吗'),
      agent('可以的'),
      customer('好的'),
      agent('还有什么可以帮您？'),
      customer('我的快递到哪了'),
      agent('在派送了'),
      customer('还没到呢'),
    );
    expect(got[0]).toMatch(/^logistics-/);
  });
});

describe('reading real chat text', () => {
  it('spells chat shorthand and pinyin among characters out', () => {
    for (const [text, want] of [
      ['kd到哪了', 'logistics-track'],
      ['tk啥时候到账', 'refund-progress'],
      ['我想tui货', 'sol-7day-return'],
      ['退kuan什么时候到', 'refund-progress'],
    ] as const)
      expect(situationsFor(customer(text)), text).toContain(want);
  });

  it('reads amounts and promotions, and the typo of 包邮', () => {
    expect(situationsFor(customer('满300减50是怎么减的'))[0]).toBe('coupon');
    expect(situationsFor(customer('包游吗亲'))[0]).toBe('shipping-fee');
    expect(situationsFor(customer('昨天买的今天便宜了30块'))[0]).toBe('price-protect');
  });

  it('does not misread 拍了 (ordered), 不付 (not paying) or 转圈 (a spinner)', () => {
    expect(situationsFor(customer('拍了三天了还没发'))[0]).toBe('ship-time');
    expect(situationsFor(customer('拍了三天了还没发'))).not.toContain('troubleshoot-evidence');
    expect(scriptSituationsFor(customer('先不付了 我再想想')).slice(0, 3)).not.toContain('sol-misleading');
    expect(situationsFor(customer('先不付了 我再想想'))[0]).toBe('insale-urge-pay');
    expect(situationsFor(customer('付款的时候一直转圈'))[0]).toBe('payment-failed');
    expect(situationsFor(customer('扫地机一直在原地转圈'))[0]).not.toBe('payment-failed');
  });

  it('shows the best script of each likely reading first: three situations before a second script of one', () => {
    // 有没有 + 赠品 + 券: three questions, three situations in the first three scripts
    const got = scriptSituationsFor(customer('我买的时候说有赠品 到现在也没看到 而且券也没用上'));
    expect(new Set(got.slice(0, 3)).size).toBe(3);
    expect(got.slice(0, 3)).toEqual(expect.arrayContaining(['gift', 'coupon']));
  });

  it('reads requests phrased as questions or suggestions, and slang', () => {
    expect(situationsFor(customer('能不能早点发啊'))[0]).toBe('ship-time');
    expect(situationsFor(customer('建议你们尽快发货'))[0]).toBe('ship-time');
    expect(situationsFor(customer('tm的回个消息这么难吗'))).toContain('rude-customer');
  });

  it('reads a condition before a question about its consequence as the case to answer', () => {
    // The money back is what every case asks about; refusing the parcel is the case.
    expect(scriptSituationsFor(customer('要是快递到了我不签 钱能退回来吗'))[0]).toBe('refused-return');
    expect(scriptSituationsFor(customer('我要是现在不想要了 会不会扣钱'))[0]).toBe('sol-7day-return');
  });

  it('reads what customers imply: an elapsed time names no topic, the topic beside it does', () => {
    expect(scriptSituationsFor(customer('tui款怎么还没到 都一周了'))[0]).toBe('refund-progress');
    expect(scriptSituationsFor(customer('说好三天到 这都第五天了'))[0]).toBe('logistics-delay');
    expect(scriptSituationsFor(customer('付款都三天了 物流信息一条都没有'))[0]).toBe('ship-time');
    expect(scriptSituationsFor(customer('我前天买的399 今天一看329了'))[0]).toBe('price-protect');
    expect(scriptSituationsFor(customer('你先去核实一下 我不着急 慢慢查'))[0]).toBe('wait-before');
    expect(scriptSituationsFor(customer('我是昨天找你们退款的那个王女士 还记得吧'))[0]).toBe('identity-confirm');
    expect(scriptSituationsFor(customer('要是有小包装就好了 一大瓶用不完都过期了'))).toContain('feedback-suggestion');
    // 一 in 一直 is not a price: this is a payment error, not a price drop.
    expect(scriptSituationsFor(customer('付款的时候一直提示网络错误'))[0]).toBe('payment-failed');
  });
});

describe('any pack, through its own customer wording and the search', () => {
  const doc = (id: string, situation: string, name: string, title: string, keywords: string[]): SearchDoc => ({
    key: `team/${id}`,
    packId: 'team',
    title,
    body: `${title}的回复`,
    purpose: '',
    keywords,
    tags: [],
    situationId: `team/${situation}`,
    situationPath: ['售后', name],
  });
  const team = [
    doc('a', 's1', '商品质量投诉', '质量问题处理', ['有问题']),
    doc('b', 's2', '快递查询', '查快递', ['单号']),
    doc('c', 's3', '开具发票', '开票说明', ['开票']),
    doc('d', 's3', '开具发票', '电子发票', ['电子票']),
  ];
  const cues: CueSource[] = [
    { situationKey: 'team/s1', cues: [{ words: ['碎了', '裂了', '炸膛'], negatable: true }] },
    { situationKey: 'team/s2', cues: ['到哪了', 're:(包裹|快递)(现在)?(在|到)哪'] },
    { situationKey: 'team/s3', scriptKey: 'team/d', cues: ['报销凭证'] },
  ];
  const teamLib = prepareSuggestLibrary(createSearchIndex(team), team, cues);

  it('reads the team’s own words, patterns included, whatever its situation ids and names', () => {
    expect(suggestReplies([customer('锅用了一次就炸膛了')], teamLib).situations[0]!.id).toBe('team/s1');
    expect(suggestReplies([customer('我的包裹现在到哪')], teamLib).situations[0]!.id).toBe('team/s2');
    expect(suggestReplies([customer('要发票')], teamLib).situations[0]!.id).toBe('team/s3');
    // a script's own cue brings that script first, not only its situation
    expect(suggestReplies([customer('要个报销凭证')], teamLib).scripts[0]!.key).toBe('team/d');
    // negation still works on the team's words
    expect(suggestReplies([customer('没有碎了')], teamLib).situations.map((x) => x.id)).not.toContain('team/s1');
  });

  it('reads the team’s words through near sounds of the input method (模糊音) and pinyin among characters', () => {
    const fuzzyLib = prepareSuggestLibrary(createSearchIndex(team), team, [
      { situationKey: 'team/s1', cues: ['安装不上', '便宜'] },
      { situationKey: 'team/s2', cues: ['一直不更新'] },
    ]);
    // zhuan for zhuang, gen for geng: the wrong character of a near sound
    expect(suggestReplies([customer('这个安转不上')], fuzzyLib).situations[0]).toMatchObject({
      id: 'team/s1',
      reason: { kind: 'cue', text: '安转不上' },
    });
    expect(suggestReplies([customer('物流一直不跟新')], fuzzyLib).situations[0]!.id).toBe('team/s2');
    // yi is 一 most often in the cues, but only 宜 makes one here
    expect(suggestReplies([customer('能不能便yi点')], fuzzyLib).situations[0]!.id).toBe('team/s1');
    // a whole word of another sound is not a typo
    expect(suggestReplies([customer('一直不跟你说')], fuzzyLib).situations.map((x) => x.id)).not.toContain('team/s2');
  });

  it('reads the same wording for new documents, and a situation left without scripts is not suggested', () => {
    // the same cue sources, now without the quality situation's only script (hidden or deleted)
    const fewer = team.filter((d) => d.situationId !== 'team/s1');
    const later = prepareSuggestLibrary(createSearchIndex(fewer), fewer, cues);
    expect(suggestReplies([customer('锅用了一次就炸膛了')], later).situations.map((x) => x.id)).not.toContain(
      'team/s1',
    );
    expect(suggestReplies([customer('我的包裹现在到哪')], later).situations[0]!.id).toBe('team/s2');
  });

  it('holds no wording of its own: without cues, only the search reads the message', () => {
    const bare = prepareSuggestLibrary(createSearchIndex(team), team);
    // 炸膛 is only in the team's cues, and no script says it
    expect(suggestReplies([customer('锅炸膛了')], bare).situations).toEqual([]);
  });
});

describe('the agent’s picks', () => {
  it('a script picked for a situation ranks first next time that situation is detected', () => {
    const conversation = [customer('物流三天没动了 怎么回事')];
    const before = suggestReplies(conversation, lib);
    const situation = before.situations[0]!.id;
    const favourite = before.scripts.filter((s) => s.situationId === situation).at(-1)!.key;
    expect(before.scripts[0]!.key).not.toBe(favourite);
    const now = Date.now();
    const picks = pickStatsFrom(
      [1, 2, 3].map((i) => ({
        scriptKey: favourite,
        at: now - i * 60_000,
        situationKey: situation,
        via: 'suggestion',
      })),
      now,
    );
    const after = suggestReplies(conversation, lib, { picks, now });
    expect(after.scripts[0]).toMatchObject({ key: favourite, reason: { kind: 'picked' } });
  });

  it('a script from elsewhere that the agent keeps choosing for a situation joins its suggestions', () => {
    const now = Date.now();
    const elsewhere = docs.find((d) => local(d.situationId) === 'apology')!.key;
    const situation = suggestReplies([customer('物流三天没动了')], lib).situations[0]!.id;
    const picks = pickStatsFrom([{ scriptKey: elsewhere, at: now, situationKey: situation, via: 'suggestion' }], now);
    expect(suggestReplies([customer('物流三天没动了')], lib, { picks, now }).scripts.map((s) => s.key)).toContain(
      elsewhere,
    );
  });

  it('only suggestion picks with a situation count', () => {
    const stats = pickStatsFrom(
      [
        { scriptKey: 'a', at: 1, situationKey: 's', via: 'suggestion' },
        { scriptKey: 'a', at: 2, situationKey: 's', via: 'search' },
        { scriptKey: 'b', at: 3, via: 'suggestion' },
      ],
      10,
    );
    expect([...stats.keys()]).toEqual(['s']);
    expect(stats.get('s')!.get('a')!.count).toBe(1);
  });
});
