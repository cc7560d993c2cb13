import { contractColumns, parseDataContract } from '../contract';
import { DataProductEntityV1alpha1 } from './DataProductEntityV1alpha1';
import { declaredJobsOf } from './declaredJobs';

/**
 * What search should match for a product besides its title: description,
 * ports, dataset names, every table and column of its contracts (by name and
 * by physical name) and the jobs it declares, so that someone who types a
 * table, column or job name, as the contract or the warehouse has it, finds
 * the product that serves or runs it.
 */
export function dataProductSearchText(
  entity: DataProductEntityV1alpha1,
): string {
  const parts: Array<string | undefined> = [];
  if (entity.metadata.description) {
    parts.push(entity.metadata.description);
  }
  for (const port of entity.spec.outputPorts ?? []) {
    parts.push(port.name, port.dataset?.name, port.dataset?.namespace);
    if (port.contract && typeof port.contract === 'object') {
      const { contract } = parseDataContract(port.contract);
      for (const object of contract?.schema ?? []) {
        parts.push(object.name, object.physicalName);
        for (const column of contractColumns(object.properties)) {
          parts.push(column.path);
          if (column.physicalPath !== column.path) {
            parts.push(column.physicalPath);
          }
        }
      }
    }
  }
  for (const job of declaredJobsOf(entity)) {
    parts.push(job.name, job.namespace);
  }
  return parts.filter(Boolean).join(' : ');
}
