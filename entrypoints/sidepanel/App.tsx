/**
 * The side panel: situation tree, search, script list. Click (or Enter) inserts the script
 * into the console field the agent last focused; Copy is the fallback.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { ComplianceConfirm } from '../../components/ComplianceConfirm';
import { Notice } from '../../components/Notice';
import { ReleaseNotice } from './ReleaseNotice';
import { TeachCard } from '../../components/TeachCard';
import { PlaceholderForm } from '../../components/PlaceholderForm';
import { ScriptList, type ScriptItem } from '../../components/ScriptList';
import { settleImages } from './image-delivery';
import { SuggestionList, type SuggestionItem } from '../../components/SuggestionList';
import { SaveAsScriptButton } from './SaveAsScriptButton';
import { buildSituationTree, SituationTree, subtreeKeys } from '../../components/SituationTree';
import { db } from '../../utils/db';
import { situationPaths } from '../../utils/library/search-docs';
import type { Translate } from '../../utils/i18n';
import { INSERT_FAILURE_TEXT } from '../../utils/i18n/insert-failure';
import { fillPlaceholders, profileValues } from '../../utils/insertion/placeholders';
import { placeholderFields } from '../../utils/library/fields';
import {
  RECENT_MESSAGES_KEY,
  sendMessage,
  TEACH_RESULT_KEY,
  type ActiveTabStatus,
  type InsertTarget,
  type RecentMessages,
  type TeachResult,
} from '../../utils/messaging/protocol';
import { useSettings, useTranslate } from '../../utils/pages/use-settings';
import type { SuggestReason } from '../../utils/suggest';
import { saveSettingFromPage } from '../../utils/pages/save-setting';
import { requestFailureText } from '../../utils/pages/failure-text';
import { DEFAULT_SETTINGS } from '../../utils/settings';
import { SiteAccessOffer } from './SiteAccessOffer';
import { usePanelStore } from './store';
import { useComplianceMatcher } from './use-compliance';
import { PanelDeadlines } from './PanelDeadlines';
import { useLibraryView } from './use-library-view';

/**
 * Polls where an insertion would go; cheap (one message a second while the panel is open). The
 * state changes only when the answer does, so the poll re-renders nothing by itself.
 */
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
      if (stopped) return;
      setTarget((prev) => (sameJson(prev, t) ? prev : t));
      setTab((prev) => (sameJson(prev, a) ? prev : a));
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

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The last teach-mode result (session storage, so a reopened panel still shows it). */
function useTeachResult(): TeachResult | null {
  const [result, setResult] = useState<TeachResult | null>(null);
  useEffect(() => {
    const read = () =>
      browser.storage.session
        .get(TEACH_RESULT_KEY)
        .then((got) => setResult((got[TEACH_RESULT_KEY] as TeachResult | undefined) ?? null));
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
    const read = () =>
      browser.storage.session
        .get(RECENT_MESSAGES_KEY)
        .then((got) => setAll((got[RECENT_MESSAGES_KEY] as Record<string, RecentMessages> | undefined) ?? {}));
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
  const {
    query,
    selectedSituation,
    expanded,
    activeIndex,
    notice,
    setQuery,
    selectSituation,
    toggle,
    setActiveIndex,
    moveActive,
    setNotice,
  } = usePanelStore();
  const [windowId, setWindowId] = useState<number | undefined>();
  /** A script waiting for placeholder values before it is inserted or copied. */
  const [pending, setPending] = useState<{
    item: ScriptItem;
    action: 'insert' | 'copy';
    missing: string[];
    suggestions?: Record<string, string>;
  } | null>(null);
  const packs = useLiveQuery(() => db.packs.toArray(), []);
  useEffect(() => {
    browser.windows.getCurrent().then(
      (w) => setWindowId(w.id),
      () => undefined,
    );
  }, []);
  const { target, tab } = useTargetStatus(windowId);
  const teach = useTeachResult();
  const compliance = useComplianceMatcher();
  /** A script with a forbidden phrase in it, waiting for the agent to confirm the insert. */
  const [risky, setRisky] = useState<{ item: ScriptItem; text: string } | null>(null);

  const recent = useRecentMessages(target?.tabId, target?.conversationKey);
  /** The selected situation and everything below it (the tree's shape only: counts come with the view). */
  const situationKeys = useMemo(() => {
    if (!selectedSituation) return null;
    return [...subtreeKeys(buildSituationTree(situations ?? [], new Map()), selectedSituation)];
  }, [situations, selectedSituation]);
  const view = useLibraryView(query, query.trim() ? null : situationKeys, recent?.messages ?? null);
  const tree = useMemo(() => buildSituationTree(situations ?? [], view.counts), [situations, view.counts]);
  const paths = useMemo(() => situationPaths(situations ?? []), [situations]);

  /** Shown above the list while the search box is empty; keyboard selection runs through them first. */
  const suggestionItems: SuggestionItem[] = useMemo(() => {
    if (query.trim() || !view.suggestions) return [];
    return view.suggestions.items.map(({ detected, reason, ...item }) => ({
      ...item,
      detectedSituation: detected,
      reason: reasonText(reason, t),
    }));
  }, [query, view.suggestions, t]);
  const keyboardCount = suggestionItems.length + view.total;
  const keyboardItem = (i: number): ScriptItem | undefined =>
    i < suggestionItems.length ? suggestionItems[i] : view.itemAt(i - suggestionItems.length);

  const unanswered = useRef<{ key: string; id: string } | null>(null);
  const insert = async (item: ScriptItem | SuggestionItem, values?: Record<string, string>, confirmed = false) => {
    const finding = confirmed || values ? undefined : compliance?.check(item.body)[0];
    if (finding)
      return setRisky({
        item,
        text: t('compliancePanelConfirm', {
          phrase: finding.phrase,
          category: finding.categoryName,
          advice: finding.advice,
        }),
      });
    // One id per insertion the agent means: a click again after no answer reuses it, so the
    // console inserts once and says so (utils/insertion/once.ts).
    const requestId = unanswered.current?.key === item.key ? unanswered.current.id : crypto.randomUUID();
    const request = {
      scriptKey: item.key,
      requestId,
      ...(windowId !== undefined ? { windowId } : {}),
      ...(values ? { values } : {}),
    };
    unanswered.current = null;
    // Whatever the last action said is not this one's outcome.
    setNotice(null);
    // A suggestion's insertion also records the situation it was suggested for (feedback).
    const result = await (
      'detectedSituation' in item
        ? sendMessage('insertScript', { ...request, via: 'suggestion', situationKey: item.detectedSituation })
        : sendMessage('insertScript', { ...request, via: 'panel' })
    ).catch(() => null);
    if (!result) {
      unanswered.current = { key: item.key, id: requestId };
      return setNotice({ tone: 'warn', text: t('insertUnknown') });
    }
    if (!result.ok && result.reason === 'needs-values' && result.missing) {
      return setPending({
        item,
        action: 'insert',
        missing: result.missing,
        ...(result.suggestions ? { suggestions: result.suggestions } : {}),
      });
    }
    if (!result.ok) return setNotice({ tone: 'error', text: t(INSERT_FAILURE_TEXT[result.reason]) });
    if (result.repeated) return setNotice({ tone: 'ok', text: t('insertedAgain') });
    if (result.notRecorded) return setNotice({ tone: 'warn', text: t('insertNotRecorded') });
    setNotice(
      result.truncated
        ? { tone: 'warn', text: t('insertedTruncated') }
        : { tone: 'ok', text: t(result.sent ? 'insertedAndSent' : 'inserted') },
    );
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

  const switchTo = async (key: string) => {
    const r = await sendMessage('switchConversation', { key }).catch(() => ({ ok: false }));
    if (!r.ok) setNotice({ tone: 'warn', text: t('switchFailed') });
  };
  // The list and the countdown get callbacks that never change, so re-rendering the panel
  // (a notice, the insert target) never re-renders them; they call the latest closures.
  const latest = useRef({ insert, copy, switchTo });
  latest.current = { insert, copy, switchTo };
  const onInsertItem = useCallback((item: ScriptItem) => void latest.current.insert(item), []);
  const onCopyItem = useCallback((item: ScriptItem) => void latest.current.copy(item), []);
  const switchConversation = useCallback((key: string) => void latest.current.switchTo(key), []);
  const onHoverItem = useCallback((i: number) => setActiveIndex(i + suggestionCount.current), [setActiveIndex]);
  const suggestionCount = useRef(0);
  suggestionCount.current = suggestionItems.length;
  const listLabels = useMemo(() => ({ insert: t('insert'), copy: t('copy'), shortcut: t('shortcut') }), [t]);

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.nativeEvent.isComposing) return; // Enter here confirms an IME candidate, not a script
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      moveActive(1, keyboardCount);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      moveActive(-1, keyboardCount);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const item = keyboardItem(activeIndex);
      if (item) void insert(item);
    } else if (e.key === 'Escape') {
      setQuery('');
    } else if (
      (e.ctrlKey || e.metaKey) &&
      e.key === 'c' &&
      e.currentTarget.selectionStart === e.currentTarget.selectionEnd
    ) {
      // Nothing selected in the search box: Ctrl+C copies the highlighted script instead.
      const item = keyboardItem(activeIndex);
      if (item) {
        e.preventDefault();
        void copy(item);
      }
    }
  };

  const loading = situations === undefined || !view.ready;

  return (
    <div className="panel">
      <header className="panel-header">
        <h1>{t('appName')}</h1>
        <select
          aria-label={t('language')}
          value={settings?.locale ?? 'auto'}
          onChange={(e) => void saveSettingFromPage(t, 'locale', e.target.value as 'auto' | 'zh-CN' | 'en')}
        >
          <option value="auto">{t('languageAuto')}</option>
          <option value="zh-CN">中文</option>
          <option value="en">English</option>
        </select>
        <a href={browser.runtime.getURL('/options.html')} target="_blank" rel="noreferrer">
          {t('openSettings')}
        </a>
      </header>
      <PanelDeadlines
        conversationKey={target?.conversationKey}
        settings={settings}
        t={t}
        onSwitch={switchConversation}
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
          <span data-testid="result-count">{t('resultsCount', { count: view.total })}</span>
        </div>
      </div>
      {suggestionItems.length > 0 && view.suggestions && (
        <SuggestionList
          forMessage={recent?.messages.findLast((m) => m.from === 'customer')?.id}
          situations={view.suggestions.situations}
          items={suggestionItems}
          activeIndex={activeIndex < suggestionItems.length ? activeIndex : -1}
          labels={{
            title: t('suggestTitle'),
            detected: t('suggestDetected'),
            hint: t('suggestHint'),
            insert: t('insert'),
            copy: t('copy'),
          }}
          onInsert={(item) => void insert(item)}
          onCopy={(item) => void copy(item)}
          onHover={setActiveIndex}
        />
      )}
      <SaveAsScriptButton
        t={t}
        windowId={windowId}
        messages={recent?.messages ?? []}
        detected={view.suggestions?.situations[0]?.id}
        situations={situations ?? []}
        paths={paths}
        onNotice={setNotice}
      />
      <div className="panel-body">
        <SituationTree
          nodes={tree}
          selected={selectedSituation}
          expanded={expanded}
          allLabel={t('allSituations')}
          total={view.libraryTotal}
          onSelect={selectSituation}
          onToggle={toggle}
        />
        <main className="results" data-query={view.shownQuery ?? undefined}>
          {loading ? (
            query.trim() ? (
              <p className="empty">{t('indexing')}</p>
            ) : null
          ) : view.libraryTotal === 0 ? (
            <p className="empty">{t('emptyLibrary')}</p>
          ) : view.total === 0 ? (
            <p className="empty">{query.trim() ? t('noResults') : t('noScripts')}</p>
          ) : (
            <ScriptList
              count={view.total}
              itemAt={view.itemAt}
              activeIndex={activeIndex - suggestionItems.length}
              labels={listLabels}
              onInsert={onInsertItem}
              onCopy={onCopyItem}
              onHover={onHoverItem}
              onRange={view.showRange}
              listKey={view.listKey ?? undefined}
            />
          )}
        </main>
      </div>
      <footer className="status">
        {pending && (
          <PlaceholderForm
            key={pending.item.key}
            title={t('fillPlaceholders', { title: pending.item.title })}
            fields={placeholderFields(packs ?? [], pending.missing, pending.suggestions)}
            labels={{
              confirm: t(pending.action === 'insert' ? 'insert' : 'copy'),
              cancel: t('cancel'),
              required: t('fillAllPlaceholders'),
            }}
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
        {notice && (
          <Notice tone={notice.tone} testId="notice">
            {notice.text}
          </Notice>
        )}
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
              list: t('teachList'),
              listFound: t('teachListFound'),
              listNotFound: t('teachListNotFound'),
              listSkipped: t('teachListSkipped'),
              attachment: t('teachAttachment'),
              save: t('teachSave'),
              discard: t('teachDiscard'),
              failed: t('teachFailed'),
            }}
            onSave={() => {
              if (teach.status !== 'ready') return;
              void sendMessage('saveSiteRule', { rule: teach.rule }).then(
                (r) =>
                  setNotice(
                    r.ok
                      ? { tone: 'ok', text: t('teachSaved') }
                      : {
                          tone: 'error',
                          text: r.code === 'quota' ? t('storageFull', { what: t('storageWhatSetting') }) : r.error,
                        },
                  ),
                (e: unknown) => setNotice({ tone: 'error', text: requestFailureText(t, e, 'storageWhatSetting') }),
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
            void sendMessage('startTeach', { ...(windowId !== undefined ? { windowId } : {}) }).then(
              (r) =>
                setNotice(r.ok ? { tone: 'ok', text: t('teachStarted') } : { tone: 'warn', text: t('teachNoPage') }),
              (e: unknown) => setNotice({ tone: 'error', text: requestFailureText(t, e) }),
            )
          }
        >
          {t('teachButton')}
        </button>
        {target?.kind === 'unreachable-frame' ? (
          <Notice tone="warn" testId="target">
            {t('targetUnreachable')}
          </Notice>
        ) : target ? (
          <Notice tone="info" testId="target">
            {t('targetReady', { title: `${target.title || target.host} · ${target.label}` })}
          </Notice>
        ) : (
          <Notice tone="warn" testId="target">
            {t('targetNone')}
          </Notice>
        )}
      </footer>
    </div>
  );
}
