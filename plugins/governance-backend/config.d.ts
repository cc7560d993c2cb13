export interface Config {
  governance?: {
    /**
     * Global policies, validated at start-up by parseGovernancePolicies of
     * @meshwork/plugin-governance-common.
     */
    policies?: unknown;
    /** How often every product is evaluated, in seconds; default 300. */
    evaluationSeconds?: number;
  };
}
