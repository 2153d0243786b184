import { useMemo, useState } from 'react';
import { useParams } from 'react-router-dom';
import { api } from '../api';
import { ArticleMeta } from '../components/ArticleMeta';
import { Comments } from '../components/Comments';
import { ErrorList } from '../components/ErrorList';
import { TagList } from '../components/TagList';
import { renderMarkdown } from '../markdown';
import type { Article, ErrorMap } from '../types';
import { useLoad } from '../useLoad';

function ArticleView({ article, onChange }: { article: Article; onChange(article: Article): void }) {
  const [errors, setErrors] = useState<ErrorMap | null>(null);
  // renderMarkdown escapes raw HTML and drops unsafe URLs, so its output may be inserted as HTML.
  const html = useMemo(() => renderMarkdown(article.body), [article.body]);
  const meta = <ArticleMeta article={article} onChange={onChange} onError={setErrors} />;

  return (
    <div className="article-page">
      <div className="banner">
        <div className="container">
          <h1>{article.title}</h1>
          {meta}
          <ErrorList errors={errors} />
        </div>
      </div>
      <div className="container page">
        <div className="row article-content">
          <div className="col-md-12">
            <div className="article-body" dangerouslySetInnerHTML={{ __html: html }} />
            <TagList tags={article.tagList} />
          </div>
        </div>
        <hr />
        <div className="article-actions">{meta}</div>
        <div className="row">
          <Comments slug={article.slug} />
        </div>
      </div>
    </div>
  );
}

export function ArticlePage() {
  const { slug = '' } = useParams();
  const [article, setArticle] = useLoad(() => api.article(slug), [slug]);
  if (article.data) return <ArticleView article={article.data} onChange={setArticle} />;
  return (
    <div className="article-page">
      <div className="container page">
        {article.loading ? <p>Loading article...</p> : <ErrorList errors={article.errors} />}
      </div>
    </div>
  );
}
