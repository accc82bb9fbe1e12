/** The current conversation's reply countdown: calm → warning → overdue, counting up once overdue. */
import type { ClockPhase } from '../utils/deadline';

export interface CountdownProps {
  title: string;
  phase: ClockPhase;
  /** `4:05`, or `-1:30` once overdue. */
  text: string;
  /** What the deadline is for: 首次回复 / 回复 / 承诺回访. */
  kindLabel: string;
  pausedLabel?: string;
  idleLabel: string;
  /** How the clock was started when it is not the message's own time: 按首次看到计时, with why. */
  basis?: { label: string; hint: string };
}

export function Countdown({ title, phase, text, kindLabel, pausedLabel, idleLabel, basis }: CountdownProps) {
  return (
    <div
      className={`countdown countdown-${phase}`}
      data-testid="countdown"
      data-phase={phase}
      role="timer"
      aria-live="off"
    >
      <div className="countdown-meta">
        <span className="countdown-title">{title}</span>
        <span className="countdown-kind">{phase === 'idle' ? idleLabel : kindLabel}</span>
        {pausedLabel && <span className="countdown-paused">{pausedLabel}</span>}
        {basis && phase !== 'idle' && (
          <span className="countdown-basis" data-testid="countdown-basis" title={basis.hint}>
            {basis.label}
          </span>
        )}
      </div>
      {phase !== 'idle' && (
        <span className="countdown-time" data-testid="countdown-time">
          {text}
        </span>
      )}
    </div>
  );
}

export interface WaitingItem {
  key: string;
  title: string;
  site: string;
  phase: ClockPhase;
  text: string;
  current: boolean;
}

export function WaitingList({
  items,
  label,
  onSelect,
}: {
  items: readonly WaitingItem[];
  label: string;
  onSelect(key: string): void;
}) {
  if (!items.length) return null;
  return (
    <div className="waiting" aria-label={label}>
      <span className="waiting-label">{label}</span>
      <ul data-testid="waiting-list">
        {items.map((w) => (
          <li key={w.key}>
            <button
              type="button"
              className={`waiting-item waiting-${w.phase} ${w.current ? 'current' : ''}`}
              data-conversation-key={w.key}
              title={w.site}
              onClick={() => onSelect(w.key)}
            >
              <span className="waiting-title">{w.title}</span>
              <span className="waiting-time">{w.text}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
