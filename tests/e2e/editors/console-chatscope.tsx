// A console built from @chatscope/chat-ui-kit-react as its docs show it: a conversation list
// with unread counts, a message list of incoming/outgoing bubbles (no times), and its
// MessageInput — a contenteditable that sends on `keypress` Enter. The draft is the kit's
// controlled value (React state), read back through `draft()`. Its paperclip opens a hidden file
// input, as consoles do; pictures picked there wait above the reply box as attachments. The kit's
// reply box does nothing with pasted files.
import '@chatscope/chat-ui-kit-styles/dist/default/styles.min.css';
import {
  ChatContainer,
  Conversation,
  ConversationHeader,
  ConversationList,
  InputToolbox,
  MainContainer,
  Message,
  MessageInput,
  MessageList,
  Sidebar,
} from '@chatscope/chat-ui-kit-react';
import { useRef, useState, useSyncExternalStore } from 'react';
import { createRoot } from 'react-dom/client';
import { ConsoleModel } from './console-model';

const model = new ConsoleModel(['陈女士', '刘先生', '赵小姐']);
let readDraft = () => '';

function App() {
  useSyncExternalStore(model.subscribe, () => model.version);
  const [draft, setDraft] = useState('');
  const [attached, setAttached] = useState<{ name: string; url: string }[]>([]);
  const fileInput = useRef<HTMLInputElement>(null);
  const latest = useRef(draft);
  latest.current = draft;
  readDraft = () => latest.current;
  const open = model.current;
  return (
    <MainContainer responsive style={{ height: '100%' }}>
      <Sidebar position="left">
        <ConversationList>
          {model.conversations.map((c) => (
            <Conversation
              key={c.name}
              name={c.name}
              info={c.messages.at(-1)?.text ?? ''}
              unreadCnt={c.unread}
              active={c.name === open.name}
              onClick={() => model.open(c.name)}
            />
          ))}
        </ConversationList>
      </Sidebar>
      <ChatContainer>
        <ConversationHeader>
          <ConversationHeader.Content userName={open.name} />
        </ConversationHeader>
        <MessageList>
          {open.messages.map((m, i) => (
            <Message
              key={i}
              model={{
                message: m.text,
                direction: m.from === 'customer' ? 'incoming' : 'outgoing',
                position: 'single',
              }}
            />
          ))}
        </MessageList>
        <InputToolbox>
          {attached.map((a) => (
            <img key={a.url} data-role="attachment" src={a.url} alt={a.name} style={{ height: 40 }} />
          ))}
          <input
            type="file"
            accept="image/*"
            multiple
            hidden
            ref={fileInput}
            onChange={(e) => {
              const files = [...(e.target.files ?? [])];
              setAttached((list) => [...list, ...files.map((f) => ({ name: f.name, url: URL.createObjectURL(f) }))]);
              e.target.value = '';
            }}
          />
        </InputToolbox>
        <MessageInput
          placeholder="输入消息，Enter 发送"
          value={draft}
          onAttachClick={() => fileInput.current?.click()}
          onChange={(_html, text) => setDraft(text)}
          onSend={(_html, text) => {
            if (model.send(text)) setDraft('');
          }}
        />
      </ChatContainer>
    </MainContainer>
  );
}

createRoot(document.getElementById('root')!).render(<App />);
model.expose(() => readDraft());
