/** Teach mode's result: what the derived rule finds on the page, to save or discard. */
import type { TeachResult } from '../utils/messaging/protocol';

interface Labels {
  title: string;
  input: string;
  found: string;
  notFound: string;
  messages: string;
  conversation: string;
  list: string;
  listFound: string;
  listNotFound: string;
  listSkipped: string;
  /** Shown when the agent pointed at the console's attachment button. */
  attachment: string;
  save: string;
  discard: string;
  failed: string;
}

export function TeachCard({
  result,
  labels,
  onSave,
  onDiscard,
}: {
  result: Exclude<TeachResult, { status: 'cancelled' }>;
  labels: Labels;
  onSave(): void;
  onDiscard(): void;
}) {
  if (result.status === 'failed')
    return (
      <div className="teach-card notice notice-error" data-testid="teach-card">
        {labels.failed}：{result.reason}
        <button type="button" className="btn" onClick={onDiscard}>
          {labels.discard}
        </button>
      </div>
    );
  const { preview } = result;
  return (
    <div className="teach-card" data-testid="teach-card">
      <div className="placeholder-title">{labels.title}</div>
      <ul className="teach-preview">
        <li>
          {labels.input}：{preview.inputFound ? labels.found : labels.notFound}
        </li>
        <li data-testid="teach-messages">
          {labels.messages
            .replace('{total}', String(preview.messages))
            .replace('{customer}', String(preview.customer))
            .replace('{agent}', String(preview.agent))}
        </li>
        <li>
          {labels.conversation}：{preview.title || '—'}
        </li>
        <li data-testid="teach-list">
          {labels.list}：
          {preview.list === undefined
            ? labels.listSkipped
            : preview.list === null
              ? labels.listNotFound
              : labels.listFound
                  .replace('{items}', String(preview.list.items))
                  .replace('{unread}', String(preview.list.unread))
                  .replace('{titles}', preview.list.titles.join('、'))}
        </li>
        {result.rule.attachmentInput && <li data-testid="teach-attachment">{labels.attachment}</li>}
      </ul>
      <div className="form-actions">
        <button type="button" className="btn btn-primary" onClick={onSave}>
          {labels.save}
        </button>
        <button type="button" className="btn" onClick={onDiscard}>
          {labels.discard}
        </button>
      </div>
    </div>
  );
}
