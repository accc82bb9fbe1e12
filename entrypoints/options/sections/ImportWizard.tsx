/**
 * Import wizard: a file (xlsx, csv, pack JSON, text/Markdown) or pasted text → sheet → column
 * mapping → preview with row errors → confirm. Parsing is pure (scripts-library/io); nothing is
 * written until the agent confirms, and then only through `onConfirm` (the page sends the whole
 * pack to the background, which writes it in one transaction).
 */
import { useMemo, useState } from 'react';
import { Notice } from '../../../components/Notice';
import { FIELD_LABELS, guessMapping, outlineToPack, tableKindOf, tableToPack } from '../../../scripts-library/io';
import { readSpreadsheetOffThread as readSpreadsheet } from '../read-spreadsheet';
import type { ColumnMapping, ImportField, PackMeta, Table, TableImport } from '../../../scripts-library/io';
import { shortHash } from '../../../scripts-library/io/ids';
import { parsePackJson, type Pack } from '../../../scripts-library/schema';
import type { Translate } from '../../../utils/i18n';

export type ImportTarget = 'new' | 'personal';

export interface ImportWizardProps {
  t: Translate;
  /** Show English row messages. */
  english?: boolean;
  /** Write the pack; resolves with what to tell the agent. */
  onConfirm(pack: Pack, target: ImportTarget, fileName: string): Promise<{ ok: boolean; text: string; errors?: string[] }>;
  /** Larger files are refused before reading. */
  maxBytes: number;
}

const FIELDS: ImportField[] = [
  'level1', 'level2', 'level3', 'level4', 'situation', 'situationId', 'title', 'body', 'shortcut', 'keywords', 'purpose', 'tags', 'id', 'followUp', 'ignore',
];
const PREVIEW_ROWS = 20;

type Source =
  | { kind: 'table'; fileName: string; data: ArrayBuffer; table: Table }
  | { kind: 'outline'; fileName: string; text: string; pasted?: boolean }
  | { kind: 'json'; fileName: string; text: string };

/**
 * A pack id from the file name (or, for pasted text, the pack name): the same file imported
 * again updates its pack — packio's row ids are stable too, so the agent sees what changed —
 * instead of adding a second copy. Plain ASCII names stay readable; others are hashed.
 */
export function packIdFor(name: string): string {
  const base = name.replace(/\.[^.]+$/, '').toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+|-+$/g, '');
  return base.length >= 2 && /^[\x20-\x7e]+$/.test(name) ? `import.${base}`.slice(0, 64) : `import.${shortHash(name.trim() || 'text')}`;
}

