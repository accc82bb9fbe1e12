import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TRIGGERS,
  detectTrigger,
  parseTriggers,
  searchQueryFor,
} from '../../../utils/features/inline-trigger/trigger';

const detect = (text: string, triggers: readonly string[] = DEFAULT_TRIGGERS) => detectTrigger(text, triggers);

describe('inline trigger detection', () => {
  it('fires at the start of the draft, after a space and after Chinese or ASCII punctuation', () => {
    expect(detect('/退货')).toMatchObject({ trigger: '/', query: '退货', start: 0, typed: '/退货' });
    expect(detect('您好 /th1')).toMatchObject({ query: 'th1', start: 3, typed: '/th1' });
    expect(detect('您好，/tuihuo')).toMatchObject({ query: 'tuihuo', start: 3 });
    expect(detect('好的!/th')).toMatchObject({ query: 'th' });
    expect(detect('（/退')).toMatchObject({ query: '退' });
    expect(detect('第一行\n/退货'.split('\n').pop()!)).toMatchObject({ query: '退货' });
  });

  it('treats 、 (the / key in Chinese punctuation mode) as a trigger too', () => {
    expect(detect('、退货')).toMatchObject({ trigger: '、', query: '退货', typed: '、退货' });
    expect(detect('您好，、th1')).toMatchObject({ trigger: '、', query: 'th1' });
    // …but as the enumeration comma between words it is text.
    expect(detect('苹果、香蕉')).toBeNull();
    expect(detect('颜色、尺码')).toBeNull();
  });

  it('opens with an empty query right after the trigger (the list waits for a character)', () => {
    expect(detect('/')).toMatchObject({ query: '', typed: '/' });
    expect(detect('您好 ')).toBeNull();
  });

  it('does not fire inside URLs, paths, fractions or words', () => {
    for (const text of [
      'http://a/b',
      'https://shop.example.com/item',
      'a/b',
      '1/2',
      '3/4 杯',
      'and/or',
      './dist',
      '~/x',
      'C:\\a/b',
      '//',
      '/usr/bin',
      'www.a.com/退货',
      '订单/退货',
    ]) {
      expect(detect(text), text).toBeNull();
    }
  });

  it('ends the query at whitespace: a finished word is no longer a search', () => {
    expect(detect('/退货 ')).toBeNull();
    expect(detect('/退货 您好')).toBeNull();
    expect(detect('/th1\t')).toBeNull();
  });

  it('ignores a trigger too far back to be a query', () => {
    expect(detect(`/${'退'.repeat(40)}`)).toBeNull();
  });

  it('uses only the configured characters; none turns it off', () => {
    expect(detect('/退货', ['#'])).toBeNull();
    expect(detect('#退货', ['#'])).toMatchObject({ trigger: '#', query: '退货' });
    expect(detect('/退货', [])).toBeNull();
    expect(detect(';;退货', [';;'])).toMatchObject({ trigger: ';;', query: '退货' });
  });

  it('asks the search with a leading / so shortcut codes rank first whichever trigger was typed', () => {
    expect(searchQueryFor(detect('、th1')!)).toBe('/th1');
    expect(searchQueryFor(detect('/退货')!)).toBe('/退货');
  });
});

describe('trigger characters setting', () => {
  it('splits, de-duplicates and refuses letters, digits and spaces', () => {
    expect(parseTriggers('/、/')).toEqual({ ok: true, triggers: ['/', '、'] });
    expect(parseTriggers('')).toEqual({ ok: true, triggers: [] });
    expect(parseTriggers('/a')).toEqual({ ok: false, bad: 'a' });
    expect(parseTriggers('/退')).toEqual({ ok: false, bad: '退' });
    expect(parseTriggers('/ 1')).toEqual({ ok: false, bad: ' ' });
  });
});
