/**
 * The editor's pictures of one script: add by file picker, paste or drop; each with its alt
 * text, removable. A new picture is checked here the way every arriving image is (signature,
 * caps, a real decode) and travels to the background as base64 with the save, which checks it
 * again before storing.
 */
import { useContext, useMemo, useState } from 'react';
import { ImageSource, ScriptImages } from '../../../components/ScriptImages';
import {
  bytesToBase64,
  describeImage,
  IMAGE_TYPES,
  MAX_IMAGES_PER_SCRIPT,
  type ScriptImageRef,
} from '../../../scripts-library/images';
import type { Translate } from '../../../utils/i18n';
import { decodeImage } from '../../../utils/images/decode';

export interface ImagesValue {
  images: ScriptImageRef[];
  /** Base64 bytes of the pictures added since the script was loaded, by hash. */
  imageData: Record<string, string>;
}

export function ScriptImagesField({
  value,
  onChange,
  readOnly,
  t,
}: {
  value: ImagesValue;
  onChange(next: ImagesValue): void;
  readOnly?: boolean;
  t: Translate;
}) {
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState(() => new Map<string, Blob>());
  const stored = useContext(ImageSource);
  // New pictures show from memory until they are saved; stored ones from the database.
  const load = useMemo(() => async (hash: string) => added.get(hash) ?? stored?.(hash), [added, stored]);

  const add = async (files: readonly File[]) => {
    setError(null);
    let next = value;
    const blobs = new Map(added);
    for (const file of files) {
      if (next.images.length >= MAX_IMAGES_PER_SCRIPT) {
        setError(t('editorImageTooMany'));
        break;
      }
      // A file moved or deleted after it was picked cannot be read: say which, keep the others.
      const bytes = await file.arrayBuffer().then(
        (b) => new Uint8Array(b),
        () => null,
      );
      if (!bytes) {
        setError(t('editorImageRefused', { detail: file.name }));
        continue;
      }
      const described = await describeImage(bytes, file.name.replace(/\.[^.]+$/, '').slice(0, 200));
      if (!described.ok) {
        setError(t('editorImageRefused', { detail: described.message }));
        continue;
      }
      const { ref } = described;
      const blob = new Blob([bytes], { type: ref.type });
      const real = await decodeImage(blob).catch(() => null);
      if (!real || real.width !== ref.width || real.height !== ref.height) {
        setError(t('editorImageRefused', { detail: file.name }));
        continue;
      }
      if (next.images.some((i) => i.hash === ref.hash)) continue;
      blobs.set(ref.hash, blob);
      next = { images: [...next.images, ref], imageData: { ...next.imageData, [ref.hash]: bytesToBase64(bytes) } };
    }
    setAdded(blobs);
    onChange(next);
  };
  const remove = (hash: string) => {
    const { [hash]: _dropped, ...imageData } = value.imageData;
    onChange({ images: value.images.filter((i) => i.hash !== hash), imageData });
  };
  const setAlt = (hash: string, alt: string) =>
    onChange({ ...value, images: value.images.map((i) => (i.hash === hash ? { ...i, alt: alt.slice(0, 200) } : i)) });
  const take = (list: FileList | null | undefined) =>
    [...(list ?? [])].filter((f) => f.type.startsWith('image/') || f.type === '');

  return (
    <div
      className="form-row script-images-field"
      data-testid="editor-images"
      onPaste={(e) => {
        const files = take(e.clipboardData?.files);
        if (readOnly || !files.length) return;
        e.preventDefault();
        void add(files);
      }}
      onDragOver={(e) => !readOnly && e.preventDefault()}
      onDrop={(e) => {
        if (readOnly) return;
        e.preventDefault();
        void add(take(e.dataTransfer?.files));
      }}
    >
      <label>{t('editorImages')}</label>
      <div>
        <ImageSource.Provider value={load}>
          {value.images.map((img) => (
            <div key={img.hash} className="script-image-row" data-image-hash={img.hash}>
              <ScriptImages images={[img]} size={64} />
              <input
                type="text"
                aria-label={t('editorImageAlt')}
                placeholder={t('editorImageAlt')}
                value={img.alt}
                readOnly={readOnly}
                onChange={(e) => setAlt(img.hash, e.target.value)}
              />
              <span className="hint">
                {img.width}×{img.height} · {Math.ceil(img.bytes / 1024)} KB
              </span>
              {!readOnly && (
                <button type="button" className="btn" onClick={() => remove(img.hash)}>
                  {t('editorRemoveImage')}
                </button>
              )}
            </div>
          ))}
        </ImageSource.Provider>
        {!readOnly && value.images.length < MAX_IMAGES_PER_SCRIPT && (
          <label className="btn">
            {t('editorAddImage')}
            <input
              type="file"
              hidden
              multiple
              accept={IMAGE_TYPES.join(',')}
              data-testid="editor-add-image"
              onChange={(e) => void add(take(e.target.files)).then(() => (e.target.value = ''))}
            />
          </label>
        )}
        <p className="hint">{t('editorImagesHelp')}</p>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </div>
    </div>
  );
}
