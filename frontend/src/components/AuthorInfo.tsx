import { Link } from 'react-router-dom';
import { formatDate } from '../date';
import type { Profile } from '../types';
import { Avatar } from './Avatar';

/** Avatar, name and date, as shown at the top of a preview and an article. */
export function AuthorInfo({ author, date }: { author: Profile; date: string }) {
  const to = `/profile/${encodeURIComponent(author.username)}`;
  return (
    <>
      <Link to={to}>
        <Avatar image={author.image} />
      </Link>
      <div className="info">
        <Link to={to} className="author">
          {author.username}
        </Link>
        <span className="date">{formatDate(date)}</span>
      </div>
    </>
  );
}
