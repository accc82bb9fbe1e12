/**
 * A console page is full of script we do not control (the console's own, every third-party
 * widget on it). Here that script attacks the extension the ways we have seen, on the demo
 * console with the built extension in Chromium, and gets nothing: no insertion, no script text
 * it can read, no use recorded, nothing sent — also with insert-and-send on. Each attack ends
 * with the agent doing the same thing for real, which works: the attack failed because it was
 * not the agent, not because the feature was off.
 *
 * `page.evaluate` runs in the page's own world, exactly where a console's script runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CDPSession, Page } from 'playwright-core';
import { loadDefaultPack } from '../../scripts-library/default-pack';
import { clickScriptInPanel, importPack, launch, usageRows, type Harness } from './harness';
import { readNote, readShadowRoots, readUi } from './our-ui';

const pack = loadDefaultPack();
const TH1 = pack.scripts.find((s) => s.shortcut === 'th1')!;
/** Every script's text long enough to be unmistakable on a page. */
const BODIES = pack.scripts.map((s) => s.body.replace(/\{[^}]*\}/g, '').slice(0, 16)).filter((b) => b.length >= 10);

/** A script that itself ends in a shortcut trigger, as team packs write "快捷入口：/th1". */
const slashPack = {
  schemaVersion: 1,
  id: 'team.slash',
  name: '含斜杠的话术',
  version: '1.0.0',
  updatedAt: '2026-12-01T00:00:00Z',
  author: '组长',
  situations: [{ id: 'after', name: '售后', parent: null, order: 1 }],
  scripts: [
    {
      id: 'entry',
      situation: 'after',
      title: '退货入口说明',
      body: '退货请在订单页申请，快捷入口：/th1',
      shortcut: 'zzr',
    },
  ],
};

let h: Harness;
let page: Page;
let cdp: CDPSession;

const demo = <T>(fn: string, ...args: unknown[]) =>
  page.evaluate(([f, a]) => (window as any).demoConsole[f as string](...(a as unknown[])), [
    fn,
    args,
  ] as const) as Promise<T>;
const draft = () => demo<string>('getDraft');
const sent = async () =>
  (await demo<{ from: string; text: string }[]>('getMessages')).filter((m) => m.from === 'agent').map((m) => m.text);
const composer = () => page.locator('[data-role="composer"]');
const usageCount = async () => (JSON.parse(await usageRows(h)) as unknown[]).length;
const hasScriptText = (text: string) => BODIES.some((b) => text.includes(b));
/** Of `texts`, those a page script can read now that it could not read before our UI showed them. */
const leaked = (texts: readonly string[], before: Snooped, now: Snooped) =>
  texts.filter((t) => everything(now).includes(t) && !everything(before).includes(t));

async function clearDraft() {
  await composer().click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await expect.poll(draft).toBe('');
}

const CHIPS = `function () {
  return JSON.stringify([...this.querySelectorAll('.chip')].map((b) => {
    const r = b.getBoundingClientRect();
    return { title: b.textContent, x: r.left + r.width / 2, y: r.top + r.height / 2 };
  }));
}`;
const readChips = async () =>
  (await readShadowRoots<{ title: string; x: number; y: number }[]>(cdp, CHIPS, 'chips'))[0] ?? [];

type Snooped = Awaited<ReturnType<typeof snoop>>;
const everything = (s: Snooped) => s.page + JSON.stringify(s.hosts) + s.caught;

/** What a page script can find out about our UI: our hosts, everything they expose, and the whole page. */
const snoop = () =>
  page.evaluate(() => {
    const hosts = [...document.querySelectorAll('*')].filter(
      (e) => e.hasAttribute('data-huashu-ui') || e.tagName.startsWith('HUASHU-'),
    );
    return {
      hosts: hosts.map((e) => ({
        shadowRoot: e.shadowRoot === null ? null : e.shadowRoot.innerHTML,
        attributes: [...e.attributes].map((a) => `${a.name}=${a.value}`).join(' '),
        text: e.textContent,
        html: e.outerHTML,
        // A page cannot attach a second root to find out more.
        attach: (() => {
          try {
            e.attachShadow({ mode: 'open' });
            return 'attached';
          } catch (err) {
            return (err as Error).name;
          }
        })(),
      })),
      page: document.documentElement.outerHTML + document.body.innerText + (getSelection()?.toString() ?? ''),
      // Roots caught by the page's own patched attachShadow (installed before any script ran).
      caught: ((window as any).__caughtRoots as ShadowRoot[]).map((r) => r.innerHTML).join('\n'),
    };
  });

