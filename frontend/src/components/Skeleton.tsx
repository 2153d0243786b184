/** Grey blocks of the size of what is loading, so nothing below moves when it arrives. Hidden from screen readers. */
export function PreviewSkeleton() {
  return (
    <div className="article-preview loading" aria-hidden="true">
      <div className="article-meta">
        <span className="skeleton skeleton-avatar" />
        <span className="skeleton skeleton-line" style={{ width: '8rem' }} />
      </div>
      <span className="skeleton skeleton-title" style={{ marginTop: '0.75rem' }} />
      <span className="skeleton skeleton-line" style={{ width: '50%' }} />
    </div>
  );
}

export function ListSkeleton({ count = 3 }: { count?: number }) {
  return (
    <div role="status" aria-label="Loading articles">
      {Array.from({ length: count }, (_, i) => (
        <PreviewSkeleton key={i} />
      ))}
    </div>
  );
}

export function LinesSkeleton({ lines = 4, label }: { lines?: number; label: string }) {
  return (
    <div role="status" aria-label={label}>
      {Array.from({ length: lines }, (_, i) => (
        <span key={i} className="skeleton skeleton-line" style={{ width: i === lines - 1 ? '60%' : '100%' }} />
      ))}
    </div>
  );
}