export function ImportWizard({ t, english, onConfirm, maxBytes }: ImportWizardProps) {
  const [source, setSource] = useState<Source | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>([]);
  const [step, setStep] = useState<'source' | 'mapping' | 'preview' | 'done'>('source');
  const [name, setName] = useState('');
  const [target, setTarget] = useState<ImportTarget>('new');
  const [skipErrors, setSkipErrors] = useState(false);
  const [pasted, setPasted] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string; errors?: string[] } | null>(null);

  const reset = () => {
    setSource(null);
    setStep('source');
    setResult(null);
    setError(null);
  };

  const openFile = async (file: File) => {
    setError(null);
    setResult(null);
    if (file.size > maxBytes) return setError(t('wizardTooLarge', { mb: Math.round(maxBytes / 1024 / 1024) }));
    setName(file.name.replace(/\.[^.]+$/, ''));
    const lower = file.name.toLowerCase();
    try {
      if (lower.endsWith('.json')) {
        setSource({ kind: 'json', fileName: file.name, text: await file.text() });
        setStep('preview');
      } else if (/\.(md|markdown|txt)$/.test(lower)) {
        // Text saved from Word or a Markdown outline: headings are situations, lines are scripts.
        setSource({ kind: 'outline', fileName: file.name, text: await file.text() });
        setStep('preview');
      } else if (tableKindOf(file.name)) {
        const data = await file.arrayBuffer();
        const table = await readSpreadsheet(data, file.name);
        setSource({ kind: 'table', fileName: file.name, data, table });
        setMapping(guessMapping(table.headers));
        setStep('mapping');
      } else setError(t('wizardUnknownFile', { name: file.name }));
    } catch (e) {
      setError(t('wizardReadFailed', { error: (e as Error).message }));
    }
  };

  const chooseSheet = async (sheet: string) => {
    if (source?.kind !== 'table') return;
    try {
      const table = await readSpreadsheet(source.data, source.fileName, { sheet });
      setSource({ ...source, table });
      setMapping(guessMapping(table.headers));
    } catch (e) {
      setError(t('wizardReadFailed', { error: (e as Error).message }));
    }
  };

  const meta: PackMeta = useMemo(
    () => ({ id: packIdFor(!source || (source.kind === 'outline' && source.pasted) ? name : source.fileName), name: name.trim() || t('wizardDefaultName'), author: t('wizardAuthor'), version: '1.0.0' }),
    [source, name, t],
  );

  // Converted once on entering the preview; confirming (preview → done) does not convert again.
  const showPreview = step === 'preview' || step === 'done';
  const preview: TableImport | null = useMemo(() => {
    if (!source || !showPreview) return null;
    if (source.kind === 'table') return tableToPack(source.table, mapping, meta, { skipErrorRows: skipErrors });
    if (source.kind === 'outline') return outlineToPack(source.text, meta, { skipErrorRows: skipErrors });
    const parsed = parsePackJson(source.text);
    if (parsed.ok) return { pack: parsed.pack, issues: [], stats: { rows: parsed.pack.scripts.length, scripts: parsed.pack.scripts.length, situations: parsed.pack.situations.length, skipped: 0, placeholdersConverted: 0 } };
    return {
      pack: null,
      issues: parsed.errors.map((e) => ({ row: 0, level: 'error' as const, message: e.message, messageEn: e.message })),
      stats: { rows: 0, scripts: 0, situations: 0, skipped: 0, placeholdersConverted: 0 },
    };
  }, [source, showPreview, mapping, meta, skipErrors]);

  const confirm = async () => {
    if (!preview?.pack || !source) return;
    setBusy(true);
    try {
      // A JSON pack keeps its own identity (id, name, version); a table or outline gets the name typed here.
      const res = await onConfirm(preview.pack, target, source.fileName);
      setResult(res);
      if (res.ok) setStep('done');
    } finally {
      setBusy(false);
    }
  };

  const situationPath = (pack: Pack, id: string) => {
    const byId = new Map(pack.situations.map((s) => [s.id, s]));
    const out: string[] = [];
    for (let cur = byId.get(id), n = 0; cur && n < 16; cur = cur.parent ? byId.get(cur.parent) : undefined, n++) out.unshift(cur.name);
    return out.join(' › ');
  };
  const errors = preview?.issues.filter((i) => i.level === 'error') ?? [];
  const warnings = preview?.issues.filter((i) => i.level === 'warning') ?? [];

  return (
    <div className="wizard" data-testid="import-wizard">
      {step === 'source' && (
        <div data-testid="wizard-source">
          <p className="hint">{t('wizardSourceHint')}</p>
          <div className="form-row">
            <label htmlFor="wizard-file">{t('wizardFile')}</label>
            <input
              id="wizard-file"
              type="file"
              data-testid="wizard-file"
              accept=".xlsx,.csv,.tsv,.txt,.json,.md,.markdown"
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file) void openFile(file);
              }}
            />
          </div>
          <div className="form-row">
            <label htmlFor="wizard-paste">{t('wizardPaste')}</label>
            <textarea id="wizard-paste" data-testid="wizard-paste" rows={6} placeholder={t('wizardPastePlaceholder')} value={pasted} onChange={(e) => setPasted(e.target.value)} />
          </div>
          <button
            type="button"
            className="btn"
            disabled={!pasted.trim()}
            onClick={() => {
              setSource({ kind: 'outline', fileName: t('wizardPastedName'), text: pasted, pasted: true });
              setName(name || t('wizardDefaultName'));
              setStep('preview');
            }}
          >
            {t('wizardPasteRead')}
          </button>
        </div>
      )}
      {error && <Notice tone="error" testId="wizard-error">{error}</Notice>}

      {step === 'mapping' && source?.kind === 'table' && (
        <div data-testid="wizard-mapping">
          <h3>{t('wizardMappingTitle', { file: source.fileName })}</h3>
          {source.table.sheetNames && source.table.sheetNames.length > 1 && (
            <div className="form-row">
              <label htmlFor="wizard-sheet">{t('wizardSheet')}</label>
              <select id="wizard-sheet" data-testid="wizard-sheet" value={source.table.sheetName ?? ''} onChange={(e) => void chooseSheet(e.target.value)}>
                {source.table.sheetNames.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </div>
          )}
          <p className="hint">{t('wizardMappingHint')}</p>
          <table className="mapping">
            <thead>
              <tr>
                <th>{t('wizardColumn')}</th>
                <th>{t('wizardField')}</th>
                <th>{t('wizardSample')}</th>
              </tr>
            </thead>
            <tbody>
              {source.table.headers.map((h, i) => (
                <tr key={i} data-column={i}>
                  <td>{h || t('wizardColumnN', { n: i + 1 })}</td>
                  <td>
                    <select
                      aria-label={t('wizardFieldFor', { column: h || String(i + 1) })}
                      data-testid={`wizard-map-${i}`}
                      value={mapping[i] ?? 'ignore'}
                      onChange={(e) => setMapping(mapping.map((m, j) => (j === i ? (e.target.value as ImportField) : m)))}
                    >
                      {FIELDS.map((f) => (
                        <option key={f} value={f}>
                          {english ? (FIELD_LABELS[f]?.en ?? f) : (FIELD_LABELS[f]?.zh ?? f)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="sample">{source.table.rows.slice(0, 3).map((r) => r[i] ?? '').filter(Boolean).join(' ｜ ').slice(0, 80)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {!mapping.includes('body') && <Notice tone="warn">{t('wizardNeedBody')}</Notice>}
          <div className="form-row">
            <button type="button" className="btn" onClick={reset}>
              {t('wizardBack')}
            </button>
            <button type="button" className="btn btn-primary" data-testid="wizard-to-preview" disabled={!mapping.includes('body')} onClick={() => setStep('preview')}>
              {t('wizardNext')}
            </button>
          </div>
        </div>
      )}

      {(step === 'preview' || step === 'done') && preview && source && (
        <div data-testid="wizard-preview">
          <h3>{t('wizardPreviewTitle')}</h3>
          <p data-testid="wizard-stats">
            {t('wizardStats', { rows: preview.stats.rows, scripts: preview.stats.scripts, situations: preview.stats.situations, skipped: preview.stats.skipped, converted: preview.stats.placeholdersConverted })}
          </p>
          {errors.length > 0 && (
            <Notice tone="error" testId="wizard-errors">
              {t('wizardErrors', { count: errors.length })}
              <ul className="errors">
                {errors.slice(0, 100).map((i, n) => (
                  <li key={n} data-row={i.row}>
                    {english ? i.messageEn : i.message}
                  </li>
                ))}
              </ul>
            </Notice>
          )}
          {warnings.length > 0 && (
            <Notice tone="warn" testId="wizard-warnings">
              <ul className="errors">
                {warnings.slice(0, 100).map((i, n) => (
                  <li key={n} data-row={i.row}>
                    {english ? i.messageEn : i.message}
                  </li>
                ))}
              </ul>
            </Notice>
          )}
          {source.kind !== 'json' && errors.length > 0 && (
            <div className="form-row">
              <input id="wizard-skip" type="checkbox" checked={skipErrors} onChange={(e) => setSkipErrors(e.target.checked)} />
              <label htmlFor="wizard-skip" style={{ width: 'auto' }}>
                {t('wizardSkipErrors')}
              </label>
            </div>
          )}
          {preview.pack && (
            <table className="preview" data-testid="wizard-preview-rows">
              <thead>
                <tr>
                  <th>{t('editorFieldSituation')}</th>
                  <th>{t('editorFieldTitle')}</th>
                  <th>{t('editorFieldBody')}</th>
                  <th>{t('editorFieldShortcut')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.pack.scripts.slice(0, PREVIEW_ROWS).map((s) => (
                  <tr key={s.id}>
                    <td>{situationPath(preview.pack!, s.situation)}</td>
                    <td>{s.title}</td>
                    <td className="script-body">{s.body}</td>
                    <td>{s.shortcut ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {preview.pack && preview.pack.scripts.length > PREVIEW_ROWS && <p className="hint">{t('wizardMore', { count: preview.pack.scripts.length - PREVIEW_ROWS })}</p>}
          {step === 'preview' && (
            <>
              {source.kind !== 'json' && (
                <div className="form-row">
                  <label htmlFor="wizard-name">{t('wizardPackName')}</label>
                  <input id="wizard-name" type="text" value={name} maxLength={60} onChange={(e) => setName(e.target.value)} />
                </div>
              )}
              <div className="form-row">
                <label>{t('wizardTarget')}</label>
                {(['new', 'personal'] as const).map((k) => (
                  <span key={k}>
                    <input type="radio" id={`wizard-target-${k}`} name="wizard-target" checked={target === k} onChange={() => setTarget(k)} />
                    <label htmlFor={`wizard-target-${k}`} style={{ width: 'auto' }}>
                      {t(k === 'new' ? 'wizardTargetNew' : 'wizardTargetPersonal')}
                    </label>
                  </span>
                ))}
              </div>
              <div className="form-row">
                <button type="button" className="btn" onClick={() => (source.kind === 'table' ? setStep('mapping') : reset())}>
                  {t('wizardBack')}
                </button>
                <button type="button" className="btn btn-primary" data-testid="wizard-confirm" disabled={!preview.pack || busy} onClick={() => void confirm()}>
                  {t('wizardConfirm', { count: preview.pack?.scripts.length ?? 0 })}
                </button>
              </div>
            </>
          )}
        </div>
      )}
      {result && (
        <Notice tone={result.ok ? 'ok' : 'error'} testId="wizard-result" errors={result.errors}>
          {result.text}
        </Notice>
      )}
      {step === 'done' && (
        <button type="button" className="btn" data-testid="wizard-again" onClick={reset}>
          {t('wizardAgain')}
        </button>
      )}
    </div>
  );
}
