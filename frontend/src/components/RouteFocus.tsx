import { useEffect, useRef } from 'react';
import { useLocation, useNavigationType } from 'react-router-dom';

/** How long a page may take to show its main heading after a navigation before focus is left where it is. */
const WAIT_MS = 10_000;

/**
 * After each navigation within the app (not the first load), moves focus to the page's main heading, so that a
 * screen reader starts reading at the new content and a keyboard user continues from there; a new page (not Back
 * or Forward, whose scroll position the browser restores) also starts at the top. Pages that load their data first
 * show the heading later: it is waited for.
 */
export function RouteFocus() {
  const location = useLocation();
  const type = useNavigationType();
  const first = useRef(true);

  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (type === 'PUSH') window.scrollTo(0, 0);
    const focusHeading = () => {
      const heading = document.querySelector<HTMLElement>('main h1');
      if (!heading) return false;
      if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
      heading.focus({ preventScroll: true });
      return true;
    };
    if (focusHeading()) return;
    const main = document.querySelector('main');
    if (!main) return;
    const observer = new MutationObserver(() => {
      if (focusHeading()) observer.disconnect();
    });
    observer.observe(main, { childList: true, subtree: true });
    const timer = window.setTimeout(() => observer.disconnect(), WAIT_MS);
    return () => {
      observer.disconnect();
      window.clearTimeout(timer);
    };
  }, [location.pathname, location.search]);

  return null;
}
