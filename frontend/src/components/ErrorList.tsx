import { formatErrors } from '../api';
import type { ErrorMap } from '../types';

/**
 * The API's errors as Conduit shows them: one "key message" line each, in an alert region so that screen readers
 * announce them as they appear; with a retry button when the failed thing can be tried again.
 */
export function ErrorList({ errors, onRetry }: { errors?: ErrorMap | null; onRetry?: () => void }) {
  if (!errors) return null;
  return (
    <div className="error-messages" role="alert">
      <ul>
        {formatErrors(errors).map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ul>
      {onRetry && (
        <p>
          <button type="button" className="btn-link" onClick={onRetry}>
            Try again
          </button>
        </p>
      )}
    </div>
  );
}
