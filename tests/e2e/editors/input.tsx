// A React-controlled single-line <input maxlength>: state updated only by onChange.
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { byId, expose } from './kit';

const MAX_LENGTH = 50;
let committed = '';

function Composer() {
  const [draft, setDraft] = useState('');
  committed = draft;
  return (
    <input
      className="field"
      aria-label="回复内容"
      maxLength={MAX_LENGTH}
      value={draft}
      onChange={(e) => setDraft(e.target.value)}
    />
  );
}

createRoot(byId('editor')).render(<Composer />);
expose({
  kind: 'input',
  getText: () => committed,
  focus: () => document.querySelector('input')?.focus(),
});
