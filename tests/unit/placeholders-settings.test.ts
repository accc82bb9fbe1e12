import { describe, expect, it } from 'vitest';
import { en, zhCN } from '../../utils/i18n/messages';
import { resolveLocale, translator } from '../../utils/i18n';
import { fillPlaceholders, profileValues } from '../../utils/insertion/placeholders';
import { isOwnContentScript, isOwnExtensionPage } from '../../utils/messaging/sender';
import { DEFAULT_SETTINGS, settingsFromRows } from '../../utils/settings';

describe('fillPlaceholders', () => {
  it('fills known values, keeps unknown ones visible and lists them', () => {
    const r = fillPlaceholders('{客户称呼}您好，我是{客服工号}号客服，订单 {订单号} 已发货', { 客服工号: '1024' });
    expect(r.text).toBe('{客户称呼}您好，我是1024号客服，订单 {订单号} 已发货');
    expect(r.missing).toEqual(['客户称呼', '订单号']);
  });

  it('removes {光标} and remembers where it stood', () => {
    const r = fillPlaceholders('您的快递单号是 {光标}，请查收', {});
    expect(r.text).toBe('您的快递单号是 ，请查收');
    expect(r.caret).toBe('您的快递单号是 '.length);
    expect(r.missing).toEqual([]);
  });

  it('takes profile values only when the agent filled them in', () => {
    expect(profileValues({ nickname: '小美', workId: '', shopName: '好物店' })).toEqual({
      客服昵称: '小美',
      店铺名: '好物店',
    });
  });
});

describe('settings', () => {
  it('falls back to defaults for unknown keys and wrong types', () => {
    const s = settingsFromRows([
      { key: 'locale', value: 'en' },
      { key: 'insertMode', value: 42 },
      { key: 'nonsense', value: 1 },
      { key: 'profile', value: { workId: '007' } },
    ]);
    expect(s.locale).toBe('en');
    expect(s.insertMode).toBe(DEFAULT_SETTINGS.insertMode);
    expect(s.profile).toEqual({ nickname: '', workId: '007', shopName: '' });
    expect(DEFAULT_SETTINGS.profile.workId).toBe('');
  });
});

describe('who may talk to the background', () => {
  const id = 'abcdefghijklmnop';
  const origin = `chrome-extension://${id}`;
  it('accepts our own pages for page requests, not content scripts or other extensions', () => {
    expect(isOwnExtensionPage({ id, url: `${origin}/sidepanel.html` }, id, origin)).toBe(true);
    expect(isOwnExtensionPage({ id, url: 'https://evil.example/', tab: { id: 3 } }, id, origin)).toBe(false);
    expect(isOwnExtensionPage({ id: 'other', url: `chrome-extension://other/x.html` }, id, origin)).toBe(false);
  });
  it('accepts our own content scripts in a tab for reports, not pages or others', () => {
    expect(isOwnContentScript({ id, url: 'http://localhost:5174/', tab: { id: 3 } }, id, origin)).toBe(true);
    expect(isOwnContentScript({ id, url: `${origin}/options.html`, tab: { id: 4 } }, id, origin)).toBe(false);
    expect(isOwnContentScript({ id: 'other', url: 'http://localhost/', tab: { id: 3 } }, id, origin)).toBe(false);
    expect(isOwnContentScript({ id, url: 'http://localhost/' }, id, origin)).toBe(false);
  });
});

describe('i18n', () => {
  it('has every message in both languages, with the same {params}', () => {
    for (const key of Object.keys(zhCN) as (keyof typeof zhCN)[]) {
      const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(en[key].length, key).toBeGreaterThan(0);
      expect(params(en[key]), key).toEqual(params(zhCN[key]));
    }
  });
  it('speaks Chinese unless the agent or the browser says English', () => {
    expect(resolveLocale('auto', 'zh-CN')).toBe('zh-CN');
    expect(resolveLocale('auto', 'en-US')).toBe('en');
    expect(resolveLocale('auto', 'ja')).toBe('zh-CN');
    expect(resolveLocale('zh-CN', 'en-US')).toBe('zh-CN');
    expect(translator('en')('targetReady', { title: 'Chat' })).toBe('Will insert into: Chat');
  });
});
