/**
 * The situation tree of every pack, groups collapsible. Props in, callbacks out. Memoised: the
 * panel re-renders on every keystroke in its search box, the tree only when its own props change.
 */
import { memo } from 'react';
import { PackText } from './PackText';
export interface SituationNode {
  key: string;
  name: string;
  /** Scripts in this situation and below it. */
  count: number;
  children: SituationNode[];
}

interface Props {
  nodes: readonly SituationNode[];
  selected: string | null;
  expanded: ReadonlySet<string>;
  allLabel: string;
  total: number;
  /** The counts are not known yet (a library still being read): shown as …. */
  counting?: boolean;
  onSelect(key: string | null): void;
  onToggle(key: string): void;
}

export const SituationTree = memo(function SituationTree({
  nodes,
  selected,
  expanded,
  allLabel,
  total,
  counting = false,
  onSelect,
  onToggle,
}: Props) {
  return (
    <nav className="tree" aria-label={allLabel}>
      <button
        type="button"
        className={`tree-item ${selected === null ? 'selected' : ''}`}
        onClick={() => onSelect(null)}
      >
        <span className="tree-name">{allLabel}</span>
        <span className="tree-count">{counting ? '…' : total}</span>
      </button>
      <ul role="tree">
        {nodes.map((n) => (
          <TreeNode
            key={n.key}
            node={n}
            depth={0}
            counting={counting}
            selected={selected}
            expanded={expanded}
            onSelect={onSelect}
            onToggle={onToggle}
          />
        ))}
      </ul>
    </nav>
  );
});

function TreeNode({
  node,
  depth,
  selected,
  expanded,
  onSelect,
  onToggle,
  counting,
}: Omit<Props, 'nodes' | 'allLabel' | 'total'> & { node: SituationNode; depth: number }) {
  const open = expanded.has(node.key) || (selected !== null && selected.startsWith(node.key) && selected !== node.key);
  const hasChildren = node.children.length > 0;
  return (
    <li role="treeitem" aria-expanded={hasChildren ? open : undefined} aria-selected={selected === node.key}>
      <div className="tree-row" style={{ paddingLeft: depth * 10 }}>
        {hasChildren ? (
          <button
            type="button"
            className="tree-toggle"
            aria-label={open ? '−' : '+'}
            onClick={() => onToggle(node.key)}
          >
            {open ? '▾' : '▸'}
          </button>
        ) : (
          <span className="tree-toggle" />
        )}
        <button
          type="button"
          className={`tree-item ${selected === node.key ? 'selected' : ''}`}
          data-situation={node.key}
          onClick={() => {
            onSelect(node.key);
            if (hasChildren && !open) onToggle(node.key);
          }}
        >
          <span className="tree-name">
            <PackText text={node.name} />
          </span>
          <span className="tree-count">{counting ? '…' : node.count}</span>
        </button>
      </div>
      {hasChildren && open && (
        <ul role="group">
          {node.children.map((c) => (
            <TreeNode
              key={c.key}
              node={c}
              depth={depth + 1}
              counting={counting}
              selected={selected}
              expanded={expanded}
              onSelect={onSelect}
              onToggle={onToggle}
            />
          ))}
        </ul>
      )}
    </li>
  );
}

/** Builds the tree from flat rows, counting scripts per node including descendants. */
export function buildSituationTree(
  situations: readonly { key: string; name: string; parentKey: string | null; order: number }[],
  scriptCountBySituation: ReadonlyMap<string, number>,
): SituationNode[] {
  interface Building {
    key: string;
    name: string;
    count: number;
    order: number;
    children: Building[];
  }
  const nodes = new Map<string, Building>();
  for (const s of situations) nodes.set(s.key, { key: s.key, name: s.name, count: 0, children: [], order: s.order });
  const roots: Building[] = [];
  for (const s of situations) {
    const node = nodes.get(s.key)!;
    const parent = s.parentKey ? nodes.get(s.parentKey) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const finish = (n: Building): number => {
    n.children.sort((a, b) => a.order - b.order);
    n.count = (scriptCountBySituation.get(n.key) ?? 0) + n.children.reduce((sum, c) => sum + finish(c), 0);
    return n.count;
  };
  roots.sort((a, b) => a.order - b.order);
  roots.forEach(finish);
  return roots;
}

/** Every key at and below `key`, for "show the scripts of this group". */
export function subtreeKeys(nodes: readonly SituationNode[], key: string): Set<string> {
  const out = new Set<string>();
  const visit = (n: SituationNode, inside: boolean) => {
    const here = inside || n.key === key;
    if (here) out.add(n.key);
    n.children.forEach((c) => visit(c, here));
  };
  nodes.forEach((n) => visit(n, false));
  return out;
}
