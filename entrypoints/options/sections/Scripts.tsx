/**
 * Script editor: the situation tree of every pack, the scripts of the chosen situation, and a form.
 * Reads live from Dexie; every write goes to the background (`editLibrary`), which keeps pack
 * rows untouched and stores the agent's version as a personal copy.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useRef, useState } from 'react';
import { EditConflict } from '../../../components/EditConflict';
import { buildSituationTree, SituationTree, subtreeKeys, type SituationNode } from '../../../components/SituationTree';
import { CuesEditor } from '../../../components/CuesEditor';
import { Notice } from '../../../components/Notice';
import { BUILTIN_PLACEHOLDERS, placeholdersIn, SHORTCUT_PATTERN } from '../../../scripts-library/schema';
import { convertPlaceholderStyles } from '../../../scripts-library/io';
import { db, type PackRow, type ScriptRow, type SituationRow } from '../../../utils/db';
import { revisionOf, type LibraryEdit, type LibraryEditResult, type ScriptDraft } from '../../../utils/db/editing';
import type { BaseRevision } from '../../../utils/db/revision';
import { refusalText, requestFailureText } from '../../../utils/pages/failure-text';
import { useLiveForm } from '../../../utils/pages/use-live-form';
import { ScriptImagesField, type ImagesValue } from './ScriptImagesField';
import { PERSONAL_PACK_ID } from '../../../scripts-library/pack-rows';
import { useEditorSource, useWindowed } from '../editor-client';
import { useFixedRows } from '../fixed-rows';
import { situationPaths } from '../../../utils/library/search-docs';
import type { EditorView } from '../../../utils/pages/editor-library';
import { DuplicateList } from './DuplicateList';
import type { MessageKey, Translate } from '../../../utils/i18n';
import { sendMessage } from '../../../utils/messaging/protocol';
import { PackText } from '../../../components/PackText';

type Message = { tone: 'ok' | 'error' | 'warn' | 'info'; text: string } | null;

const packNodeKey = (packId: string) => `pack:${packId}`;
const splitList = (text: string) =>
  text
    .split(/[,，、;；\n]/)
    .map((s) => s.trim())
    .filter(Boolean);

interface FormState {
  title: string;
  body: string;
  purpose: string;
  keywords: string;
  tags: string;
  shortcut: string;
  situationKey: string;
  pictures: ImagesValue;
}

const toForm = (s: ScriptRow): FormState => ({
  title: s.title,
  body: s.body,
  purpose: s.purpose,
  keywords: s.keywords.join('，'),
  tags: s.tags.join('，'),
  shortcut: s.shortcut ?? '',
  situationKey: s.situationKey,
  pictures: { images: s.images ?? [], imageData: {} },
});

/** The list's rows are one height (titles and paths cut with …): see useFixedRows. */
const ROW_HEIGHT = 52;
const ROW_GAP = 6;

const toDraft = (f: FormState): ScriptDraft => ({
  title: f.title,
  body: f.body,
  purpose: f.purpose,
  keywords: splitList(f.keywords),
  tags: splitList(f.tags),
  shortcut: f.shortcut.trim(),
  situationKey: f.situationKey,
  images: f.pictures.images,
});

/** Every pack as a top node over its situation tree (我的话术 first, as the packs are ordered). */
function packTree(
  packs: readonly PackRow[],
  situations: readonly SituationRow[],
  counts: ReadonlyMap<string, number>,
  t: Translate,
): SituationNode[] {
  return packs.map<SituationNode>((p) => {
    const children = buildSituationTree(
      situations.filter((s) => s.packId === p.id),
      counts,
    );
    return {
      key: packNodeKey(p.id),
      name: p.locked ? `${p.name}（${t('editorBadgeLocked')}）` : p.name,
      count: children.reduce((n, c) => n + c.count, 0),
      children,
    };
  });
}

