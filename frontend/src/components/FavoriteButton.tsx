import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, errorsOf } from '../api';
import { useAuth } from '../auth';
import type { Article, ArticleSummary, ErrorMap } from '../types';

interface Props {
  article: ArticleSummary;
  onChange(article: Article): void;
  onError(errors: ErrorMap): void;
  /** The article page spells the action out; a list shows only the heart and count. */
  long?: boolean;
  className?: string;
}

export function FavoriteButton({ article, onChange, onError, long, className = '' }: Props) {
  const { user } = useAuth();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);

  const toggle = async () => {
    if (!user) return navigate('/login');
    setBusy(true);
    try {
      onChange(await (article.favorited ? api.unfavorite(article.slug) : api.favorite(article.slug)));
    } catch (e) {
      onError(errorsOf(e));
    } finally {
      setBusy(false);
    }
  };

  const style = article.favorited ? 'btn-primary' : 'btn-outline-primary';
  const action = article.favorited ? 'Unfavorite' : 'Favorite';
  return (
    <button
      type="button"
      className={`btn btn-sm ${style} ${className}`}
      disabled={busy}
      onClick={toggle}
    >
      <span aria-hidden="true">♥</span>{' '}
      {long ? (
        <>
          {action} Article <span className="counter">({article.favoritesCount})</span>
        </>
      ) : (
        <>
          <span className="counter">{article.favoritesCount}</span>
          {/* The short form shows only a heart and the count: screen readers also hear what it does. */}
          <span className="sr-only"> (favorites): {action.toLowerCase()} this article</span>
        </>
      )}
    </button>
  );
}
