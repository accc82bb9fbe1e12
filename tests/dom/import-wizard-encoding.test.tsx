/**
 * The import wizard and files that are not what they claim: a GBK CSV (Excel on Chinese Windows)
 * is read and announced, a CSV mixing UTF-8 and GBK rows and a JSON pack with invalid UTF-8 are
 * refused with the line, in the agent's language; nothing is written.
 */
import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ImportWizard } from '../../entrypoints/options/sections/ImportWizard';
import { HuashuDB } from '../../utils/db/schema';
import { allScripts } from '../../utils/db/script-store';
import { translator } from '../../utils/i18n';
import { ImportSession } from '../../utils/import/session';
import { GBK_CSV, INVALID_UTF8_JSON, MIXED_CSV } from '../fixtures/hostile/files';

afterEach(cleanup);

function renderWizard(locale: 'zh-CN' | 'en' = 'zh-CN') {
  const db = new HuashuDB(`wizard-enc-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  render(
    <ImportWizard
      t={translator(locale)}
      english={locale === 'en'}
      maxBytes={1024 * 1024}
      openSession={() => new ImportSession(db)}
    />,
  );
  return { stored: () => allScripts(db) };
}

function upload(name: string, data: Uint8Array<ArrayBuffer>) {
  const file = new File([data], name);
  fireEvent.change(screen.getByTestId('wizard-file'), { target: { files: [file] } });
}

describe('import wizard and encodings', () => {
  it('reads a GBK CSV, says 已按 GBK 编码读取, and previews the rows without mojibake', async () => {
    renderWizard();
    upload('话术.csv', GBK_CSV);
    const mapping = await screen.findByTestId('wizard-mapping');
    expect(screen.getByTestId('wizard-encoding').textContent).toContain('已按 GBK 编码读取');
    expect(mapping.textContent).toContain('您好');
    fireEvent.click(screen.getByTestId('wizard-to-preview'));
    const rows = await screen.findByTestId('wizard-preview-rows');
    expect(rows.textContent).toContain('您好');
    expect(rows.textContent).toContain('退货');
    expect(screen.getByTestId('wizard-encoding').textContent).toContain('已按 GBK 编码读取');
  });

  it('says nothing about encodings for a UTF-8 file', async () => {
    renderWizard();
    upload('话术.csv', new TextEncoder().encode('分类,话术\n售后,您好\n'));
    await screen.findByTestId('wizard-mapping');
    expect(screen.queryByTestId('wizard-encoding')).toBeNull();
  });

  it('refuses a CSV mixing UTF-8 and GBK rows, naming the line, and writes nothing', async () => {
    const { stored } = renderWizard();
    upload('混合.csv', MIXED_CSV);
    const error = await screen.findByTestId('wizard-error');
    expect(error.textContent).toContain('第 4 行');
    expect(error.textContent).toContain('混用了两种编码');
    expect(screen.queryByTestId('wizard-mapping')).toBeNull();
    expect(await stored()).toEqual([]);
  });

  it('refuses a JSON pack with invalid UTF-8, in English for an English UI', async () => {
    renderWizard('en');
    upload('pack.json', INVALID_UTF8_JSON);
    const error = await screen.findByTestId('wizard-error');
    expect(error.textContent).toMatch(/line 2/i);
    expect(error.textContent).not.toMatch(/[\u4e00-\u9fff]{2}/);
  });
});
