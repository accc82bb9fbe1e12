/**
 * 导入导出: the import wizard (its session reads, converts and writes in a worker: a new pack
 * through `installPack`, one transaction, "into 我的话术" through the editor's
 * `importIntoPersonal`), and export of any installed pack — or 我的话术 — to pack JSON, xlsx or csv.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { Notice } from '../../../components/Notice';
import { packToCsv, packToJson, packToXlsx, packToZip } from '../../../scripts-library/io';
import { imageRefsOf } from '../../../scripts-library/images';
import { db } from '../../../utils/db';
import { rowsToPack } from '../../../scripts-library/rows-to-pack';
import { getImages, withEmbeddedImages } from '../../../utils/db/images';
import type { Pack } from '../../../scripts-library/schema';
import { packScripts } from '../../../utils/db/script-store';
import type { Translate } from '../../../utils/i18n';
import { downloadFile } from '../../../utils/pages/download';
import { ImportWizard } from './ImportWizard';
import { MAX_IMPORT_BYTES } from '../limits';
import { showInvisible } from '../../../scripts-library/invisible';

export function ImportExport({ t, english }: { t: Translate; english: boolean }) {
  return (
    <section id="import-export">
      <h2>{t('ioTitle')}</h2>
      <ImportWizard t={t} english={english} maxBytes={MAX_IMPORT_BYTES} />
      <Export t={t} />
    </section>
  );
}

/** The stored bytes of every picture the pack's scripts show, by hash. */
async function imageBytes(pack: Pack): Promise<Map<string, Uint8Array>> {
  const rows = await getImages(db, [...imageRefsOf(pack.scripts).keys()]);
  const out = new Map<string, Uint8Array>();
  for (const row of rows) if (row) out.set(row.hash, new Uint8Array(await row.blob.arrayBuffer()));
  return out;
}

function Export({ t }: { t: Translate }) {
  const packs = useLiveQuery(() => db.packs.orderBy('order').toArray(), []);
  const [packId, setPackId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const chosen = packId || packs?.[0]?.id || '';
  const run = async (format: 'json' | 'xlsx' | 'csv' | 'zip') => {
    setError(null);
    try {
      const [pack, situations, scripts, rules] = await Promise.all([
        db.packs.get(chosen),
        db.situations.toArray(),
        packScripts(db, chosen),
        db.siteRules.toArray(),
      ]);
      if (!pack) return;
      const data = rowsToPack(pack, situations, scripts, rules);
      const base = `${pack.name}-${pack.version}`.replace(/[\\/:*?"<>|]+/g, '_');
      if (format === 'json')
        downloadFile(`${base}.json`, await packToJson(await withEmbeddedImages(db, data)), 'application/json');
      else if (format === 'csv') downloadFile(`${base}.csv`, packToCsv(data), 'text/csv;charset=utf-8');
      else if (format === 'zip')
        downloadFile(`${base}.zip`, await packToZip(data, await imageBytes(data)), 'application/zip');
      else
        downloadFile(
          `${base}.xlsx`,
          await packToXlsx(data),
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        );
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
              {showInvisible(p.name)}
            </option>
          ))}
        </select>
        {(['json', 'xlsx', 'csv', 'zip'] as const).map((f) => (
          <button
            key={f}
            type="button"
            className="btn"
            data-testid={`export-${f}`}
            disabled={!chosen}
            onClick={() => void run(f)}
          >
            {f.toUpperCase()}
          </button>
        ))}
      </div>
      <p className="hint">{t('ioExportHint')}</p>
      {error && <Notice tone="error">{error}</Notice>}
    </div>
  );
}
