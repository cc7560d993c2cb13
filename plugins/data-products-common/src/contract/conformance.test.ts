import fs from 'fs';
import path from 'path';
import Ajv2019, { ValidateFunction } from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports -- a test's harness, where CI forbids skipping
import { findSharedFixtures } from '@meshwork/test-utils';
import type { DataContract, PropertyDefinition } from './DataContract';
import { diffDataContracts } from './diffDataContracts';
import { parseDataContract } from './parseDataContract';

/*
 * The official ODCS examples and JSON schemas are shared fixtures outside the
 * repository (/work/shared/fixtures/odcs next to /work/main). Every example
 * the official schema accepts must be read by Meshwork without errors and
 * without losing schema objects, properties, quality rules or SLAs.
 */
const REPO_ROOT = path.resolve(__dirname, '../../../..');
const FIXTURES = findSharedFixtures('odcs');
const CONTRACTS = path.join(REPO_ROOT, 'catalog-info', 'contracts');

interface Counts {
  schemaObjects: number;
  properties: number;
  qualityRules: number;
  slaProperties: number;
}

/** Counts in the source document, walking nested properties and array items. */
function countSource(doc: any): Counts {
  const counts = {
    schemaObjects: 0,
    properties: 0,
    qualityRules: 0,
    slaProperties: 0,
  };
  const walk = (element: any) => {
    counts.qualityRules += element?.quality?.length ?? 0;
    for (const property of element?.properties ?? []) {
      counts.properties += 1;
      walk(property);
    }
    if (element?.items) walk(element.items);
  };
  for (const object of doc.schema ?? []) {
    counts.schemaObjects += 1;
    walk(object);
  }
  counts.slaProperties = doc.slaProperties?.length ?? 0;
  return counts;
}

/** The same counts in the model. */
function countModel(contract: DataContract): Counts {
  const counts = {
    schemaObjects: contract.schema.length,
    properties: 0,
    qualityRules: 0,
    slaProperties: contract.slaProperties.length,
  };
  const walk = (element: PropertyDefinition) => {
    counts.qualityRules += element.quality.length;
    counts.properties += element.properties.length;
    element.properties.forEach(walk);
    if (element.items) walk(element.items);
  };
  for (const object of contract.schema) {
    counts.qualityRules += object.quality.length;
    counts.properties += object.properties.length;
    object.properties.forEach(walk);
  }
  return counts;
}

/** The official schema for an apiVersion: the same version, else the latest patch of its minor. */
function officialValidators(schemaDir: string) {
  // strict: false because the official schemas use annotations ajv does not know.
  const ajv = new Ajv2019({ allErrors: true, strict: false });
  addFormats(ajv);
  const schemas = new Map<string, ValidateFunction>();
  for (const file of fs.readdirSync(schemaDir)) {
    const version = /^odcs-json-schema-(v\d+\.\d+\.\d+)\.json$/.exec(file)?.[1];
    if (version) {
      const schema = JSON.parse(
        fs.readFileSync(path.join(schemaDir, file), 'utf8'),
      );
      schemas.set(version, ajv.compile(schema));
    }
  }
  return (apiVersion: string) => {
    if (schemas.has(apiVersion))
      return { version: apiVersion, validate: schemas.get(apiVersion)! };
    const minor = apiVersion.split('.').slice(0, 2).join('.');
    const version = [...schemas.keys()]
      .filter(v => v.startsWith(`${minor}.`))
      .sort((a, b) => a.localeCompare(b, undefined, { numeric: true }))
      .pop();
    return version ? { version, validate: schemas.get(version)! } : undefined;
  };
}

function yamlFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter(file => /\.ya?ml$/.test(file))
    .sort();
}

if (!FIXTURES) {
  describe('ODCS conformance (the official fixtures are missing)', () => {
    it.todo('validate the official ODCS examples and our contracts');
  });
} else {
  describe('ODCS conformance', () => {
    const officialSchemaFor = officialValidators(path.join(FIXTURES, 'schema'));
    const examples = yamlFiles(path.join(FIXTURES, 'examples'));

    it('finds the shared fixtures next to the repository', () => {
      expect(fs.existsSync(path.join(REPO_ROOT, 'backstage.json'))).toBe(true);
      expect(examples.length).toBeGreaterThan(0);
      expect(officialSchemaFor('v3.0.2')?.version).toBe('v3.0.2');
      expect(officialSchemaFor('v3.0.0')?.version).toBe('v3.0.2');
      expect(officialSchemaFor('v3.1.0')?.version).toBe('v3.1.0');
    });

    describe.each(examples)('official example %s', file => {
      const text = fs.readFileSync(
        path.join(FIXTURES, 'examples', file),
        'utf8',
      );
      const doc = parse(text);
      const official = officialSchemaFor(doc.apiVersion);
      const officiallyValid = official ? official.validate(doc) : false;

      if (officiallyValid) {
        it(`is valid under the official ${
          official!.version
        } schema, and Meshwork reads it whole`, () => {
          const { contract, errors } = parseDataContract(text);
          expect(errors).toEqual([]);
          expect(countModel(contract!)).toEqual(countSource(doc));
          expect(diffDataContracts(contract!, contract!)).toEqual([]);
        });
      } else {
        it(`is invalid under the official ${
          official?.version ?? ''
        } schema; Meshwork still reads it without throwing`, () => {
          expect(official).toBeDefined();
          expect(official!.validate.errors?.length).toBeGreaterThan(0);
          expect(() => parseDataContract(text)).not.toThrow();
        });
      }
    });

    it.each(yamlFiles(CONTRACTS))(
      'Meshwork contract %s is valid under the official schema',
      file => {
        const doc = parse(fs.readFileSync(path.join(CONTRACTS, file), 'utf8'));
        const { validate } = officialSchemaFor(doc.apiVersion)!;
        expect(validate(doc) ? [] : validate.errors).toEqual([]);
      },
    );
  });
}
