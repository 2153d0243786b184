import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { api, errorsOf } from '../api';
import { useAuth } from '../auth';
import { formatDate } from '../date';
import type { Comment, ErrorMap } from '../types';
import { useLoad } from '../useLoad';
import { Avatar } from './Avatar';
import { ErrorList } from './ErrorList';
import { LinesSkeleton } from './Skeleton';

function CommentForm({ slug, onPosted }: { slug: string; onPosted(comment: Comment): void }) {
  const { user } = useAuth();
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<ErrorMap | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      onPosted(await api.addComment(slug, body));
      setBody('');
      setErrors(null);
    } catch (e) {
      setErrors(errorsOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <ErrorList errors={errors} />
      <form className="card comment-form" onSubmit={submit}>
        <div className="card-block">
          <label htmlFor="comment-body" className="sr-only">
            Comment
          </label>
          <textarea
            id="comment-body"
            className="form-control"
            placeholder="Write a comment..."
            rows={3}
            value={body}
            onChange={(e) => setBody(e.target.value)}
          />
        </div>
        <div className="card-footer">
          <Avatar image={user?.image ?? null} className="comment-author-img" size={30} />
          <button type="submit" className="btn btn-sm btn-primary" disabled={busy}>
            Post Comment
          </button>
        </div>
      </form>
    </>
  );
}

function CommentCard({ comment, onDelete }: { comment: Comment; onDelete?(): void }) {
  const to = `/profile/${encodeURIComponent(comment.author.username)}`;
  return (
    <div className="card">
      <div className="card-block">
        <p className="card-text">{comment.body}</p>
      </div>
      <div className="card-footer">
        <Link to={to} className="comment-author" tabIndex={-1}>
          <Avatar image={comment.author.image} className="comment-author-img" size={20} alt={comment.author.username} />
        </Link>{' '}
        <Link to={to} className="comment-author">
          {comment.author.username}
        </Link>
        <time className="date-posted" dateTime={comment.createdAt}>
          {formatDate(comment.createdAt)}
        </time>
        {onDelete && (
          <span className="mod-options">
            <button type="button" className="btn-link" aria-label="Delete comment" onClick={onDelete}>
              ✕
            </button>
          </span>
        )}
      </div>
    </div>
  );
}

export function Comments({ slug }: { slug: string }) {
  const { user } = useAuth();
  const [comments, setComments, retry] = useLoad(() => api.comments(slug), [slug]);
  const [errors, setErrors] = useState<ErrorMap | null>(null);
  const list = comments.data ?? [];

  const remove = async (id: number) => {
    if (!window.confirm('Delete this comment? This cannot be undone.')) return;
    try {
      await api.deleteComment(slug, id);
      setComments(list.filter((c) => c.id !== id));
      setErrors(null);
    } catch (e) {
      setErrors(errorsOf(e));
    }
  };

  return (
    <section className="col-xs-12 col-md-8 offset-md-2" aria-labelledby="comments-heading">
      <h2 id="comments-heading" className="sr-only">
        Comments
      </h2>
      {user ? (
        <CommentForm slug={slug} onPosted={(comment) => setComments([comment, ...list])} />
      ) : (
        <p>
          <Link to="/login">Sign in</Link> or <Link to="/register">sign up</Link> to add comments on this article.
        </p>
      )}
      <ErrorList errors={errors} />
      <ErrorList errors={comments.errors} onRetry={retry} />
      {comments.loading && <LinesSkeleton lines={3} label="Loading comments" />}
      {list.map((comment) => (
        <CommentCard
          key={comment.id}
          comment={comment}
          onDelete={user?.username === comment.author.username ? () => remove(comment.id) : undefined}
        />
      ))}
    </section>
  );
}
