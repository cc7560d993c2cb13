import {
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import { Box } from '@material-ui/core';
import type { ReactNode } from 'react';

const LIGHTS = {
  ok: StatusOK,
  error: StatusError,
  warning: StatusWarning,
  pending: StatusPending,
};

/**
 * A status light and the words saying it. Backstage's status components
 * hide all they hold from assistive technology, words too, so the words
 * go beside the light, where screen readers read them, not inside it.
 */
export const StatusLabel = (props: {
  status: keyof typeof LIGHTS;
  children: ReactNode;
}) => {
  const Light = LIGHTS[props.status];
  return (
    // Laid out and weighted as Backstage's status lays out its own words.
    <Box
      component="span"
      display="inline-flex"
      alignItems="baseline"
      fontWeight="fontWeightMedium"
    >
      <Light />
      {props.children}
    </Box>
  );
};
