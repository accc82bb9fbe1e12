/**
 * Import wizard: a file (xlsx, csv, pack JSON, text/Markdown) or pasted text → sheet → column
 * mapping → preview with row errors → confirm. The work is done by an import session
 * (utils/import/session.ts) in a worker: it reads, converts and writes, and the page gets only
 * what it shows. Nothing is written until the agent confirms, and then in one transaction.
 */
import { useEffect, useRef, useState } from 'react';
import { Notice } from '../../../components/Notice';
import { FIELD_LABELS } from '../../../scripts-library/io/mapping';
import type { ColumnMapping, ImportField, PackMeta } from '../../../scripts-library/io/types';
import { shortHash } from '../../../scripts-library/io/ids';
import { MAX_ZIP_IMPORT_BYTES } from '../limits';
import type { Translate } from '../../../utils/i18n';
import type {
  ImportSessionApi,
  ImportTarget,
  OpenInput,
  PreviewSummary,
  SourceInfo,
} from '../../../utils/import/session';
import { openImportSession } from '../import-client';
import { PackText } from '../../../components/PackText';

export type { ImportTarget };

export interface ImportWizardProps {
  t: Translate;
  /** Show English row messages. */
  english?: boolean;
  /** Larger files are refused before reading. */
  maxBytes: number;
  /** Where the session runs (a worker by default; tests pass one on their own database). */
  openSession?: () => ImportSessionApi;
}

const FIELDS: ImportField[] = [
  'level1',
  'level2',
  'level3',
  'level4',
  'situation',
  'situationId',
  'title',
  'body',
  'shortcut',
  'keywords',
  'purpose',
  'tags',
  'id',
  'followUp',
  'cues',
  'images',
  'ignore',
];
/** The schema's longest pack name. */
const NAME_MAX = 60;

/**
 * A pack id from the file name (or, for pasted text, the pack name): the same file imported
 * again updates its pack — packio's row ids are stable too, so the agent sees what changed —
 * instead of adding a second copy. Plain ASCII names stay readable; others are hashed.
 */
export function packIdFor(name: string): string {
  const base = name
    .replace(/\.[^.]+$/, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+|-+$/g, '');
  return base.length >= 2 && /^[\x20-\x7e]+$/.test(name)
    ? `import.${base}`.slice(0, 64)
    : `import.${shortHash(name.trim() || 'text')}`;
}

type Result = { ok: boolean; text: string; errors?: string[] };

