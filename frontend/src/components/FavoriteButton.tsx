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
  return (
    <button type="button" className={`btn btn-sm ${style} ${className}`} disabled={busy} onClick={toggle}>
      ♥{' '}
      {long ? (
        <>
          {article.favorited ? 'Unfavorite' : 'Favorite'} Article <span className="counter">({article.favoritesCount})</span>
        </>
      ) : (
        <span className="counter">{article.favoritesCount}</span>
      )}
    </button>
  );
}
