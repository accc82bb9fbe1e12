import { loadDefaultPack } from './scripts-library/default-pack';
import { cueSourcesFromPack, docsFromPack } from './utils/db/search-docs';
import { createSearchIndex } from './utils/search';
import { prepareSuggestLibrary, suggestReplies } from './utils/suggest';
const pack = loadDefaultPack();
const docs = docsFromPack(pack);
const lib = prepareSuggestLibrary(createSearchIndex(docs), docs, cueSourcesFromPack(pack));
for (const t of process.argv.slice(2)) {
  const r = suggestReplies(t.split('||').map((x, i, a) => ({ from: 'customer' as const, text: x })), lib);
  console.log(t, '→', r.situations.map((s) => `${s.id.split('/')[1]}:${s.score}:${s.reason.kind === 'cue' || s.reason.kind === 'search' ? s.reason.text : s.reason.kind}`).join('  '), '| scripts', r.scripts.slice(0,3).map(s=>s.situationId.split('/')[1]).join(','));
}
