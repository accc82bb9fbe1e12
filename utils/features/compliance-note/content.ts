/**
 * Forbidden phrases in the console's reply box. As the agent types (after the input method
 * commits, never mid-composition) the draft is checked with the packs' lists; a warning beside
 * the box names the phrase, its category and a better script, and goes away when the phrase
 * does. A category a team lead made blocking also stops Enter and the send button with a
 * confirm (send-guard.ts). The background is told only that a warning appeared (category, once
 * per crossing), never the text. Only the agent's own typing, Enter and clicks (trusted events)
 * and our own insertions show the warning or the confirm; events the page dispatches do nothing.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { compileRules, firstPerCategory, type Finding } from '../../compliance';
import type { ComplianceCategory, ComplianceRules } from '../../compliance/rules';
import { editableFromEvent } from '../../dom/editable';
import { translator, type Translate } from '../../i18n';
import { onMessage, sendMessage } from '../../messaging/protocol';
import { fromAgent } from '../../ui-kit/agent';
import type { Rect } from '../../ui-kit/place';
import type { Shared } from '../shared';
import { DraftCheck } from './draft-check';
import { guardSends } from './send-guard';
import { ComplianceUi } from './view';

export interface ComplianceNote {
  /** The warning's place on screen while it shows. */
  noteRect(): Rect | null;
  /** We inserted into `el` (some editors take text without a trusted input event): check it now. */
  inserted(el: HTMLElement): void;
  /**
   * Presses the console's send button for insert-and-send, unless the draft holds a blocking
   * phrase: then the agent is asked first, as for their own Enter. True when it was pressed.
   */
  pressSend(button: HTMLElement): boolean;
}

/** What the current rules say beyond the matcher: wording and each category's better scripts. */
export interface RuleTexts {
  t: Translate;
  byId: Map<string, ComplianceCategory>;
}

/** While a warning shows, how often the draft is looked at again (the console may clear it silently). */
const RECHECK_MS = 400;
/** Rules are fetched again on coming back to the tab after this long. */
const RELOAD_AFTER_MS = 10_000;
/** Lines shown at most, one per category. */
const MAX_LINES = 3;
/** Better scripts named per line. */
const MAX_SUGGESTED = 2;

export function startComplianceNote(ctx: ContentScriptContext, shared: Shared): ComplianceNote {
  const texts: RuleTexts = { t: translator('zh-CN'), byId: new Map() };
  const draft = new DraftCheck(() => !ctx.isInvalid);
  const ui = new ComplianceUi(document, (key) => insertSuggested(ui, texts, key));
  const note = new WarningNote(ui, texts, (el) => check(el));
  const check = (el: HTMLElement) => draft.start(el, (findings) => note.show(el, findings));

  let rules: ComplianceRules | null = null;
  const load = () =>
    sendMessage('getComplianceRules')
      .then((r) => {
        if (!r || ctx.isInvalid || r.version === rules?.version) return;
        rules = r;
        draft.setMatcher(compileRules(r.categories));
        texts.byId = new Map(r.categories.map((c) => [c.id, c]));
        texts.t = translator(r.locale);
        if (note.current) check(note.current);
      })
      // No background at the moment: the last rules stay, the next focus or reload tries again.
      .catch(() => undefined);

  checkAgentEdits(ctx, check);
  ctx.addEventListener(window, 'resize', () => ui.place());
  ctx.addEventListener(document, 'scroll', () => ui.place(), { capture: true, passive: true });
  const guard = guardSends(ctx, shared, {
    ui,
    texts,
    findingsNow: (el) => draft.findingsNow(el),
    recheck: () => note.current && check(note.current),
  });

  void load();
  reloadOnReturn(ctx, load);
  const removeReload = onMessage('reloadComplianceRules', () => void load());
  ctx.onInvalidated(() => {
    removeReload();
    note.stop();
    draft.cancel();
    ui.destroy();
  });

  return { noteRect: () => ui.rect(), inserted: check, pressSend: guard.pressSend };
}

/** Rules may have changed while this tab sat in the background: look again on coming back. */
function reloadOnReturn(ctx: ContentScriptContext, load: () => void) {
  let lastLoad = Date.now();
  ctx.addEventListener(window, 'focus', () => {
    if (Date.now() - lastLoad <= RELOAD_AFTER_MS) return;
    lastLoad = Date.now();
    load();
  });
}

