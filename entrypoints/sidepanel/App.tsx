/**
 * The side panel: situation tree, search, script list. Click (or Enter) inserts the script
 * into the console field the agent last focused; Copy is the fallback.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { browser } from 'wxt/browser';
import { ComplianceConfirm } from '../../components/ComplianceConfirm';
import { Countdown, WaitingList } from '../../components/Countdown';
import { Notice } from '../../components/Notice';
import { ReleaseNotice } from './ReleaseNotice';
import { TeachCard } from '../../components/TeachCard';
import { PlaceholderForm } from '../../components/PlaceholderForm';
import { ScriptList, type ScriptItem } from '../../components/ScriptList';
import { settleImages } from './image-delivery';
import { SuggestionList, type SuggestionItem } from '../../components/SuggestionList';
import { SaveAsScriptButton } from './SaveAsScriptButton';
import { buildSituationTree, SituationTree, subtreeKeys } from '../../components/SituationTree';
import { db, type ScriptRow } from '../../utils/db';
import { allScripts } from '../../utils/db/script-store';
import { cueSourcesFrom, docFromRow, situationPaths, visibleScripts } from '../../utils/db/search-docs';
import type { MessageKey, Translate } from '../../utils/i18n';
import { BUILTIN_PLACEHOLDER_EXAMPLES, fillPlaceholders, ownValue, profileValues } from '../../utils/insertion/placeholders';
import {
  RECENT_MESSAGES_KEY,
  sendMessage,
  TEACH_RESULT_KEY,
  type ActiveTabStatus,
  type InsertFailure,
  type InsertTarget,
  type RecentMessages,
  type TeachResult,
} from '../../utils/messaging/protocol';
import { useSettings, useTranslate } from '../../utils/pages/use-settings';
import { usageStatsFrom } from '../../utils/search';
import { pickStatsFrom, prepareSuggestLibrary, suggestReplies, type SuggestReason } from '../../utils/suggest';
import { DEFAULT_SETTINGS } from '../../utils/settings';
import { SiteAccessOffer } from './SiteAccessOffer';
import { usePanelStore } from './store';
import { useComplianceMatcher } from './use-compliance';
import { useDeadlines } from './use-deadlines';
import { useSearchIndex } from './use-search-index';

const FAILURE_TEXT: Record<InsertFailure, MessageKey> = {
  'no-target': 'failNoTarget',
  'target-gone': 'failTargetGone',
  'unreachable-frame': 'failUnreachableFrame',
  'tab-unreachable': 'failTabUnreachable',
  rejected: 'failRejected',
  'needs-values': 'failRejected', // handled by the placeholder form, never shown
};
const USAGE_WINDOW_MS = 60 * 24 * 3600 * 1000;

/** Polls where an insertion would go; cheap (one message a second while the panel is open). */
function useTargetStatus(windowId: number | undefined) {
  const [target, setTarget] = useState<InsertTarget | null>(null);
  const [tab, setTab] = useState<ActiveTabStatus | null>(null);
  useEffect(() => {
    let stopped = false;
    const poll = async () => {
      const [t, a] = await Promise.all([
        sendMessage('getInsertTarget', { windowId }).catch(() => null),
        windowId === undefined ? null : sendMessage('getActiveTabStatus', { windowId }).catch(() => null),
      ]);
      if (!stopped) {
        setTarget(t);
        setTab(a);
      }
    };
    void poll();
    const timer = setInterval(poll, 1000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [windowId]);
  return { target, tab };
}

/** The last teach-mode result (session storage, so a reopened panel still shows it). */
function useTeachResult(): TeachResult | null {
  const [result, setResult] = useState<TeachResult | null>(null);
  useEffect(() => {
    const read = () => browser.storage.session.get(TEACH_RESULT_KEY).then((got) => setResult((got[TEACH_RESULT_KEY] as TeachResult | undefined) ?? null));
    void read();
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'session' && TEACH_RESULT_KEY in changes) void read();
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, []);
  return result;
}

/**
 * The last messages of the conversation open in `tabId` (session storage, written by the
 * background when a customer writes): what suggestions read. Null for another conversation.
 */
function useRecentMessages(tabId: number | undefined, conversationKey: string | undefined): RecentMessages | null {
  const [all, setAll] = useState<Record<string, RecentMessages>>({});
  useEffect(() => {
    const read = () => browser.storage.session.get(RECENT_MESSAGES_KEY).then((got) => setAll((got[RECENT_MESSAGES_KEY] as Record<string, RecentMessages> | undefined) ?? {}));
    void read();
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'session' && RECENT_MESSAGES_KEY in changes) void read();
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, []);
  const entry = tabId === undefined ? undefined : all[tabId];
  // The agent switched to a conversation where the customer has not written yet.
  if (!entry || (conversationKey && !conversationKey.endsWith(`|${entry.conversationId}`))) return null;
  return entry;
}

function reasonText(reason: SuggestReason, t: Translate): string {
  switch (reason.kind) {
    case 'cue':
      return t('suggestReasonCue', { word: reason.text });
    case 'search':
      return t('suggestReasonSearch');
    case 'context':
      return t('suggestReasonContext');
    case 'picked':
      return t('suggestReasonPicked');
  }
}

export function App() {
  const settings = useSettings();
  const t = useTranslate(settings);
  const situations = useLiveQuery(() => db.situations.toArray(), []);
  const scripts = useLiveQuery(() => allScripts(db), []);
  const usageRows = useLiveQuery(() => db.usage.where('at').above(Date.now() - USAGE_WINDOW_MS).toArray(), []);
  const { query, selectedSituation, expanded, activeIndex, notice, setQuery, selectSituation, toggle, setActiveIndex, moveActive, setNotice } =
    usePanelStore();
  const [windowId, setWindowId] = useState<number | undefined>();
  /** A script waiting for placeholder values before it is inserted or copied. */
  const [pending, setPending] = useState<{ item: ScriptItem; action: 'insert' | 'copy'; missing: string[]; suggestions?: Record<string, string> } | null>(null);
  const placeholderDefs = useLiveQuery(async () => {
    const defs = new Map<string, { label: string; example: string }>();
    for (const p of await db.packs.toArray()) for (const d of p.placeholders) defs.set(d.name, { label: d.label, example: d.example });
    return defs;
  }, []);
  useEffect(() => {
    browser.windows.getCurrent().then((w) => setWindowId(w.id), () => undefined);
  }, []);
  const { target, tab } = useTargetStatus(windowId);
  const deadlines = useDeadlines(target?.conversationKey, settings);
  const teach = useTeachResult();
  const compliance = useComplianceMatcher();
  /** A script with a forbidden phrase in it, waiting for the agent to confirm the insert. */
  const [risky, setRisky] = useState<{ item: ScriptItem; text: string } | null>(null);

  const paths = useMemo(() => situationPaths(situations ?? []), [situations]);
  const visible = useMemo(() => visibleScripts(scripts ?? []), [scripts]);
  const { index, version: indexVersion } = useSearchIndex(visible, paths);
  const usage = useMemo(() => usageStatsFrom(usageRows ?? [], Date.now()), [usageRows]);
  const picks = useMemo(() => pickStatsFrom(usageRows ?? [], Date.now()), [usageRows]);
  const recent = useRecentMessages(target?.tabId, target?.conversationKey);
  const suggestLibrary = useMemo(
    () => (index ? prepareSuggestLibrary(index, visible.map((row) => docFromRow(row, paths)), cueSourcesFrom(situations ?? [], visible)) : null),
    // The index is updated in place; indexVersion says when.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [index, indexVersion, visible, paths, situations],
  );
  const suggestions = useMemo(
    () => (suggestLibrary && recent ? suggestReplies(recent.messages, suggestLibrary, { usage, picks, now: Date.now(), limit: 5 }) : null),
    [suggestLibrary, recent, usage, picks],
  );
  /** The situation the customer is in: boosts it in search results too. */
  const detectedSituation = suggestions?.situations[0]?.id;
  const byKey = useMemo(() => new Map(visible.map((s) => [s.key, s])), [visible]);

  const tree = useMemo(() => {
    const counts = new Map<string, number>();
    for (const s of visible) counts.set(s.situationKey, (counts.get(s.situationKey) ?? 0) + 1);
    return buildSituationTree(situations ?? [], counts);
  }, [situations, visible]);

  /** A row as the lists show it (search results and suggestions alike). */
  const toItem = useCallback(
    (row: ScriptRow, highlights?: ScriptItem['highlights']): ScriptItem => ({
      key: row.key,
      title: row.title,
      body: row.body,
      purpose: row.purpose,
      ...(row.shortcut ? { shortcut: row.shortcut } : {}),
      ...(row.images?.length ? { images: row.images } : {}),
      situation: (paths.get(row.situationKey) ?? []).join(' / '),
      ...(highlights ? { highlights } : {}),
    }),
    [paths],
  );

  const items: ScriptItem[] = useMemo(() => {
    if (query.trim()) {
      if (!index) return [];
      return index
        .search(query, { usage, now: Date.now(), limit: 50, ...(detectedSituation ? { situationId: detectedSituation } : {}) })
        .flatMap((hit) => {
          const row = byKey.get(hit.key);
          if (!row) return [];
          const h: NonNullable<ScriptItem['highlights']> = {};
          for (const { field, ranges } of hit.highlights) if (field === 'title' || field === 'body' || field === 'purpose') h[field] = ranges;
          return [toItem(row, h)];
        });
    }
    const keys = selectedSituation ? subtreeKeys(tree, selectedSituation) : null;
    return visible.filter((s) => !keys || keys.has(s.situationKey)).map((row) => toItem(row));
    // The index is updated in place; indexVersion is what tells this memo it changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query, index, indexVersion, usage, byKey, visible, selectedSituation, tree, toItem, detectedSituation]);

  /** Shown above the list while the search box is empty; keyboard selection runs through them first. */
  const suggestionItems: SuggestionItem[] = useMemo(() => {
    if (query.trim() || !suggestions) return [];
    return suggestions.scripts.flatMap((s) => {
      const row = byKey.get(s.key);
      if (!row) return [];
      return [{ ...toItem(row), detectedSituation: s.detected, reason: reasonText(s.reason, t) }];
    });
  }, [query, suggestions, byKey, toItem, t]);
  const keyboardItems: ScriptItem[] = useMemo(() => [...suggestionItems, ...items], [suggestionItems, items]);

  const insert = async (item: ScriptItem | SuggestionItem, values?: Record<string, string>, confirmed = false) => {
    const finding = confirmed || values ? undefined : compliance?.check(item.body)[0];
    if (finding)
      return setRisky({ item, text: t('compliancePanelConfirm', { phrase: finding.phrase, category: finding.categoryName, advice: finding.advice }) });
    const request = {
      scriptKey: item.key,
      ...(windowId !== undefined ? { windowId } : {}),
      ...(values ? { values } : {}),
    };
    // A suggestion's insertion also records the situation it was suggested for (feedback).
    const result = await ('detectedSituation' in item
      ? sendMessage('insertSuggestion', { ...request, situationKey: item.detectedSituation })
      : sendMessage('insertScript', request)
    ).catch(() => ({ ok: false as const, reason: 'tab-unreachable' as const, missing: undefined, suggestions: undefined }));
    if (!result.ok && result.reason === 'needs-values' && result.missing) {
      return setPending({ item, action: 'insert', missing: result.missing, ...(result.suggestions ? { suggestions: result.suggestions } : {}) });
    }
    if (!result.ok) return setNotice({ tone: 'error', text: t(FAILURE_TEXT[result.reason]) });
    setNotice(result.truncated ? { tone: 'warn', text: t('insertedTruncated') } : { tone: 'ok', text: t(result.sent ? 'insertedAndSent' : 'inserted') });
    const pictures = await settleImages(result.images, item.images, t);
    if (pictures) setNotice(pictures);
  };

  const copy = async (item: ScriptItem, values?: Record<string, string>) => {
    const { text, missing } = fillPlaceholders(item.body, {
      ...profileValues(settings?.profile ?? DEFAULT_SETTINGS.profile),
      ...values,
    });
    if (missing.length) return setPending({ item, action: 'copy', missing });
    try {
      await navigator.clipboard.writeText(text);
      setNotice({ tone: 'ok', text: t('copied') });
      void sendMessage('recordCopy', { scriptKey: item.key }).catch(() => undefined);
    } catch {
      setNotice({ tone: 'error', text: t('copyFailed') });
    }
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.nativeEvent.isComposing) return; // Enter here confirms an IME candidate, not a script
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      moveActive(1, keyboardItems.length);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      moveActive(-1, keyboardItems.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const item = keyboardItems[activeIndex];
      if (item) void insert(item);
    } else if (e.key === 'Escape') {
      setQuery('');
    } else if ((e.ctrlKey || e.metaKey) && e.key === 'c' && e.currentTarget.selectionStart === e.currentTarget.selectionEnd) {
      // Nothing selected in the search box: Ctrl+C copies the highlighted script instead.
      const item = keyboardItems[activeIndex];
      if (item) {
        e.preventDefault();
        void copy(item);
      }
    }
  };

  const loading = scripts === undefined || situations === undefined;

  return (
    <div className="panel">
      <header className="panel-header">
        <h1>{t('appName')}</h1>
        <select
          aria-label={t('language')}
          value={settings?.locale ?? 'auto'}
          onChange={(e) => void sendMessage('saveSetting', { key: 'locale', value: e.target.value as 'auto' | 'zh-CN' | 'en' })}
        >
          <option value="auto">{t('languageAuto')}</option>
          <option value="zh-CN">中文</option>
          <option value="en">English</option>
        </select>
        <a href={browser.runtime.getURL('/options.html')} target="_blank" rel="noreferrer">
          {t('openSettings')}
        </a>
      </header>
      {deadlines.current && (
        <Countdown
          title={deadlines.current.title}
          phase={deadlines.current.phase}
          text={deadlines.current.text}
          kindLabel={t(deadlines.current.kind === 'first-reply' ? 'deadlineFirst' : deadlines.current.kind === 'follow-up' ? 'deadlineFollowUp' : 'deadlineNext')}
          idleLabel={t('deadlineIdle')}
          {...(deadlines.current.paused ? { pausedLabel: t('deadlinePaused') } : {})}
        />
      )}
      <WaitingList
        items={deadlines.waiting.slice(0, 8).map((w) => ({ ...w, current: w.key === target?.conversationKey }))}
        label={t('waiting')}
        onSelect={(key) =>
          void sendMessage('switchConversation', { key }).then((r) => {
            if (!r.ok) setNotice({ tone: 'warn', text: t('switchFailed') });
          })
        }
      />
      <div className="search">
        <input
          type="search"
          autoFocus
          placeholder={t('searchPlaceholder')}
          aria-label={t('searchPlaceholder')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <div className="hint">
          <span>{t('keyboardHint')}</span>
          <span data-testid="result-count">{t('resultsCount', { count: items.length })}</span>
        </div>
      </div>
      {suggestionItems.length > 0 && suggestions && (
        <SuggestionList
          forMessage={recent?.messages.findLast((m) => m.from === 'customer')?.id}
          situations={suggestions.situations.slice(0, 2).map((s) => ({ id: s.id, name: s.path.at(-1) ?? s.id }))}
          items={suggestionItems}
          activeIndex={activeIndex < suggestionItems.length ? activeIndex : -1}
          labels={{ title: t('suggestTitle'), detected: t('suggestDetected'), hint: t('suggestHint'), insert: t('insert'), copy: t('copy') }}
          onInsert={(item) => void insert(item)}
          onCopy={(item) => void copy(item)}
          onHover={setActiveIndex}
        />
      )}
      <SaveAsScriptButton t={t} windowId={windowId} messages={recent?.messages ?? []} detected={detectedSituation} situations={situations ?? []} paths={paths} onNotice={setNotice} />
      <div className="panel-body">
        <SituationTree
          nodes={tree}
          selected={selectedSituation}
          expanded={expanded}
          allLabel={t('allSituations')}
          total={visible.length}
          onSelect={selectSituation}
          onToggle={toggle}
        />
        <main className="results">
          {loading ? null : visible.length === 0 ? (
            <p className="empty">{t('emptyLibrary')}</p>
          ) : items.length === 0 ? (
            <p className="empty">{query.trim() ? t(index ? 'noResults' : 'indexing') : t('noScripts')}</p>
          ) : (
            <ScriptList
              items={items}
              activeIndex={activeIndex - suggestionItems.length}
              labels={{ insert: t('insert'), copy: t('copy'), shortcut: t('shortcut') }}
              onInsert={(item) => void insert(item)}
              onCopy={(item) => void copy(item)}
              onHover={(i) => setActiveIndex(i + suggestionItems.length)}
            />
          )}
        </main>
      </div>
      <footer className="status">
        {pending && (
          <PlaceholderForm
            key={pending.item.key}
            title={t('fillPlaceholders', { title: pending.item.title })}
            fields={pending.missing.map((name) => ({
              name,
              label: placeholderDefs?.get(name)?.label || name,
              example: placeholderDefs?.get(name)?.example || BUILTIN_PLACEHOLDER_EXAMPLES.get(name) || '',
              initial: ownValue(pending.suggestions, name) ?? '',
            }))}
            labels={{ confirm: t(pending.action === 'insert' ? 'insert' : 'copy'), cancel: t('cancel'), required: t('fillAllPlaceholders') }}
            onSubmit={(values) => {
              const { item, action } = pending;
              setPending(null);
              void (action === 'insert' ? insert(item, values) : copy(item, values));
            }}
            onCancel={() => setPending(null)}
          />
        )}
        {risky && (
          <ComplianceConfirm
            text={risky.text}
            labels={{ confirm: t('compliancePanelInsertAnyway'), cancel: t('cancel') }}
            onConfirm={() => {
              setRisky(null);
              void insert(risky.item, undefined, true);
            }}
            onCancel={() => setRisky(null)}
          />
        )}
        {notice && <Notice tone={notice.tone} testId="notice">{notice.text}</Notice>}
        <ReleaseNotice t={t} />
        {teach && teach.status !== 'cancelled' && (
          <TeachCard
            result={teach}
            labels={{
              title: t('teachPreview'),
              input: t('teachInput'),
              found: t('teachFound'),
              notFound: t('teachNotFound'),
              messages: t('teachMessages'),
              conversation: t('teachConversation'),
              save: t('teachSave'),
              discard: t('teachDiscard'),
              failed: t('teachFailed'),
            }}
            onSave={() => {
              if (teach.status !== 'ready') return;
              void sendMessage('saveSiteRule', { rule: teach.rule }).then((r) =>
                setNotice(r.ok ? { tone: 'ok', text: t('teachSaved') } : { tone: 'error', text: r.error }),
              );
            }}
            onDiscard={() => void browser.storage.session.remove(TEACH_RESULT_KEY)}
          />
        )}
        <SiteAccessOffer tab={tab} t={t} onNotice={setNotice} />
        <button
          type="button"
          className="teach-button"
          data-testid="teach"
          title={t('teachHint')}
          onClick={() =>
            void sendMessage('startTeach', { ...(windowId !== undefined ? { windowId } : {}) }).then((r) => {
              setNotice(r.ok ? { tone: 'ok', text: t('teachStarted') } : { tone: 'warn', text: t('teachNoPage') });
            })
          }
        >
          {t('teachButton')}
        </button>
        {target?.kind === 'unreachable-frame' ? (
          <Notice tone="warn" testId="target">{t('targetUnreachable')}</Notice>
        ) : target ? (
          <Notice tone="info" testId="target">{t('targetReady', { title: `${target.title || target.host} · ${target.label}` })}</Notice>
        ) : (
          <Notice tone="warn" testId="target">{t('targetNone')}</Notice>
        )}
      </footer>
    </div>
  );
}