export function Scripts({ t }: { t: Translate }) {
  const packs = useLiveQuery(() => db.packs.orderBy('order').toArray(), []);
  const situations = useLiveQuery(() => db.situations.toArray(), []);
  const [selected, setSelected] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const [filter, setFilter] = useState('');
  const [message, setMessage] = useState<Message>(null);

  const packById = useMemo(() => new Map((packs ?? []).map((p) => [p.id, p])), [packs]);
  const paths = useMemo(() => situationPaths(situations ?? []), [situations]);
  // The tree's shape comes from the situations; its counts with the list's answer.
  const shape = useMemo(() => packTree(packs ?? [], situations ?? [], new Map(), t), [packs, situations, t]);
  const situationKeys = useMemo(() => (selected ? [...subtreeKeys(shape, selected)] : null), [shape, selected]);

  // The rows the form needs whole: the script being edited and the pack script it stands in for.
  const editingKey = editing && editing !== 'new' ? editing : null;
  const { api, version } = useEditorSource();
  const listRequest = { situationKeys, filter };
  const [upstreamKey, setUpstreamKey] = useState<string | null>(null);
  const rowKeys = [editingKey, upstreamKey].filter((k): k is string => !!k);
  const list = useWindowed<EditorView>(
    JSON.stringify([situationKeys, filter]),
    api ? (offset, limit) => api.view({ ...listRequest, offset, limit, rows: rowKeys }) : null,
    JSON.stringify([version, rowKeys]),
  );
  const head = list.head;
  const byKey = useMemo(() => new Map((head?.rows ?? []).map((r) => [r.key, r])), [head]);
  const live = editingKey ? byKey.get(editingKey) : undefined;
  const wantUpstream = live?.overrides ?? null;
  useEffect(() => setUpstreamKey(wantUpstream), [wantUpstream]);

  const tree = useMemo(
    () => packTree(packs ?? [], situations ?? [], new Map(Object.entries(head?.counts ?? {})), t),
    [packs, situations, head?.counts, t],
  );

  // Virtualised: a 200,000-script library lists every script, with only the rows on screen in the page.
  const rowsView = useFixedRows(list.total, ROW_HEIGHT + ROW_GAP);
  const { first: firstRow, last: lastRow } = rowsView;
  const { showRange } = list;
  useEffect(() => {
    if (list.total > 0) showRange(firstRow, Math.max(firstRow, lastRow));
  }, [firstRow, lastRow, list.total, showRange]);

  // The notice belongs to this action from its start: the previous one goes, and 已保存 comes
  // only with the background's answer.
  const run = async (edit: LibraryEdit, ok?: string): Promise<LibraryEditResult> => {
    setMessage({ tone: 'info', text: t('working') });
    const res: LibraryEditResult = await sendMessage('editLibrary', edit).catch((e: unknown) => ({
      ok: false as const,
      code: 'failed' as const,
      error: requestFailureText(t, e),
    }));
    // A stale script save is shown by its form; a stale rename names the other side's name here.
    if (!res.ok && res.code === 'stale')
      setMessage(
        res.theirs && 'name' in res.theirs
          ? { tone: 'warn', text: `${t('conflictTitle')}：${t('conflictTheirs')}「${res.theirs.name}」` }
          : null,
      );
    else if (!res.ok) setMessage({ tone: 'error', text: refusalText(t, res) });
    else if (res.kept)
      setMessage({ tone: 'warn', text: t(res.kept === 'as-personal' ? 'editKeptAsPersonal' : 'editKeptFlagged') });
    else setMessage(ok ? { tone: 'ok', text: ok } : null);
    return res;
  };
  const reorder = async (key: string, delta: -1 | 1) => {
    const keys = await api?.reordered(listRequest, key, delta);
    if (keys) await run({ op: 'reorderScripts', keys });
  };
  // The script being edited, as last seen: a sync or another page may remove it while the form
  // is open, and the agent's text must stay on screen (its save keeps it as a personal script).
  const lastSeen = useRef<ScriptRow | undefined>(undefined);

  if (!packs || !situations || !head) return null;
  const selectedSituation =
    selected && !selected.startsWith('pack:') ? situations.find((s) => s.key === selected) : undefined;
  if (live || lastSeen.current?.key !== editing) lastSeen.current = live;
  const current = live ?? lastSeen.current;
  const defaultSituation =
    selectedSituation?.key ?? situations.find((s) => s.packId === PERSONAL_PACK_ID)?.key ?? situations[0]?.key ?? '';

  return (
    <section id="scripts" data-testid="editor">
      <h2>{t('editorTitle')}</h2>
      <p className="hint">{t('editorHint')}</p>
      {head.conflictCount > 0 && (
        <Notice tone="warn" testId="editor-conflicts">
          {t('editorConflicts', { count: head.conflictCount })}{' '}
          {head.conflicts.map((c) => (
            <button key={c.key} type="button" className="btn" onClick={() => setEditing(c.key)}>
              <PackText text={c.title} />
            </button>
          ))}
        </Notice>
      )}
      {head.duplicateCount > 0 && (
        <DuplicateList
          testId="editor-duplicates"
          title={t('editorDuplicates')}
          line={(d) =>
            `${t(d.kind === 'shortcut' ? 'editorDuplicateShortcut' : 'editorDuplicateId', { value: d.value })} ${d.scripts
              .map((s) => `${s.title}（${packById.get(s.packId)?.name ?? ''}）`)
              .join('、')}`
          }
        />
      )}
      {message && (
        <Notice tone={message.tone} testId="editor-message">
          {message.text}
        </Notice>
      )}
      <div className="editor">
        <div className="editor-tree">
          <SituationTree
            nodes={tree}
            selected={selected}
            expanded={expanded}
            allLabel={t('allSituations')}
            total={head.visibleTotal}
            counting={!head.complete}
            onSelect={(k) => {
              setSelected(k);
              setEditing(null);
            }}
            onToggle={(k) => setExpanded((e) => new Set(e.has(k) ? [...e].filter((x) => x !== k) : [...e, k]))}
          />
          <SituationTools
            t={t}
            selected={selectedSituation}
            situations={situations}
            paths={paths}
            run={run}
            onCreated={(k) => setSelected(k)}
          />
          {selectedSituation && (
            <CuesEditor
              t={t}
              situationKey={selectedSituation.key}
              cues={selectedSituation.cues}
              editable={selectedSituation.packId === PERSONAL_PACK_ID}
              onSave={(cues) => void run({ op: 'setSituationCues', key: selectedSituation.key, cues }, t('cuesSaved'))}
            />
          )}
        </div>
        <div className="editor-list">
          <div className="form-row">
            <input
              type="search"
              placeholder={t('editorFilter')}
              aria-label={t('editorFilter')}
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
            />
            <button
              type="button"
              className="btn btn-primary"
              data-testid="editor-new"
              onClick={() => setEditing('new')}
              disabled={!defaultSituation}
            >
              {t('editorNew')}
            </button>
          </div>
          <div className="editor-scroll" ref={rowsView.ref}>
            <ul
              className="script-list"
              data-testid="editor-list"
              style={{ height: rowsView.height, position: 'relative' }}
            >
              {Array.from({ length: Math.max(0, lastRow - firstRow + 1) }, (_, k) => {
                const i = firstRow + k;
                const place = {
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  height: ROW_HEIGHT,
                  transform: `translateY(${i * (ROW_HEIGHT + ROW_GAP)}px)`,
                } as const;
                const s = list.itemAt(i);
                if (!s) return <li key={`at-${i}`} data-index={i} className="script" style={place} />;
                const pack = packById.get(s.packId);
                const personal = s.origin === 'personal';
                return (
                  <li
                    key={s.key}
                    data-index={i}
                    style={place}
                    className={`script ${editing === s.key ? 'active' : ''}`}
                    data-script-key={s.key}
                  >
                    <button type="button" className="script-main" onClick={() => setEditing(s.key)}>
                      <span className="script-head">
                        <span className="script-title">
                          <PackText text={s.title} />
                        </span>
                        {s.shortcut && (
                          <span className={`script-shortcut ${s.dupShortcut ? 'dup' : ''}`}>/{s.shortcut}</span>
                        )}
                      </span>
                      <span className="script-situation">
                        {(paths.get(s.situationKey) ?? []).join(' › ')} ·{' '}
                        {s.overrides ? t('editorBadgeEdited') : personal ? t('editorBadgePersonal') : pack?.name}
                        {pack?.locked && !personal ? ` · ${t('editorBadgeLocked')}` : ''}
                        {s.conflict ? ` · ${t('editorBadgeConflict')}` : ''}
                      </span>
                    </button>
                    {personal && selectedSituation && (
                      <span className="reorder">
                        <button
                          type="button"
                          className="btn"
                          aria-label={t('editorUp')}
                          disabled={!s.prevPersonal}
                          onClick={() => void reorder(s.key, -1)}
                        >
                          ↑
                        </button>
                        <button
                          type="button"
                          className="btn"
                          aria-label={t('editorDown')}
                          disabled={!s.nextPersonal}
                          onClick={() => void reorder(s.key, 1)}
                        >
                          ↓
                        </button>
                      </span>
                    )}
                  </li>
                );
              })}
            </ul>
          </div>
          {list.total === 0 && <p className="empty">{t('noScripts')}</p>}
          {head.hiddenCount > 0 && (
            <details data-testid="editor-hidden">
              <summary>{t('editorHidden', { count: head.hiddenCount })}</summary>
              <ul>
                {head.hidden.map((h) => (
                  <li key={h.key}>
                    <PackText text={h.title} />{' '}
                    <button
                      type="button"
                      className="btn"
                      onClick={() => void run({ op: 'restoreScript', key: h.overrides }, t('editorRestored'))}
                    >
                      {t('editorRestore')}
                    </button>
                  </li>
                ))}
              </ul>
            </details>
          )}
        </div>
        <div className="editor-form">
          {editing === 'new' && (
            <ScriptForm
              key="new"
              t={t}
              initial={{
                title: '',
                body: '',
                purpose: '',
                keywords: '',
                tags: '',
                shortcut: '',
                situationKey: defaultSituation,
                pictures: { images: [], imageData: {} },
              }}
              situations={situations}
              paths={paths}
              packs={packs}
              onSave={async (draft, imageData) => {
                const res = await run({ op: 'createScript', draft, imageData }, t('editorCreated'));
                if (res.ok && res.key) setEditing(res.key);
              }}
              onCancel={() => setEditing(null)}
            />
          )}
          {current && (
            <ScriptEditor
              key={current.key}
              t={t}
              script={current}
              pack={packById.get(current.packId)}
              gone={!live}
              upstream={current.overrides ? byKey.get(current.overrides) : undefined}
              situations={situations}
              paths={paths}
              packs={packs}
              run={run}
              onSelect={setEditing}
            />
          )}
          {!editing && <p className="hint">{t('editorPick')}</p>}
        </div>
      </div>
    </section>
  );
}

