// Draft.js 0.11.7 under the project's React 19, with its own undo (EditorState.undo via Ctrl+Z).
import 'draft-js/dist/Draft.css';
import { Editor, EditorState, RichUtils, type DraftHandleValue } from 'draft-js';
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { byId, expose } from './kit';

let latest = EditorState.createEmpty();

function Composer() {
  const [state, setState] = useState(latest);
  const onChange = (next: EditorState) => {
    latest = next;
    setState(next);
  };
  const handleKeyCommand = (command: string, s: EditorState): DraftHandleValue => {
    const next = RichUtils.handleKeyCommand(s, command);
    if (!next) return 'not-handled';
    onChange(next);
    return 'handled';
  };
  return <Editor editorState={state} onChange={onChange} handleKeyCommand={handleKeyCommand} ariaLabel="回复内容" />;
}

createRoot(byId('editor')).render(<Composer />);
expose({
  kind: 'draft',
  getText: () => latest.getCurrentContent().getPlainText('\n'),
  focus: () => (document.querySelector('.public-DraftEditor-content') as HTMLElement | null)?.focus(),
});
