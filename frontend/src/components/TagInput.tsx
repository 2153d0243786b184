import { useState, type KeyboardEvent } from 'react';

interface Props {
  tags: string[];
  onChange(tags: string[]): void;
}

/** Type a tag and press Enter (or leave the field) to add it; × removes it. */
export function TagInput({ tags, onChange }: Props) {
  const [text, setText] = useState('');

  const add = () => {
    const tag = text.trim();
    if (tag && !tags.includes(tag)) onChange([...tags, tag]);
    setText('');
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    add();
  };

  return (
    <fieldset className="form-group">
      <label htmlFor="article-tags" className="form-label">
        Tags <span className="hint">(press Enter after each)</span>
      </label>
      <input
        id="article-tags"
        type="text"
        className="form-control"
        placeholder="Enter tags"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        onBlur={add}
      />
      <div className="tag-list">
        {tags.map((tag) => (
          <span key={tag} className="tag-default tag-pill">
            <button
              type="button"
              className="tag-remove"
              aria-label={`Remove tag ${tag}`}
              onClick={() => onChange(tags.filter((t) => t !== tag))}
            >
              <span aria-hidden="true">×</span>
            </button>
            {tag}
          </span>
        ))}
      </div>
    </fieldset>
  );
}
