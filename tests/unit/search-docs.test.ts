import { describe, expect, it } from 'vitest';
import { validatePack } from '../../scripts-library/schema';
import { docsFromPack } from '../../utils/library/search-docs';

describe('docsFromPack', () => {
  it('keys scripts and situations by pack, with the situation path root to leaf', () => {
    const result = validatePack({
      schemaVersion: 1,
      id: 'shop',
      name: '本店话术',
      version: '1.0.0',
      updatedAt: '2026-11-24T00:00:00+08:00',
      author: '组长',
      situations: [
        { id: 'solution', name: '方案说明' },
        { id: 'sol-quality', name: '质量问题', parent: 'solution' },
      ],
      scripts: [
        {
          id: 'q1',
          situation: 'sol-quality',
          title: '质量问题换货',
          body: '为您换新',
          keywords: ['坏了'],
          shortcut: 'zl1',
        },
      ],
    });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(docsFromPack(result.pack)).toEqual([
      {
        key: 'shop/q1',
        packId: 'shop',
        title: '质量问题换货',
        body: '为您换新',
        purpose: '',
        keywords: ['坏了'],
        tags: [],
        shortcut: 'zl1',
        situationId: 'shop/sol-quality',
        situationPath: ['方案说明', '质量问题'],
      },
    ]);
  });
});
