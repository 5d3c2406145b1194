import { useEffect, useState } from 'react';
import { api } from '../api.ts';

/**
 * Whether the logged-in user is a System Manager, asked once per mount: Role is reserved to System
 * Managers (and Administrator), so reading one row of it answers. `undefined` while asking; any refusal
 * (403, network) counts as no, so the settings stay hidden.
 */
export function useIsSystemManager(): boolean | undefined {
  const [answer, setAnswer] = useState<boolean>();
  useEffect(() => {
    let current = true;
    api.list('Role', { fields: ['name'], pageLength: 1 }).then(
      () => current && setAnswer(true),
      () => current && setAnswer(false),
    );
    return () => {
      current = false;
    };
  }, []);
  return answer;
}
