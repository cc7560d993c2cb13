import { EmptyState, InfoCard, WarningPanel } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  Box,
  Button,
  Grid,
  List,
  ListItem,
  ListItemText,
  Typography,
} from '@material-ui/core';
import GetAppIcon from '@material-ui/icons/GetApp';
import {
  DataContract,
  DataProductEntityV1alpha1,
  OutputPort,
  parseDataContract,
  QualityRule,
  schemaFields,
} from '@meshwork/plugin-data-products-common';
import { stringify } from 'yaml';
import { ContractSchemaTable } from '../ContractSchemaTable';
import { cardTitleAsHeading } from '@meshwork/plugin-data-products-react';

/** A rule's name, thresholds (in its unit), arguments and description. */
function describeRule(rule: QualityRule): string {
  const what = rule.name ?? rule.metric ?? rule.rule ?? rule.type ?? 'rule';
  const thresholds = Object.entries(rule.thresholds)
    .map(
      ([key, value]) =>
        `${key} ${JSON.stringify(value)}${rule.unit ? ` ${rule.unit}` : ''}`,
    )
    .join(', ');
  // ODCS v3.1 library metrics take arguments (`validValues`, say).
  const args = rule.extensions.arguments;
  let argumentsText: string | undefined;
  if (Array.isArray(args)) argumentsText = JSON.stringify(args);
  else if (args && typeof args === 'object') {
    argumentsText = Object.entries(args)
      .map(([key, value]) => `${key} ${JSON.stringify(value)}`)
      .join(', ');
  }
  return [what, thresholds, argumentsText, rule.description]
    .filter(Boolean)
    .join(' — ');
}

/** Code shown as written: SQL, or a custom rule's engine-specific check. */
function CodeBlock({ code }: { code: string }) {
  return (
    <Box component="pre" m={0} style={{ whiteSpace: 'pre-wrap' }}>
      <code>{code}</code>
    </Box>
  );
}

/** Where a rule applies, how it is classed and run, and its code. */
function ruleDetails(where: string, rule: QualityRule) {
  // A custom rule's check, in its engine's terms (ODCS `implementation`).
  const implementation = rule.extensions.implementation;
  const classed = [
    where,
    rule.dimension,
    rule.severity && `severity ${rule.severity}`,
    rule.engine && `run by ${rule.engine}`,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <>
      {classed}
      {rule.query && <CodeBlock code={rule.query} />}
      {implementation !== undefined && (
        <CodeBlock
          code={
            typeof implementation === 'string'
              ? implementation
              : stringify(implementation)
          }
        />
      )}
    </>
  );
}

function downloadHref(document: unknown): string {
  return `data:application/yaml;charset=utf-8,${encodeURIComponent(
    stringify(document),
  )}`;
}

