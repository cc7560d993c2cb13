import { Box, Typography } from '@material-ui/core';

/** Why a table shows check ids where their titles belong, if it does. */
export function CheckTitlesWarning(props: { error?: Error }) {
  const { error } = props;
  if (!error) return null;
  return (
    <Box px={2} py={1}>
      <Typography variant="body2" color="error">
        {`Check titles could not be loaded: ${error.message}`}
      </Typography>
    </Box>
  );
}
