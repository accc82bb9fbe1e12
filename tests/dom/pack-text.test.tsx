/**
 * Pack text as the agent sees it, in the panel/options (React) and in the console's own UIs
 * (DOM): a title built with a right-to-left override reads as what it is, invisible characters
 * show as markers, and the text is isolated so it cannot reorder what stands next to it.
 */
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Highlight } from '../../components/Highlight';
import { PackText } from '../../components/PackText';
import { ScriptList } from '../../components/ScriptList';
import { packTextNode } from '../../utils/pack-text';
import { highlighted } from '../../utils/features/palette/view';

afterEach(cleanup);

const SPOOF = '退款金额\u202E元001\u202C';
const CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200B-\u200D\u2060\uFEFF]/;

describe('pack text on our pages', () => {
  it('PackText and Highlight isolate the text and show the controls', () => {
    const { container } = render(
      <p>
        <PackText text={SPOOF} />
        <Highlight text={'x\u200B1 退款'} ranges={[[4, 6]]} />
      </p>,
    );
    expect(container.textContent).toBe('退款金额⟨U+202E⟩元001⟨U+202C⟩x⟨U+200B⟩1 退款');
    expect(container.textContent).not.toMatch(CONTROLS);
    expect(container.querySelectorAll('bdi.pack-text')).toHaveLength(2);
    expect(container.querySelectorAll('.invisible-char')).toHaveLength(3);
    expect(container.querySelector('mark')?.textContent).toBe('退款');
  });

  it('the panel list shows a spoofed title and situation as they are', () => {
    // happy-dom lays nothing out: give the virtualised list a viewport so it renders its rows.
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(600);
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(320);
    const { container } = render(
      <ScriptList
        count={1}
        itemAt={(i) =>
          [{ key: 'p/a', title: SPOOF, body: '亲\u2066，您好', situation: '退款\u200B进度', purpose: '' }][i]
        }
        activeIndex={0}
        onInsert={() => undefined}
        onCopy={() => undefined}
        onHover={() => undefined}
        labels={{ insert: '插入', copy: '复制', shortcut: '快捷码' }}
      />,
    );
    expect(container.textContent).toContain('退款金额⟨U+202E⟩元001⟨U+202C⟩');
    expect(container.textContent).toContain('退款⟨U+200B⟩进度');
    expect(container.textContent).not.toMatch(CONTROLS);
    vi.restoreAllMocks();
  });
});

describe('pack text in the console (palette, inline list, chips, note)', () => {
  it('builds text nodes and markers inside an isolating bdi, never HTML', () => {
    const div = document.createElement('div');
    highlighted(document, div, `<b>${SPOOF}</b>`, [[3, 7]]);
    expect(div.firstElementChild?.tagName).toBe('BDI');
    expect(div.textContent).toBe('<b>退款金额⟨U+202E⟩元001⟨U+202C⟩</b>');
    expect(div.querySelector('b')).toBeNull();
    expect(div.querySelector('mark')?.textContent).toBe('退款金额');
    const node = packTextNode(document, 'x\u200B1');
    expect(node.outerHTML).toBe('<bdi class="pack-text">x<span class="invisible-char">⟨U+200B⟩</span>1</bdi>');
  });
});
