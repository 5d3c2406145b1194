import { useEffect, useState, type InputHTMLAttributes } from 'react';
import { api } from '../api.ts';

const SUGGESTIONS = 20;

/** A text input offering the names of the linked doctype's documents that contain what is typed. */
export function LinkInput({ target, value, ...input }: { target: string; value: string } & InputHTMLAttributes<HTMLInputElement>) {
  const listId = `${input.id}-options`;
  const [names, setNames] = useState<string[]>([]);
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      const filters: [string, string, unknown][] = value ? [['name', 'like', `%${value}%`]] : [];
      api.list(target, { fields: ['name'], filters, pageLength: SUGGESTIONS, orderBy: 'name asc' }).then(
        (docs) => current && setNames(docs.map((d) => String(d.name))),
        () => current && setNames([]), // no suggestions (e.g. not allowed to list them): the input still works
      );
    }, 150);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [target, value]);
  return (
    <>
      <input {...input} value={value} list={listId} autoComplete="off" />
      <datalist id={listId}>
        {names.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
    </>
  );
}
