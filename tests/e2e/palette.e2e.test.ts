/**
 * The hotkey palette and the inline trigger, end to end: the built extension in Chromium, real
 * key events (page.keyboard → CDP Input.dispatchKeyEvent), input-method composition through CDP
 * (`Input.imeSetComposition` / `Input.insertText`), against the demo console and the per-editor
 * test pages. Checks read the console's draft or the editor's MODEL, as the insertion tests do.
 *
 * Our UI sits in a CLOSED shadow root: tests read it the way DevTools does (CDP DOM with
 * `pierce: true`), never through a hook in the extension.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CDPSession, FrameLocator, Locator, Page } from 'playwright-core';
import { loadDefaultPack } from '../../scripts-library/default-pack';
import { EDITOR_PAGES } from './editors/catalog';
import { launch, serveEditorPages, type Harness } from './harness';
import { readUi, type UiState } from './our-ui';

const pack = loadDefaultPack();
const byCode = (code: string) => pack.scripts.find((s) => s.shortcut === code)!;
const TH1 = byCode('th1'); // 支持七天无理由 (no placeholders)
const TH5 = byCode('th5'); // 不适用说明, needs {商品}
const TH4 = byCode('th4');
// Short enough for the length-limited <input> page.
const SD1 = byCode('sd1');
const QTXY1 = byCode('qtxy1');

let h: Harness;
let pages: { url: string; close(): Promise<void> };

beforeAll(async () => {
  [h, pages] = await Promise.all([launch(), serveEditorPages()]);
}, 120_000);

afterAll(async () => {
  await h?.close();
  await pages?.close();
});

interface Console {
  page: Page;
  cdp: CDPSession;
  composer: Locator;
  draft(): Promise<string>;
  sent(): Promise<string[]>;
  ui(): Promise<UiState>;
}

async function openDemo(): Promise<Console> {
  const page = await h.openConsole();
  const composer = page.locator('[data-role="composer"]');
  await composer.waitFor();
  const cdp = await h.context.newCDPSession(page);
  const c: Console = {
    page,
    cdp,
    composer,
    draft: () => composer.evaluate((el) => (el as HTMLElement).innerText.replace(/\n$/, '')),
    sent: () => page.locator('[data-role="message"][data-from="agent"] [data-role="message-text"]').allTextContents(),
    ui: () => readUi(cdp),
  };
  return c;
}

async function focusComposer(c: Console) {
  await c.page.bringToFront();
  await c.composer.click();
  // Our content script is attached (it answers the hotkey) once the page has its settings.
  await c.page.waitForTimeout(150);
}

async function waitForList(c: { ui(): Promise<UiState> }, mode: 'palette' | 'inline', firstTitle?: string) {
  await expect
    .poll(async () => {
      const s = await c.ui();
      return s.mode === mode && s.items.length > 0 && (!firstTitle || s.items[0]!.title.startsWith(firstTitle));
    })
    .toBe(true);
  return c.ui();
}

const activeIsComposer = (c: Console) =>
  c.page.evaluate(() => document.activeElement?.getAttribute('data-role') === 'composer');

describe('palette on the demo console', () => {
  it('opens with the hotkey, searches as the agent types, moves with arrows, shows a preview, inserts with Enter and returns focus', async () => {
    const c = await openDemo();
    await focusComposer(c);
    await c.page.keyboard.type('您好，');
    await c.page.keyboard.press('Alt+K');
    let ui = await waitForList(c, 'palette');
    expect(ui.focused).toBe(true);

    await c.page.keyboard.type('/th1');
    ui = await waitForList(c, 'palette', TH1.title);
    expect(ui.items[0]!.selected).toBe(true);
    // The preview shows the full script and its purpose.
    expect(ui.preview).toContain(TH1.body);

    await c.page.keyboard.press('Backspace');
    await c.page.keyboard.press('Backspace');
    await c.page.keyboard.press('Backspace');
    await c.page.keyboard.press('Backspace');
    await c.page.keyboard.type('退货运费');
    // The list follows each keystroke through the background: wait until it has settled on the
    // whole query (two reads 150 ms apart agree) before moving in it.
    await expect
      .poll(async () => {
        const a = await c.ui();
        await c.page.waitForTimeout(150);
        const b = await c.ui();
        const keys = (u: UiState) => u.items.map((i) => i.key).join();
        return a.mode === 'palette' && a.items.length > 1 && keys(a) === keys(b);
      })
      .toBe(true);
    ui = await c.ui();
    expect(ui.items.length).toBeGreaterThan(1);
    await c.page.keyboard.press('ArrowDown');
    ui = await c.ui();
    expect(ui.items[1]!.selected).toBe(true);
    const chosen = pack.scripts.find((s) => `${pack.id}/${s.id}` === ui.items[1]!.key)!;
    expect(ui.preview).toContain(chosen.body);
    if (chosen.purpose) expect(ui.preview).toContain(chosen.purpose);

    const before = await c.sent();
    await c.page.keyboard.press('Enter');
    await expect.poll(c.draft).toBe(`您好，${chosen.body}`);
    expect((await c.ui()).mode).toBeNull();
    expect(await activeIsComposer(c)).toBe(true);
    // Our Enter never reached the console's Enter-to-send.
    expect(await c.sent()).toEqual(before);
    // The agent keeps typing where the script ended.
    await c.page.keyboard.type('！');
    await expect.poll(c.draft).toBe(`您好，${chosen.body}！`);
    await c.page.close();
  });

  it("with nothing typed, shows the suggestions for the customer's latest message first, marked 推荐", async () => {
    const c = await openDemo();
    await c.page.evaluate(() => (window as any).demoConsole.openConversation('c1003'));
    await c.page.evaluate(() =>
      (window as any).demoConsole.pushCustomerMessage('c1003', '收到的台灯灯罩碎了，怎么处理？'),
    );
    await focusComposer(c);
    // The message reaches the background a moment after it appears: reopen until it has.
    await expect
      .poll(
        async () => {
          await c.page.keyboard.press('Alt+K');
          const ui = await waitForList(c, 'palette');
          await c.page.keyboard.press('Escape');
          const first = pack.scripts.find((s) => `${pack.id}/${s.id}` === ui.items[0]!.key);
          return (
            ui.items[0]!.title.startsWith('推荐') &&
            ['sol-quality', 'sol-transit-damage'].includes(first?.situation ?? '')
          );
        },
        { timeout: 10_000 },
      )
      .toBe(true);
    await c.page.keyboard.press('Alt+K');
    const ui = await waitForList(c, 'palette', '推荐');
    const first = pack.scripts.find((s) => `${pack.id}/${s.id}` === ui.items[0]!.key)!;
    expect(['sol-quality', 'sol-transit-damage']).toContain(first.situation);
    // Typing a query replaces the suggestions with ordinary results.
    await c.page.keyboard.type('/th1');
    expect((await waitForList(c, 'palette', TH1.title)).items.some((i) => i.title.startsWith('推荐'))).toBe(false);
    await c.page.keyboard.press('Escape');
    await c.page.close();
  });

  it('Esc closes without touching the draft and gives the focus and caret back', async () => {
    const c = await openDemo();
    await focusComposer(c);
    await c.page.keyboard.type('请稍等');
    await c.page.keyboard.press('Alt+K');
    await waitForList(c, 'palette');
    await c.page.keyboard.type('退货');
    await waitForList(c, 'palette');
    await c.page.keyboard.press('Escape');
    await expect.poll(async () => (await c.ui()).mode).toBeNull();
    await expect.poll(() => activeIsComposer(c)).toBe(true);
    expect(await c.draft()).toBe('请稍等');
    await c.page.keyboard.type('～');
    await expect.poll(c.draft).toBe('请稍等～');
    // The console's own Enter-to-send works as before once our palette is closed.
    await c.page.keyboard.press('Enter');
    await expect.poll(c.sent).toContain('请稍等～');
    await c.page.close();
  });

  it('works with the mouse: hover moves the selection, a click inserts', async () => {
    const c = await openDemo();
    await focusComposer(c);
    await c.page.keyboard.press('Alt+K');
    await c.page.keyboard.type('/th');
    const ui = await waitForList(c, 'palette');
    const third = ui.items[2]!;
    await c.page.mouse.move(third.x, third.y);
    await expect.poll(async () => (await c.ui()).items[2]!.selected).toBe(true);
    await c.page.mouse.click(third.x, third.y);
    const chosen = pack.scripts.find((s) => `${pack.id}/${s.id}` === third.key)!;
    await expect.poll(c.draft).toBe(chosen.body);
    expect((await c.ui()).mode).toBeNull();
    await c.page.close();
  });

  it('asks for placeholder values in the palette and never inserts {…} literally', async () => {
    const c = await openDemo();
    await focusComposer(c);
    await c.page.keyboard.press('Alt+K');
    await c.page.keyboard.type('/th5');
    await waitForList(c, 'palette', TH5.title);
    await c.page.keyboard.press('Enter');
    await expect.poll(async () => (await c.ui()).form).toBe(true);
    expect(await c.draft()).toBe('');
    await c.page.keyboard.type('保温杯');
    await c.page.keyboard.press('Enter');
    await expect.poll(c.draft).toBe(TH5.body.replace('{商品}', '保温杯'));
    expect((await c.ui()).mode).toBeNull();
    await c.page.close();
  });
});

describe('inline trigger on the demo console', () => {
  it('/ + query opens a list at the caret that follows each keystroke; Enter inserts and removes the trigger', async () => {
    const c = await openDemo();
    await focusComposer(c);
    await c.page.keyboard.type('您好，/th');
    let ui = await waitForList(c, 'inline');
    expect(ui.items.length).toBeGreaterThan(1);
    // Beside the caret, inside the composer's area, not centred like the palette.
    const box = (await c.composer.boundingBox())!;
    expect(ui.box!.left).toBeGreaterThanOrEqual(box.x);
    expect(ui.box!.left).toBeLessThan(box.x + box.width);
    // The reply box keeps the focus while the list is open.
    expect(ui.focused).toBe(false);
    expect(await activeIsComposer(c)).toBe(true);
    // Each keystroke updates the list: one more character makes th4 the exact match…
    await c.page.keyboard.type('4');
    await waitForList(c, 'inline', TH4.title);
    // …and taking it back widens the list again.
    await c.page.keyboard.press('Backspace');
    await expect
      .poll(async () => (await c.ui()).items.filter((i) => i.title.includes('/th')).length)
      .toBeGreaterThan(1);
    ui = await c.ui();
    await c.page.keyboard.press('ArrowDown');
    expect((await c.ui()).items[1]!.selected).toBe(true);
    const chosen = pack.scripts.find((s) => `${pack.id}/${s.id}` === ui.items[1]!.key)!;
    const before = await c.sent();
    await c.page.keyboard.press('Enter');
    await expect.poll(c.draft).toBe(`您好，${chosen.body}`);
    expect(await c.sent()).toEqual(before);
    expect((await c.ui()).mode).toBeNull();
    await c.page.close();
  });

  it('、 (the / key with Chinese punctuation) triggers too, and Tab inserts', async () => {
    const c = await openDemo();
    await focusComposer(c);
    await c.page.keyboard.type('亲，、th4');
    await waitForList(c, 'inline', TH4.title);
    await c.page.keyboard.press('Tab');
    await expect.poll(c.draft).toBe(`亲，${TH4.body}`);
    expect(await activeIsComposer(c)).toBe(true);
    await c.page.close();
  });

  it('a script with placeholders asks for them at the caret, then replaces the trigger', async () => {
    const c = await openDemo();
    await focusComposer(c);
    await c.page.keyboard.type('亲，/th5');
    await waitForList(c, 'inline', TH5.title);
    await c.page.keyboard.press('Enter');
    await expect.poll(async () => (await c.ui()).form).toBe(true);
    expect(await c.draft()).toBe('亲，/th5');
    await c.page.keyboard.type('定制T恤');
    await c.page.keyboard.press('Enter');
    await expect.poll(c.draft).toBe(`亲，${TH5.body.replace('{商品}', '定制T恤')}`);
    expect((await c.ui()).mode).toBeNull();
    expect(await activeIsComposer(c)).toBe(true);
    await c.page.close();
  });

  it('an exact shortcut code goes in directly with Space', async () => {
    const c = await openDemo();
    await focusComposer(c);
    await c.page.keyboard.type('/th1');
    await waitForList(c, 'inline', TH1.title);
    await c.page.keyboard.press('Space');
    await expect.poll(c.draft).toBe(TH1.body);
    await c.page.close();
  });

  it('Esc dismisses and leaves the typed text alone; then Enter sends as the console always did', async () => {
    const c = await openDemo();
    await focusComposer(c);
    await c.page.keyboard.type('/退货');
    await waitForList(c, 'inline');
    await c.page.keyboard.press('Escape');
    await expect.poll(async () => (await c.ui()).mode).toBeNull();
    expect(await c.draft()).toBe('/退货');
    // Still quiet for this trigger while the agent goes on typing it.
    await c.page.keyboard.type('吗');
    await c.page.waitForTimeout(300);
    expect((await c.ui()).mode).toBeNull();
    await c.page.keyboard.press('Enter');
    await expect.poll(c.sent).toContain('/退货吗');
    expect(await c.draft()).toBe('');
    await c.page.close();
  });

  it('does not fire inside a URL, a path or a fraction, and Enter sends them', async () => {
    const c = await openDemo();
    await focusComposer(c);
    for (const text of ['https://shop.example.com/th1', '1/2', 'a/th1']) {
      await c.page.keyboard.type(text);
      await c.page.waitForTimeout(300);
      expect((await c.ui()).mode, text).toBeNull();
      await c.page.keyboard.press('Enter');
      await expect.poll(c.sent).toContain(text);
    }
    await c.page.close();
  });

  it('does nothing while an input method composes; Enter that confirms a candidate neither inserts nor sends', async () => {
    const c = await openDemo();
    await focusComposer(c);
    await c.page.keyboard.type('/');
    // Pinyin with the IME on: composing "tuihuo"…
    await c.cdp.send('Input.imeSetComposition', { text: 't', selectionStart: 1, selectionEnd: 1 });
    await c.cdp.send('Input.imeSetComposition', { text: 'tuihuo', selectionStart: 6, selectionEnd: 6 });
    await c.page.waitForTimeout(300);
    expect((await c.ui()).mode).toBeNull();
    const before = await c.sent();
    // …Enter during composition is the IME's: nothing of ours happens, nothing is sent.
    await c.page.keyboard.press('Enter');
    await c.page.waitForTimeout(300);
    expect((await c.ui()).mode).toBeNull();
    expect(await c.sent()).toEqual(before);
    // The candidate is committed as Chinese: now the list opens for 退货.
    await c.cdp.send('Input.insertText', { text: '退货' });
    const ui = await waitForList(c, 'inline');
    const chosen = pack.scripts.find((s) => `${pack.id}/${s.id}` === ui.items[0]!.key)!;
    await c.page.keyboard.press('Enter');
    // The synthetic Enter above reached the editor's default action (a line break after the
    // caret), which a real input method would have swallowed; that is the browser's, not ours.
    await expect.poll(async () => (await c.draft()).trimEnd()).toBe(chosen.body);
    expect(await c.sent()).toEqual(before);
    await c.page.close();
  });

  it('with the IME on, pinyin committed as letters (Enter in most Chinese IMEs) works as a query', async () => {
    const c = await openDemo();
    await focusComposer(c);
    await c.page.keyboard.type('、');
    await c.cdp.send('Input.imeSetComposition', { text: 'qitianwuliyou', selectionStart: 13, selectionEnd: 13 });
    await c.page.waitForTimeout(200);
    expect((await c.ui()).mode).toBeNull();
    await c.cdp.send('Input.insertText', { text: 'qitianwuliyou' });
    await expect.poll(async () => (await c.ui()).items.some((i) => i.title.startsWith(TH1.title))).toBe(true);
    await c.page.close();
  });

  it('pinyin typed with the IME off works as a query', async () => {
    const c = await openDemo();
    await focusComposer(c);
    await c.page.keyboard.type('/qitianwuliyou');
    // The list follows each keystroke; once the whole word is typed the script is offered.
    await expect.poll(async () => (await c.ui()).items.some((i) => i.title.startsWith(TH1.title))).toBe(true);
    await c.page.close();
  });
});

// ------------------------------------------------------------------- every kind of editor

interface OpenEditor {
  page: Page;
  cdp: CDPSession;
  field: Locator;
  getText(): Promise<string>;
  ui(): Promise<UiState>;
}

async function openEditor(name: string): Promise<OpenEditor> {
  const ed = EDITOR_PAGES.find((p) => p.page === name)!;
  const page = await h.context.newPage();
  await page.goto(new URL(`${ed.page}.html`, pages.url).href);
  await page.locator('body[data-ready]').waitFor({ state: 'attached', timeout: 15_000 });
  const scope: Page | FrameLocator = ed.inFrame ? page.frameLocator('iframe') : page;
  const cdp = await h.context.newCDPSession(page);
  return {
    page,
    cdp,
    field: scope.locator(ed.field).first(),
    getText: () => page.evaluate(() => window.editorUnderTest!.getText()),
    ui: () => readUi(cdp),
  };
}

describe.each(EDITOR_PAGES.map((p) => p.page))('%s', (name) => {
  it('inline trigger: Enter inserts the script into the editor model and removes /query', async () => {
    const e = await openEditor(name);
    await e.page.bringToFront();
    await e.field.click();
    await e.page.keyboard.type('好的 /sd1');
    await waitForList(e, 'inline', SD1.title);
    await e.page.keyboard.press('Enter');
    await expect.poll(e.getText).toBe(`好的 ${SD1.body}`);
    expect((await e.ui()).mode).toBeNull();
    await e.page.close();
  });

  // An input method commits Chinese as one text insertion with no key events; editors that apply
  // it to their own model (Slate) fire no `input` event for it.
  it('inline trigger: a Chinese query committed by the input method (/马上查询) lists scripts; Enter inserts instead of a new line', async () => {
    const e = await openEditor(name);
    await e.page.bringToFront();
    await e.field.click();
    await e.page.keyboard.type('好的 /');
    await e.page.keyboard.insertText(SD1.title);
    await waitForList(e, 'inline', SD1.title);
    await e.page.keyboard.press('Enter');
    await expect.poll(e.getText).toBe(`好的 ${SD1.body}`);
    expect((await e.ui()).mode).toBeNull();
    await e.page.close();
  });

  it('palette: the hotkey opens it, Enter inserts where the caret was; Esc gives focus back', async () => {
    const e = await openEditor(name);
    await e.page.bringToFront();
    await e.field.click();
    await e.page.keyboard.type('您好');
    await e.page.waitForTimeout(150);
    await e.page.keyboard.press('Alt+K');
    await waitForList(e, 'palette');
    await e.page.keyboard.press('Escape');
    await expect.poll(async () => (await e.ui()).mode).toBeNull();
    // Focus and caret are back in the field: typing goes on where it stopped.
    await e.page.keyboard.type('，');
    await expect.poll(e.getText).toBe('您好，');

    await e.page.keyboard.press('Alt+K');
    await waitForList(e, 'palette');
    await e.page.keyboard.type('/qtxy1');
    await waitForList(e, 'palette', QTXY1.title);
    await e.page.keyboard.press('Enter');
    await expect.poll(e.getText).toBe(`您好，${QTXY1.body}`);
    expect((await e.ui()).mode).toBeNull();
    await e.page.close();
  });
});

// Last: changes the settings for this browser profile (and puts them back).
describe('settings', () => {
  async function options() {
    const page = await h.context.newPage();
    await page.goto(`chrome-extension://${h.extensionId}/options.html`);
    await page.getByTestId('palette-hotkey').waitFor();
    return page;
  }

  it('the hotkey is recorded in the options page, clashing ones are refused, and the console uses the new one', async () => {
    const o = await options();
    await o.getByTestId('palette-hotkey').click();
    await o.keyboard.press('Control+Space');
    await expect.poll(() => o.getByRole('alert').textContent()).toContain('输入法');
    await o.keyboard.press('Control+Shift+KeyK');
    await expect.poll(() => o.getByTestId('palette-hotkey').inputValue()).toBe('Ctrl+Shift+K');

    const c = await openDemo();
    await focusComposer(c);
    await c.page.keyboard.press('Alt+K');
    await c.page.waitForTimeout(300);
    expect((await c.ui()).mode).toBeNull();
    await c.page.keyboard.press('Control+Shift+KeyK');
    await waitForList(c, 'palette');
    await c.page.keyboard.press('Escape');
    await c.page.close();

    await o.bringToFront();
    await o.getByTestId('palette-hotkey').click();
    await o.keyboard.press('Alt+KeyK');
    await expect.poll(() => o.getByTestId('palette-hotkey').inputValue()).toBe('Alt+K');
    await o.close();
  });

  it('trigger characters are configurable: with only 、 the console keeps / for itself', async () => {
    const o = await options();
    await o.getByTestId('palette-triggers').fill('、a');
    await o.getByTestId('palette-triggers-save').click();
    await expect.poll(() => o.getByRole('alert').last().textContent()).toContain('不能是字母');
    await o.getByTestId('palette-triggers').fill('、');
    await o.getByTestId('palette-triggers-save').click();
    await expect.poll(() => o.getByText('已保存触发字符').count()).toBe(1);

    const c = await openDemo();
    await focusComposer(c);
    await c.page.keyboard.type('/th1');
    await c.page.waitForTimeout(300);
    expect((await c.ui()).mode).toBeNull();
    await c.page.keyboard.press('Enter');
    await expect.poll(c.sent).toContain('/th1');
    await c.page.keyboard.type('、th1');
    await waitForList(c, 'inline', TH1.title);
    await c.page.keyboard.press('Enter');
    await expect.poll(c.draft).toBe(TH1.body);
    await c.page.close();

    await o.bringToFront();
    await o.getByTestId('palette-triggers').fill('/、');
    await o.getByTestId('palette-triggers-save').click();
    await o.close();
  });
});
