// The package ships JavaScript only; the console page needs just its message schema.
declare module '@chatwoot/prosemirror-schema' {
  import type { Schema } from 'prosemirror-model';
  export const messageSchema: Schema;
}
