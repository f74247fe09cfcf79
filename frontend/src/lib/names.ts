import { useMemo } from 'react';
import { useFilters } from '../store/filters';
import { useSim } from '../store/sim';
import { ownerOf, type EntityInfo } from './lifeline';

/** What the graph knows of entity names: which are its nodes, and their categories. */
export function useEntityInfo(): EntityInfo {
  const topology = useSim((s) => s.topology);
  return useMemo(() => {
    const cat = new Map<string, string>();
    for (const n of topology?.nodes ?? []) {
      cat.set(n.id, n.category);
      for (const m of n.member_ids ?? []) cat.set(m, n.category);
    }
    return { isNode: (n: string) => cat.has(n), category: (n: string) => cat.get(n) };
  }, [topology]);
}

/**
 * How an entity name is shown: as it is with Internal on; otherwise a part (`Server.worker`) as the entity it belongs
 * to (`Server`) — the plumbing stays behind the Internal toggle.
 */
export function useDisplayName(): (name: string) => string {
  const info = useEntityInfo();
  const internal = useFilters((s) => s.showInternal);
  return useMemo(() => (internal ? (n: string) => n : (n: string) => ownerOf(n, info)), [info, internal]);
}
