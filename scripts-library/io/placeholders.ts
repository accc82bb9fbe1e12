import type { PlaceholderConversion } from './types';

export function convertPlaceholderStyles(text: string): { text: string; conversions: PlaceholderConversion[] } {
  return { text, conversions: [] };
}
