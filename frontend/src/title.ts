import { useEffect } from 'react';

/** "<title> — Conduit" as the document title while the calling page is shown; "Conduit" for none. */
export function useTitle(title: string | null | undefined) {
  useEffect(() => {
    document.title = title ? `${title} — Conduit` : 'Conduit';
  }, [title]);
}
