import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports -- a test's harness, where CI forbids skipping
import { findSharedFixtures } from '@meshwork/test-utils';
import { diffDataContracts } from './diffDataContracts';
import { parseDataContract } from './parseDataContract';

const FIXTURES = findSharedFixtures('odcs');
const withFixtures = FIXTURES ? describe : describe.skip;

function parsed(doc: Record<string, any>) {
  const { contract, errors } = parseDataContract(doc);
  expect(errors).toEqual([]);
  return contract!;
}

/** A contract of one column, `a`, checked by `quality`. */
function columnContract(
  apiVersion: string,
  quality: Record<string, unknown>[],
) {
  return {
    apiVersion,
    kind: 'DataContract',
    id: 't',
    version: '1.0.0',
    status: 'active',
    schema: [
      {
        name: 't',
        properties: [{ name: 'a', logicalType: 'string', quality }],
      },
    ],
  };
}

const diff = (before: Record<string, any>, after: Record<string, any>) =>
  diffDataContracts(parsed(before), parsed(after)).map(
    ({ kind, severity, path: where, message }) => ({
      kind,
      severity,
      path: where,
      message,
    }),
  );

describe('diffQualityRules across an ODCS v3.0 to v3.1 upgrade', () => {
  it('matches a v3.0.x rule to the v3.1.0 metric it was renamed to', () => {
    expect(
      diff(
        columnContract('v3.0.2', [
          { rule: 'duplicateCount', mustBe: 0 },
          { rule: 'nullCheck' },
          { rule: 'validValues', validValues: ['x', 'y'] },
          { rule: 'rowCount', mustBeGreaterThan: 10 },
        ]),
        columnContract('v3.1.0', [
          { metric: 'duplicateValues', mustBe: 0, unit: 'rows' },
          { metric: 'nullValues', mustBe: 0 },
          {
            metric: 'invalidValues',
            mustBe: 0,
            arguments: { validValues: ['x', 'y'] },
          },
          { metric: 'rowCount', mustBeGreaterThan: 10 },
        ]),
      ),
    ).toEqual([]);
  });

  it('says a renamed rule was loosened, reading a v3.0.x rule without threshold as allowing none', () => {
    expect(
      diff(
        columnContract('v3.0.2', [
          { rule: 'duplicateCount', mustBe: 0 },
          { rule: 'nullCheck' },
        ]),
        columnContract('v3.1.0', [
          { metric: 'duplicateValues', mustBeLessOrEqualTo: 100 },
          { metric: 'nullValues', mustBeLessThan: 5 },
        ]),
      ),
    ).toEqual([
      {
        kind: 'quality-rule-loosened',
        severity: 'warning',
        path: 't.a.quality[duplicateCount]',
        message:
          'Quality rule duplicateCount was loosened: it accepts more (mustBe 0 → mustBeLessOrEqualTo 100).',
      },
      {
        kind: 'quality-rule-loosened',
        severity: 'warning',
        path: 't.a.quality[nullCheck]',
        message:
          'Quality rule nullCheck was loosened: it accepts more (mustBe 0 → mustBeLessThan 5).',
      },
    ]);
  });

  it('still tells different metrics apart', () => {
    expect(
      diff(
        columnContract('v3.0.2', [{ rule: 'nullCheck' }]),
        columnContract('v3.1.0', [{ metric: 'missingValues', mustBe: 0 }]),
      ).map(change => change.kind),
    ).toEqual(['quality-rule-removed', 'quality-rule-added']);
  });

  withFixtures('on the official examples', () => {
    const example = (file: string) =>
      parse(
        fs.readFileSync(path.join(FIXTURES!, 'examples', file), 'utf8'),
      ) as Record<string, any>;
    const column = (doc: Record<string, any>) => doc.schema[0].properties[0];

    it('finds no change between an invalidValues rule and its v3.0.x validValues form', () => {
      const upgraded = example('quality__column-validity.odcs.yaml');
      const original = example('quality__column-validity.odcs.yaml');
      original.apiVersion = 'v3.0.2';
      const rule = column(original).quality[0];
      expect(rule.metric).toBe('invalidValues');
      delete rule.metric;
      rule.rule = 'validValues';
      rule.validValues = rule.arguments.validValues;
      delete rule.arguments;
      expect(diff(original, upgraded)).toEqual([]);
    });

    it('finds no change between a nullValues rule allowing none and a v3.0.x nullCheck', () => {
      const upgraded = example('quality__column-completeness.odcs.yaml');
      const original = example('quality__column-completeness.odcs.yaml');
      const rule = column(original).quality[0];
      expect(rule).toMatchObject({ metric: 'nullValues', mustBe: 0 });
      delete rule.metric;
      delete rule.mustBe;
      rule.rule = 'nullCheck';
      expect(diff(original, upgraded)).toEqual([]);
    });
  });
});
