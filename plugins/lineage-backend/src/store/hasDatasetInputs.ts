/** Whether a column lineage has inputs that reach every column. */
export function hasDatasetInputs(lineage: Record<string, unknown>): boolean {
  return Array.isArray(lineage.dataset) && lineage.dataset.length > 0;
}
