import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  governance?: {
    /**
     * Global policies, validated at start-up by parseGovernancePolicies of
     * @meshwork/plugin-governance-common.
     */
    policies?: unknown;
    /**
     * When every product is evaluated, with what the lineage backend
     * measured; default every 5 minutes.
     */
    schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    /**
     * How often the catalog is checked for products whose entry, owner,
     * domain, upstreams or exemptions changed, which are then re-evaluated;
     * default every 10 seconds.
     */
    changeDetection?: SchedulerServiceTaskScheduleDefinitionConfig;
    /**
     * The platform team, which may grant exemptions to any product (the owner
     * of a product's domain may grant them to its products), e.g.
     * group:default/data-platform. Read by Meshwork's permission policy.
     */
    platformTeam?: string;
  };
}
