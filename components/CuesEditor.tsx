/**
 * 客户常说: the customer wording of a situation, as the text a team lead also writes in a sheet
 * cell (one group a line, words separated by 、, options as #tags, `re:` patterns a line each).
 * Editable for the agent's own situations; a pack's situations show theirs, read-only (the
 * pack's publisher keeps them). Props in, callbacks out.
 */
import { useEffect, useState } from 'react';
import { formatCues, parseCues } from '../scripts-library/cue-text';
import type { Cues } from '../scripts-library/schema';
import type { Translate } from '../utils/i18n';

export function CuesEditor(props: {
  t: Translate;
  situationKey: string;
  cues: Cues | undefined;
  editable: boolean;
  onSave(cues: Cues): void;
}) {
  const { t, cues, editable } = props;
  const saved = formatCues(cues);
  const [text, setText] = useState(saved);
  // Another situation chosen, or the row changed underneath (a sync, another tab): show what is stored.
  useEffect(() => setText(saved), [props.situationKey, saved]);
  const words = (cues ?? []).reduce((n, c) => n + (typeof c === 'string' ? 1 : c.words.length), 0);
  return (
    <div className="cues-editor" data-testid="cues-editor">
      <label htmlFor="situation-cues">
        {t('cuesTitle')} <span className="hint">{t('cuesCount', { count: words })}</span>
      </label>
      <textarea
        id="situation-cues"
        rows={editable ? 5 : 3}
        value={text}
        readOnly={!editable}
        placeholder={editable ? t('cuesPlaceholder') : ''}
        onChange={(e) => setText(e.target.value)}
      />
      <p className="hint">{editable ? t('cuesHint') : t('cuesReadOnly')}</p>
      {editable && (
        <button
          type="button"
          className="btn"
          data-testid="cues-save"
          disabled={text === saved}
          onClick={() => props.onSave(parseCues(text))}
        >
          {t('cuesSave')}
        </button>
      )}
    </div>
  );
}
