/** 回复时限: the team's reply-time rules and the agent's stricter overrides. */
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import type { ReplyPolicy } from '../../../scripts-library/schema';
import { db } from '../../../utils/db';
import { teamPolicy } from '../../../utils/db/policy';
import { POLICY_PRESETS, tightenPolicy } from '../../../utils/deadline';
import type { Translate } from '../../../utils/i18n';
import type { Settings } from '../../../utils/settings';
import { saveSettingFromPage } from '../../../utils/pages/save-setting';

export function ReplyRules({ t, settings }: { t: Translate; settings: Settings }) {
  const packs = useLiveQuery(() => db.packs.toArray(), []);
  const team = useMemo(() => teamPolicy(packs ?? []), [packs]);
  const mine = settings.policyOverrides;
  const effective = tightenPolicy(team, mine);
  const save = (overrides: Partial<ReplyPolicy>) => void saveSettingFromPage(t, 'policyOverrides', overrides);
  const field = (key: 'firstReplySeconds' | 'nextReplySeconds' | 'warnBeforeSeconds', label: string) => (
    <div className="form-row">
      <label htmlFor={`policy-${key}`}>{label}</label>
      <input
        id={`policy-${key}`}
        type="number"
        min={key === 'warnBeforeSeconds' ? 0 : 10}
        value={mine[key] ?? ''}
        placeholder={String(team[key])}
        onChange={(e) => {
          const next = { ...mine };
          if (e.target.value === '') delete next[key];
          else next[key] = Number(e.target.value);
          save(next);
        }}
      />
      <span className="hint">{t('policyInForce', { seconds: effective[key] })}</span>
    </div>
  );
  const hours = (p: ReplyPolicy) =>
    p.serviceHours ? `${p.serviceHours.start}–${p.serviceHours.end}` : t('policyAllDay');
  return (
    <section id="reply-rules">
      <h2>{t('policy')}</h2>
      <p className="hint" data-testid="team-policy">
        {t('policyTeam', {
          first: team.firstReplySeconds,
          next: team.nextReplySeconds,
          warn: team.warnBeforeSeconds,
          hours: hours(team),
        })}
      </p>
      <div className="form-row">
        <label>{t('policyPresets')}</label>
        {Object.values(POLICY_PRESETS).map((p) => (
          <button key={p.id} type="button" className="btn" title={p.description} onClick={() => save(p.policy)}>
            {p.label}
          </button>
        ))}
        <button type="button" className="btn" onClick={() => save({})}>
          {t('policyReset')}
        </button>
      </div>
      {field('firstReplySeconds', t('policyFirst'))}
      {field('nextReplySeconds', t('policyNext'))}
      {field('warnBeforeSeconds', t('policyWarn'))}
      <p className="hint">{t('policyOnlyStricter', { hours: hours(effective) })}</p>
      <div className="form-row">
        <input
          id="deadline-notifications"
          type="checkbox"
          checked={settings.deadlineNotifications}
          onChange={(e) => void saveSettingFromPage(t, 'deadlineNotifications', e.target.checked)}
        />
        <label htmlFor="deadline-notifications" style={{ width: 'auto' }}>
          {t('policyNotifications')}
        </label>
      </div>
    </section>
  );
}
