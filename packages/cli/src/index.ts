import { Command, CommanderError, Option } from 'commander';
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

/**
 * `--config`, holding `what`; `otherwise`, what applies without one. Given
 * again for each file the backend is given: all are read, not the last.
 */
const config = (what: string, otherwise = '') =>
  new Option(
    '--config <file>',
    `app-config with ${what}; repeat it for each file the backend is given, merged in order as the backend merges them, later files winning, $include, $env and \${VAR} applied (default: ./app-config.yaml if there is one${otherwise})`,
  ).argParser((file: string, files: string[] = []) => [...files, file]);

/** The catalog of `--backend`, if given. */
const catalogOf = (options: { backend?: string }) =>
  options.backend
    ? catalogLookup(options.backend, process.env.MESHWORK_API_TOKEN)
    : undefined;

const program = new Command('meshwork')
  .description(
    'Check Meshwork data products and their contracts before they merge.',
  )
  .addHelpText(
    'after',
    '\nExit status: 1 when it finds a problem (an invalid product, a failing error-severity check, a breaking change), 2 when it cannot run at all (a usage mistake, or an app-config it cannot read, say), else 0.',
  )
  // Commander would exit 1, which means problems found: CI could not tell a
  // misspelt option from an invalid product. Commands inherit it.
  .exitOverride();

program
  .command('validate')
  .description('Validate DataProduct entities and their contracts')
  .argument('<paths...>', 'YAML files or folders')
  .addOption(config("the catalog's kind rules, catalog.rules"))
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
  .addOption(
    config(
      'governance.policies and catalog.rules',
      ', else the built-in policy',
    ),
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
  if (error instanceof CommanderError) {
    // Said on stderr already; --help exits 0, a usage mistake 2.
    process.exitCode = error.exitCode === 0 ? 0 : 2;
    return;
  }
  // Each line its own, escaped: a message may quote a contract or entity.
  for (const line of String(error.message).split('\n')) {
    process.stderr.write(`meshwork: ${printable(line)}\n`);
  }
  process.exitCode = 2;
});
