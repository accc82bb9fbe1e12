/**
 * 导入导出: the import wizard (writes go to the background: a new pack through the same
 * `importPack` → installPack path (one transaction) as pack files, "into 我的话术" through `editLibrary`), and
 * export of any installed pack — or 我的话术 — to pack JSON, xlsx or csv.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { Notice } from '../../../components/Notice';
import { packToCsv, packToJson, packToXlsx } from '../../../scripts-library/io';
import type { Pack } from '../../../scripts-library/schema';
import { db } from '../../../utils/db';
import { rowsToPack } from '../../../utils/db/rows-to-pack';
import { packScripts } from '../../../utils/db/script-store';
import type { Translate } from '../../../utils/i18n';
import { sendMessage } from '../../../utils/messaging/protocol';
import { downloadFile } from '../../../utils/pages/download';
import { ImportWizard, type ImportTarget } from './ImportWizard';
import { MAX_IMPORT_BYTES } from '../limits';


export function ImportExport({ t, english }: { t: Translate; english: boolean }) {
  const onConfirm = async (pack: Pack, target: ImportTarget, fileName: string) => {
    if (target === 'personal') {
      const res = await sendMessage('editLibrary', { op: 'importIntoPersonal', pack });
      return res.ok ? { ok: true, text: t('wizardDonePersonal', { count: res.count ?? 0 }) } : { ok: false, text: t('importFailed'), errors: [res.error] };
    }
    // The pack object as the wizard validated it: no JSON text to pretty-print, hash and parse again.
    const res = await sendMessage('importPack', { pack, fileName });
    return res.ok
      ? { ok: true, text: t('importOk', { name: res.name, version: res.version, added: res.diff.added.length, changed: res.diff.changed.length, removed: res.diff.removed.length }) }
      : { ok: false, text: t('importFailed'), errors: res.errors.map((e) => e.message) };
  };
  return (
    <section id="import-export">
      <h2>{t('ioTitle')}</h2>
      <ImportWizard t={t} english={english} onConfirm={onConfirm} maxBytes={MAX_IMPORT_BYTES} />
      <Export t={t} />
    </section>
  );
}

function Export({ t }: { t: Translate }) {
  const packs = useLiveQuery(() => db.packs.orderBy('order').toArray(), []);
  const [packId, setPackId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const chosen = packId || packs?.[0]?.id || '';
  const run = async (format: 'json' | 'xlsx' | 'csv') => {
    setError(null);
    try {
      const [pack, situations, scripts, rules] = await Promise.all([db.packs.get(chosen), db.situations.toArray(), packScripts(db, chosen), db.siteRules.toArray()]);
      if (!pack) return;
      const data = rowsToPack(pack, situations, scripts, rules);
      const base = `${pack.name}-${pack.version}`.replace(/[\\/:*?"<>|]+/g, '_');
      if (format === 'json') downloadFile(`${base}.json`, await packToJson(data), 'application/json');
      else if (format === 'csv') downloadFile(`${base}.csv`, packToCsv(data), 'text/csv;charset=utf-8');
      else downloadFile(`${base}.xlsx`, await packToXlsx(data), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    } catch (e) {
      setError(t('ioExportFailed', { error: (e as Error).message }));
    }
  };
  return (
    <div data-testid="export">
      <h3>{t('ioExport')}</h3>
      <div className="form-row">
        <label htmlFor="export-pack">{t('ioExportPack')}</label>
        <select id="export-pack" data-testid="export-pack" value={chosen} onChange={(e) => setPackId(e.target.value)}>
          {packs?.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        {(['json', 'xlsx', 'csv'] as const).map((f) => (
          <button key={f} type="button" className="btn" data-testid={`export-${f}`} disabled={!chosen} onClick={() => void run(f)}>
            {f.toUpperCase()}
          </button>
        ))}
      </div>
      <p className="hint">{t('ioExportHint')}</p>
      {error && <Notice tone="error">{error}</Notice>}
    </div>
  );
}