beforeAll(async () => {
  h = await launch();
  await importPack(h, slashPack);
  page = await h.context.newPage();
  // The page's script runs first and patches attachShadow to catch (and open) every root made.
  await page.addInitScript(() => {
    const caught: ShadowRoot[] = [];
    (window as any).__caughtRoots = caught;
    const attach = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function (init: ShadowRootInit) {
      const root = attach.call(this, { ...init, mode: 'open' });
      caught.push(root);
      return root;
    };
  });
  await page.goto(new URL('?schedule=off', h.demoUrl).href);
  cdp = await h.context.newCDPSession(page);
  await composer().click();
  await page.waitForTimeout(300);
}, 120_000);
afterAll(async () => {
  await h?.close();
});

describe('a page script driving the inline list', () => {
  it('synthetic input of /th1, then ArrowDown and Enter (18 tries): the list never opens, nothing is inserted, sent or recorded', async () => {
    await clearDraft();
    const uses = await usageCount();
    const read = await page.evaluate(async () => {
      const box = document.querySelector<HTMLElement>('[data-role="composer"]')!;
      const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
      const key = (target: EventTarget, k: string) =>
        target.dispatchEvent(
          new KeyboardEvent('keydown', {
            key: k,
            code: k,
            keyCode: k === 'Enter' ? 13 : 40,
            bubbles: true,
            cancelable: true,
            composed: true,
          }),
        );
      const seen: string[] = [];
      for (let i = 0; i < 18; i++) {
        box.focus();
        box.textContent = '/th1';
        const caret = document.createRange();
        caret.selectNodeContents(box);
        caret.collapse(false);
        getSelection()!.removeAllRanges();
        getSelection()!.addRange(caret);
        box.dispatchEvent(
          new InputEvent('beforeinput', { bubbles: true, cancelable: true, inputType: 'insertText', data: '1' }),
        );
        box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: '1' }));
        await sleep(150);
        for (let k = 0; k < i % 3; k++) key(box, 'ArrowDown');
        key(window, 'Enter');
        key(box, 'Enter');
        await sleep(150);
        seen.push(box.innerText);
      }
      return seen.join('\n');
    });
    expect(hasScriptText(read)).toBe(false);
    expect((await readUi(cdp)).mode).toBeNull();
    expect(await sent()).not.toContain(TH1.body);
    expect((await sent()).some(hasScriptText)).toBe(false);
    expect(await usageCount()).toBe(uses);

    // The agent typing the same opens the list.
    await clearDraft();
    await page.keyboard.type('/th1');
    await expect.poll(async () => (await readUi(cdp)).mode).toBe('inline');
    await page.keyboard.press('Escape');
  });

  it('a trigger inside an inserted script never reopens the list: the agent’s next Enter sends', async () => {
    await clearDraft();
    await page.keyboard.type('/zzr');
    await expect.poll(async () => (await readUi(cdp)).items[0]?.title.startsWith('退货入口说明') === true).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(draft).toBe(slashPack.scripts[0]!.body);
    await page.waitForTimeout(400);
    expect((await readUi(cdp)).mode).toBeNull();
    // Typing on after it (or deleting back into it) is not typing a trigger either.
    await page.keyboard.type('x');
    await page.keyboard.press('Backspace');
    await page.waitForTimeout(400);
    expect((await readUi(cdp)).mode).toBeNull();
    await page.keyboard.press('Enter');
    await expect.poll(sent).toContain(slashPack.scripts[0]!.body);
  });
});

