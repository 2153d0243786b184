import { useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../api';
import { ArticleMeta } from '../components/ArticleMeta';
import { Comments } from '../components/Comments';
import { ErrorList } from '../components/ErrorList';
import { LinesSkeleton } from '../components/Skeleton';
import { TagList } from '../components/TagList';
import type { Article, ErrorMap } from '../types';
import { useTitle } from '../title';
import { useLoad } from '../useLoad';

type Render = (source: string) => string;

/**
 * The markdown renderer is a chunk of its own, fetched when an article page opens (alongside the article), so
 * that no other page downloads it.
 */
let renderer: Promise<Render> | undefined;
function loadRenderer(): Promise<Render> {
  renderer ??= import('../markdown').then((m) => m.renderMarkdown);
  return renderer;
}

function ArticleView({ article, render, onChange }: { article: Article; render: Render; onChange(article: Article): void }) {
  const [errors, setErrors] = useState<ErrorMap | null>(null);
  // renderMarkdown escapes raw HTML and drops unsafe URLs, so its output may be inserted as HTML.
  const html = useMemo(() => render(article.body), [render, article.body]);
  const meta = <ArticleMeta article={article} onChange={onChange} onError={setErrors} />;
  useTitle(article.title);

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
  const [article, setArticle, retry] = useLoad(() => api.article(slug), [slug]);
  // The renderer is fetched alongside the article; the page shows both at once, so nothing moves afterwards.
  const [render, setRender] = useState<Render | null>(null);
  const [rendererFailed, setRendererFailed] = useState(false);
  useEffect(() => {
    let current = true;
    loadRenderer().then(
      (loaded) => current && setRender(() => loaded),
      () => {
        renderer = undefined;
        if (current) setRendererFailed(true);
      },
    );
    return () => {
      current = false;
    };
  }, []);
  useTitle(article.data ? article.data.title : article.loading ? 'Article' : 'Article not found');
  if (article.data && render) return <ArticleView key="article" article={article.data} render={render} onChange={setArticle} />;
  if (rendererFailed) {
    return (
      <div className="article-page">
        <div className="container page">
          <h1>The article could not be shown</h1>
          <ErrorList errors={{ page: ['could not be loaded completely: reload it'] }} />
        </div>
      </div>
    );
  }
  if (!article.loading && !article.data) {
    const notFound = article.errors !== undefined && 'article' in article.errors;
    return (
      <div className="article-page">
        <div className="container page">
          <h1>{notFound ? 'Article not found' : 'The article could not be loaded'}</h1>
          <ErrorList errors={article.errors} onRetry={notFound ? undefined : retry} />
          <p>
            <Link to="/">Go to the home page</Link>
          </p>
        </div>
      </div>
    );
  }
  return (
    <div className="article-page" key="loading">
      <div className="banner" aria-hidden="true">
        <div className="container">
          <span className="skeleton skeleton-title" style={{ height: '2.8rem', marginBottom: '2rem' }} />
          <span className="skeleton skeleton-line" style={{ width: '12rem', height: '2rem' }} />
        </div>
      </div>
      <div className="container page">
        <LinesSkeleton lines={6} label="Loading the article" />
      </div>
    </div>
  );
}
