/**
 * 存为话术 in the panel: reads the reply box's text (through the background, from the frame the
 * agent last typed in), else takes the agent's last sent message, and saves it to 我的话术
 * through the one edit message. The form itself is components/SaveAsScript.tsx.
 */
import { useState } from 'react';
import { SaveAsScript } from '../../components/SaveAsScript';
import type { SituationRow } from '../../utils/db';
import type { Translate } from '../../utils/i18n';
import { sendMessage } from '../../utils/messaging/protocol';

interface Props {
  t: Translate;
  windowId: number | undefined;
  /** The open conversation's latest messages, newest last (the agent's are among them). */
  messages: readonly { from: 'customer' | 'agent'; text: string }[];
  /** The situation suggestions detected for the customer's latest message. */
  detected: string | undefined;
  situations: readonly SituationRow[];
  paths: ReadonlyMap<string, string[]>;
  onNotice(notice: { tone: 'ok' | 'warn' | 'error'; text: string }): void;
}

export function SaveAsScriptButton(props: Props) {
  const { t } = props;
  const [source, setSource] = useState<{ text: string; source: 'draft' | 'sent' } | null>(null);
  const open = async () => {
    const draft = (
      await sendMessage('readReplyDraft', {
        ...(props.windowId !== undefined ? { windowId: props.windowId } : {}),
      }).catch(() => '')
    ).trim();
    const sent = props.messages.findLast((m) => m.from === 'agent')?.text.trim() ?? '';
    if (draft) setSource({ text: draft, source: 'draft' });
    else if (sent) setSource({ text: sent, source: 'sent' });
    else props.onNotice({ tone: 'warn', text: t('saveAsEmpty') });
  };
  const situations = props.situations
    .map((s) => ({ key: s.key, label: (props.paths.get(s.key) ?? [s.name]).join(' › ') }))
    .sort((a, b) => a.label.localeCompare(b.label, 'zh-CN'));
  return (
    <>
      <button
        type="button"
        className="btn"
        data-testid="save-as-script-open"
        title={t('saveAsHint')}
        onClick={() => void open()}
      >
        {t('saveAsTitle')}
      </button>
      {source && (
        <SaveAsScript
          t={t}
          text={source.text}
          source={source.source}
          situations={situations}
          {...(props.detected ? { detected: props.detected } : {})}
          onCancel={() => setSource(null)}
          onSave={({ title, body, situationKey }) =>
            void sendMessage('editLibrary', {
              op: 'createScript',
              draft: { title, body, purpose: '', keywords: [], tags: [], situationKey },
            }).then((r) => {
              if (!r.ok) return props.onNotice({ tone: 'error', text: r.error });
              setSource(null);
              props.onNotice({ tone: 'ok', text: t('saveAsSaved', { title }) });
            })
          }
        />
      )}
    </>
  );
}
