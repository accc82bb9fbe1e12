/**
 * A labelled file picker for JSON files: reads the text as every importer does (invalid UTF-8 is
 * refused with its line, never turned into U+FFFD), refuses files over `maxBytes`.
 */
import { decodeFileText, type DecodedText } from '../scripts-library/io/text';

export function JsonFileInput({
  label,
  testId,
  maxBytes,
  onText,
  onTooLarge,
  onUnreadable,
}: {
  label: string;
  testId: string;
  maxBytes: number;
  onText(text: string, fileName: string): void | Promise<void>;
  onTooLarge(): void;
  /** The bytes are not text we can read; without a handler the text goes on, validation refuses it. */
  onUnreadable?(problem: DecodedText & { ok: false }): void;
}) {
  return (
    <label>
      {label}{' '}
      <input
        type="file"
        accept=".json,application/json"
        data-testid={testId}
        onChange={async (e) => {
          const file = e.target.files?.[0];
          e.target.value = ''; // picking the same file again must fire again
          if (!file) return;
          if (file.size > maxBytes) return onTooLarge();
          const decoded = decodeFileText(new Uint8Array(await file.arrayBuffer()));
          if (decoded.ok) await onText(decoded.text, file.name);
          else if (onUnreadable) onUnreadable(decoded);
          else await onText(await file.text(), file.name);
        }}
      />
    </label>
  );
}
