// Slate (slate-react) with slate-history; one paragraph element per line.
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { createEditor, Node, type Descendant } from 'slate';
import { withHistory } from 'slate-history';
import { Editable, Slate, withReact } from 'slate-react';
import { byId, expose } from './kit';

const editor = withHistory(withReact(createEditor()));
const initialValue: Descendant[] = [{ type: 'paragraph', children: [{ text: '' }] } as Descendant];

function Composer() {
  const [value] = useState(initialValue);
  return (
    <Slate editor={editor} initialValue={value}>
      <Editable aria-label="回复内容" style={{ minHeight: 70, outline: 'none' }} />
    </Slate>
  );
}

createRoot(byId('editor')).render(<Composer />);
expose({
  kind: 'slate',
  getText: () => editor.children.map((n) => Node.string(n)).join('\n'),
  focus: () => (document.querySelector('[data-slate-editor]') as HTMLElement | null)?.focus(),
});
