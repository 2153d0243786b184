import { Link } from 'react-router-dom';
import { formatDate } from '../date';
import type { Profile } from '../types';
import { Avatar } from './Avatar';

/** Avatar, name and date, as shown at the top of a preview and an article. */
export function AuthorInfo({ author, date }: { author: Profile; date: string }) {
  const to = `/profile/${encodeURIComponent(author.username)}`;
  return (
    <>
      {/* The same link as the name beside it: named after the author, and one tab stop for the pair is enough. */}
      <Link to={to} tabIndex={-1}>
        <Avatar image={author.image} alt={author.username} />
      </Link>
      <div className="info">
        <Link to={to} className="author">
          {author.username}
        </Link>
        <time className="date" dateTime={date}>
          {formatDate(date)}
        </time>
      </div>
    </>
  );
}
