import { Link, useLocation, useSearchParams } from 'react-router-dom';

interface Props {
  page: number;
  pageCount: number;
}

/**
 * Pages are numbered from 1. Long runs are cut down to the first, last and nearby pages; null marks
 * a gap of two or more pages (a gap of one just shows that page).
 */
export function pageNumbers(page: number, pageCount: number): (number | null)[] {
  const near = (p: number) => p === 1 || p === pageCount || Math.abs(p - page) <= 2;
  const shown: (number | null)[] = [];
  for (let p = 1; p <= pageCount; p++) {
    if (near(p) || (near(p - 1) && near(p + 1))) shown.push(p);
    else if (shown[shown.length - 1] !== null) shown.push(null);
  }
  return shown;
}

/** The page of a list from `?page=N` (1 when absent or not a positive whole number). */
export function pageOf(params: URLSearchParams): number {
  const page = Number(params.get('page'));
  return Number.isInteger(page) && page >= 1 ? page : 1;
}

/** The current URL's query with `page` set (page 1 drops it), other parameters kept. */
export function pageQuery(params: URLSearchParams, page: number): string {
  const next = new URLSearchParams(params);
  if (page === 1) next.delete('page');
  else next.set('page', String(page));
  const text = next.toString();
  return text ? `?${text}` : '';
}

/** Links to the pages of a list: the page lives in the URL (`?page=N`), so Back returns to it. */
export function Pagination({ page, pageCount }: Props) {
  const [params] = useSearchParams();
  const { pathname } = useLocation();
  if (pageCount < 2) return null;
  return (
    <nav aria-label="Pages">
      <ul className="pagination">
        {pageNumbers(page, pageCount).map((p, i) =>
          p === null ? (
            <li key={`gap${i}`} className="page-item disabled" aria-hidden="true">
              <span className="page-link">…</span>
            </li>
          ) : (
            <li key={p} className={`page-item${p === page ? ' active' : ''}`}>
              <Link
                to={`${pathname}${pageQuery(params, p)}`}
                className="page-link"
                aria-current={p === page ? 'page' : undefined}
                aria-label={`Page ${p}`}
              >
                {p}
              </Link>
            </li>
          ),
        )}
      </ul>
    </nav>
  );
}