describe('a page script driving the palette', () => {
  it('synthetic Alt+K on window, then Enter on our host: no palette, nothing inserted or recorded', async () => {
    await clearDraft();
    const uses = await usageCount();
    const result = await page.evaluate(async () => {
      const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
      const altK = () =>
        new KeyboardEvent('keydown', {
          key: 'k',
          code: 'KeyK',
          keyCode: 75,
          altKey: true,
          bubbles: true,
          cancelable: true,
          composed: true,
        });
      window.dispatchEvent(altK());
      document.dispatchEvent(altK());
      document.querySelector('[data-role="composer"]')!.dispatchEvent(altK());
      await sleep(400);
      const host = document.querySelector('[data-huashu-ui]');
      for (const target of [host, document.activeElement, window].filter(Boolean) as EventTarget[])
        target.dispatchEvent(
          new KeyboardEvent('keydown', {
            key: 'Enter',
            code: 'Enter',
            keyCode: 13,
            bubbles: true,
            cancelable: true,
            composed: true,
          }),
        );
      await sleep(300);
      return { opened: host !== null };
    });
    expect(result.opened).toBe(false);
    expect((await readUi(cdp)).mode).toBeNull();
    expect(await draft()).toBe('');
    expect(await usageCount()).toBe(uses);
  });

  it('with the agent’s palette open: the page’s Enter, ArrowDown and focusout on our host do nothing, and it reads nothing', async () => {
    await clearDraft();
    const uses = await usageCount();
    const before = await snoop();
    await page.keyboard.press('Alt+K');
    await page.keyboard.type('/th');
    await expect.poll(async () => (await readUi(cdp)).items.length).toBeGreaterThan(1);
    const shown = await readUi(cdp);
    const result = await page.evaluate(async () => {
      const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
      const host = document.activeElement!;
      const key = (k: string) =>
        host.dispatchEvent(
          new KeyboardEvent('keydown', { key: k, code: k, bubbles: true, cancelable: true, composed: true }),
        );
      key('ArrowDown');
      key('Enter');
      host.dispatchEvent(new FocusEvent('focusout', { bubbles: true, composed: true, relatedTarget: document.body }));
      host.dispatchEvent(
        new KeyboardEvent('keydown', {
          key: 'Escape',
          code: 'Escape',
          bubbles: true,
          cancelable: true,
          composed: true,
        }),
      );
      await sleep(300);
      return { host: host.getAttribute('data-huashu-ui'), shadowRoot: host.shadowRoot, text: host.textContent };
    });
    expect(result).toEqual({ host: '', shadowRoot: null, text: '' });
    const after = await readUi(cdp);
    expect(after.mode).toBe('palette');
    expect(after.items.find((i) => i.selected)?.key).toBe(shown.items.find((i) => i.selected)?.key);
    const seen = await snoop();
    expect(leaked([...shown.items.map((i) => i.title), ...BODIES], before, seen)).toEqual([]);
    expect(
      seen.hosts.every((host) => host.shadowRoot === null && host.text === '' && host.attach === 'NotSupportedError'),
    ).toBe(true);
    expect(await draft()).toBe('');
    expect(await usageCount()).toBe(uses);
    // The agent's Enter inserts.
    await page.keyboard.press('Enter');
    await expect.poll(draft).not.toBe('');
    await expect.poll(usageCount).toBe(uses + 1);
  });
});

