/**
 * Forbidden-phrase check per keystroke: the content script checks the whole draft on every
 * input event, so the figure that matters is one check of a growing text. Measured on every
 * prefix of a ~300-character reply (with forbidden phrases and evasive spellings in it), with
 * the default pack's lists, with a 2,000-phrase list and with the default lists plus every
 * catastrophic pattern of the hostile fixtures (each one alone froze the page for seconds under
 * a backtracking engine); plus the time to compile the rules.
 */
import { loadDefaultPack } from '../scripts-library/default-pack';
import type { ForbiddenCategory } from '../scripts-library/schema';
import { compileRules } from '../utils/compliance';
import { CATASTROPHIC_PATTERNS } from '../tests/fixtures/hostile/patterns';
import type { BenchFigure } from './types';

const REPLY =
  '您好，非常抱歉让您久等了！关于您反馈的快递一直没有更新的问题，我这边已经帮您联系了物流公司核实，' +
  '估计明天能有结果。如果着急的话也可以加 我 v.x 私下联系，我保证今天一定给您处理好。您的订单号 2026112412345678，' +
  '收件人电话是 138 1234 5678 对吗？不知道您是否方便留意一下短信通知，有任何不清楚的地方随时联系我们。' +
  '这款是100%棉的面料，质量方面您放心。再次感谢您的耐心等待，祝您生活愉快，如还有其他问题请随时告诉我～😊 ' +
  '另外提醒您，平台上的优惠券今晚 12 点到期，需要的话我可以帮您看看怎么用最划算。商品如有质量问题，七天内都可以申请退换，运费由我们承担。';

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** The default lists plus 2,000 distinct phrases of 2–6 common Han characters, in 20 more categories. */
function bigList(): ForbiddenCategory[] {
  let seed = 7;
  const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const han = () => String.fromCharCode(0x4e00 + Math.floor(rnd() * 3000));
  const unique = new Set<string>();
  while (unique.size < 2000) unique.add(Array.from({ length: 2 + Math.floor(rnd() * 5) }, han).join(''));
  const all = [...unique];
  return [
    ...loadDefaultPack().forbidden,
    ...Array.from({ length: 20 }, (_, c) => ({
      id: `c${c}`,
      name: `分类${c}`,
      description: '',
      severity: 'warn' as const,
      phrases: all.slice(c * 100, c * 100 + 100),
      allow: [],
      advice: '',
      suggestScripts: [],
    })),
  ];
}

function measure(name: string, categories: ForbiddenCategory[]): BenchFigure[] {
  const t0 = performance.now();
  const matcher = compileRules(categories);
  const compileMs = performance.now() - t0;
  const chars = [...REPLY];
  const prefixes = chars.map((_, i) => chars.slice(0, i + 1).join(''));
  for (const p of prefixes) matcher.check(p); // warm-up
  const times: number[] = [];
  for (let round = 0; round < 20; round++)
    for (const p of prefixes) {
      const s = performance.now();
      matcher.check(p);
      times.push(performance.now() - s);
    }
  times.sort((a, b) => a - b);
  const full = matcher.check(REPLY).length;
  const r = (v: number) => Math.round(v * 1000) / 1000;
  return [
    { name: `compliance.${name}.patterns`, value: matcher.patternCount, unit: 'count' },
    { name: `compliance.${name}.compile`, value: r(compileMs), unit: 'ms' },
    { name: `compliance.${name}.keystroke.p50`, value: r(quantile(times, 0.5)), unit: 'ms' },
    { name: `compliance.${name}.keystroke.p95`, value: r(quantile(times, 0.95)), unit: 'ms' },
    { name: `compliance.${name}.keystroke.max`, value: r(times.at(-1)!), unit: 'ms' },
    { name: `compliance.${name}.text-length`, value: REPLY.length, unit: 'chars' },
    { name: `compliance.${name}.findings-in-full-text`, value: full, unit: 'count' },
  ];
}

/** The default lists plus one category holding every catastrophic pattern. */
function hostileList(): ForbiddenCategory[] {
  const phrases = CATASTROPHIC_PATTERNS.map((p) => `re:${p}`);
  return [
    ...loadDefaultPack().forbidden,
    {
      id: 'hostile',
      name: '恶意正则',
      description: '',
      severity: 'warn',
      phrases,
      allow: [],
      advice: '',
      suggestScripts: [],
    },
  ];
}

export async function run(): Promise<BenchFigure[]> {
  return [
    ...measure('default-pack', loadDefaultPack().forbidden),
    ...measure('2k-phrases', bigList()),
    ...measure('catastrophic-patterns', hostileList()),
  ];
}
