import { describe, expect, it } from 'vitest';
import { loadDefaultPack } from '../../../scripts-library/default-pack';
import { docsFromPack } from '../../../utils/library/search-docs';
import { packDocs, unpackDocs } from '../../../utils/library/packed-docs';

describe('packed documents (the cached index keeps the library in a few strings)', () => {
  it('give back every document of the default pack exactly, in order', () => {
    const docs = docsFromPack(loadDefaultPack());
    const packed = packDocs(docs)!;
    expect(packed.count).toBe(docs.length);
    expect(unpackDocs(structuredClone(packed))).toEqual(docs);
  });

  it('keep empty lists, empty fields and a missing shortcut apart', () => {
    const docs = [
      {
        key: 'p/1',
        packId: 'p',
        title: '甲',
        body: '',
        purpose: '',
        keywords: [],
        tags: ['售后'],
        situationId: 'p/s',
        situationPath: ['售后', '退货'],
      },
      {
        key: 'p/2',
        packId: 'p',
        title: '乙',
        body: '正文',
        purpose: '用途',
        keywords: ['', '退货'],
        tags: [],
        shortcut: 'th1',
        situationId: 'p/t',
        situationPath: [],
      },
    ];
    expect(unpackDocs(packDocs(docs)!)).toEqual(docs);
    expect(unpackDocs(packDocs([])!)).toEqual([]);
  });

  it('refuse a library whose text holds a separator instead of shifting every script after it', () => {
    const doc = {
      key: 'p/1',
      packId: 'p',
      title: '甲',
      body: 'a\u0001b',
      purpose: '',
      keywords: [],
      tags: [],
      situationId: 'p/s',
      situationPath: ['售后'],
    };
    expect(packDocs([doc])).toBeNull();
  });
});
