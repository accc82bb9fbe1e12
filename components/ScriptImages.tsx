/**
 * Thumbnails of a script's pictures beside its text (panel list, editor). Lazy: the Blob is
 * read and an object URL made only while the row is on screen, and the URL is revoked when it
 * scrolls away or the row goes — a list of 2,000 scripts does not hold 500 decoded pictures.
 * The page says where pictures come from (ImageSource): components never open the database.
 */
import { createContext, useContext, useEffect, useRef, useState } from 'react';
import type { ScriptImageRef } from '../scripts-library/images';

/** Reads a stored picture by hash; pages that show thumbnails provide it (see their main.tsx). */
export const ImageSource = createContext<((hash: string) => Promise<Blob | undefined>) | null>(null);

/** One observer for every thumbnail on the page (hundreds of rows): each says when it comes on or goes off screen. */
const watched = new Map<Element, (visible: boolean) => void>();
let observer: IntersectionObserver | null = null;
function watch(el: Element, onChange: (visible: boolean) => void): () => void {
  observer ??= new IntersectionObserver(
    (entries) => entries.forEach((e) => watched.get(e.target)?.(e.isIntersecting)),
    { rootMargin: '200px' },
  );
  watched.set(el, onChange);
  observer.observe(el);
  return () => {
    watched.delete(el);
    observer?.unobserve(el);
  };
}

/** How long a row stays in view before its thumbnail loads. */
const SETTLE_MS = 150;

function Thumbnail({ image, size }: { image: ScriptImageRef; size: number }) {
  const ref = useRef<HTMLSpanElement>(null);
  const [url, setUrl] = useState<string | null>(null);
  const load = useContext(ImageSource);
  useEffect(() => {
    const el = ref.current;
    if (!el || !load) return;
    let current: string | null = null;
    let cancelled = false;
    const show = async () => {
      const blob = await load(image.hash).catch(() => undefined);
      if (cancelled || !blob || current) return;
      current = URL.createObjectURL(blob);
      setUrl(current);
    };
    // A row only scrolled past loads nothing: the read, the object URL and the decode wait until
    // the row has stayed in view a moment, so a fast scroll through 2,000 rows stays smooth.
    let pending: ReturnType<typeof setTimeout> | undefined;
    const hide = () => {
      clearTimeout(pending);
      if (current) URL.revokeObjectURL(current);
      current = null;
      setUrl(null);
    };
    const unwatch = watch(el, (visible) => {
      if (!visible) return hide();
      clearTimeout(pending);
      pending = setTimeout(() => void show(), SETTLE_MS);
    });
    return () => {
      cancelled = true;
      clearTimeout(pending);
      unwatch();
      if (current) URL.revokeObjectURL(current);
    };
  }, [image.hash, load]);
  return (
    <span ref={ref} className="script-thumb" style={{ width: size, height: size }} title={image.alt || undefined}>
      {url && <img src={url} alt={image.alt} width={size} height={size} decoding="async" />}
    </span>
  );
}

export function ScriptImages({ images, size = 48 }: { images: readonly ScriptImageRef[] | undefined; size?: number }) {
  if (!images?.length) return null;
  return (
    <span className="script-images" data-image-count={images.length}>
      {images.map((img) => (
        <Thumbnail key={img.hash} image={img} size={size} />
      ))}
    </span>
  );
}
