/**
 * Insertion into every kind of console editor, end to end: the built extension in Chromium,
 * one test page per real editor (tests/e2e/editors/, bundled from the pinned npm packages),
 * and the agent's path — click into the reply box, click a script in the side panel.
 *
 * Every check reads the editor's MODEL through the editor's own API (`editorUnderTest.getText()`
 * on each page), not the DOM: text in the DOM but not in the model is what gets lost on send.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { asTyped, EDITOR_PAGES, type EditorPage } from './editors/catalog';
import { clickScriptInPanel, importPack, launch, serveEditorPages, setInsertMode, type Harness } from './harness';

const PACK_ID = 'e2e.insertion';
const script = (id: string, title: string, body: string) => ({ id, situation: 'e2e', title, body });
const SCRIPTS = {
  single: script('single', '插入测试单行', '请稍等，正在为您查询订单状态'),
  // A blank line, then two lines: a blank line must survive and nothing may be doubled.
  multi: script('multi', '插入测试多行', '您好，\n\n感谢您的耐心等待。\n祝您生活愉快！'),
  caret: script('caret', '插入测试光标', '<img src=x onerror=alert(1)> 您好，{光标}请问还有什么可以帮您？'),
  form: script('form', '插入测试填写', '您的订单 {订单号} 已发货，预计{时间}内送达。'),
  long: script(
    'long',
    '插入测试超长',
    '亲，您的包裹已经由顺丰快递发出，运单号稍后会同步到订单详情页，预计两到三天送达，请保持电话畅通以便快递员联系您，感谢您的耐心等待！',
  ),
};
const PACK = {
  schemaVersion: 1,
  id: PACK_ID,
  name: '插入测试话术',
  version: '1.0.0',
  updatedAt: '2026-11-24T00:00:00+08:00',
  author: 'e2e',
  situations: [{ id: 'e2e', name: '插入测试', parent: null }],
  scripts: Object.values(SCRIPTS),
};

const PAGES = EDITOR_PAGES;

let h: Harness;
let pages: { url: string; close(): Promise<void> };
let panel: Page;

beforeAll(async () => {
  [h, pages] = await Promise.all([launch(), serveEditorPages()]);
  await importPack(h, PACK);
  panel = await h.openPanel();
}, 120_000);

afterAll(async () => {
  await h?.close();
  await pages?.close();
});

interface OpenEditor {
  page: Page;
  field: Locator;
  getText(): Promise<string>;
  /** alert()s and uncaught errors on the page: an inserted script must never run anything. */
  dialogs: string[];
  errors: string[];
}

async function openEditor(ed: EditorPage): Promise<OpenEditor> {
  const page = await h.context.newPage();
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(new URL(`${ed.page}.html`, pages.url).href);
  await page
    .locator('body[data-ready]')
    .waitFor({ state: 'attached', timeout: 15_000 })
    .catch(() => {
      throw new Error(`${ed.page}.html did not start: ${errors.join('; ') || 'no error reported'}`);
    });
  const scope: Page | FrameLocator = ed.inFrame ? page.frameLocator('iframe') : page;
  return {
    page,
    field: scope.locator(ed.field).first(),
    getText: () => page.evaluate(() => window.editorUnderTest!.getText()),
    dialogs,
    errors,
  };
}

/** The agent clicks into the reply box; the panel then names this page as where scripts go. */
async function focusField(e: OpenEditor) {
  await e.page.bringToFront();
  await e.field.click();
  const title = await e.page.title();
  await expect.poll(() => panel.getByTestId('target').textContent()).toContain(title);
}

async function insert(s: { id: string; title: string }) {
  await clickScriptInPanel(panel, `${PACK_ID}/${s.id}`, s.title);
}

async function press(e: OpenEditor, keys: string) {
  await e.page.bringToFront();
  for (const key of keys.split(' ')) await e.page.keyboard.press(key);
}

const filled = (body: string) => body.replace('{光标}', '');

/** The field's text from the caret to its end, as the page's selection says. */
function textAfterCaret(e: OpenEditor): Promise<string | null> {
  return e.field.evaluate((el) => {
    if (el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement)
      return el.value.slice(el.selectionEnd ?? 0);
    const root = el.getRootNode() as Document & { getSelection?: () => Selection | null };
    const sel = typeof root.getSelection === 'function' ? root.getSelection() : el.ownerDocument.getSelection();
    if (!sel?.focusNode || !el.contains(sel.focusNode)) return null;
    const range = el.ownerDocument.createRange();
    range.setStart(sel.focusNode, sel.focusOffset);
    range.setEnd(el, el.childNodes.length);
    return range.toString().replace(/[\u200b\ufeff]/g, '');
  });
}

