import { Box, Typography } from '@material-ui/core';
import { useErrorTextStyles } from '@meshwork/plugin-data-products-react';

/** Why a table shows check ids where their titles belong, if it does. */
export function CheckTitlesWarning(props: { error?: Error }) {
  const { error } = props;
  const errorText = useErrorTextStyles();
  if (!error) return null;
  return (
    <Box px={2} py={1}>
      <Typography variant="body2" className={errorText.root}>
        {`Check titles could not be loaded: ${error.message}`}
      </Typography>
    </Box>
  );
}