function ScriptEditor(props: {
  t: Translate;
  script: ScriptRow;
  pack: PackRow | undefined;
  upstream: ScriptRow | undefined;
  situations: SituationRow[];
  paths: Map<string, string[]>;
  packs: PackRow[];
  run: (e: LibraryEdit, ok?: string) => Promise<LibraryEditResult>;
  onSelect(key: string | null): void;
  gone: boolean;
}) {
  const { t, script, pack, upstream, run, onSelect } = props;
  const personal = script.origin === 'personal';
  const locked = !personal && !!pack?.locked;
  const duplicate = async () => {
    const res = await run({ op: 'duplicateScript', key: script.key }, t('editorDuplicated'));
    if (res.ok && res.key) onSelect(res.key);
  };
  return (
    <div data-testid="editor-form">
      {locked && (
        <Notice tone="info" testId="editor-locked">
          {t('editorLocked', { pack: pack!.name })}
        </Notice>
      )}
      {script.conflict && upstream && (
        <div className="conflict" data-testid="editor-conflict">
          <Notice tone="warn">
            {t('editorConflictHint', {
              from: script.conflict.fromVersion ?? '?',
              to: script.conflict.toVersion ?? '?',
            })}
          </Notice>
          <div className="conflict-sides">
            <div>
              <h3>{t('editorMine')}</h3>
              <p className="script-body">{script.body}</p>
              <button
                type="button"
                className="btn"
                onClick={() =>
                  void run({ op: 'resolveConflict', key: script.key, choice: 'keep-mine' }, t('editorKeptMine'))
                }
              >
                {t('editorKeepMine')}
              </button>
            </div>
            <div>
              <h3>{t('editorUpstream')}</h3>
              <p className="script-body">{upstream.body}</p>
              <button
                type="button"
                className="btn"
                onClick={() =>
                  void run(
                    { op: 'resolveConflict', key: script.key, choice: 'take-upstream' },
                    t('editorTookUpstream'),
                  ).then((r) => r.ok && onSelect(upstream.key))
                }
              >
                {t('editorTakeUpstream')}
              </button>
            </div>
          </div>
        </div>
      )}
      {script.overrides && !script.conflict && <p className="hint">{t('editorIsCopy')}</p>}
      {props.gone && (
        <Notice tone="warn" testId="editor-gone">
          {t('editGone')}
        </Notice>
      )}
      <ScriptForm
        t={t}
        initial={toForm(script)}
        revision={revisionOf(script)}
        situations={props.situations}
        paths={props.paths}
        packs={props.packs}
        readOnly={locked}
        onSave={async (draft, imageData, base) => {
          const res = await run(
            { op: 'saveScript', key: script.key, draft, imageData, base: base ?? revisionOf(script) },
            personal ? t('editorSaved') : t('editorSavedCopy'),
          );
          if (res.ok && res.key) onSelect(res.key);
          return res;
        }}
      />
      <div className="form-row">
        <button type="button" className="btn" data-testid="editor-duplicate" onClick={() => void duplicate()}>
          {t('editorDuplicate')}
        </button>
        {script.overrides && (
          <button
            type="button"
            className="btn"
            data-testid="editor-restore"
            onClick={() =>
              void run({ op: 'restoreScript', key: script.overrides! }, t('editorRestored')).then(
                (r) => r.ok && onSelect(script.overrides!),
              )
            }
          >
            {t('editorRestore')}
          </button>
        )}
        <button
          type="button"
          className="btn"
          data-testid="editor-delete"
          onClick={() => {
            if (
              !confirm(
                personal
                  ? t('editorConfirmDelete', { title: script.title })
                  : t('editorConfirmHide', { title: script.title }),
              )
            )
              return;
            void run({ op: 'deleteScript', key: script.key }, personal ? t('editorDeleted') : t('editorHiddenOk')).then(
              (r) => r.ok && onSelect(null),
            );
          }}
        >
          {personal ? t('editorDelete') : t('editorHide')}
        </button>
      </div>
    </div>
  );
}

