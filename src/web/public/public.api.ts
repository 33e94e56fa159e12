import type { z } from 'zod';
import type { CheckpointDto, ConsistencyProof, InstanceKey } from '../../shared/schemas/audit.js';
import type { PublicTown, RegionDto } from '../../shared/schemas/regions.js';
import { api } from '../api/client.js';

export type ConsistencyProofDto = z.infer<typeof ConsistencyProof>;
export type InstanceKeyDto = z.infer<typeof InstanceKey>;

/** What anyone may read without an account. */
export const publicApi = {
  towns: () => api.get<RegionDto[]>('/public/towns'),
  town: (code: string) => api.get<PublicTown>(`/public/towns/${code}`),
  checkpoints: () => api.get<CheckpointDto[]>('/public/checkpoints'),
  consistency: (from: number, to: number) =>
    api.get<ConsistencyProofDto>('/public/checkpoints/consistency', { from, to }),
  instanceKey: () => api.get<InstanceKeyDto>('/public/instance-key'),
};