describe('a page script reading and clicking our other UI', () => {
  it('the forbidden-phrase note: page input does not open it; the agent’s does, and the page can neither read nor click its better script', async () => {
    await clearDraft();
    const uses = await usageCount();
    await page.evaluate(() => {
      const box = document.querySelector<HTMLElement>('[data-role="composer"]')!;
      box.textContent = '好的，您加我微信';
      box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: '信' }));
    });
    await page.waitForTimeout(400);
    expect((await readNote(cdp)).warning).toBe('');

    await clearDraft();
    const before = await snoop();
    await page.keyboard.type('好的，您加我微信');
    await expect.poll(async () => (await readNote(cdp)).warning).toContain('加我微信');
    const note = await readNote(cdp);
    const suggestion = note.buttons[0]!;
    const seen = await snoop();
    expect(leaked([suggestion.text, note.warning], before, seen)).toEqual([]);
    expect(seen.hosts.every((host) => host.shadowRoot === null && host.text === '')).toBe(true);
    // Clicking where the better script is: the page only ever reaches our empty host.
    const hit = await page.evaluate(({ x, y }) => {
      const el = document.elementFromPoint(x, y) as HTMLElement;
      el.click();
      el.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, composed: true, clientX: x, clientY: y }));
      el.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, clientX: x, clientY: y }));
      return el.getAttribute('data-huashu-ui');
    }, suggestion);
    expect(hit).toBe('compliance');
    await page.waitForTimeout(400);
    expect(await draft()).toBe('好的，您加我微信');
    expect(await usageCount()).toBe(uses);
    // The agent's click replaces the draft with the better script.
    await page.mouse.click(suggestion.x, suggestion.y);
    await expect.poll(draft).not.toBe('好的，您加我微信');
    await expect.poll(usageCount).toBe(uses + 1);
  });

  it('suggestion chips: the page cannot read them, click them or dismiss them', async () => {
    await clearDraft();
    const before = await snoop();
    await demo('pushCustomerMessage', 'c1001', '收到的台灯灯罩碎了，怎么处理？');
    await expect.poll(async () => (await readChips()).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    const chips = await readChips();
    const uses = await usageCount();
    const seen = await snoop();
    expect(
      leaked(
        chips.map((c) => c.title),
        before,
        seen,
      ),
    ).toEqual([]);
    const hit = await page.evaluate(({ x, y }) => {
      const el = document.elementFromPoint(x, y) as HTMLElement;
      el.click();
      el.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, clientX: x, clientY: y }));
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
      return el.getAttribute('data-huashu-ui');
    }, chips[0]!);
    expect(hit).toBe('chips');
    await page.waitForTimeout(400);
    expect(await draft()).toBe('');
    expect(await usageCount()).toBe(uses);
    expect((await readChips()).length).toBe(chips.length);
    // The agent's click inserts.
    await page.mouse.click(chips[0]!.x, chips[0]!.y);
    await expect.poll(draft).not.toBe('');
    await expect.poll(usageCount).toBe(uses + 1);
  });

  it('synthetic focus on a hidden field of the page’s own does not make it where the panel inserts', async () => {
    await clearDraft();
    await page.evaluate(() => {
      const trap = document.createElement('textarea');
      trap.id = 'trap';
      trap.style.cssText = 'position: fixed; left: -9999px; top: 0;';
      document.body.append(trap);
      trap.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
      trap.dispatchEvent(new FocusEvent('focus'));
      trap.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: 'x' }));
    });
    await page.waitForTimeout(300);
    const panel = await h.openPanel();
    await clickScriptInPanel(panel, `${pack.id}/${TH1.id}`, TH1.title);
    await expect.poll(draft).toBe(TH1.body);
    expect(await page.evaluate(() => (document.getElementById('trap') as HTMLTextAreaElement).value)).toBe('');
    await panel.close();
    await page.bringToFront();
  });
});

describe('insert-and-send on for this console', () => {
  it('a page script cannot make it send: synthetic trigger + Enter, Alt+K + Enter, clicks on a chip send nothing; the agent’s Enter sends', async () => {
    const host = new URL(h.demoUrl).host;
    const options = await h.context.newPage();
    await options.goto(`chrome-extension://${h.extensionId}/options.html`);
    const section = options.getByTestId('insert-and-send');
    await section.locator('input').fill(host);
    await section.getByRole('button').last().click();
    await section.getByText(host).waitFor();
    await options.close();
    await page.bringToFront();

    await clearDraft();
    const before = await sent();
    const uses = await usageCount();
    await demo('pushCustomerMessage', 'c1001', '快递盒子都压扁了 东西摔坏了');
    await expect.poll(async () => (await readChips()).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    const chip = (await readChips())[0]!;
    await page.evaluate(async ({ x, y }) => {
      const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
      const box = document.querySelector<HTMLElement>('[data-role="composer"]')!;
      const key = (target: EventTarget, init: KeyboardEventInit) =>
        target.dispatchEvent(
          new KeyboardEvent('keydown', { bubbles: true, cancelable: true, composed: true, ...init }),
        );
      for (let i = 0; i < 4; i++) {
        box.textContent = '/th1';
        box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: '1' }));
        await sleep(150);
        key(window, { key: 'Enter', code: 'Enter' });
      }
      box.textContent = '';
      box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'deleteContentBackward' }));
      key(window, { key: 'k', code: 'KeyK', altKey: true });
      await sleep(300);
      key(document.querySelector('[data-huashu-ui]') ?? window, { key: 'Enter', code: 'Enter' });
      (document.elementFromPoint(x, y) as HTMLElement).click();
      await sleep(400);
    }, chip);
    expect((await sent()).slice(before.length).some(hasScriptText)).toBe(false);
    expect(await usageCount()).toBe(uses);

    // The agent's own inline Enter inserts and sends, as they asked for on this console.
    await clearDraft();
    const mine = await sent();
    await page.keyboard.type('/th1');
    await expect.poll(async () => (await readUi(cdp)).items[0]?.title.startsWith(TH1.title) === true).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(sent).toEqual([...mine, TH1.body]);
  });
});