export function ImportWizard({ t, english, maxBytes, openSession = openImportSession }: ImportWizardProps) {
  const [source, setSource] = useState<SourceInfo | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>([]);
  const [step, setStep] = useState<'source' | 'mapping' | 'preview' | 'done'>('source');
  const [name, setName] = useState('');
  const [target, setTarget] = useState<ImportTarget>('new');
  const [skipErrors, setSkipErrors] = useState(false);
  const [pasted, setPasted] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<PreviewSummary | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const session = useRef<ImportSessionApi | null>(null);

  // One session per source; the worker ends when the wizard starts over or the page goes. The
  // first is started with the wizard, so its worker has loaded by the time a file is chosen.
  const ready = useRef<ImportSessionApi | null>(null);
  const fresh = () => {
    session.current?.close();
    session.current = ready.current ?? openSession();
    ready.current = null;
    return session.current;
  };
  const opener = useRef(openSession);
  opener.current = openSession;
  useEffect(() => {
    ready.current = opener.current();
    return () => {
      ready.current?.close();
      ready.current = null;
      session.current?.close();
    };
  }, []);

  const reset = () => {
    session.current?.close();
    session.current = null;
    setSource(null);
    setPreview(null);
    setStep('source');
    setResult(null);
    setError(null);
  };

  const metaFor = (src: SourceInfo, packName: string): PackMeta => ({
    id: packIdFor(src.kind === 'outline' && src.pasted ? packName : src.fileName),
    name: packName.trim().slice(0, NAME_MAX) || t('wizardDefaultName'),
    author: t('wizardAuthor'),
    version: '1.0.0',
  });

  const readFailed = (message: string) => setError(t('wizardReadFailed', { error: message }));
  /** One call to the session with the wizard marked busy; a call that throws (the worker died) ends in `fail`. */
  const busyWhile = async (work: () => Promise<unknown>, fail: (message: string) => void = readFailed) => {
    setBusy(true);
    try {
      await work();
    } catch (e) {
      fail((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const showPreview = (src: SourceInfo, map: ColumnMapping, skip: boolean, packName: string) =>
    busyWhile(async () => {
      if (!session.current) return;
      setPreview(await session.current.preview({ mapping: map, meta: metaFor(src, packName), skipErrors: skip }));
      setStep('preview');
    });

  const openSource = (input: () => Promise<OpenInput> | OpenInput, packName: string) => {
    setError(null);
    setResult(null);
    setName(packName);
    return busyWhile(async () => {
      const res = await fresh().open(await input());
      if (!res.ok) {
        if (res.code === 'unknown-type') setError(t('wizardUnknownFile', { name: res.message }));
        else readFailed(english ? res.messageEn : res.message);
        return;
      }
      setSource(res.source);
      if (res.source.kind === 'table') {
        setMapping(res.source.mapping);
        setStep('mapping');
      } else await showPreview(res.source, [], skipErrors, packName);
    });
  };

  const openFile = async (file: File) => {
    const cap = /\.zip$/i.test(file.name) ? MAX_ZIP_IMPORT_BYTES : maxBytes;
    if (file.size > cap) {
      setResult(null);
      return setError(t('wizardTooLarge', { mb: Math.round(cap / 1024 / 1024) }));
    }
    await openSource(
      async () => ({ fileName: file.name, data: await file.arrayBuffer() }),
      file.name.replace(/\.[^.]+$/, '').slice(0, NAME_MAX),
    );
  };

  /** A folder (a sheet and its pictures): the files go to the session unread; only what the sheet names is read. */
  const openFolder = async (list: FileList) => {
    const chosen = [...list];
    const top = chosen[0]?.webkitRelativePath.split('/')[0] ?? '';
    await openSource(
      () => ({
        fileName: top,
        files: chosen.map((file) => ({ path: file.webkitRelativePath.slice(top.length + 1), file })),
      }),
      top.slice(0, NAME_MAX),
    );
  };

  const openPasted = () =>
    openSource(() => ({ fileName: t('wizardPastedName'), text: pasted, pasted: true }), name || t('wizardDefaultName'));

  const chooseSheet = (sheet: string) =>
    busyWhile(async () => {
      if (source?.kind !== 'table' || !session.current) return;
      const res = await session.current.chooseSheet(sheet);
      if (!res.ok) readFailed(english ? res.messageEn : res.message);
      else if (res.source.kind === 'table') {
        setSource(res.source);
        setMapping(res.source.mapping);
      }
    });

  const confirm = () =>
    busyWhile(
      async () => {
        if (!preview?.ready || !source || !session.current) return;
        const meta = metaFor(source, name);
        const res = await session.current.install({ target, meta: { id: meta.id!, name: meta.name! } });
        const shown: Result = !res.ok
          ? res.code === 'quota'
            ? { ok: false, text: t('storageFull', { what: t('storageWhatPack') }) }
            : { ok: false, text: t('importFailed'), errors: res.errors }
          : res.target === 'personal'
            ? { ok: true, text: t('wizardDonePersonal', { count: res.count }) }
            : {
                ok: true,
                text: t('importOk', {
                  name: res.name,
                  version: res.version,
                  added: res.added,
                  changed: res.changed,
                  removed: res.removed,
                }),
              };
        setResult(shown);
        if (shown.ok) setStep('done');
      },
      (message) => setResult({ ok: false, text: t('importFailed'), errors: [message] }),
    );

  const errors = preview?.errors ?? [];
  const warnings = preview?.warnings ?? [];

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
              accept=".xlsx,.csv,.tsv,.txt,.json,.md,.markdown,.zip"
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file) void openFile(file);
              }}
            />
          </div>
          <div className="form-row">
            <label htmlFor="wizard-folder">{t('wizardFolder')}</label>
            <input
              id="wizard-folder"
              type="file"
              data-testid="wizard-folder"
              // Chromium and Firefox both take the prefixed attribute for choosing a folder.
              {...{ webkitdirectory: '' }}
              onChange={(e) => {
                const files = e.target.files;
                if (files?.length) void openFolder(files);
                e.target.value = '';
              }}
            />
          </div>
          <div className="form-row">
            <label htmlFor="wizard-paste">{t('wizardPaste')}</label>
            <textarea
              id="wizard-paste"
              data-testid="wizard-paste"
              rows={6}
              placeholder={t('wizardPastePlaceholder')}
              value={pasted}
              onChange={(e) => setPasted(e.target.value)}
            />
          </div>
          <button type="button" className="btn" disabled={!pasted.trim() || busy} onClick={() => void openPasted()}>
            {t('wizardPasteRead')}
          </button>
        </div>
      )}
      {error && (
        <Notice tone="error" testId="wizard-error">
          {error}
        </Notice>
      )}
      {busy && (
        <p className="hint" role="status" data-testid="wizard-busy">
          {t('wizardWorking')}
        </p>
      )}

      {step === 'mapping' && source?.kind === 'table' && (
        <div data-testid="wizard-mapping">
          <h3>{t('wizardMappingTitle', { file: source.fileName })}</h3>
          {source.encoding === 'gb18030' && (
            <Notice tone="warn" testId="wizard-encoding">
              {t('wizardReadAsGbk')}
            </Notice>
          )}
          {source.sheetNames && source.sheetNames.length > 1 && (
            <div className="form-row">
              <label htmlFor="wizard-sheet">{t('wizardSheet')}</label>
              <select
                id="wizard-sheet"
                data-testid="wizard-sheet"
                value={source.sheetName ?? ''}
                onChange={(e) => void chooseSheet(e.target.value)}
              >
                {source.sheetNames.map((s) => (
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
              {source.headers.map((h, i) => (
                <tr key={i} data-column={i}>
                  <td>{h || t('wizardColumnN', { n: i + 1 })}</td>
                  <td>
                    <select
                      aria-label={t('wizardFieldFor', { column: h || String(i + 1) })}
                      data-testid={`wizard-map-${i}`}
                      value={mapping[i] ?? 'ignore'}
                      onChange={(e) =>
                        setMapping(mapping.map((m, j) => (j === i ? (e.target.value as ImportField) : m)))
                      }
                    >
                      {FIELDS.map((f) => (
                        <option key={f} value={f}>
                          {english ? (FIELD_LABELS[f]?.en ?? f) : (FIELD_LABELS[f]?.zh ?? f)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="sample">
                    {source.samples
                      .map((r) => r[i] ?? '')
                      .filter(Boolean)
                      .join(' ｜ ')
                      .slice(0, 80)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {!mapping.includes('body') && <Notice tone="warn">{t('wizardNeedBody')}</Notice>}
          <div className="form-row">
            <button type="button" className="btn" onClick={reset}>
              {t('wizardBack')}
            </button>
            <button
              type="button"
              className="btn btn-primary"
              data-testid="wizard-to-preview"
              disabled={!mapping.includes('body') || busy}
              onClick={() => void showPreview(source, mapping, skipErrors, name)}
            >
              {t('wizardNext')}
            </button>
          </div>
        </div>
      )}

      {(step === 'preview' || step === 'done') && preview && source && (
        <div data-testid="wizard-preview">
          <h3>{t('wizardPreviewTitle')}</h3>
          {source.encoding === 'gb18030' && (
            <Notice tone="warn" testId="wizard-encoding">
              {t('wizardReadAsGbk')}
            </Notice>
          )}
          <p data-testid="wizard-stats">
            {t('wizardStats', {
              rows: preview.stats.rows,
              scripts: preview.stats.scripts,
              situations: preview.stats.situations,
              skipped: preview.stats.skipped,
              converted: preview.stats.placeholdersConverted,
            })}
          </p>
          {errors.length > 0 && (
            <Notice tone="error" testId="wizard-errors">
              {t('wizardErrors', { count: preview.errorCount })}
              <ul className="errors">
                {errors.map((i, n) => (
                  <li key={n} data-row={i.row}>
                    {english ? i.messageEn : i.message}
                  </li>
                ))}
              </ul>
              {preview.errorCount > errors.length && (
                <p className="hint">{t('wizardMore', { count: preview.errorCount - errors.length })}</p>
              )}
            </Notice>
          )}
          {warnings.length > 0 && (
            <Notice tone="warn" testId="wizard-warnings">
              <ul className="errors">
                {warnings.map((i, n) => (
                  <li key={n} data-row={i.row}>
                    {english ? i.messageEn : i.message}
                  </li>
                ))}
              </ul>
              {preview.warningCount > warnings.length && (
                <p className="hint">{t('wizardMore', { count: preview.warningCount - warnings.length })}</p>
              )}
            </Notice>
          )}
          {source.kind !== 'json' && errors.length > 0 && (
            <div className="form-row">
              <input
                id="wizard-skip"
                type="checkbox"
                checked={skipErrors}
                disabled={busy}
                onChange={(e) => {
                  setSkipErrors(e.target.checked);
                  void showPreview(source, mapping, e.target.checked, name);
                }}
              />
              <label htmlFor="wizard-skip" style={{ width: 'auto' }}>
                {t('wizardSkipErrors')}
              </label>
            </div>
          )}
          {preview.ready && (
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
                {preview.scripts.map((s) => (
                  <tr key={s.id}>
                    <td>
                      <PackText text={s.path} />
                    </td>
                    <td>
                      <PackText text={s.title} />
                    </td>
                    <td className="script-body">
                      <PackText text={s.body} />
                      {s.images ? (
                        <span className="hint" data-testid="wizard-preview-images">
                          {' '}
                          {t('wizardPreviewImages', { count: s.images })}
                        </span>
                      ) : null}
                    </td>
                    <td>{s.shortcut ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {preview.scriptCount > preview.scripts.length && (
            <p className="hint">{t('wizardMore', { count: preview.scriptCount - preview.scripts.length })}</p>
          )}
          {step === 'preview' && (
            <>
              {preview.replaces && target === 'new' && (
                <Notice tone="warn" testId="wizard-replaces">
                  {t('wizardReplaces', { name: preview.replaces.name, version: preview.replaces.version })}
                </Notice>
              )}
              {source.kind !== 'json' && (
                <div className="form-row">
                  <label htmlFor="wizard-name">{t('wizardPackName')}</label>
                  <input
                    id="wizard-name"
                    type="text"
                    value={name}
                    maxLength={NAME_MAX}
                    onChange={(e) => setName(e.target.value)}
                  />
                </div>
              )}
              <div className="form-row">
                <label>{t('wizardTarget')}</label>
                {(['new', 'personal'] as const).map((k) => (
                  <span key={k}>
                    <input
                      type="radio"
                      id={`wizard-target-${k}`}
                      name="wizard-target"
                      checked={target === k}
                      onChange={() => setTarget(k)}
                    />
                    <label htmlFor={`wizard-target-${k}`} style={{ width: 'auto' }}>
                      {t(k === 'new' ? 'wizardTargetNew' : 'wizardTargetPersonal')}
                    </label>
                  </span>
                ))}
              </div>
              <div className="form-row">
                <button
                  type="button"
                  className="btn"
                  onClick={() => (source.kind === 'table' ? setStep('mapping') : reset())}
                >
                  {t('wizardBack')}
                </button>
                <button
                  type="button"
                  className="btn btn-primary"
                  data-testid="wizard-confirm"
                  disabled={!preview.ready || busy}
                  onClick={() => void confirm()}
                >
                  {t('wizardConfirm', { count: preview.scriptCount })}
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
