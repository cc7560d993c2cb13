import { count } from './count';
import path from 'path';
import { CatalogLookup } from '../mesh/catalogLookup';
import { describeMeshError, MeshError } from '../mesh/loadMesh';
import { catalogRulesOf } from '../mesh/catalogRules';
import { readAppConfig } from '../mesh/readAppConfig';
import { validateMesh } from '../mesh/validateMesh';

/** `meshwork validate <paths…>`: exit 0 when every product is valid, 1 otherwise. */
export async function validate(
  targets: string[],
  options: {
    format: 'text' | 'json';
    catalog?: CatalogLookup;
    config?: string[];
  },
): Promise<number> {
  // The catalog's kind rules, where the platform's app-config is at hand.
  const catalogRules = catalogRulesOf(await readAppConfig(options.config));
  const { products, contracts, errors, notes } = await validateMesh(targets, {
    ...options,
    catalogRules,
  });
  const relative = (error: MeshError) => ({
    ...error,
    file: path.relative(process.cwd(), error.file) || error.file,
  });
  const shown = errors.map(relative);
  for (const note of notes.map(relative)) {
    process.stderr.write(`meshwork: ${describeMeshError(note)}\n`);
  }
  if (options.format === 'json') {
    process.stdout.write(
      `${JSON.stringify(
        { valid: errors.length === 0, errors: shown },
        null,
        2,
      )}\n`,
    );
  } else {
    for (const error of shown) {
      process.stdout.write(`${describeMeshError(error)}\n`);
    }
    process.stderr.write(
      errors.length === 0
        ? `${[
            count(products.length, 'data product'),
            ...(contracts ? [count(contracts, 'contract')] : []),
          ].join(' and ')} valid\n`
        : `${count(errors.length, 'problem')} found\n`,
    );
  }
  return errors.length === 0 ? 0 : 1;
}
