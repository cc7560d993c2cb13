import { Command, Option } from 'commander';
import { check } from './commands/check';
import { diff } from './commands/diff';
import { validate } from './commands/validate';
import { catalogLookup } from './mesh/catalogLookup';
import { exemptionLookup } from './mesh/exemptionLookup';
import { printable } from './mesh/printable';

const format = new Option('--format <format>', 'output format')
  .choices(['text', 'json'])
  .default('text');

const backend = new Option(
  '--backend <url>',
  "a Meshwork backend whose catalog holds what the paths do not (the products' owners, domains and upstream products), and whose exemptions check applies, read as MESHWORK_API_TOKEN",
);

/** The catalog of `--backend`, if given. */
const catalogOf = (options: { backend?: string }) =>
  options.backend
    ? catalogLookup(options.backend, process.env.MESHWORK_API_TOKEN)
    : undefined;

const program = new Command('meshwork').description(
  'Check Meshwork data products and their contracts before they merge.',
);

program
  .command('validate')
  .description('Validate DataProduct entities and their contracts')
  .argument('<paths...>', 'YAML files or folders')
  .option(
    '--config <file>',
    "app-config with the catalog's kind rules, catalog.rules (default: ./app-config.yaml if there is one)",
  )
  .addOption(format)
  .addOption(backend)
  .action(async (paths: string[], options) => {
    process.exitCode = await validate(paths, {
      ...options,
      catalog: catalogOf(options),
    });
  });

program
  .command('diff')
  .description('Report changes, breaking first, between two contract versions')
  .argument('<old-contract>')
  .argument('<new-contract>')
  .option('--catalog <folder>', 'find the downstream products it affects')
  .addOption(format)
  .action(async (oldFile: string, newFile: string, options) => {
    process.exitCode = await diff(oldFile, newFile, options);
  });

program
  .command('check')
  .description(
    'Run the governance checks that need no runtime data, under the global and domain policies',
  )
  .argument('<paths...>', 'YAML files or folders')
  .option(
    '--config <file>',
    'app-config with governance.policies and catalog.rules (default: ./app-config.yaml if there is one, else the built-in policy)',
  )
  .addOption(
    new Option('--format <format>', 'output format')
      .choices(['text', 'json', 'junit'])
      .default('text'),
  )
  .addOption(backend)
  .action(async (paths: string[], options) => {
    process.exitCode = await check(paths, {
      ...options,
      catalog: catalogOf(options),
      exemptions: options.backend
        ? exemptionLookup(options.backend, process.env.MESHWORK_API_TOKEN)
        : undefined,
    });
  });

program.parseAsync(process.argv).catch(error => {
  // Each line its own, escaped: a message may quote a contract or entity.
  for (const line of String(error.message).split('\n')) {
    process.stderr.write(`meshwork: ${printable(line)}\n`);
  }
  process.exitCode = 2;
});
