/**
 * 存为话术: what the agent wrote, as one of their own scripts — the situation the customer is in
 * pre-selected, what was specific to this customer offered as placeholders (each can be kept as
 * written). Props in, callbacks out.
 */
import { useMemo, useState } from 'react';
import type { Translate } from '../utils/i18n';
import { placeholderOffers, scriptFromReply } from '../utils/suggest/save-as-script';

export interface SaveAsScriptProps {
  t: Translate;
  /** The reply box's text, else the agent's last sent message. */
  text: string;
  source: 'draft' | 'sent';
  /** What the page knows about this customer (found as written). */
  known?: { customerName?: string; orderId?: string };
  /** Situations to file it under, as "path › names", the detected one first choice. */
  situations: { key: string; label: string }[];
  detected?: string;
  onSave(script: { title: string; body: string; situationKey: string }): void;
  onCancel(): void;
}

export function SaveAsScript(props: SaveAsScriptProps) {
  const { t } = props;
  const offers = useMemo(() => placeholderOffers(props.text, props.known), [props.text, props.known]);
  const [kept, setKept] = useState<Set<number>>(() => new Set(offers.map((_, i) => i)));
  const [situationKey, setSituationKey] = useState(props.detected ?? props.situations[0]?.key ?? '');
  const draft = scriptFromReply(
    props.text,
    offers.filter((_, i) => kept.has(i)),
  );
  const [title, setTitle] = useState<string | null>(null);
  return (
    <form
      className="save-as-script"
      data-testid="save-as-script"
      onSubmit={(e) => {
        e.preventDefault();
        props.onSave({ title: (title ?? draft.title).trim() || draft.title, body: draft.body, situationKey });
      }}
    >
      <h3>{t('saveAsTitle')}</h3>
      <p className="hint">{t(props.source === 'draft' ? 'saveAsFromDraft' : 'saveAsFromSent')}</p>
      {offers.length > 0 && (
        <fieldset>
          <legend>{t('saveAsPlaceholders')}</legend>
          {offers.map((o, i) => (
            <label key={o.text}>
              <input
                type="checkbox"
                checked={kept.has(i)}
                onChange={(e) =>
                  setKept((k) => (e.target.checked ? new Set([...k, i]) : new Set([...k].filter((x) => x !== i))))
                }
              />
              {o.text} → {o.placeholder}
            </label>
          ))}
        </fieldset>
      )}
      <p className="save-as-preview" data-testid="save-as-preview">
        {draft.body}
      </p>
      <label>
        {t('saveAsName')}
        <input type="text" maxLength={60} value={title ?? draft.title} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <label>
        {t('saveAsSituation')}
        <select value={situationKey} onChange={(e) => setSituationKey(e.target.value)}>
          {props.situations.map((s) => (
            <option key={s.key} value={s.key}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
      <div className="form-row">
        <button type="submit" className="btn btn-primary" disabled={!situationKey}>
          {t('saveAsSave')}
        </button>
        <button type="button" className="btn" onClick={props.onCancel}>
          {t('saveAsCancel')}
        </button>
      </div>
    </form>
  );
}
