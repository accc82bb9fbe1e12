/** Options: the in-page palette hotkey and the inline trigger characters. */
import { useEffect, useState } from 'react';
import { Notice } from '../../../components/Notice';
import type { MessageKey, Translate } from '../../../utils/i18n';
import { saveSettingFromPage, settingFailureText } from '../../../utils/pages/save-setting';
import {
  formatHotkey,
  hotkeyFromEvent,
  hotkeyProblem,
  type HotkeyProblem,
} from '../../../utils/features/palette/hotkey';
import { parseTriggers } from '../../../utils/features/inline-trigger/trigger';
import type { Settings } from '../../../utils/settings';

const PROBLEM_TEXT: Record<HotkeyProblem, MessageKey> = {
  invalid: 'paletteHotkeyInvalid',
  'no-modifier': 'paletteHotkeyNoModifier',
  ime: 'paletteHotkeyIme',
  reserved: 'paletteHotkeyReserved',
};

type Status = { tone: 'ok' | 'error'; text: string } | null;

export function PaletteSettings({ t, settings }: { t: Translate; settings: Settings }) {
  const [hotkeyStatus, setHotkeyStatus] = useState<Status>(null);
  const [triggers, setTriggers] = useState(settings.inlineTriggers.join(''));
  const [triggerStatus, setTriggerStatus] = useState<Status>(null);
  useEffect(() => setTriggers(settings.inlineTriggers.join('')), [settings.inlineTriggers]);

  const recordHotkey = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Tab' && !e.ctrlKey && !e.altKey && !e.metaKey) return; // leave the field
    e.preventDefault();
    const hk = hotkeyFromEvent(e.nativeEvent);
    if (!hk) return; // a modifier on its own: wait for the key
    const problem = hotkeyProblem(hk);
    if (problem) return setHotkeyStatus({ tone: 'error', text: t(PROBLEM_TEXT[problem]) });
    const text = formatHotkey(hk);
    void saveSettingFromPage(t, 'paletteHotkey', text).then((r) =>
      setHotkeyStatus(
        r.ok
          ? { tone: 'ok', text: t('paletteHotkeySaved', { hotkey: text }) }
          : { tone: 'error', text: settingFailureText(t, r) },
      ),
    );
  };

  const saveTriggers = () => {
    const parsed = parseTriggers(triggers);
    if (!parsed.ok) return setTriggerStatus({ tone: 'error', text: t('paletteTriggersInvalid', { char: parsed.bad }) });
    void saveSettingFromPage(t, 'inlineTriggers', parsed.triggers).then((r) =>
      setTriggerStatus(
        r.ok
          ? { tone: 'ok', text: t(parsed.triggers.length ? 'paletteTriggersSaved' : 'paletteTriggersOff') }
          : { tone: 'error', text: settingFailureText(t, r) },
      ),
    );
  };

  return (
    <section>
      <h2>{t('paletteSection')}</h2>
      <div className="form-row">
        <label htmlFor="palette-hotkey">{t('paletteHotkeyLabel')}</label>
        <input
          id="palette-hotkey"
          type="text"
          readOnly
          value={settings.paletteHotkey}
          onKeyDown={recordHotkey}
          data-testid="palette-hotkey"
        />
      </div>
      <p className="hint">{t('paletteHotkeyHelp')}</p>
      {hotkeyStatus && <Notice tone={hotkeyStatus.tone}>{hotkeyStatus.text}</Notice>}
      <div className="form-row">
        <label htmlFor="palette-triggers">{t('paletteTriggersLabel')}</label>
        <input
          id="palette-triggers"
          type="text"
          maxLength={8}
          value={triggers}
          onChange={(e) => {
            setTriggers(e.target.value);
            setTriggerStatus(null);
          }}
          data-testid="palette-triggers"
        />
        <button type="button" className="btn" onClick={saveTriggers} data-testid="palette-triggers-save">
          {t('paletteSave')}
        </button>
      </div>
      <p className="hint">{t('paletteTriggersHelp')}</p>
      {triggerStatus && <Notice tone={triggerStatus.tone}>{triggerStatus.text}</Notice>}
    </section>
  );
}
