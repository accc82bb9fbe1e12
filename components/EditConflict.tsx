/**
 * Two versions of one record, side by side, and the agent's three choices: keep mine, take
 * theirs, merge by hand. Shown when a save was refused as stale or a live change touched a
 * field the agent had also changed. Props in, callbacks out.
 */
import type { Translate } from '../utils/i18n';
import { Notice } from './Notice';

export interface ConflictField {
  key: string;
  label: string;
  mine: string;
  theirs: string;
}

export function EditConflict(props: {
  t: Translate;
  fields: ConflictField[];
  merging: boolean;
  onKeepMine(): void;
  onTakeTheirs(): void;
  onMerge(): void;
}) {
  const { t, fields, merging } = props;
  return (
    <div className="conflict" data-testid="edit-conflict" data-merging={merging ? 'true' : 'false'}>
      <Notice tone="warn">
        {merging ? t('conflictMerging') : t('conflictTitle')}
        {!merging && fields.length > 0 && ` ${t('conflictFields', { fields: fields.map((f) => f.label).join('、') })}`}
      </Notice>
      <div className="conflict-sides">
        <div data-testid="conflict-mine">
          <h3>{t('conflictMine')}</h3>
          {fields.map((f) => (
            <p key={f.key} className="script-body">
              <strong>{f.label}：</strong>
              {f.mine}
            </p>
          ))}
        </div>
        <div data-testid="conflict-theirs">
          <h3>{t('conflictTheirs')}</h3>
          {fields.map((f) => (
            <p key={f.key} className="script-body">
              <strong>{f.label}：</strong>
              {f.theirs}
            </p>
          ))}
        </div>
      </div>
      {!merging && (
        <div className="form-row">
          <button type="button" className="btn btn-primary" data-testid="conflict-keep-mine" onClick={props.onKeepMine}>
            {t('conflictKeepMine')}
          </button>
          <button type="button" className="btn" data-testid="conflict-take-theirs" onClick={props.onTakeTheirs}>
            {t('conflictTakeTheirs')}
          </button>
          <button type="button" className="btn" data-testid="conflict-merge" onClick={props.onMerge}>
            {t('conflictMerge')}
          </button>
        </div>
      )}
    </div>
  );
}
