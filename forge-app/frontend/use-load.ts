// Loads one resolver's answer when a screen opens, and again on `reload()`.
import { useCallback, useEffect, useState } from 'react';
import type { ResolverAnswer } from '../ui-contract';
import { callResolver } from './call-resolver';

/** `null` while loading, then the resolver's answer. */
export function useLoad<T>(key: string): { answer: ResolverAnswer<T> | null; reload: () => void } {
  const [answer, setAnswer] = useState<ResolverAnswer<T> | null>(null);
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    setAnswer(null);
    void callResolver<T>(key).then((got) => {
      if (current) setAnswer(got);
    });
    return () => {
      current = false;
    };
  }, [key, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { answer, reload };
}
