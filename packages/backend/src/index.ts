import { createBackend } from '@backstage/backend-defaults';
import { searchModuleDataProductColumns } from '@meshwork/plugin-catalog-backend-module-data-products';
import { searchEngineModule } from './searchEngineModule';
import { meshworkRootConfigServiceFactory } from './meshworkRootConfigServiceFactory';
import { meshworkPermissionPolicyModule } from './permissionPolicy/meshworkPermissionPolicyModule';
import { startOrExit } from './startOrExit';

const backend = createBackend();

backend.add(meshworkRootConfigServiceFactory());

backend.add(import('@backstage/plugin-app-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
// Sign-in with GitHub, where auth.providers.github is configured (production).
backend.add(import('@backstage/plugin-auth-backend-module-github-provider'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
backend.add(import('@meshwork/plugin-catalog-backend-module-data-products'));
backend.add(import('@meshwork/plugin-data-products-backend'));
// Lists entities that failed processing, with their errors (API and UI).
backend.add(import('@backstage/plugin-catalog-backend-module-unprocessed'));

// OpenLineage receiver, lineage store and graph API, measured SLOs.
backend.add(import('@meshwork/plugin-lineage-backend'));

// Governance scorecards of every product, on a schedule and on change; exemptions.
backend.add(import('@meshwork/plugin-governance-backend'));

backend.add(import('@backstage/plugin-permission-backend'));
// Allows everything but governance exemptions: platform team or domain owner.
backend.add(meshworkPermissionPolicyModule);

backend.add(import('@backstage/plugin-search-backend'));
backend.add(searchEngineModule);
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(searchModuleDataProductColumns);

backend.add(import('@backstage/plugin-user-settings-backend'));

// Pushes changes to open pages; user settings depend on it.
backend.add(import('@backstage/plugin-events-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

startOrExit(backend);
