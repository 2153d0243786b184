import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api } from '../api';
import type { ArticlePage, ErrorMap } from '../types';
import { useLoad } from '../useLoad';
import { ArticlePreview } from './ArticlePreview';
import { ErrorList } from './ErrorList';
import { Pagination, pageOf } from './Pagination';
import { ListSkeleton } from './Skeleton';

export const PAGE_SIZE = 10;

/** Which articles to list: the caller's feed, or all articles narrowed by the filters. */
export type ListSource = { feed: true } | { feed?: false; tag?: string; author?: string; favorited?: string };

/** A paged list of previews; the page is `?page=N` in the URL. Give it a `key` per source. */
export function ArticleList({ source }: { source: ListSource }) {
  const [params] = useSearchParams();
  const page = pageOf(params);
  const [actionErrors, setActionErrors] = useState<ErrorMap | null>(null);
  const [list, setList, retry] = useLoad<ArticlePage>(() => {
    const paging = { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE };
    if (source.feed) return api.feed(paging);
    const { tag, author, favorited } = source;
    return api.articles({ tag, author, favorited, ...paging });
  }, [page]);

  if (list.loading) return <ListSkeleton />;
  if (!list.data) return <ErrorList errors={list.errors} onRetry={retry} />;

  const { articles, articlesCount } = list.data;
  return (
    <>
      <ErrorList errors={actionErrors} />
      {articles.length === 0 && <div className="article-preview">No articles are here... yet.</div>}
      {articles.map((article) => (
        <ArticlePreview
          key={article.slug}
          article={article}
          onError={setActionErrors}
          onChange={(changed) =>
            setList({ articlesCount, articles: articles.map((a) => (a.slug === changed.slug ? changed : a)) })
          }
        />
      ))}
      <Pagination page={page} pageCount={Math.ceil(articlesCount / PAGE_SIZE)} />
    </>
  );
}