describe.each(PAGES)('$page', (ed) => {
  it('inserts a multi-line script as exactly its lines; Ctrl+Z takes it out; the caret follows it; send posts it', async () => {
    const e = await openEditor(ed);
    const expected = asTyped(ed, SCRIPTS.multi.body);
    await focusField(e);
    await insert(SCRIPTS.multi);
    await expect.poll(e.getText).toBe(expected);

    await press(e, 'ControlOrMeta+z');
    await expect.poll(e.getText).toBe('');

    await focusField(e);
    await insert(SCRIPTS.multi);
    await expect.poll(e.getText).toBe(expected);
    await e.page.bringToFront();
    await e.page.keyboard.type('X');
    await expect.poll(e.getText).toBe(`${expected}X`);

    await e.page.locator('#send').click();
    expect(await e.page.locator('#sent').textContent()).toBe(`${expected}X`);
    await e.page.close();
  });

  it('replaces the selected words and keeps the rest of the draft; Ctrl+Z brings them back', async () => {
    const e = await openEditor(ed);
    await focusField(e);
    await e.page.keyboard.insertText('您好，稍等！');
    await press(e, 'ArrowLeft Shift+ArrowLeft Shift+ArrowLeft');
    // The agent's move to the panel. Editors that fold quick edits into one undo step
    // (ProseMirror 500 ms, Quill 1 s) keep the typing and the insertion apart after it.
    await e.page.waitForTimeout(1_100);
    await insert(SCRIPTS.single);
    await expect.poll(e.getText).toBe(`您好，${SCRIPTS.single.body}！`);

    await press(e, 'ControlOrMeta+z');
    await expect.poll(e.getText).toBe('您好，稍等！');
    await e.page.close();
  });

  it('leaves the caret where {光标} stood and keeps HTML-looking text literal', async () => {
    const e = await openEditor(ed);
    const text = filled(SCRIPTS.caret.body);
    const caret = SCRIPTS.caret.body.indexOf('{光标}');
    await focusField(e);
    await insert(SCRIPTS.caret);
    await expect.poll(e.getText).toBe(text);
    expect(await e.page.locator('#editor img').count()).toBe(0);
    // The caret is placed once the editor has rendered the text, a moment after its model
    // has it; an agent cannot type in between, the test waits for it.
    await expect.poll(() => textAfterCaret(e)).toBe(text.slice(caret));

    await e.page.bringToFront();
    await e.page.keyboard.type('Y');
    await expect.poll(e.getText).toBe(`${text.slice(0, caret)}Y${text.slice(caret)}`);
    expect(e.dialogs).toEqual([]);
    expect(e.errors).toEqual([]);
    await e.page.close();
  });

  it('inserts a script with placeholders after the agent fills them in the panel', async () => {
    const e = await openEditor(ed);
    await focusField(e);
    await insert(SCRIPTS.form);
    const form = panel.locator('form.placeholder-form');
    await form.waitFor();
    await panel.locator('[data-placeholder-name="订单号"]').fill('SF1234567');
    await panel.locator('[data-placeholder-name="时间"]').fill('24 小时');
    await panel.keyboard.press('Enter');
    await expect.poll(e.getText).toBe('您的订单 SF1234567 已发货，预计24 小时内送达。');
    await e.page.close();
  });
});

describe('length limits', () => {
  it('cuts a script at maxlength and tells the agent', async () => {
    const ed = PAGES.find((p) => p.page === 'input')!;
    const e = await openEditor(ed);
    const max = Number(await e.field.getAttribute('maxlength'));
    expect(SCRIPTS.long.body.length).toBeGreaterThan(max);
    await focusField(e);
    await insert(SCRIPTS.long);
    await expect.poll(e.getText).toBe(SCRIPTS.long.body.slice(0, max));
    await expect.poll(() => panel.getByTestId('notice').textContent()).toContain('截断');
    await e.page.close();
  });
});

describe('replace-the-whole-draft mode', () => {
  beforeAll(async () => setInsertMode(h, 'replace-draft'));
  afterAll(async () => setInsertMode(h, 'caret'));

  it.each(PAGES)('$page: the script replaces everything the agent had typed', async (ed) => {
    const e = await openEditor(ed);
    await focusField(e);
    await e.page.keyboard.insertText('旧草稿第一行');
    if (!ed.singleLine) {
      await e.page.keyboard.press('Shift+Enter');
      await e.page.keyboard.insertText('第二行');
    }
    await press(e, 'ArrowLeft ArrowLeft');
    await insert(SCRIPTS.single);
    await expect.poll(e.getText).toBe(SCRIPTS.single.body);
    await e.page.close();
  });
});
