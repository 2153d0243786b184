import { Link } from 'react-router-dom';
import type { Article, ArticleSummary, ErrorMap } from '../types';
import { AuthorInfo } from './AuthorInfo';
import { FavoriteButton } from './FavoriteButton';
import { TagList } from './TagList';

interface Props {
  article: ArticleSummary;
  onChange(article: Article): void;
  onError(errors: ErrorMap): void;
}

export function ArticlePreview({ article, onChange, onError }: Props) {
  return (
    <article className="article-preview">
      <div className="article-meta">
        <AuthorInfo author={article.author} date={article.createdAt} />
        <FavoriteButton article={article} onChange={onChange} onError={onError} className="pull-xs-right" />
      </div>
      <Link to={`/article/${encodeURIComponent(article.slug)}`} className="preview-link">
        <h2>{article.title}</h2>
        <p>{article.description}</p>
        <span className="read-more">Read more...</span>
      </Link>
      <TagList tags={article.tagList} />
    </article>
  );
}
