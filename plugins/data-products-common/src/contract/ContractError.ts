/** One thing wrong with a contract: where it is, and what was expected and found. */
export interface ContractError {
  /**
   * Dot path into the contract, e.g. `schema[0].properties[3].logicalType`;
   * empty when the problem is the whole document (not YAML, not a mapping).
   */
  path: string;
  message: string;
}
