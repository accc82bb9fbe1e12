/**
 * The countdown and the waiting list. They tick every second, so they live in a component of
 * their own: the tick re-renders them, never the script list beside them.
 */
import { memo } from 'react';
import { Countdown, WaitingList } from '../../components/Countdown';
import type { Translate } from '../../utils/i18n';
import type { Settings } from '../../utils/settings';
import { useDeadlines } from './use-deadlines';
import { Notice } from '../../components/Notice';

interface Props {
  conversationKey: string | undefined;
  settings: Settings | undefined;
  t: Translate;
  onSwitch(key: string): void;
}

export const PanelDeadlines = memo(function PanelDeadlines({ conversationKey, settings, t, onSwitch }: Props) {
  const deadlines = useDeadlines(conversationKey, settings);
  return (
    <>
      {deadlines.unsaved && (
        <Notice tone="warn" testId="clocks-not-saved">
          {t('clocksNotSaved')}
        </Notice>
      )}
      {deadlines.current && (
        <Countdown
          title={deadlines.current.title}
          phase={deadlines.current.phase}
          text={deadlines.current.text}
          kindLabel={t(
            deadlines.current.kind === 'first-reply'
              ? 'deadlineFirst'
              : deadlines.current.kind === 'follow-up'
                ? 'deadlineFollowUp'
                : 'deadlineNext',
          )}
          idleLabel={t('deadlineIdle')}
          {...(deadlines.current.paused ? { pausedLabel: t('deadlinePaused') } : {})}
          {...(deadlines.current.kind === 'first-reply' || deadlines.current.kind === 'next-reply'
            ? {
                basis: deadlines.current.estimated
                  ? { label: t('clockBasisSeen'), hint: t('clockBasisSeenHint') }
                  : { label: t('clockBasisMessage'), hint: '' },
              }
            : {})}
        />
      )}
      <WaitingList
        items={deadlines.waiting.slice(0, 8).map((w) => ({ ...w, current: w.key === conversationKey }))}
        label={t('waiting')}
        onSelect={onSwitch}
      />
    </>
  );
});