function ContractView(props: {
  port: OutputPort;
  contract: DataContract;
  document: unknown;
}) {
  const { port, contract, document } = props;
  const rules = contract.schema.flatMap(object => [
    ...object.quality.map(rule => ({ where: object.name, rule })),
    ...schemaFields(object.properties).flatMap(({ path, property }) =>
      property.quality.map(rule => ({ where: `${object.name}.${path}`, rule })),
    ),
  ]);
  return (
    <>
      <Box display="flex" alignItems="center" style={{ gap: 16 }} mb={1}>
        <Typography>
          Contract <strong>{contract.name ?? contract.id}</strong> version{' '}
          {contract.version}, status {contract.status} (ODCS{' '}
          {contract.apiVersion})
        </Typography>
        <Button
          size="small"
          variant="outlined"
          startIcon={<GetAppIcon />}
          href={downloadHref(document)}
          download={`${port.name}.odcs.yaml`}
        >
          Download YAML
        </Button>
      </Box>
      {contract.schema.length === 0 && (
        <WarningPanel title="No schema">
          This contract declares no schema: consumers have no agreed columns.
        </WarningPanel>
      )}
      {contract.schema.map(object => (
        <Box key={object.name} mb={2}>
          <Typography variant="subtitle1" component="h3">
            {object.name}
            {object.physicalType ? ` (${object.physicalType})` : ''}
          </Typography>
          {object.description && (
            <Typography color="textSecondary">{object.description}</Typography>
          )}
          <ContractSchemaTable object={object} />
        </Box>
      ))}
      <Grid container spacing={2}>
        <Grid item xs={12} md={6}>
          <Typography variant="subtitle2" component="h3">
            Quality rules
          </Typography>
          {rules.length ? (
            <List aria-label={`Quality rules of ${port.name}`}>
              {rules.map(({ where, rule }, index) => (
                <ListItem key={index}>
                  <ListItemText
                    primary={describeRule(rule)}
                    secondary={ruleDetails(where, rule)}
                    secondaryTypographyProps={{ component: 'div' }}
                  />
                </ListItem>
              ))}
            </List>
          ) : (
            <Typography color="textSecondary">No quality rules.</Typography>
          )}
        </Grid>
        <Grid item xs={12} md={6}>
          <Typography variant="subtitle2" component="h3">
            SLA properties
          </Typography>
          {contract.slaProperties.length ? (
            <List aria-label={`SLA properties of ${port.name}`}>
              {contract.slaProperties.map((sla, index) => (
                <ListItem key={index}>
                  <ListItemText
                    primary={`${sla.property}: ${sla.value}${
                      sla.unit ? ` ${sla.unit}` : ''
                    }${
                      sla.valueExt === undefined
                        ? ''
                        : ` (extended: ${JSON.stringify(sla.valueExt)})`
                    }`}
                    secondary={[
                      sla.element,
                      sla.driver && `driver ${sla.driver}`,
                      sla.description,
                    ]
                      .filter(Boolean)
                      .join(' — ')}
                  />
                </ListItem>
              ))}
            </List>
          ) : (
            <Typography color="textSecondary">No SLA properties.</Typography>
          )}
        </Grid>
      </Grid>
    </>
  );
}

function PortCard({ port }: { port: OutputPort }) {
  const document = port.contract;
  const parsed =
    document && typeof document === 'object'
      ? parseDataContract(document)
      : undefined;
  return (
    <InfoCard
      title={`Output port: ${port.name}`}
      titleTypographyProps={cardTitleAsHeading}
      subheader={`${port.type} · ${port.dataset?.namespace ?? ''} ${
        port.dataset?.name ?? ''
      }`}
    >
      {port.description && (
        <Typography paragraph>{port.description}</Typography>
      )}
      {!document && (
        <WarningPanel title="No contract">
          Consumers of this port have no agreed schema, quality or SLA.
        </WarningPanel>
      )}
      {typeof document === 'string' && (
        <WarningPanel title="Contract not loaded">
          The catalog could not read {document}; see this entity's processing
          errors.
        </WarningPanel>
      )}
      {parsed && !parsed.contract && (
        // Stored before a stricter check: the catalog keeps the last entity
        // it processed, so the contract it holds may no longer parse.
        <WarningPanel title="Contract not valid">
          <ul>
            {parsed.errors.slice(0, 20).map(error => (
              <li key={`${error.path}: ${error.message}`}>
                {error.path ? `${error.path}: ` : ''}
                {error.message}
              </li>
            ))}
          </ul>
        </WarningPanel>
      )}
      {parsed?.contract && (
        <ContractView
          port={port}
          contract={parsed.contract}
          document={document}
        />
      )}
    </InfoCard>
  );
}

/** Every output port of a product with its ODCS contract. */
export const DataProductContractsContent = () => {
  const { entity } = useEntity<DataProductEntityV1alpha1>();
  const ports = entity.spec.outputPorts ?? [];
  if (ports.length === 0) {
    return <EmptyState missing="data" title="No output ports" />;
  }
  return (
    <Grid container spacing={3}>
      {ports.map(port => (
        <Grid item xs={12} key={port.name}>
          <PortCard port={port} />
        </Grid>
      ))}
    </Grid>
  );
};
