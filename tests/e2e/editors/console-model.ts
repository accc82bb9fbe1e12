/**
 * The chat data behind the test consoles built from public chat kits (console-*.html): three
 * customers, a conversation list with unread counts, messages WITHOUT times (like many real
 * consoles), and `window.testConsole` for the e2e tests to act as the customer and to read
 * what the console sent. Each console renders it with its own kit and sends on its own key
 * event; the reply box's text is read from the kit's own model (`draft()`), never the DOM.
 */
export interface ChatMessage {
  from: 'customer' | 'agent';
  text: string;
}

export interface Conversation {
  name: string;
  messages: ChatMessage[];
  unread: number;
}

export interface TestConsole {
  /** A customer writes (in any conversation: unread in the list when it is not open). */
  push(name: string, text: string): void;
  open(name: string): void;
  /** What the console sent, in order (the agent's send key or button). */
  sent: string[];
  /** The reply box's text, from the editor's model. */
  draft(): string;
  openName(): string;
}

declare global {
  interface Window {
    testConsole: TestConsole;
  }
}

type Listener = () => void;

export class ConsoleModel {
  conversations: Conversation[];
  openName: string;
  sent: string[] = [];
  private listeners = new Set<Listener>();

  /**
   * Three customers: the first open and waiting (her latest message is hers), the second with an
   * unread message in the list, the third answered. Each console names its own customers, so
   * consoles tested one after another on one host are different conversations.
   */
  constructor([open, unread, answered]: [string, string, string]) {
    this.openName = open;
    this.conversations = [
      {
        name: open,
        unread: 0,
        messages: [
          { from: 'customer', text: '你好，我上周买的台灯' },
          { from: 'agent', text: '您好，请问台灯有什么问题吗？' },
          { from: 'customer', text: '灯不亮了，开关按了没反应' },
        ],
      },
      {
        name: unread,
        unread: 1,
        messages: [
          { from: 'customer', text: '在吗' },
          { from: 'agent', text: '在的，您请说' },
          { from: 'customer', text: '可以开发票吗' },
        ],
      },
      {
        name: answered,
        unread: 0,
        messages: [
          { from: 'customer', text: '谢谢，收到了' },
          { from: 'agent', text: '不客气，祝您生活愉快' },
        ],
      },
    ];
  }
  /** Bumped on every change, for React's useSyncExternalStore. */
  version = 0;

  subscribe = (fn: Listener) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  private changed() {
    this.version++;
    // New arrays so framework renders see a change.
    this.conversations = this.conversations.map((c) => ({ ...c, messages: [...c.messages] }));
    for (const fn of this.listeners) fn();
  }

  get current(): Conversation {
    return this.conversations.find((c) => c.name === this.openName)!;
  }

  open = (name: string) => {
    this.openName = name;
    this.conversations.find((c) => c.name === name)!.unread = 0;
    this.changed();
  };

  push = (name: string, text: string) => {
    const c = this.conversations.find((x) => x.name === name)!;
    c.messages.push({ from: 'customer', text });
    if (name !== this.openName) c.unread++;
    this.changed();
  };

  /** The agent sends the draft (trimmed; an empty draft sends nothing, as chat kits do). */
  send = (text: string) => {
    const t = text.trim();
    if (!t) return false;
    this.sent.push(t);
    this.current.messages.push({ from: 'agent', text: t });
    this.changed();
    return true;
  };

  expose(draft: () => string) {
    window.testConsole = {
      push: this.push,
      open: this.open,
      sent: this.sent,
      draft,
      openName: () => this.openName,
    };
    document.body.dataset.ready = 'true';
  }
}
