/** 个人资料: the agent's name, 工号 and shop, filled into placeholders ({客服昵称}, {客服工号}, {店铺名}). */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { EditConflict } from '../../../components/EditConflict';
import { Notice } from '../../../components/Notice';
import { db } from '../../../utils/db';
import type { MessageKey, Translate } from '../../../utils/i18n';
import { saveSettingFromPage, settingFailureText } from '../../../utils/pages/save-setting';
import { useLiveForm } from '../../../utils/pages/use-live-form';
import type { AgentProfile } from '../../../utils/settings';

const LABEL: Record<keyof AgentProfile, MessageKey> = {
  nickname: 'profileNickname',
  workId: 'profileWorkId',
  shopName: 'profileShop',
};

export function Profile({ t, profile }: { t: Translate; profile: AgentProfile }) {
  // The row's revision: another options tab may save the profile while this one is open.
  const rev = useLiveQuery(async () => (await db.settings.get('profile'))?.rev ?? 0, []);
  if (rev === undefined) return null;
  return <ProfileForm t={t} profile={profile} rev={rev} />;
}

function ProfileForm({ t, profile, rev }: { t: Translate; profile: AgentProfile; rev: number }) {
  const live = useLiveForm(profile, rev);
  const [status, setStatus] = useState<{ tone: 'ok' | 'error' | 'info'; text: string } | null>(null);
  const draft = live.form;
  const save = async (base: number) => {
    setStatus({ tone: 'info', text: t('saving') });
    const res = await saveSettingFromPage(t, 'profile', draft, base);
    if (res.ok) {
      live.saved();
      setStatus({ tone: 'ok', text: t('saved') });
    } else if (res.code === 'stale') {
      live.refused(res.theirs as AgentProfile, res.rev);
      setStatus(null);
    } else setStatus({ tone: 'error', text: settingFailureText(t, res) });
  };
  const field = (key: keyof AgentProfile) => (
    <div className="form-row">
      <label htmlFor={`profile-${key}`}>{t(LABEL[key])}</label>
      <input
        id={`profile-${key}`}
        type="text"
        value={draft[key]}
        maxLength={40}
        onChange={(e) => {
          live.setForm({ ...draft, [key]: e.target.value });
          setStatus(null);
        }}
      />
    </div>
  );
  return (
    <section id="profile">
      <h2>{t('profile')}</h2>
      {live.followed && !live.conflict && <p className="hint">{t('editFollowed')}</p>}
      {live.conflict && (
        <EditConflict
          t={t}
          merging={live.conflict.merging}
          fields={live.conflict.fields.map((k) => ({
            key: k,
            label: t(LABEL[k]),
            mine: draft[k],
            theirs: live.conflict!.theirs[k],
          }))}
          onKeepMine={() => void save(live.keepMine())}
          onTakeTheirs={live.takeTheirs}
          onMerge={live.merge}
        />
      )}
      {field('nickname')}
      {field('workId')}
      {field('shopName')}
      <button type="button" className="btn btn-primary" data-testid="profile-save" onClick={() => void save(live.base)}>
        {t('save')}
      </button>{' '}
      {status && (
        <Notice tone={status.tone} testId="profile-status">
          {status.text}
        </Notice>
      )}
    </section>
  );
}
