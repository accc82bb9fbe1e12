/**
 * Quality floor of suggested replies on the default pack: for ≥ 90 % of the labeled customer
 * messages (tests/fixtures/customer-messages.json), one of the first three suggested scripts
 * is of a right situation; and regression floors on the held-out sets. `npm run bench` prints the same figures per set.
 */
import { describe, expect, it } from 'vitest';
import { loadDefaultPack } from '../../../scripts-library/default-pack';
import { cueSourcesFromPack, docsFromPack } from '../../../utils/library/search-docs';
import { createSearchIndex } from '../../../utils/search';
import { prepareSuggestLibrary, suggestReplies } from '../../../utils/suggest';
import {
  conversationOf,
  DEV4_MESSAGES,
  DEV5_MESSAGES,
  DEV6_MESSAGES,
  evaluateSuggestions,
  HELD_OUT_MESSAGES,
  HOLDOUT3_MESSAGES,
  HOLDOUT4_MESSAGES,
  HOLDOUT5_MESSAGES,
  LABELED_MESSAGES,
  LABELED_PACK_ID,
} from './labeled-set';

const KINDS = ['plain', 'typo', 'slang', 'emoji', 'pinyin', 'traditional', 'fullwidth', 'rant', 'multi', 'followup'];

describe('suggestion quality on the default pack', () => {
  const pack = loadDefaultPack();
  const docs = docsFromPack(pack);
  const lib = prepareSuggestLibrary(createSearchIndex(docs), docs, cueSourcesFromPack(pack));

  it('has at least 200 labeled messages of every kind, pointing at situations that have scripts', () => {
    expect(pack.id).toBe(LABELED_PACK_ID);
    expect(LABELED_MESSAGES.length).toBeGreaterThanOrEqual(200);
    expect(new Set(LABELED_MESSAGES.map((m) => m.kind))).toEqual(new Set(KINDS));
    const withScripts = new Set(pack.scripts.map((s) => s.situation));
    const dangling = [
      ...LABELED_MESSAGES,
      ...HELD_OUT_MESSAGES,
      ...HOLDOUT3_MESSAGES,
      ...HOLDOUT4_MESSAGES,
      ...HOLDOUT5_MESSAGES,
      ...DEV4_MESSAGES,
      ...DEV5_MESSAGES,
      ...DEV6_MESSAGES,
    ].flatMap((m) => m.situations.filter((s) => !withScripts.has(s)).map((s) => `${m.text} → ${s}`));
    expect(dangling).toEqual([]);
  });

  // 90 % at first; 100 % / 96.7 % top-1 measured after round 5, floors raised to just below.
  // A customer asking for the shop's return address wants the return, not a read-back of their
  // own contact details: the read-back situation once carried 退货地址 among its cues.
  it('answers 退货地址发我一下 with the return, not with reading back the customer’s address', () => {
    const s = suggestReplies([{ from: 'customer', text: '退货地址发我一下' }], lib);
    expect(s.situations[0]?.id).toBe(`${pack.id}/sol-7day-return`);
    expect(s.scripts[0]?.situationId).toBe(`${pack.id}/sol-7day-return`);
  });

  it('puts a script of a right situation in the top 3 for ≥ 99 % of the messages', () => {
    const report = evaluateSuggestions((m) => suggestReplies(conversationOf(m), lib));
    const summary = `top-1 ${(100 * report.top1).toFixed(1)} %, top-3 ${(100 * report.top3).toFixed(1)} %`;
    const misses = report.misses
      .map((m) => `  ${m.text} (${m.kind}) want ${m.want.join('|')}, got ${m.got.join(', ') || 'nothing'}`)
      .join('\n');
    console.info(`suggestions on ${report.messages} labeled messages: ${summary}`);
    expect(report.top3, `${summary}\nmisses:\n${misses}`).toBeGreaterThanOrEqual(0.99);
    expect(report.top1, summary).toBeGreaterThanOrEqual(0.95);
    // Every kind holds up on its own, not only on average.
    for (const [kind, k] of Object.entries(report.byKind))
      expect(k.top3 / k.messages, kind).toBeGreaterThanOrEqual(0.8);
  });

  // Set AFTER measuring (top-3 95.2 % on the 291 held-out messages when this floor was added,
  // 99.7 % after round 5), a little below it so that a change that loses generalisation fails
  // here. Lowering it needs a reason.
  it('keeps generalising: on the held-out messages, a right script is in the top 3 for ≥ 98 %', () => {
    const report = evaluateSuggestions((m) => suggestReplies(conversationOf(m), lib), HELD_OUT_MESSAGES);
    const summary = `top-1 ${(100 * report.top1).toFixed(1)} %, top-3 ${(100 * report.top3).toFixed(1)} %`;
    console.info(`suggestions on ${report.messages} held-out messages: ${summary}`);
    expect(HELD_OUT_MESSAGES.length).toBeGreaterThanOrEqual(250);
    expect(report.top3, summary).toBeGreaterThanOrEqual(0.98);
  });

  // Written by someone who never read the classifier, its lexicon or the other sets. Its misses
  // were tuned on when the wording moved into the pack (85.5 % then, 93.9 % after), so it is no
  // longer independent: this floor only catches regressions (93.6 % / 83.9 % after round 5,
  // 94.5 % / 85.2 % after round 6).
  it('holds on the third held-out set: ≥ 94 % top-3', () => {
    const report = evaluateSuggestions((m) => suggestReplies(conversationOf(m), lib), HOLDOUT3_MESSAGES);
    const summary = `top-1 ${(100 * report.top1).toFixed(1)} %, top-3 ${(100 * report.top3).toFixed(1)} %`;
    console.info(`suggestions on ${report.messages} third held-out messages: ${summary}`);
    expect(HOLDOUT3_MESSAGES.length).toBeGreaterThanOrEqual(300);
    expect(report.top3, summary).toBeGreaterThanOrEqual(0.94);
    expect(report.top1, summary).toBeGreaterThanOrEqual(0.84);
  });

  it('reads the developer’s own examples of round 4’s situations and chat habits (tuned on): ≥ 99 % top-3', () => {
    const report = evaluateSuggestions((m) => suggestReplies(conversationOf(m), lib), DEV4_MESSAGES);
    const summary = `top-1 ${(100 * report.top1).toFixed(1)} %, top-3 ${(100 * report.top3).toFixed(1)} %`;
    console.info(`suggestions on ${report.messages} developer examples: ${summary}`);
    expect(report.top3, summary).toBeGreaterThanOrEqual(0.99);
  });

  // Written before round 5's tuning, weighted to indirect requests and follow-ups, then tuned
  // on (86.5 % / 73.7 % before, 97.7 % / 87.6 % after; 97.7 % / 89.5 % after round 6): optimistic;
  // the floor catches regressions.
  it('reads the developer’s fifth set, indirect requests and follow-ups above all (tuned on): ≥ 97 % top-3', () => {
    const report = evaluateSuggestions((m) => suggestReplies(conversationOf(m), lib), DEV5_MESSAGES);
    const summary = `top-1 ${(100 * report.top1).toFixed(1)} %, top-3 ${(100 * report.top3).toFixed(1)} %`;
    console.info(`suggestions on ${report.messages} fifth-set messages: ${summary}`);
    expect(DEV5_MESSAGES.length).toBeGreaterThanOrEqual(400);
    expect(report.top3, summary).toBeGreaterThanOrEqual(0.97);
    expect(report.top1, summary).toBeGreaterThanOrEqual(0.89);
    for (const kind of ['indirect', 'context'])
      expect(report.byKind[kind]!.top3 / report.byKind[kind]!.messages, kind).toBeGreaterThanOrEqual(0.93);
  });

  // Written by a separate writer from the situation names and the domain notes only, weighted to
  // indirect requests; measured before round 6 touched anything (85.5 % top-3, 70.0 % top-1: as
  // low as the held-out sets), then tuned on (96.4 % / 82.4 % after, 96.2 % on its indirect requests). The floor catches
  // regressions.
  it('reads the sixth development set, written by someone outside the team (tuned on since): ≥ 96 % top-3 and ≥ 82 % top-1', () => {
    const report = evaluateSuggestions((m) => suggestReplies(conversationOf(m), lib), DEV6_MESSAGES);
    const summary = `top-1 ${(100 * report.top1).toFixed(1)} %, top-3 ${(100 * report.top3).toFixed(1)} %`;
    console.info(`suggestions on ${report.messages} sixth-set messages: ${summary}`);
    expect(DEV6_MESSAGES.length).toBeGreaterThanOrEqual(400);
    expect(report.top3, summary).toBeGreaterThanOrEqual(0.96);
    expect(report.top1, summary).toBeGreaterThanOrEqual(0.82);
    expect(report.byKind.indirect!.top3 / report.byKind.indirect!.messages, 'indirect').toBeGreaterThanOrEqual(0.95);
  });

  // The independent set of this round (tests/fixtures/customer-messages-holdout4.json: written
  // before any tuning by someone who never saw the code, the pack or the other sets; its misses
  // are never looked at). Measured 65.7 % top-3 before this round's situations existed, 87.3 %
  // once they did, 89.1 % after tuning on the other sets, 90.7 % / 78.6 % after round 5 (tuned on
  // the developer's fifth set only), 91.3 % / 80.0 % after round 6 (tuned on set 6 only); floors a
  // little below, to catch regressions. The target (92 % top-3, 80 % top-1) is not reached.
  it('holds on wording nobody tuned on: the fourth held-out set stays ≥ 91 % top-3 and ≥ 79.5 % top-1', () => {
    const report = evaluateSuggestions((m) => suggestReplies(conversationOf(m), lib), HOLDOUT4_MESSAGES);
    const summary = `top-1 ${(100 * report.top1).toFixed(1)} %, top-3 ${(100 * report.top3).toFixed(1)} %`;
    console.info(`suggestions on ${report.messages} fourth held-out messages: ${summary}`);
    expect(HOLDOUT4_MESSAGES.length).toBeGreaterThanOrEqual(200);
    expect(report.top3, summary).toBeGreaterThanOrEqual(0.91);
    expect(report.top1, summary).toBeGreaterThanOrEqual(0.795);
  });

  // The fifth held-out set (tests/fixtures/customer-messages-holdout5.json), written while round 5
  // was tuned on other sets and read only after: 84.5 % top-3 / 72.4 % top-1 on the code before
  // round 5, 86.8 % / 74.8 % after, 88.2 % / 76.9 % after round 6. Its labels include the situations where the agent acts first
  // (waiting, follow-up calls, read-backs), which customers only hint at. Floors just below.
  it('holds on a second set nobody tuned on: the fifth held-out set stays ≥ 88 % top-3 and ≥ 76 % top-1', () => {
    const report = evaluateSuggestions((m) => suggestReplies(conversationOf(m), lib), HOLDOUT5_MESSAGES);
    const summary = `top-1 ${(100 * report.top1).toFixed(1)} %, top-3 ${(100 * report.top3).toFixed(1)} %`;
    console.info(`suggestions on ${report.messages} fifth held-out messages: ${summary}`);
    expect(HOLDOUT5_MESSAGES.length).toBeGreaterThanOrEqual(200);
    expect(report.top3, summary).toBeGreaterThanOrEqual(0.88);
    expect(report.top1, summary).toBeGreaterThanOrEqual(0.76);
  });
});
