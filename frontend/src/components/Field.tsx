import { useId, type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes } from 'react';

type Labelled = { label: string; large?: boolean };

/** The label stays visible once the box is filled (a placeholder would not). */
function LabelledControl({ label, control }: { label: string; control: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <fieldset className="form-group">
      <label htmlFor={id} className="form-label">
        {label}
      </label>
      {control(id)}
    </fieldset>
  );
}

const controlClass = (large?: boolean) => `form-control${large ? ' form-control-lg' : ''}`;

/** A labelled text input. */
export function Field({ label, large, ...input }: Labelled & InputHTMLAttributes<HTMLInputElement>) {
  return <LabelledControl label={label} control={(id) => <input id={id} className={controlClass(large)} {...input} />} />;
}

/** A labelled text area. */
export function TextField({ label, large, ...input }: Labelled & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return <LabelledControl label={label} control={(id) => <textarea id={id} className={controlClass(large)} {...input} />} />;
}
