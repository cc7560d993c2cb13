import { readdirSync } from 'fs';
import path from 'path';

const productsDir = path.resolve(__dirname, '../../../catalog-info/products');

/** How many data products the example mesh registers: one per YAML file. */
export const exampleProductCount = readdirSync(productsDir, { recursive: true })
  .map(String)
  .filter(file => file.endsWith('.yaml')).length;
