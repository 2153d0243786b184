import { formatErrors } from '../api';
import type { ErrorMap } from '../types';

/** The API's errors as Conduit shows them: one "key message" line each. */
export function ErrorList({ errors }: { errors?: ErrorMap | null }) {
  if (!errors) return null;
  return (
    <ul className="error-messages">
      {formatErrors(errors).map((line, i) => (
        <li key={i}>{line}</li>
      ))}
    </ul>
  );
}
