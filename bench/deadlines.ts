/**
 * The waiting list's ordering: the panel ranks every watched conversation by urgency each time
 * one changes and on each countdown tick, so one ranking must stay far below a frame. Measured
 * for 200 conversations (a busy agent's day on one console) and 5,000 (many tabs left open),
 * half of them across the end of the service hours, where the deadline arithmetic is slowest.
 */
import { rankByUrgency, type ConversationClock } from '../utils/deadline';
import { agent, clockOf, cst, customer, MIN, policy, SEC, zone } from '../tests/unit/deadline/fake-time';
import type { BenchFigure } from './types';

function conversations(count: number, now: number): { key: string; clock: ConversationClock }[] {
  let seed = 7;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: count }, (_, i) => {
    const start = now - Math.floor(random() * 20 * MIN);
    const clock =
      i % 10 === 0 ? clockOf(customer(start), agent(start + SEC)) : clockOf(customer(start), customer(start + SEC));
    return { key: `site/${String(i).padStart(5, '0')}`, clock };
  });
}

export async function run(): Promise<BenchFigure[]> {
  const team = policy({ serviceHours: { start: '09:00', end: '23:00' } });
  const now = cst(15, '22:59');
  const figures: BenchFigure[] = [];
  for (const count of [200, 5000]) {
    const list = conversations(count, now);
    const times: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t0 = performance.now();
      rankByUrgency(list, team, now + i * SEC, zone);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    figures.push({
      name: `rank by urgency, ${count} conversations, p95`,
      value: +times[Math.floor(0.95 * times.length)]!.toFixed(3),
      unit: 'ms',
    });
  }
  return figures;
}
