/**
 * Asks for the placeholder values a script still needs before it is inserted or copied.
 * Enter confirms, Esc cancels, Tab moves between fields; nothing is inserted until every
 * field has a value.
 */
import { useState } from 'react';

export interface PlaceholderField {
  name: string;
  label: string;
  example: string;
  initial: string;
}

interface Props {
  title: string;
  fields: readonly PlaceholderField[];
  labels: { confirm: string; cancel: string; required: string };
  onSubmit(values: Record<string, string>): void;
  onCancel(): void;
}

export function PlaceholderForm({ title, fields, labels, onSubmit, onCancel }: Props) {
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(fields.map((f) => [f.name, f.initial])),
  );
  const [tried, setTried] = useState(false);
  // Own properties only: a field may be named `constructor` or `__proto__`.
  const valueOf = (name: string) => (Object.hasOwn(values, name) ? values[name]! : '');
  const empty = fields.filter((f) => !valueOf(f.name).trim());
  return (
    <form
      className="placeholder-form"
      aria-label={title}
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (empty.length === 0) onSubmit(Object.fromEntries(fields.map((f) => [f.name, valueOf(f.name).trim()])));
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onCancel();
        }
      }}
    >
      <div className="placeholder-title">{title}</div>
      {fields.map((f, i) => (
        <div className="form-row" key={f.name}>
          <label htmlFor={`ph-${i}`}>{f.label || f.name}</label>
          <input
            id={`ph-${i}`}
            type="text"
            autoFocus={i === 0}
            value={valueOf(f.name)}
            placeholder={f.example}
            aria-invalid={tried && !valueOf(f.name).trim()}
            data-placeholder-name={f.name}
            onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}
          />
        </div>
      ))}
      {tried && empty.length > 0 && <div className="notice notice-error">{labels.required}</div>}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary">
          {labels.confirm}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          {labels.cancel}
        </button>
      </div>
    </form>
  );
}
