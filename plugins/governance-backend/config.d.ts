import { HumanDuration } from '@backstage/types';
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
     * How long a product missing from the catalog (its location moved, a
     * restore, a provider re-adding everything) keeps its hidden scorecard,
     * history and exemptions, in case it comes back under the same ref; then
     * they are removed and its exemptions revoked. From none (at once) to a
     * year; default { hours: 24 } (also `P1D` or `24 hours`).
     */
    removalGracePeriod?: HumanDuration | string;
    /**
     * The platform team, which may grant exemptions to any product (the owner
     * of a product's domain may grant them to its products), e.g.
     * group:default/data-platform. Read by Meshwork's permission policy.
     */
    platformTeam?: string;
  };
}
