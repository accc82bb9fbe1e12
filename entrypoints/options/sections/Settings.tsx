/** 设置: how scripts are inserted, insert-and-send per console, and the page language. */
import { useState } from 'react';
import type { Translate } from '../../../utils/i18n';
import type { Settings } from '../../../utils/settings';
import { saveSettingFromPage } from '../../../utils/pages/save-setting';

export function InsertSettings({ t, settings }: { t: Translate; settings: Settings }) {
  return (
    <section id="settings">
      <h2>{t('insertModeLabel')}</h2>
      {(['caret', 'replace-draft'] as const).map((mode) => (
        <div className="form-row" key={mode}>
          <input
            type="radio"
            id={`mode-${mode}`}
            name="insertMode"
            checked={settings.insertMode === mode}
            onChange={() => void saveSettingFromPage(t, 'insertMode', mode)}
          />
          <label htmlFor={`mode-${mode}`} style={{ width: 'auto' }}>
            {t(mode === 'caret' ? 'insertModeCaret' : 'insertModeReplace')}
          </label>
        </div>
      ))}
      <InsertAndSend t={t} hosts={settings.insertAndSendHosts} />
      <div className="form-row" data-testid="suggestion-chips-setting">
        <input
          type="checkbox"
          id="suggestion-chips"
          checked={settings.suggestionChips}
          onChange={(e) => void saveSettingFromPage(t, 'suggestionChips', e.target.checked)}
        />
        <label htmlFor="suggestion-chips" style={{ width: 'auto' }}>
          {t('chipsSetting')}
        </label>
      </div>
      <p className="hint">{t('chipsSettingHint')}</p>
      <div className="form-row">
        <label htmlFor="locale">{t('language')}</label>
        <select
          id="locale"
          value={settings.locale}
          onChange={(e) => void saveSettingFromPage(t, 'locale', e.target.value as 'auto' | 'zh-CN' | 'en')}
        >
          <option value="auto">{t('languageAuto')}</option>
          <option value="zh-CN">中文</option>
          <option value="en">English</option>
        </select>
      </div>
    </section>
  );
}

/** Insert-and-send, per console. Off everywhere until the agent adds a console here. */
function InsertAndSend({ t, hosts }: { t: Translate; hosts: string[] }) {
  const [draft, setDraft] = useState('');
  const save = (next: string[]) => void saveSettingFromPage(t, 'insertAndSendHosts', next);
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
        <input
          type="text"
          placeholder="work.example.com"
          value={draft}
          aria-label={t('insertAndSendAdd')}
          onChange={(e) => setDraft(e.target.value)}
        />
        <button
          type="button"
          className="btn"
          onClick={() => {
            const host = draft
              .trim()
              .replace(/^https?:\/\//, '')
              .replace(/\/.*$/, '');
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
