import { useState } from 'react';
import { api } from '../api';
import type { ArticlePage, ErrorMap } from '../types';
import { useLoad } from '../useLoad';
import { ArticlePreview } from './ArticlePreview';
import { ErrorList } from './ErrorList';
import { Pagination } from './Pagination';

export const PAGE_SIZE = 10;

/** Which articles to list: the caller's feed, or all articles narrowed by the filters. */
export type ListSource = { feed: true } | { feed?: false; tag?: string; author?: string; favorited?: string };

/** A paged list of previews. Give it a `key` per source so that it starts again at page 1. */
export function ArticleList({ source }: { source: ListSource }) {
  const [page, setPage] = useState(1);
  const [actionErrors, setActionErrors] = useState<ErrorMap | null>(null);
  const [list, setList] = useLoad<ArticlePage>(() => {
    const paging = { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE };
    if (source.feed) return api.feed(paging);
    const { tag, author, favorited } = source;
    return api.articles({ tag, author, favorited, ...paging });
  }, [page]);

  if (list.loading) return <div className="article-preview">Loading articles...</div>;
  if (!list.data) return <ErrorList errors={list.errors} />;

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
      <Pagination
        page={page}
        pageCount={Math.ceil(articlesCount / PAGE_SIZE)}
        onPage={(p) => {
          setPage(p);
          window.scrollTo(0, 0);
        }}
      />
    </>
  );
}
