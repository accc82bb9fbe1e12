/** 个人资料: the agent's name, 工号 and shop, filled into placeholders ({客服昵称}, {客服工号}, {店铺名}). */
import { useEffect, useState } from 'react';
import type { Translate } from '../../../utils/i18n';
import { sendMessage } from '../../../utils/messaging/protocol';
import type { AgentProfile } from '../../../utils/settings';

export function Profile({ t, profile }: { t: Translate; profile: AgentProfile }) {
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
    <section id="profile">
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
