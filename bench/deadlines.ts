/**
 * The waiting list's ordering: the panel ranks every watched conversation by urgency each time
 * one changes and on each countdown tick, so one ranking must stay far below a frame. Measured
 * for 200 conversations (a busy agent's day on one console) and 5,000 (many tabs left open),
 * half of them across the end of the service hours, where the deadline arithmetic is slowest.
 */
import { rankByUrgency } from '../utils/deadline';
import { busyConsole, cst, policy, SEC, zone } from '../tests/unit/deadline/fake-time';
import type { BenchFigure } from './types';

export async function run(): Promise<BenchFigure[]> {
  const team = policy({ serviceHours: { start: '09:00', end: '23:00' } });
  const now = cst(15, '22:59');
  const figures: BenchFigure[] = [];
  for (const count of [200, 5000]) {
    const list = busyConsole(count, now);
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
