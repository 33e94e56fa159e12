import { useQuery } from '@tanstack/react-query';
import type { RegionDto } from '../../shared/schemas/regions.js';
import { api } from '../api/client.js';

export const regionsApi = {
  mine: () => api.get<RegionDto[]>('/regions/mine', { villages: 1 }),
  children: (parent?: string) => api.get<RegionDto[]>('/regions', { parent }),
  get: (code: string) => api.get<RegionDto>(`/regions/${code}`),
};

/** Every region in the user's read scope, villages included. */
export function useMyRegions() {
  return useQuery({
    queryKey: ['regions', 'mine'],
    queryFn: regionsApi.mine,
    staleTime: 10 * 60_000,
  });
}

export interface RegionNode {
  value: string;
  title: string;
  children?: RegionNode[];
}

/** Turn a flat list into a tree: a region whose parent is not in the list is a root. */
export function regionTree(regions: readonly RegionDto[]): RegionNode[] {
  const sorted = [...regions].sort((a, b) => a.code.localeCompare(b.code));
  const nodes = new Map<string, RegionNode>();
  for (const region of sorted) nodes.set(region.code, { value: region.code, title: region.name });
  const roots: RegionNode[] = [];
  for (const region of sorted) {
    const node = nodes.get(region.code)!;
    const parent = region.parentCode ? nodes.get(region.parentCode) : undefined;
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  return roots;
}
