/**
 * The countdown and waiting list for the panel, derived every second from the stored clocks
 * (so a closed-and-reopened panel, a reloaded tab or a restarted service worker shows the
 * same time).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import { db } from '../../utils/db';
import { browser } from 'wxt/browser';
import type { ConversationRow } from '../../utils/db';
import { sendMessage, UNSAVED_CLOCKS_KEY } from '../../utils/messaging/protocol';
import { effectivePolicy } from '../../utils/db/policy';
import {
  clockStatus,
  currentDeadline,
  formatRemaining,
  isInServiceHours,
  rankByUrgency,
  type ClockPhase,
  type DeadlineKind,
} from '../../utils/deadline';
import type { Settings } from '../../utils/settings';

const WEEK_MS = 7 * 24 * 3600_000;

export function useNow(intervalMs = 1000) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}

export interface PanelDeadlines {
  current: {
    title: string;
    phase: ClockPhase;
    text: string;
    kind: DeadlineKind | null;
    paused: boolean;
    /** The reply clock runs from when the message was first seen (the console shows no times). */
    estimated: boolean;
  } | null;
  waiting: { key: string; title: string; site: string; phase: ClockPhase; text: string }[];
  /** Some clocks run in memory only: the browser had no space to save them. */
  unsaved: boolean;
}

/** Clocks the background could not write (storage full): they count as much as stored ones. */
function useUnsavedClocks(): Record<string, ConversationRow> {
  const [rows, setRows] = useState<Record<string, ConversationRow>>({});
  useEffect(() => {
    const read = () =>
      browser.storage.session
        .get(UNSAVED_CLOCKS_KEY)
        .then((got) => setRows((got[UNSAVED_CLOCKS_KEY] as Record<string, ConversationRow> | undefined) ?? {}));
    void read();
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'session' && UNSAVED_CLOCKS_KEY in changes) void read();
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, []);
  return rows;
}

export function useDeadlines(currentKey: string | undefined, settings: Settings | undefined): PanelDeadlines {
  const now = useNow();
  // While the panel is open the badge and notifications follow the second, not the 30 s alarm.
  useEffect(() => {
    void sendMessage('refreshDeadlines').catch(() => undefined);
  }, [now]);
  const since = useMemo(() => Date.now() - WEEK_MS, []);
  const stored = useLiveQuery(() => db.conversations.where('updatedAt').above(since).toArray(), [since]);
  const unsaved = useUnsavedClocks();
  const rows = useMemo(
    () => stored && [...stored.filter((r) => !unsaved[r.key]), ...Object.values(unsaved)],
    [stored, unsaved],
  );
  const packs = useLiveQuery(() => db.packs.toArray(), []);
  const policy = useMemo(() => effectivePolicy(packs ?? [], settings?.policyOverrides ?? {}), [packs, settings]);

  return useMemo(() => {
    // `now` only makes this re-run every second; read the clock itself so a message that just
    // arrived never shows more time than the policy gives.
    const at = Math.max(now, Date.now());
    const waiting = rankByUrgency(rows ?? [], policy, at).map((r) => ({
      key: r.key,
      title: r.title,
      site: r.site,
      phase: r.status.phase,
      text: formatRemaining(r.status.remainingMs),
    }));
    const row = rows?.find((r) => r.key === currentKey);
    const notSaved = Object.keys(unsaved).length > 0;
    if (!row) return { current: null, waiting, unsaved: notSaved };
    const deadline = currentDeadline(row.clock, policy);
    const status = clockStatus(deadline, policy, at);
    return {
      current: {
        title: row.title,
        phase: status.phase,
        text: formatRemaining(status.remainingMs),
        kind: deadline?.kind ?? null,
        paused: deadline !== null && !isInServiceHours(at, policy.serviceHours),
        estimated: deadline?.estimated === true,
      },
      waiting,
      unsaved: notSaved,
    };
  }, [rows, unsaved, policy, now, currentKey]);
}
