export {
  createStoreTestDatabases,
  POSTGRES_TEST_DATABASE_ID,
} from './createStoreTestDatabases';
export { findSharedFixtures } from './findSharedFixtures';
export { reportBenchmark } from './reportBenchmark';
export type { BenchmarkFigure } from './reportBenchmark';
export { writeGeneratedMesh } from './writeGeneratedMesh';
export type { GeneratedMeshOptions } from './writeGeneratedMesh';
export { permissionsHidingLabelled } from './permissionsHidingLabelled';
export { migrateAsReplicas } from './migrateAsReplicas';
export { withEnUsCollation } from './withEnUsCollation';
export { eventually } from './eventually';
export { closeStoreDatabase } from './closeStoreDatabase';
export { pluginDatabaseFactory } from './pluginDatabaseFactory';
