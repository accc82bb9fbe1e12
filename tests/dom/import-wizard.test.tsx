import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ImportWizard, packIdFor } from '../../entrypoints/options/sections/ImportWizard';
import { HuashuDB } from '../../utils/db/schema';
import { allScripts } from '../../utils/db/script-store';
import { translator } from '../../utils/i18n';
import { ImportSession } from '../../utils/import/session';

afterEach(cleanup);

const t = translator('zh-CN');

// A team lead's sheet: the text column has a header the importer does not know (客服回复语),
// row 3 has a shortcut that is not allowed, and bodies use [店铺名称] / 先生/女士 placeholders.
const CSV = [
  '分组,标题,客服回复语,快捷码',
  '物流,查询物流,您好先生/女士，您的包裹已从[店铺名称]发出。,wl1',
  '物流,催发货,非常抱歉让您久等，我马上为您催促仓库。,Bad Code',
  '售后,七天无理由,本店支持七天无理由退货，请在订单页申请。,th7',
].join('\n');

/** The wizard on a database of its own; the session runs in-thread (no worker in happy-dom). */
function renderWizard() {
  const db = new HuashuDB(`wizard-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  render(<ImportWizard t={t} maxBytes={1024 * 1024} openSession={() => new ImportSession(db)} />);
  return { db, stored: () => allScripts(db) };
}

async function upload(name: string, content: string) {
  const input = screen.getByTestId('wizard-file') as HTMLInputElement;
  const file = new File([content], name, { type: 'text/csv' });
  fireEvent.change(input, { target: { files: [file] } });
}

describe('import wizard', () => {
  it('pre-fills the mapping from the headers and lets the agent fix an unknown column', async () => {
    renderWizard();
    await upload('售后组话术.csv', CSV);
    const mapping = await screen.findByTestId('wizard-mapping');
    const select = (i: number) => within(mapping).getByTestId(`wizard-map-${i}`) as HTMLSelectElement;
    // With no known text column the guess takes 标题 for the text; the agent puts it right.
    expect([0, 1, 2, 3].map((i) => select(i).value)).toEqual(['level1', 'body', 'ignore', 'shortcut']);
    fireEvent.change(select(1), { target: { value: 'title' } });
    // Sample values help the agent see what the column holds.
    expect(mapping.textContent).toContain('您好先生/女士');
    // No body column yet: the wizard says so and will not go on.
    expect((screen.getByTestId('wizard-to-preview') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(select(2), { target: { value: 'body' } });
    expect((screen.getByTestId('wizard-to-preview') as HTMLButtonElement).disabled).toBe(false);
  });

  it('shows row errors with their row numbers and writes nothing until confirmed', async () => {
    const { stored } = renderWizard();
    await upload('售后组话术.csv', CSV);
    await screen.findByTestId('wizard-mapping');
    fireEvent.change(screen.getByTestId('wizard-map-1'), { target: { value: 'title' } });
    fireEvent.change(screen.getByTestId('wizard-map-2'), { target: { value: 'body' } });
    fireEvent.click(screen.getByTestId('wizard-to-preview'));

    const errors = await screen.findByTestId('wizard-errors');
    const rowError = errors.querySelector('li[data-row="3"]');
    expect(rowError?.textContent).toContain('3');
    expect(rowError?.textContent).toContain('快捷码');
    const confirm = screen.getByTestId('wizard-confirm') as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    expect(await stored()).toEqual([]);

    // Skipping the bad row: the other two become scripts, placeholders in our syntax.
    fireEvent.click(screen.getByLabelText(t('wizardSkipErrors')));
    await waitFor(() => expect((screen.getByTestId('wizard-confirm') as HTMLButtonElement).disabled).toBe(false));
    const rows = screen.getByTestId('wizard-preview-rows');
    expect(rows.textContent).toContain('查询物流');
    expect(rows.textContent).toContain('{客户称呼}');
    expect(rows.textContent).toContain('{店铺名}');
    expect(rows.textContent).not.toContain('催发货');
    expect(screen.getByTestId('wizard-stats').textContent).toMatch(/2 条话术/);
    expect(await stored()).toEqual([]);

    fireEvent.click(screen.getByLabelText(t('wizardTargetPersonal')));
    fireEvent.click(screen.getByTestId('wizard-confirm'));
    await screen.findByTestId('wizard-result');
    expect(screen.getByTestId('wizard-result').textContent).toContain('已导入 2 条话术');
    // Into 我的话术, as personal scripts, placeholders converted.
    const mine = (await stored()).sort((a, b) => a.order - b.order);
    expect(mine.map((s) => [s.packId, s.title, s.shortcut])).toEqual([
      ['personal', '查询物流', 'wl1'],
      ['personal', '七天无理由', 'th7'],
    ]);
    expect(mine[0]!.body).toBe('您好{客户称呼}，您的包裹已从{店铺名}发出。');
  });

  it('turns pasted Word text into situations and scripts', async () => {
    const { stored } = renderWizard();
    fireEvent.change(screen.getByTestId('wizard-paste'), {
      target: { value: '# 开场\n您好，请问有什么可以帮您？\n# 结束语\n感谢您的耐心，祝您生活愉快！' },
    });
    fireEvent.click(screen.getByText(t('wizardPasteRead')));
    const rows = await screen.findByTestId('wizard-preview-rows');
    expect(rows.textContent).toContain('开场');
    expect(rows.textContent).toContain('祝您生活愉快');
    expect(await stored()).toEqual([]);
  });

  it('lists the errors of a broken pack JSON and offers no confirm', async () => {
    const { stored } = renderWizard();
    await upload(
      'team.json',
      JSON.stringify({
        schemaVersion: 1,
        id: 'x',
        name: 'x',
        version: '1',
        updatedAt: '2026-01-01T00:00:00Z',
        author: 'a',
        situations: [],
        scripts: [{ id: 's', situation: 'nope', title: 't', body: 'b' }],
      }),
    );
    const errors = await screen.findByTestId('wizard-errors');
    expect(errors.textContent).toContain('nope');
    expect((screen.getByTestId('wizard-confirm') as HTMLButtonElement).disabled).toBe(true);
    expect(await stored()).toEqual([]);
  });
});

describe('packIdFor', () => {
  it('derives a valid, stable pack id: readable for ASCII names, hashed otherwise', () => {
    expect(packIdFor('After Sale v2.xlsx')).toBe('import.after-sale-v2');
    const id = packIdFor('售后话术.xlsx');
    expect(id).toMatch(/^import\.[0-9a-z]{11}$/);
    expect(packIdFor('售后话术.xlsx')).toBe(id);
    expect(packIdFor('物流话术.xlsx')).not.toBe(id);
  });
});
