// A case as the workflow and the views read it (the store maps it from its row).
export type { CaseRecord, StoredResult } from '../store/case-record.js';
