/**
 * Agent settings: stored one row per key in the `settings` table, read by pages with live
 * queries, written by the background. Pure: types, defaults and merging only.
 */
import type { ReplyPolicy } from '../../scripts-library/schema';

export type LocaleSetting = 'auto' | 'zh-CN' | 'en';

export interface AgentProfile {
  /** 客服昵称 */
  nickname: string;
  /** 客服工号 */
  workId: string;
  /** 店铺名 */
  shopName: string;
}

export interface Settings {
  locale: LocaleSetting;
  profile: AgentProfile;
  /** Where an inserted script goes: at the caret (replacing a selection), or replacing the whole draft. */
  insertMode: 'caret' | 'replace-draft';
  onboardingDone: boolean;
  /** The welcome tab was opened once in this profile (see utils/db/welcome.ts). */
  onboardingShown: boolean;
  /** The agent's own, stricter reply-time rules (never looser than the team's). */
  policyOverrides: Partial<ReplyPolicy>;
  /** System notifications at the warning threshold and when overdue. */
  deadlineNotifications: boolean;
  /** Consoles (host names) where inserting a script also sends it. Opt-in per site; empty by default. */
  insertAndSendHosts: string[];
  /** Palette: the in-page hotkey that opens the search palette in a console, e.g. `Alt+K`. */
  paletteHotkey: string;
  /** Palette: characters that start an inline search in a reply box; empty turns it off. */
  inlineTriggers: string[];
  /** Suggestion chips: 2–3 suggested scripts shown above a console's reply box when a customer writes. */
  suggestionChips: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  // Chinese first: agents' browsers are often in English while they work in Chinese.
  locale: 'zh-CN',
  profile: { nickname: '', workId: '', shopName: '' },
  insertMode: 'caret',
  onboardingDone: false,
  onboardingShown: false,
  policyOverrides: {},
  deadlineNotifications: true,
  insertAndSendHosts: [],
  paletteHotkey: 'Alt+K',
  // `/`, and `、`: what a Chinese input method types for the same key in Chinese punctuation mode.
  inlineTriggers: ['/', '、'],
  suggestionChips: true,
};

export type SettingKey = keyof Settings;

/** Rows → settings, unknown or malformed values falling back to the defaults. */
export function settingsFromRows(rows: readonly { key: string; value: unknown }[]): Settings {
  const out: Settings = structuredClone(DEFAULT_SETTINGS);
  for (const { key, value } of rows) {
    // Own keys only: a row keyed `__proto__` or `constructor` must not reach Object.prototype.
    if (!Object.hasOwn(DEFAULT_SETTINGS, key)) continue;
    const def = DEFAULT_SETTINGS[key as SettingKey];
    if (typeof value !== typeof def) continue;
    if (Array.isArray(def)) {
      if (Array.isArray(value))
        (out as unknown as Record<string, unknown>)[key] = value.filter((v) => typeof v === 'string');
    } else if (typeof def === 'object' && value !== null && !Array.isArray(value))
      // Spread defines own properties; Object.assign would run the `__proto__` setter.
      (out as unknown as Record<string, unknown>)[key] = {
        ...(out[key as SettingKey] as object),
        ...(value as object),
      };
    else (out as unknown as Record<string, unknown>)[key] = value;
  }
  return out;
}
