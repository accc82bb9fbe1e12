/** Options: installed packs (sections/Packs.tsx), agent profile, insertion mode, enabled sites. */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import { StatsChart } from '../../components/StatsChart';
import type { ReplyPolicy } from '../../scripts-library/schema';
import { effectivePolicy, teamPolicy } from '../../utils/db/policy';
import { dailyStats, pendingWaits, POLICY_PRESETS, statsToCsv, tightenPolicy, toResponseRecord } from '../../utils/deadline';
import { settingsFromRows, type Settings } from '../../utils/settings';
import { JsonFileInput } from '../../components/JsonFileInput';
import { Notice } from '../../components/Notice';
import { db } from '../../utils/db';
import { MAX_IMPORT_MB, Packs } from './sections/Packs';
import type { Translate } from '../../utils/i18n';
import { sendMessage } from '../../utils/messaging/protocol';
import { downloadFile } from '../../utils/pages/download';
import { useSettings, useTranslate } from '../../utils/pages/use-settings';
import type { AgentProfile } from '../../utils/settings';

function Profile({ t, profile }: { t: Translate; profile: AgentProfile }) {
  const [draft, setDraft] = useState(profile);
  const [saved, setSaved] = useState(false);
  useEffect(() => setDraft(profile), [profile]);
  const field = (key: keyof AgentProfile, label: string) => (
    <div className="form-row">
      <label htmlFor={`profile-${key}`}>{label}</label>
      <input
        id={`profile-${key}`}
        type="text"
        value={draft[key]}
        maxLength={40}
        onChange={(e) => {
          setDraft({ ...draft, [key]: e.target.value });
          setSaved(false);
        }}
      />
    </div>
  );
  return (
    <section>
      <h2>{t('profile')}</h2>
      {field('nickname', t('profileNickname'))}
      {field('workId', t('profileWorkId'))}
      {field('shopName', t('profileShop'))}
      <button
        type="button"
        className="btn btn-primary"
        onClick={() => void sendMessage('saveSetting', { key: 'profile', value: draft }).then(() => setSaved(true))}
      >
        {t('save')}
      </button>{' '}
      {saved && <span>{t('saved')}</span>}
    </section>
  );
}

