import type { ContractChange } from './ContractChange';
import type { DataContract } from './DataContract';
import { diffSchemaObjects } from './diffSchemaObjects';
import { diffServers } from './diffServers';
import { diffSlaProperties } from './diffSlaProperties';

function semver(version: string): { major: number; minor: number } | undefined {
  const match = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version.trim());
  return match
    ? { major: Number(match[1]), minor: Number(match[2]) }
    : undefined;
}

/** Breaking changes need a major bump; before 1.0.0 a minor bump will do (semver). */
function diffVersion(
  before: DataContract,
  after: DataContract,
): ContractChange[] {
  if (before.version === after.version) {
    return [
      {
        kind: 'version-not-bumped',
        severity: 'warning',
        path: 'version',
        message: `Version is still ${after.version} although there are breaking changes: consumers cannot tell the contracts apart.`,
        before: before.version,
        after: after.version,
      },
    ];
  }
  const a = semver(before.version);
  const b = semver(after.version);
  if (!a || !b) {
    return [];
  }
  const bumped =
    b.major > a.major || (a.major === 0 && b.major === 0 && b.minor > a.minor);
  if (bumped) {
    return [];
  }
  return [
    {
      kind: 'major-version-not-bumped',
      severity: 'warning',
      path: 'version',
      message: `Version went from ${before.version} to ${
        after.version
      } but there are breaking changes: bump the major version${
        a.major === 0 ? ' (or the minor version, before 1.0.0)' : ''
      }.`,
      before: before.version,
      after: after.version,
    },
  ];
}

/**
 * Lists what changed from one version of a contract to the next, and how it
 * affects consumers: schema objects, properties (nested ones too), quality
 * rules, SLAs and servers; then whether the version change fits the breaking changes.
 */
export function diffDataContracts(
  oldContract: DataContract,
  newContract: DataContract,
): ContractChange[] {
  const changes = [
    ...diffSchemaObjects(oldContract.schema, newContract.schema, {
      oldApiVersion: oldContract.apiVersion,
    }),
    ...diffSlaProperties(oldContract, newContract),
    ...diffServers(oldContract, newContract),
  ];
  if (changes.some(change => change.severity === 'breaking')) {
    changes.push(...diffVersion(oldContract, newContract));
  }
  return changes;
}
