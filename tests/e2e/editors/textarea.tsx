// A React-controlled <textarea>: the draft lives in React state, updated only by onChange.
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { byId, expose } from './kit';

let committed = '';

function Composer() {
  const [draft, setDraft] = useState('');
  committed = draft;
  return (
    <textarea
      className="field"
      aria-label="回复内容"
      rows={4}
      value={draft}
      onChange={(e) => setDraft(e.target.value)}
    />
  );
}

createRoot(byId('editor')).render(<Composer />);
expose({
  kind: 'textarea',
  getText: () => committed,
  focus: () => document.querySelector('textarea')?.focus(),
});
