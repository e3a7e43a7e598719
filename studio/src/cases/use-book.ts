import { useEffect, useState } from 'react';
import { loadBook, type CaseBook } from './definition';
import type { CaseDetail } from './types';

/** The item version a case runs on, loaded once per case: versions never change (CAT-6). */
export function useBook(detail: CaseDetail | undefined) {
  const [loaded, setLoaded] = useState<{ key: string; book?: CaseBook; error?: string }>();
  const key = detail ? `${detail.id}:${detail.itemVersion}` : undefined;

  useEffect(() => {
    if (!detail || !key || loaded?.key === key) return;
    let live = true;
    loadBook(detail).then(
      (book) => live && setLoaded({ key, book }),
      (e: Error) => live && setLoaded({ key, error: e.message }),
    );
    return () => {
      live = false;
    };
  }, [detail, key, loaded?.key]);

  return loaded?.key === key ? loaded : undefined;
}
