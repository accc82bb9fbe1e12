/**
 * What the background keeps per console tab in `storage.session` (a service-worker restart
 * keeps it; closing the browser clears it, as it closes the tabs): one record per tab under one
 * key, dropped when its tab closes so nothing of a closed tab lingers for the session.
 */
import { browser } from 'wxt/browser';

const maps: TabSessionMap<unknown>[] = [];

export class TabSessionMap<T> {
  constructor(readonly key: string) {
    maps.push(this as TabSessionMap<unknown>);
  }

  async all(): Promise<Record<string, T>> {
    const got = await browser.storage.session.get(this.key);
    return (got[this.key] as Record<string, T> | undefined) ?? {};
  }

  async get(tabId: number): Promise<T | undefined> {
    return (await this.all())[tabId];
  }

  async set(tabId: number, value: T): Promise<void> {
    await browser.storage.session.set({ [this.key]: { ...(await this.all()), [tabId]: value } });
  }

  /** Replaces every record at once (the caller read them with `all`). */
  async replace(records: Record<string, T>): Promise<void> {
    await browser.storage.session.set({ [this.key]: records });
  }

  async delete(tabId: number): Promise<void> {
    const { [tabId]: gone, ...rest } = await this.all();
    if (gone !== undefined) await this.replace(rest);
  }
}

/** A tab closed: drop what every per-tab map kept for it. */
export function dropClosedTabs(): void {
  browser.tabs.onRemoved.addListener((tabId) => {
    for (const map of maps) void map.delete(tabId).catch(() => undefined);
  });
}
