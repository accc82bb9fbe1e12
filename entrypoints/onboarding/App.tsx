/** First-run page: what it does, how to open the panel, the hotkey, enabling your console. */
import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { sendMessage } from '../../utils/messaging/protocol';
import { useSettings, useTranslate } from '../../utils/pages/use-settings';

export function App() {
  const t = useTranslate(useSettings());
  const [hotkey, setHotkey] = useState('Alt+Shift+H');
  useEffect(() => {
    // The agent may have changed it in the browser's shortcut settings.
    browser.commands
      ?.getAll()
      .then((cmds) => {
        const open = cmds.find((c) => c.name === '_execute_action' || c.name === '_execute_browser_action');
        if (open?.shortcut) setHotkey(open.shortcut);
      })
      .catch(() => undefined);
  }, []);
  return (
    <div className="page">
      <h1>{t('welcomeTitle')}</h1>
      <section>
        <p>{t('welcomeIntro')}</p>
        <ol className="steps">
          <li>{t('welcomeStep1', { hotkey })}</li>
          <li>{t('welcomeStep2')}</li>
          <li>{t('welcomeStep3')}</li>
          <li>{t('welcomeStep4')}</li>
        </ol>
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => {
            void sendMessage('saveSetting', { key: 'onboardingDone', value: true }).finally(() => window.close());
          }}
        >
          {t('welcomeDone')}
        </button>
      </section>
    </div>
  );
}