function ScriptForm(props: {
  t: Translate;
  initial: FormState;
  situations: SituationRow[];
  paths: Map<string, string[]>;
  packs: PackRow[];
  readOnly?: boolean;
  /** The revision `initial` is at; the form follows newer ones (utils/pages/use-live-form.ts). */
  revision?: BaseRevision;
  onSave(draft: ScriptDraft, imageData: Record<string, string>, base?: BaseRevision): Promise<LibraryEditResult | void>;
  onCancel?(): void;
}) {
  const { t, readOnly } = props;
  const live = useLiveForm<FormState, BaseRevision | null>(props.initial, props.revision ?? null);
  const { form: f, setForm: setF } = live;
  const save = async (base: BaseRevision | null) => {
    const res = await props.onSave(toDraft(f), f.pictures.imageData, base ?? undefined);
    if (res && !res.ok && res.code === 'stale' && res.theirs && 'body' in res.theirs)
      live.refused(toForm(res.theirs), revisionOf(res.theirs));
    else if (res?.ok) live.saved();
  };
  const known = useMemo(
    () => new Set<string>([...BUILTIN_PLACEHOLDERS, ...props.packs.flatMap((p) => p.placeholders.map((d) => d.name))]),
    [props.packs],
  );
  const used = placeholdersIn(f.body);
  const unknown = used.filter((n) => !known.has(n));
  const legacy = convertPlaceholderStyles(f.body);
  const shortcutBad = f.shortcut !== '' && !SHORTCUT_PATTERN.test(f.shortcut);
  const missing = !f.title.trim() || (!f.body.trim() && !f.pictures.images.length);
  const situationOptions = useMemo(
    () =>
      props.situations
        .map((s) => ({
          key: s.key,
          label: `${props.packs.find((p) => p.id === s.packId)?.name ?? s.packId} › ${(props.paths.get(s.key) ?? [s.name]).join(' › ')}`,
        }))
        .sort((a, b) => a.label.localeCompare(b.label, 'zh-CN')),
    [props.situations, props.packs, props.paths],
  );
  const text = (key: Exclude<keyof FormState, 'pictures'>, label: string, multiline = false) => (
    <div className="form-row">
      <label htmlFor={`script-${key}`}>{label}</label>
      {multiline ? (
        <textarea
          id={`script-${key}`}
          rows={5}
          value={f[key]}
          readOnly={readOnly}
          onChange={(e) => setF({ ...f, [key]: e.target.value })}
        />
      ) : (
        <input
          id={`script-${key}`}
          type="text"
          value={f[key]}
          readOnly={readOnly}
          onChange={(e) => setF({ ...f, [key]: e.target.value })}
        />
      )}
    </div>
  );
  return (
    <form
      className="script-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!readOnly && !missing && !shortcutBad) void save(live.base);
      }}
    >
      {live.followed && !live.conflict && (
        <p className="hint" data-testid="editor-followed">
          {t('editFollowed')}
        </p>
      )}
      {live.conflict && (
        <EditConflict
          t={t}
          merging={live.conflict.merging}
          fields={live.conflict.fields.map((k) => ({
            key: k,
            label: t(FIELD_LABEL[k]),
            mine: fieldText(k, f, props.paths),
            theirs: fieldText(k, live.conflict!.theirs, props.paths),
          }))}
          onKeepMine={() => void save(live.keepMine())}
          onTakeTheirs={live.takeTheirs}
          onMerge={live.merge}
        />
      )}
      {text('title', t('editorFieldTitle'))}
      {text('body', t('editorFieldBody'), true)}
      <ScriptImagesField
        value={f.pictures}
        onChange={(pictures) => setF({ ...f, pictures })}
        readOnly={readOnly}
        t={t}
      />
      <div className="form-row placeholders" data-testid="editor-placeholders">
        <label>{t('editorPlaceholders')}</label>
        <span>
          {used.length === 0
            ? t('editorNoPlaceholders')
            : used.map((n) => <code key={n} className={known.has(n) ? '' : 'bad'}>{`{${n}}`}</code>)}
        </span>
      </div>
      {unknown.length > 0 && (
        <Notice tone="warn">{t('editorUnknownPlaceholders', { names: unknown.map((n) => `{${n}}`).join(' ') })}</Notice>
      )}
      {!readOnly && legacy.conversions.length > 0 && (
        <Notice tone="info">
          {t('editorLegacyPlaceholders', { list: legacy.conversions.map((c) => `${c.from} → ${c.to}`).join('，') })}{' '}
          <button type="button" className="btn" onClick={() => setF({ ...f, body: legacy.text })}>
            {t('editorConvert')}
          </button>
        </Notice>
      )}
      {text('purpose', t('editorFieldPurpose'))}
      {text('keywords', t('editorFieldKeywords'))}
      {text('tags', t('editorFieldTags'))}
      {text('shortcut', t('editorFieldShortcut'))}
      {shortcutBad && <Notice tone="error">{t('editorShortcutBad')}</Notice>}
      <div className="form-row">
        <label htmlFor="script-situation">{t('editorFieldSituation')}</label>
        <select
          id="script-situation"
          value={f.situationKey}
          disabled={readOnly}
          onChange={(e) => setF({ ...f, situationKey: e.target.value })}
        >
          {situationOptions.map((o) => (
            <option key={o.key} value={o.key}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      {!readOnly && (
        <div className="form-row">
          <button type="submit" className="btn btn-primary" data-testid="editor-save" disabled={missing || shortcutBad}>
            {t('save')}
          </button>
          {props.onCancel && (
            <button type="button" className="btn" onClick={props.onCancel}>
              {t('cancel')}
            </button>
          )}
        </div>
      )}
    </form>
  );
}

const FIELD_LABEL = {
  title: 'editorFieldTitle',
  body: 'editorFieldBody',
  purpose: 'editorFieldPurpose',
  keywords: 'editorFieldKeywords',
  tags: 'editorFieldTags',
  shortcut: 'editorFieldShortcut',
  situationKey: 'editorFieldSituation',
  pictures: 'editorImages',
} as const satisfies Record<keyof FormState, MessageKey>;

const fieldText = (k: keyof FormState, f: FormState, paths: Map<string, string[]>): string =>
  k === 'situationKey'
    ? (paths.get(f.situationKey) ?? [f.situationKey]).join(' › ')
    : k === 'pictures'
      ? f.pictures.images.map((i) => i.alt || i.hash.slice(0, 8)).join('、')
      : f[k];

/** Create, rename, move, reorder and delete the agent's own situations (the personal pack's). */
function SituationTools(props: {
  t: Translate;
  selected: SituationRow | undefined;
  situations: SituationRow[];
  paths: Map<string, string[]>;
  run: (e: LibraryEdit, ok?: string) => Promise<{ ok: boolean; key?: string }>;
  onCreated(key: string): void;
}) {
  const { t, selected, run } = props;
  const [name, setName] = useState('');
  const [moveTo, setMoveTo] = useState('');
  const mine = props.situations.filter((s) => s.packId === PERSONAL_PACK_ID);
  const personal = selected?.packId === PERSONAL_PACK_ID ? selected : undefined;
  const label = (s: SituationRow) => (props.paths.get(s.key) ?? [s.name]).join(' › ');
  const siblings = personal
    ? mine.filter((s) => s.parentKey === personal.parentKey).sort((a, b) => a.order - b.order)
    : [];
  const shift = (delta: number) => {
    const at = siblings.findIndex((s) => s.key === personal!.key);
    const keys = siblings.map((s) => s.key);
    const to = at + delta;
    if (to < 0 || to >= keys.length) return;
    [keys[at], keys[to]] = [keys[to]!, keys[at]!];
    void run({ op: 'reorderSituations', keys });
  };
  return (
    <div className="situation-tools" data-testid="situation-tools">
      <input
        type="text"
        placeholder={t('editorSituationName')}
        aria-label={t('editorSituationName')}
        value={name}
        maxLength={40}
        onChange={(e) => setName(e.target.value)}
      />
      <button
        type="button"
        className="btn"
        disabled={!name.trim()}
        onClick={() =>
          void run({ op: 'createSituation', name, parentKey: personal?.key ?? null }, t('editorSituationCreated')).then(
            (r) => {
              if (r.ok && r.key) props.onCreated(r.key);
              setName('');
            },
          )
        }
      >
        {personal ? t('editorSituationAddChild') : t('editorSituationAdd')}
      </button>
      {personal && (
        <>
          <button
            type="button"
            className="btn"
            disabled={!name.trim()}
            onClick={() =>
              void run(
                { op: 'renameSituation', key: personal.key, name, base: { rev: personal.rev ?? 0 } },
                t('editorSaved'),
              ).then((r) => r.ok && setName(''))
            }
          >
            {t('editorSituationRename')}
          </button>
          <button type="button" className="btn" aria-label={t('editorUp')} onClick={() => shift(-1)}>
            ↑
          </button>
          <button type="button" className="btn" aria-label={t('editorDown')} onClick={() => shift(1)}>
            ↓
          </button>
          <select
            aria-label={t('editorSituationParent')}
            value={personal.parentKey ?? ''}
            onChange={(e) => void run({ op: 'moveSituation', key: personal.key, parentKey: e.target.value || null })}
          >
            <option value="">{t('editorSituationTop')}</option>
            {mine
              .filter((s) => s.key !== personal.key)
              .map((s) => (
                <option key={s.key} value={s.key}>
                  {label(s)}
                </option>
              ))}
          </select>
          <select
            aria-label={t('editorSituationMoveScripts')}
            value={moveTo}
            onChange={(e) => setMoveTo(e.target.value)}
          >
            <option value="">{t('editorSituationMoveScripts')}</option>
            {props.situations
              .filter((s) => s.key !== personal.key)
              .map((s) => (
                <option key={s.key} value={s.key}>
                  {label(s)}
                </option>
              ))}
          </select>
          <button
            type="button"
            className="btn"
            onClick={() =>
              void run(
                { op: 'deleteSituation', key: personal.key, ...(moveTo ? { moveScriptsTo: moveTo } : {}) },
                t('editorSituationDeleted'),
              )
            }
          >
            {t('editorSituationDelete')}
          </button>
        </>
      )}
    </div>
  );
}
