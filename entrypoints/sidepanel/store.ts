/** Short-lived UI state of the panel. Database rows never live here (they come from live queries). */
import { create } from 'zustand';

export interface PanelNotice {
  tone: 'ok' | 'warn' | 'error';
  text: string;
}

interface PanelState {
  query: string;
  selectedSituation: string | null;
  expanded: Set<string>;
  activeIndex: number;
  notice: PanelNotice | null;
  setQuery(query: string): void;
  selectSituation(key: string | null): void;
  toggle(key: string): void;
  setActiveIndex(i: number): void;
  moveActive(delta: number, count: number): void;
  setNotice(notice: PanelNotice | null): void;
}

export const usePanelStore = create<PanelState>((set) => ({
  query: '',
  selectedSituation: null,
  expanded: new Set(),
  activeIndex: 0,
  notice: null,
  setQuery: (query) => set({ query, activeIndex: 0 }),
  selectSituation: (selectedSituation) => set({ selectedSituation, activeIndex: 0, query: '' }),
  toggle: (key) =>
    set((s) => {
      const expanded = new Set(s.expanded);
      if (!expanded.delete(key)) expanded.add(key);
      return { expanded };
    }),
  setActiveIndex: (activeIndex) => set({ activeIndex }),
  moveActive: (delta, count) =>
    set((s) => ({ activeIndex: count === 0 ? 0 : Math.min(count - 1, Math.max(0, s.activeIndex + delta)) })),
  setNotice: (notice) => set({ notice }),
}));
