/** The forbidden-phrase matcher for the panel: the installed packs' lists, live from Dexie. */
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { compileRules, type Matcher } from '../../utils/compliance';
import { complianceCategories } from '../../utils/compliance/rules';
import { db } from '../../utils/db';

export function useComplianceMatcher(): Matcher | null {
  const packs = useLiveQuery(() => db.packs.orderBy('order').toArray(), []);
  return useMemo(() => (packs ? compileRules(complianceCategories(packs, () => undefined)) : null), [packs]);
}
