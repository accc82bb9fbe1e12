/** A labelled file picker for JSON files: reads the text, refuses files over `maxBytes`. */
export function JsonFileInput({
  label,
  testId,
  maxBytes,
  onText,
  onTooLarge,
}: {
  label: string;
  testId: string;
  maxBytes: number;
  onText(text: string, fileName: string): void | Promise<void>;
  onTooLarge(): void;
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
          await onText(await file.text(), file.name);
        }}
      />
    </label>
  );
}
