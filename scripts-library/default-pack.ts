/** The bundled default pack, validated like any other pack. */
import raw from './packs/default.json';
import { validatePack, type Pack } from './schema';

export function loadDefaultPack(): Pack {
  const result = validatePack(raw);
  if (!result.ok) throw new Error(`默认话术包无效：${result.errors.map((e) => e.message).join('；')}`);
  return result.pack;
}

/** The bundled pack by its id, version and date; validated when it is to be installed (see ensureBuiltinPack). */
export const deferredDefaultPack = {
  id: raw.id,
  version: raw.version,
  updatedAt: raw.updatedAt,
  load: loadDefaultPack,
};
