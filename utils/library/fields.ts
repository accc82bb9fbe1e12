/** The placeholders a script still needs, as the forms show them (panel, palette, chips). Pure. */
import { BUILTIN_PLACEHOLDER_EXAMPLES, ownValue } from '../insertion/placeholders';
import type { PaletteField } from '../messaging/protocol';

/** Labels and examples from the packs' placeholder definitions (a later pack's wins), the built-in example otherwise. */
export function placeholderFields(
  packs: readonly { placeholders: readonly { name: string; label: string; example: string }[] }[],
  missing: readonly string[],
  suggestions: Readonly<Record<string, string>> = {},
): PaletteField[] {
  const defs = new Map<string, { label: string; example: string }>();
  for (const p of packs) for (const d of p.placeholders) defs.set(d.name, { label: d.label, example: d.example });
  return missing.map((name) => ({
    name,
    label: defs.get(name)?.label || name,
    example: defs.get(name)?.example || BUILTIN_PLACEHOLDER_EXAMPLES.get(name) || '',
    initial: ownValue(suggestions, name) ?? '',
  }));
}
