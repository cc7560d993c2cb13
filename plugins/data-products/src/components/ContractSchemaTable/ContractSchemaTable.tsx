import {
  Chip,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
} from '@material-ui/core';
import { makeStyles } from '@material-ui/core/styles';
import { WholeWordTable } from '@meshwork/plugin-data-products-react';
import {
  PropertyDefinition,
  SchemaObject,
  schemaFields,
} from '@meshwork/plugin-data-products-common';

const type = (property: PropertyDefinition) =>
  [property.logicalType, property.physicalType].filter(Boolean).join(' / ');

const useStyles = makeStyles(theme => {
  // White on the light theme's `secondary.main` is 4.2:1; its `dark` reads.
  // The dark theme's own pink takes dark text, which reads.
  const { secondary, type: themeType } = theme.palette;
  const background = themeType === 'dark' ? secondary.main : secondary.dark;
  return {
    pii: {
      backgroundColor: background,
      color: theme.palette.getContrastText(background),
    },
  };
});

/**
 * The columns of one schema object of a contract, with the fields of
 * objects and the items of arrays, PII highlighted.
 */
export const ContractSchemaTable = ({ object }: { object: SchemaObject }) => {
  const classes = useStyles();
  return (
    <WholeWordTable size="small" aria-label={`Schema of ${object.name}`}>
      <TableHead>
        <TableRow>
          <TableCell>Column</TableCell>
          <TableCell>Type</TableCell>
          <TableCell>Required</TableCell>
          <TableCell>Primary key</TableCell>
          <TableCell>Classification</TableCell>
          <TableCell>Description</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {schemaFields(object.properties).map(({ path, property }) => (
          <TableRow key={path}>
            <TableCell>
              <code>{path}</code>
            </TableCell>
            <TableCell>{type(property)}</TableCell>
            <TableCell>{property.required ? 'yes' : 'no'}</TableCell>
            <TableCell>
              {property.primaryKey
                ? `yes${
                    property.primaryKeyPosition &&
                    property.primaryKeyPosition > 0
                      ? ` (${property.primaryKeyPosition})`
                      : ''
                  }`
                : ''}
            </TableCell>
            <TableCell>
              {property.isPii ? (
                <Chip
                  size="small"
                  className={classes.pii}
                  label={`PII${
                    property.classification &&
                    property.classification.toLowerCase() !== 'pii'
                      ? ` · ${property.classification}`
                      : ''
                  }`}
                />
              ) : (
                property.classification ?? ''
              )}
            </TableCell>
            <TableCell>{property.description ?? ''}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </WholeWordTable>
  );
};
