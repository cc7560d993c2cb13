export {
  createStoreTestDatabases,
  POSTGRES_TEST_DATABASE_ID,
  STORE_TEST_DATABASE_IDS,
} from './createStoreTestDatabases';
export { findSharedFixtures } from './findSharedFixtures';
export { reportBenchmark } from './reportBenchmark';
export type { BenchmarkFigure } from './reportBenchmark';
export { generatedUpstreamOf, writeGeneratedMesh } from './writeGeneratedMesh';
export type { GeneratedMeshOptions } from './writeGeneratedMesh';
export { permissionsHidingLabelled } from './permissionsHidingLabelled';
export { migrateAsReplicas } from './migrateAsReplicas';
export { withEnUsCollation } from './withEnUsCollation';
export { eventually } from './eventually';
