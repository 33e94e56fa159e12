import type { DecisionDto } from '../../../shared/schemas/decision.js';
import { api } from '../../api/client.js';

/** What POST /files answers about a stored upload. */
export interface UploadedFile {
  id: string;
  originalName: string;
  mime: string;
  size: number;
  regionCode: string;
  isPublic: boolean;
}

/** The calls of the entry page that ledger.api.ts does not cover. */
export const entryApi = {
  /** The 四议两公开 decision an entry cites. */
  decision: (id: string) => api.get<DecisionDto>(`/decisions/${id}`),
  /**
   * Store an attachment in the village. It stays internal here: disclosing the entry makes
   * the attachments marked public readable by anyone.
   */
  upload: (regionCode: string, file: Blob, fileName: string) => {
    const form = new FormData();
    form.append('regionCode', regionCode);
    form.append('isPublic', '0');
    form.append('file', file, fileName);
    return api.upload<UploadedFile>('/files', form);
  },
};

/** Where a stored file is read (by its id); the browser shows or downloads it. */
export const fileUrl = (fileId: string): string => `/api/v1/files/${fileId}`;
