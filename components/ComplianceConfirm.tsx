/** "This script contains a forbidden phrase": insert anyway, or not. Props in, callbacks out. */
import { Notice } from './Notice';

export function ComplianceConfirm({
  text,
  labels,
  onConfirm,
  onCancel,
}: {
  text: string;
  labels: { confirm: string; cancel: string };
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <div data-testid="compliance-panel-confirm">
      <Notice tone="warn">{text}</Notice>
      <div className="form-row">
        <button type="button" className="btn" autoFocus onClick={onCancel}>
          {labels.cancel}
        </button>
        <button type="button" className="btn btn-primary" onClick={onConfirm} data-testid="compliance-insert-anyway">
          {labels.confirm}
        </button>
      </div>
    </div>
  );
}