/**
 * Checks the field the agent types in. The checks run in every field: before a console is
 * taught (or when its rule points elsewhere) a reply still gets its warning. An input method's
 * draft is checked when it commits; its compositionend may come untrusted (Chrome builds it so
 * when the commit arrives as text), and counts when it ends the agent's own composition.
 */
function checkAgentEdits(ctx: ContentScriptContext, check: (el: HTMLElement) => void) {
  let agentComposing = false;
  const onEdit = (event: Event) => {
    if (event.type === 'compositionend') {
      if (!agentComposing && !fromAgent(event)) return;
      agentComposing = false;
    } else if (!fromAgent(event) || (event as InputEvent).isComposing) return;
    const el = editableFromEvent(event);
    if (el) check(el);
  };
  ctx.addEventListener(document, 'input', onEdit, { capture: true });
  ctx.addEventListener(
    document,
    'compositionstart',
    (event: CompositionEvent) => {
      if (fromAgent(event)) agentComposing = true;
    },
    { capture: true },
  );
  ctx.addEventListener(document, 'compositionend', onEdit, { capture: true });
}

/** A better script the warning names, inserted through the background's one path. */
function insertSuggested(ui: ComplianceUi, texts: RuleTexts, scriptKey: string) {
  void sendMessage('insertScript', { scriptKey, via: 'compliance' }).then(
    (r) => {
      if (r?.ok) return;
      const needsPanel = r && !r.ok && r.reason === 'needs-values';
      ui.showNote(texts.t(needsPanel ? 'complianceSuggestNeedsPanel' : 'complianceSuggestFailed'));
    },
    () => ui.showNote(texts.t('complianceSuggestFailed')),
  );
}

/** The warning beside the field the last check was for. */
class WarningNote {
  /** The editor the shown state belongs to. */
  current: HTMLElement | null = null;
  /** The categories currently warned about in it (each reported once per crossing). */
  private readonly warned = new Set<string>();
  private recheck: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly ui: ComplianceUi,
    private readonly texts: RuleTexts,
    private readonly check: (el: HTMLElement) => void,
  ) {}

  show(el: HTMLElement, findings: Finding[]) {
    if (el !== this.current) {
      this.current = el;
      this.warned.clear();
    }
    const found = firstPerCategory(findings);
    this.reportNew(found);
    const { t, byId } = this.texts;
    this.ui.warn(
      el,
      found.slice(0, MAX_LINES).map((f) => ({
        text: t('complianceWarning', { phrase: f.phrase, category: f.categoryName, advice: f.advice }).replace(
          /[：:]\s*$/,
          '',
        ),
        tryLabel: t('complianceTry'),
        suggested: (byId.get(f.categoryId)?.suggested ?? []).slice(0, MAX_SUGGESTED),
      })),
      found.some((f) => f.severity === 'block'),
      t('complianceSuggestHint'),
    );
    if (found.length) this.startRecheck();
    else {
      this.ui.showNote('');
      this.stop();
    }
  }

  /** Tells the background of categories that just appeared; forgets those gone from the draft. */
  private reportNew(found: Finding[]) {
    const now = new Set(found.map((f) => f.categoryId));
    for (const f of found)
      if (!this.warned.has(f.categoryId)) {
        this.warned.add(f.categoryId);
        void sendMessage('complianceWarning', { categoryId: f.categoryId, categoryName: f.categoryName }).catch(
          () => undefined,
        );
      }
    for (const id of [...this.warned]) if (!now.has(id)) this.warned.delete(id);
  }

  /**
   * The console may clear or change the box without an input event (after sending, switching
   * conversations): while a warning shows, look again now and then so it never goes stale.
   */
  private startRecheck() {
    if (this.recheck !== null) return;
    this.recheck = setInterval(() => {
      if (this.current?.isConnected) return this.check(this.current);
      this.ui.warn(document.documentElement, [], false, '');
      this.stop();
    }, RECHECK_MS);
  }

  stop() {
    if (this.recheck !== null) clearInterval(this.recheck);
    this.recheck = null;
  }
}
