interface Props {
  page: number;
  pageCount: number;
  onPage(page: number): void;
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

export function Pagination({ page, pageCount, onPage }: Props) {
  if (pageCount < 2) return null;
  return (
    <nav>
      <ul className="pagination">
        {pageNumbers(page, pageCount).map((p, i) =>
          p === null ? (
            <li key={`gap${i}`} className="page-item disabled">
              <span className="page-link">…</span>
            </li>
          ) : (
            <li key={p} className={`page-item${p === page ? ' active' : ''}`}>
              <button type="button" className="page-link" onClick={() => onPage(p)}>
                {p}
              </button>
            </li>
          ),
        )}
      </ul>
    </nav>
  );
}