function SiteRules({ t }: { t: Translate }) {
  const rules = useLiveQuery(() => db.siteRules.toArray(), []);
  const [result, setResult] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const exportRules = () => {
    const clean = (rules ?? []).filter((r) => !r.packId).map(({ createdAt: _c, packId: _p, ...rule }) => rule);
    downloadFile('huashu-console-rules.json', JSON.stringify(clean, null, 2), 'application/json');
  };
  return (
    <section>
      <h2>{t('siteRules')}</h2>
      <p className="hint">{t('siteRulesHint')}</p>
      {rules?.length ? (
        <table data-testid="site-rules">
          <tbody>
            {rules.map((r) => (
              <tr key={r.id}>
                <td>{r.name}</td>
                <td>{r.matches.join(' ')}</td>
                <td>{r.packId ? t('siteRuleFromPack', { pack: r.packId }) : t('siteRuleTaught')}</td>
                <td>
                  {!r.packId && (
                    <button type="button" className="btn" onClick={() => void sendMessage('deleteSiteRule', { id: r.id })}>
                      {t('remove')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t('siteRulesNone')}</p>
      )}
      <p>
        <JsonFileInput
          label={t('siteRulesImport')}
          testId="import-rules"
          maxBytes={MAX_IMPORT_MB * 1024 * 1024}
          onText={async (text) => {
            const res = await sendMessage('importSiteRules', { text });
            setResult(res.ok ? { tone: 'ok', text: t('siteRulesImported', { count: res.count }) } : { tone: 'error', text: res.error });
          }}
          onTooLarge={() => setResult({ tone: 'error', text: t('fileTooLarge', { mb: MAX_IMPORT_MB }) })}
        />{' '}
        <button type="button" className="btn" onClick={exportRules} disabled={!rules?.some((r) => !r.packId)}>
          {t('siteRulesExport')}
        </button>
      </p>
      {result && <Notice tone={result.tone}>{result.text}</Notice>}
    </section>
  );
}

function Sites({ t }: { t: Translate }) {
  const sites = useLiveQuery(() => db.sites.toArray(), []);
  return (
    <section>
      <h2>{t('sites')}</h2>
      {sites?.length ? (
        <table>
          <tbody>
            {sites.map((s) => (
              <tr key={s.origin}>
                <td>{s.origin}</td>
                <td>{new Date(s.enabledAt).toLocaleString()}</td>
                <td>
                  <button type="button" className="btn" onClick={() => void sendMessage('disableSite', { origin: s.origin })}>
                    {t('revoke')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t('sitesNone')}</p>
      )}
    </section>
  );
}

/** Insert-and-send, per console. Off everywhere until the agent adds a console here. */
function InsertAndSend({ t, hosts }: { t: Translate; hosts: string[] }) {
  const [draft, setDraft] = useState('');
  const save = (next: string[]) => void sendMessage('saveSetting', { key: 'insertAndSendHosts', value: next });
  return (
    <div data-testid="insert-and-send">
      <p className="hint">{t('insertAndSendHint')}</p>
      {hosts.map((h) => (
        <div className="form-row" key={h}>
          <span>{h}</span>
          <button type="button" className="btn" onClick={() => save(hosts.filter((x) => x !== h))}>
            {t('remove')}
          </button>
        </div>
      ))}
      <div className="form-row">
        <input type="text" placeholder="work.example.com" value={draft} aria-label={t('insertAndSendAdd')} onChange={(e) => setDraft(e.target.value)} />
        <button
          type="button"
          className="btn"
          onClick={() => {
            const host = draft.trim().replace(/^https?:\/\//, '').replace(/\/.*$/, '');
            if (host && !hosts.includes(host)) save([...hosts, host]);
            setDraft('');
          }}
        >
          {t('insertAndSendAdd')}
        </button>
      </div>
    </div>
  );
}

function ReplyRules({ t, settings }: { t: Translate; settings: Settings }) {
  const packs = useLiveQuery(() => db.packs.toArray(), []);
  const team = useMemo(() => teamPolicy(packs ?? []), [packs]);
  const mine = settings.policyOverrides;
  const effective = tightenPolicy(team, mine);
  const save = (overrides: Partial<ReplyPolicy>) => void sendMessage('saveSetting', { key: 'policyOverrides', value: overrides });
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
  const hours = (p: ReplyPolicy) => (p.serviceHours ? `${p.serviceHours.start}–${p.serviceHours.end}` : t('policyAllDay'));
  return (
    <section>
      <h2>{t('policy')}</h2>
      <p className="hint" data-testid="team-policy">
        {t('policyTeam', { first: team.firstReplySeconds, next: team.nextReplySeconds, warn: team.warnBeforeSeconds, hours: hours(team) })}
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
          onChange={(e) => void sendMessage('saveSetting', { key: 'deadlineNotifications', value: e.target.checked })}
        />
        <label htmlFor="deadline-notifications" style={{ width: 'auto' }}>
          {t('policyNotifications')}
        </label>
      </div>
    </section>
  );
}

function Stats({ t }: { t: Translate }) {
  const data = useLiveQuery(async () => {
    const [responses, conversations, packs, settingRows] = await Promise.all([
      db.responses.toArray(),
      db.conversations.toArray(),
      db.packs.toArray(),
      db.settings.toArray(),
    ]);
    return { responses, conversations, policy: effectivePolicy(packs, settingsFromRows(settingRows).policyOverrides) };
  }, []);
  const rows = useMemo(() => {
    if (!data) return [];
    const now = Date.now();
    // Waits still open count too: an unanswered message past its deadline is overdue today.
    const open = data.conversations.flatMap((c) =>
      pendingWaits(c.clock).map((w) => toResponseRecord(w, data.policy, { site: c.site, conversationKey: c.key })),
    );
    return dailyStats([...data.responses, ...open], undefined, { now, serviceHours: data.policy.serviceHours });
  }, [data]);
  const byDay = useMemo(() => {
    const days = new Map<string, { within: number; decided: number; overdue: number }>();
    for (const r of rows) {
      const d = days.get(r.day) ?? { within: 0, decided: 0, overdue: 0 };
      d.within += r.withinDeadline;
      d.decided += r.count - r.pending;
      d.overdue += r.overdue;
      days.set(r.day, d);
    }
    return [...days.entries()].slice(-14).map(([day, d]) => ({ day, share: d.decided ? d.within / d.decided : null, overdue: d.overdue }));
  }, [rows]);
  const exportCsv = () => downloadFile(`huashu-reply-stats-${new Date().toISOString().slice(0, 10)}.csv`, statsToCsv(rows), 'text/csv;charset=utf-8');
  const seconds = (v: number | null) => (v === null ? '—' : `${Math.round(v)} 秒`);
  return (
    <section>
      <h2>{t('stats')}</h2>
      <p className="hint">{t('statsHint')}</p>
      {rows.length === 0 ? (
        <p>{t('statsNone')}</p>
      ) : (
        <>
          <StatsChart bars={byDay} label={t('stats')} />
          <table data-testid="stats-table">
            <thead>
              <tr>
                <th>{t('statsDay')}</th>
                <th>{t('statsSite')}</th>
                <th>{t('statsCount')}</th>
                <th>{t('statsWithin')}</th>
                <th>{t('statsMedianFirst')}</th>
                <th>{t('statsMedianNext')}</th>
                <th>{t('statsOverdue')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.day}|${r.site}`}>
                  <td>{r.day}</td>
                  <td>{r.site}</td>
                  <td>{r.count}</td>
                  <td>{r.withinDeadlineShare === null ? '—' : `${Math.round(r.withinDeadlineShare * 100)}%`}</td>
                  <td>{seconds(r.medianFirstReplySeconds)}</td>
                  <td>{seconds(r.medianNextReplySeconds)}</td>
                  <td>{r.overdue}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            <button type="button" className="btn" onClick={exportCsv} data-testid="stats-csv">
              {t('statsCsv')}
            </button>
          </p>
        </>
      )}
    </section>
  );
}

export function App() {
  const settings = useSettings();
  const t = useTranslate(settings);
  if (!settings) return null;
  return (
    <div className="page">
      <h1>{t('optionsTitle')}</h1>
      <Packs t={t} />
      <Profile t={t} profile={settings.profile} />
      <section>
        <h2>{t('insertModeLabel')}</h2>
        {(['caret', 'replace-draft'] as const).map((mode) => (
          <div className="form-row" key={mode}>
            <input
              type="radio"
              id={`mode-${mode}`}
              name="insertMode"
              checked={settings.insertMode === mode}
              onChange={() => void sendMessage('saveSetting', { key: 'insertMode', value: mode })}
            />
            <label htmlFor={`mode-${mode}`} style={{ width: 'auto' }}>
              {t(mode === 'caret' ? 'insertModeCaret' : 'insertModeReplace')}
            </label>
          </div>
        ))}
        <InsertAndSend t={t} hosts={settings.insertAndSendHosts} />
        <div className="form-row">
          <label htmlFor="locale">{t('language')}</label>
          <select
            id="locale"
            value={settings.locale}
            onChange={(e) => void sendMessage('saveSetting', { key: 'locale', value: e.target.value as 'auto' | 'zh-CN' | 'en' })}
          >
            <option value="auto">{t('languageAuto')}</option>
            <option value="zh-CN">中文</option>
            <option value="en">English</option>
          </select>
        </div>
      </section>
      <ReplyRules t={t} settings={settings} />
      <Stats t={t} />
      <Sites t={t} />
      <SiteRules t={t} />
    </div>
  );
}
