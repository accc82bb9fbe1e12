/**
 * Bytes of a pack source (JSON, CSV, Markdown, text) → text, or a refusal that names the line.
 * Pure.
 *
 * A file is read as UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode text"), or —
 * only when the whole file is in it — GB18030/GBK, which Excel on Chinese Windows writes for
 * "CSV (逗号分隔)". A file that mixes UTF-8 lines with GBK lines (rows pasted from two sources)
 * is refused: read either way, some rows would be mojibake (「涓冨ぉ鏃犵悊鐢遍€€璐」) and nobody
 * would notice until a customer did. Nothing is ever decoded with replacement characters, and a
 * file that already contains U+FFFD (damaged before it reached us) is refused too.
 */

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export type DecodedText =
  | { ok: true; text: string; encoding: TextEncodingName }
  | { ok: false; line: number; message: string; messageEn: string };

function tryDecode(encoding: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Byte ranges of the lines (split at LF, which is never part of a UTF-8 or GBK character). */
function lineRanges(bytes: Uint8Array): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++)
    if (bytes[i] === 0x0a) {
      out.push([start, i]);
      start = i + 1;
    }
  out.push([start, bytes.length]);
  return out;
}

/**
 * How a line reads: 'ascii'; 'utf-8' when it is valid UTF-8 with at least one character of three
 * bytes or more (all of Chinese); 'either' when valid UTF-8 with only two-byte characters (a
 * few GBK pairs are also valid two-byte UTF-8, so such a line proves nothing); 'legacy' otherwise.
 */
function lineKind(line: Uint8Array): 'ascii' | 'utf-8' | 'either' | 'legacy' {
  let wide = false;
  let ascii = true;
  for (let i = 0; i < line.length; i++) {
    const b = line[i]!;
    if (b < 0x80) continue;
    ascii = false;
    if (b >= 0xe0) wide = true;
  }
  if (ascii) return 'ascii';
  if (tryDecode('utf-8', line) === null) return 'legacy';
  return wide ? 'utf-8' : 'either';
}

/** Characters a Chinese text in GBK decodes to: CJK ideographs, CJK and full-width punctuation. */
function isLikelyChinese(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x3000 && code <= 0x303f) ||
    (code >= 0xff00 && code <= 0xffef) ||
    (code >= 0x2000 && code <= 0x206f) ||
    (code >= 0x2460 && code <= 0x24ff) || // ①
    (code >= 0x3400 && code <= 0x4dbf) ||
    code === 0xb7 ||
    code === 0xd7 ||
    code === 0xf7
  );
}

const refuse = (line: number, message: string, messageEn: string): DecodedText => ({
  ok: false,
  line,
  message,
  messageEn,
});

const SAVE_AS_UTF8 = '请用 Excel 或记事本“另存为”UTF-8 编码后再导入';
const SAVE_AS_UTF8_EN = 'save it as UTF-8 (Excel or Notepad: Save As) and import again';

/** The first line (1-based) holding U+FFFD, or 0. */
function replacementLine(text: string): number {
  const at = text.indexOf('\uFFFD');
  if (at < 0) return 0;
  let line = 1;
  for (let i = 0; i < at; i++) if (text.charCodeAt(i) === 0x0a) line++;
  return line;
}

function checked(text: string, encoding: TextEncodingName): DecodedText {
  const line = replacementLine(text);
  if (line)
    return refuse(
      line,
      `第 ${line} 行含有替换字符 �：文件在保存或转换时已经损坏，请找到原始文件重新导出`,
      `Line ${line} contains the replacement character �: the file was damaged when it was saved or converted; export it again from the original`,
    );
  return { ok: true, text, encoding };
}

/** The first line (1-based) that is not valid UTF-8. */
function firstBadUtf8Line(bytes: Uint8Array): number {
  const lines = lineRanges(bytes);
  for (let i = 0; i < lines.length; i++) if (lineKind(bytes.subarray(...lines[i]!)) === 'legacy') return i + 1;
  return lines.length;
}

