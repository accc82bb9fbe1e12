/**
 * The import wizard's write: a pack object the options page built from a spreadsheet, outline
 * or pack file. It is checked against the pack schema here again (the page is ours, but the
 * background owns the writes and stores nothing unchecked), then installed in one transaction.
 */
import { validatePack } from '../../scripts-library/schema';
import type { HuashuDB } from '../../utils/db';
import { installPack } from '../../utils/db/packs';
import type { GetDataType, GetReturnType } from '@webext-core/messaging';
import type { Protocol } from '../../utils/messaging/protocol';

export function importWizardHandlers(db: HuashuDB, ready: Promise<unknown>) {
  return {
    importPack: async ({ pack, fileName }: GetDataType<Protocol['importPack']>): Promise<GetReturnType<Protocol['importPack']>> => {
      await ready;
      const checked = validatePack(pack);
      if (!checked.ok) return checked;
      try {
        const diff = await installPack(db, checked.pack, { kind: 'file', fileName });
        return { ok: true, packId: checked.pack.id, name: checked.pack.name, version: checked.pack.version, diff };
      } catch (e) {
        return { ok: false, errors: [{ path: 'id', message: (e as Error).message }] };
      }
    },
  };
}
