import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { api, errorsOf } from '../api';
import { ErrorList } from '../components/ErrorList';
import { Field, TextField } from '../components/Field';
import { LinesSkeleton } from '../components/Skeleton';
import { useTitle } from '../title';
import { TagInput } from '../components/TagInput';
import type { ArticleInput, ErrorMap } from '../types';
import { useLoad } from '../useLoad';

const EMPTY: ArticleInput = { title: '', description: '', body: '', tagList: [] };

function ArticleForm({ slug, initial }: { slug?: string; initial: ArticleInput }) {
  const navigate = useNavigate();
  const [article, setArticle] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<ErrorMap | null>(null);

  const field = (name: 'title' | 'description' | 'body') => ({
    value: article[name],
    onChange: (e: { target: { value: string } }) => setArticle({ ...article, [name]: e.target.value }),
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const saved = slug ? await api.updateArticle(slug, article) : await api.createArticle(article);
      navigate(`/article/${encodeURIComponent(saved.slug)}`);
    } catch (e) {
      setErrors(errorsOf(e));
      setBusy(false);
    }
  };

  return (
    <>
      <ErrorList errors={errors} />
      <form onSubmit={submit}>
        <fieldset disabled={busy}>
          <Field label="Title" large type="text" placeholder="Article Title" {...field('title')} />
          <Field label="Description" type="text" placeholder="What's this article about?" {...field('description')} />
          <TextField label="Article (markdown)" rows={8} placeholder="Write your article (in markdown)" {...field('body')} />
          <TagInput tags={article.tagList} onChange={(tagList) => setArticle({ ...article, tagList })} />
          <button type="submit" className="btn btn-lg pull-xs-right btn-primary">
            Publish Article
          </button>
        </fieldset>
      </form>
    </>
  );
}

function EditArticle({ slug }: { slug: string }) {
  const [loaded, , retry] = useLoad(() => api.article(slug), [slug]);
  if (loaded.loading) return <LinesSkeleton lines={8} label="Loading the article" />;
  if (!loaded.data) return <ErrorList errors={loaded.errors} onRetry={retry} />;
  const { title, description, body, tagList } = loaded.data;
  return <ArticleForm slug={slug} initial={{ title, description, body, tagList }} />;
}

/** `/editor` writes a new article, `/editor/:slug` edits one. */
export function Editor() {
  const { slug } = useParams();
  useTitle(slug ? 'Edit article' : 'New article');
  return (
    <div className="editor-page">
      <div className="container page">
        <div className="row">
          <div className="col-md-10 offset-md-1 col-xs-12">
            <h1>{slug ? 'Edit article' : 'New article'}</h1>
            {slug ? <EditArticle key={slug} slug={slug} /> : <ArticleForm initial={EMPTY} />}
          </div>
        </div>
      </div>
    </div>
  );
}