export function decodeFileText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const body = bytes.subarray(3);
    const text = tryDecode('utf-8', body);
    if (text !== null) return checked(text, 'utf-8');
    const line = firstBadUtf8Line(body);
    return refuse(
      line,
      `文件标明是 UTF-8，但第 ${line} 行不是有效的 UTF-8（可能混入了其他编码的内容）；${SAVE_AS_UTF8}`,
      `The file says it is UTF-8 but line ${line} is not valid UTF-8 (text in another encoding mixed in); ${SAVE_AS_UTF8_EN}`,
    );
  }
  for (const [b0, b1, encoding] of [
    [0xff, 0xfe, 'utf-16le'],
    [0xfe, 0xff, 'utf-16be'],
  ] as const)
    if (bytes[0] === b0 && bytes[1] === b1) {
      const text = tryDecode(encoding, bytes.subarray(2));
      if (text !== null) return checked(text, encoding);
      const line = replacementLine(new TextDecoder(encoding).decode(bytes.subarray(2))) || 1;
      return refuse(
        line,
        `第 ${line} 行不是有效的 UTF-16 文本；${SAVE_AS_UTF8}`,
        `Line ${line} is not valid UTF-16 text; ${SAVE_AS_UTF8_EN}`,
      );
    }
  const asUtf8 = tryDecode('utf-8', bytes);
  if (asUtf8 !== null) return checked(asUtf8, 'utf-8');

  // Not UTF-8 as a whole: GBK only if no line reads as UTF-8 Chinese.
  const lines = lineRanges(bytes);
  const kinds = lines.map(([s, e]) => lineKind(bytes.subarray(s, e)));
  const firstUtf8 = kinds.indexOf('utf-8');
  const firstLegacy = kinds.indexOf('legacy');
  if (firstUtf8 >= 0) {
    const [one, other, oneName, otherName] =
      firstUtf8 < firstLegacy ? [firstUtf8, firstLegacy, 'UTF-8', 'GBK'] : [firstLegacy, firstUtf8, 'GBK', 'UTF-8'];
    return refuse(
      other + 1,
      `文件混用了两种编码：第 ${one + 1} 行是 ${oneName}，第 ${other + 1} 行是 ${otherName}，按哪种读都会有乱码；${SAVE_AS_UTF8}`,
      `The file mixes two encodings: line ${one + 1} is ${oneName}, line ${other + 1} is ${otherName}; either way some rows would be garbled; ${SAVE_AS_UTF8_EN}`,
    );
  }
  let likely = 0;
  let wide = 0;
  for (let i = 0; i < lines.length; i++) {
    if (kinds[i] === 'ascii') continue;
    const text = tryDecode('gb18030', bytes.subarray(...lines[i]!));
    if (text === null)
      return refuse(
        i + 1,
        `第 ${i + 1} 行既不是 UTF-8 也不是 GBK 编码，无法读取；${SAVE_AS_UTF8}`,
        `Line ${i + 1} is neither UTF-8 nor GBK and cannot be read; ${SAVE_AS_UTF8_EN}`,
      );
    for (const ch of text) {
      const code = ch.codePointAt(0)!;
      if (code < 0x80) continue;
      wide++;
      if (isLikelyChinese(code)) likely++;
    }
  }
  // Read as GBK, a Chinese file is almost all ideographs and Chinese punctuation; anything else
  // (another legacy encoding, binary) is not read with confidence.
  if (wide > 0 && likely / wide < 0.9)
    return refuse(
      firstLegacy + 1,
      `无法确定文件的编码（不是 UTF-8，按 GBK 读也不像中文）；${SAVE_AS_UTF8}`,
      `Cannot tell the file's encoding (not UTF-8, and read as GBK it is not Chinese); ${SAVE_AS_UTF8_EN}`,
    );
  return checked(new TextDecoder('gb18030', { fatal: true }).decode(bytes), 'gb18030');
}

/** Is this text already decoded and free of replacement characters? For text a user pasted. */
export function textProblem(text: string): (DecodedText & { ok: false }) | null {
  const result = checked(text, 'utf-8');
  return result.ok ? null : result;
}
