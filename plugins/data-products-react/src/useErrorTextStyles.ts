import { lighten, makeStyles } from '@material-ui/core/styles';

/**
 * Error red as text that reads (4.5:1) on the paper of Backstage's light and
 * dark themes: their `error.main`, which `color="error"` uses, is 3.7:1 on
 * white and 2.7:1 on the dark paper; the dark theme's `error.light` is 3.4:1.
 */
export const useErrorTextStyles = makeStyles(theme => ({
  root: {
    color:
      theme.palette.type === 'dark'
        ? lighten(theme.palette.error.main, 0.5)
        : theme.palette.error.dark,
  },
}));
