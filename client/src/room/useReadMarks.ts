import { useCallback, useState } from 'react';
import { readMarks } from '../net/storage';

/** Which injects this browser has read, kept per drill so unread marks survive a reload. */
export function useReadMarks(drillId: string) {
  const [read, setRead] = useState(() => readMarks.get(drillId));
  const mark = useCallback((seqs: number[]) => {
    setRead((current) => {
      if (seqs.every((s) => current.has(s))) return current;
      const next = new Set(current);
      seqs.forEach((s) => next.add(s));
      readMarks.set(drillId, next);
      return next;
    });
  }, [drillId]);
  return { read, mark };
}
