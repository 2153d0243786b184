import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api, errorsOf } from '../api';
import { useAuth } from '../auth';
import type { Article, ErrorMap } from '../types';
import { AuthorInfo } from './AuthorInfo';
import { FavoriteButton } from './FavoriteButton';
import { FollowButton } from './FollowButton';

interface Props {
  article: Article;
  onChange(article: Article): void;
  onError(errors: ErrorMap): void;
}

/** The author line of an article with its actions: edit/delete for the author, follow/favorite for others. */
export function ArticleMeta({ article, onChange, onError }: Props) {
  const { user } = useAuth();
  const navigate = useNavigate();
  const [deleting, setDeleting] = useState(false);

  const remove = async () => {
    if (!window.confirm(`Delete the article “${article.title}”? This cannot be undone.`)) return;
    setDeleting(true);
    try {
      await api.deleteArticle(article.slug);
      navigate('/');
    } catch (e) {
      onError(errorsOf(e));
      setDeleting(false);
    }
  };

  return (
    <div className="article-meta">
      <AuthorInfo author={article.author} date={article.createdAt} />
      {user?.username === article.author.username ? (
        <span className="actions">
          <Link to={`/editor/${encodeURIComponent(article.slug)}`} className="btn btn-sm btn-outline-secondary">
            <span aria-hidden="true">✎</span> Edit Article
          </Link>{' '}
          <button type="button" className="btn btn-sm btn-outline-danger" disabled={deleting} onClick={remove}>
            <span aria-hidden="true">✕</span> Delete Article
          </button>
        </span>
      ) : (
        <span className="actions">
          <FollowButton
            profile={article.author}
            onChange={(author) => onChange({ ...article, author })}
            onError={onError}
          />{' '}
          <FavoriteButton article={article} onChange={onChange} onError={onError} long />
        </span>
      )}
    </div>
  );
}
