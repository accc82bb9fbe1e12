import type { ViewLabels } from '../../utils/features/palette/view';

/** Short, recognisable labels for the palette view in DOM tests. */
export const TEST_LABELS: ViewLabels = {
  searchPlaceholder: '搜索话术',
  paletteHint: 'hint',
  inlineHint: 'inline',
  exactSpace: 'space',
  noResults: '没有找到',
  purpose: '目的',
  fill: '填写“{title}”',
  confirm: '插入',
  cancel: '取消',
  required: '请填写',
  suggested: '推荐',
};
