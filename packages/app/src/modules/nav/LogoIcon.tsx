import { makeStyles } from '@material-ui/core';
import BubbleChartIcon from '@material-ui/icons/BubbleChart';

const useStyles = makeStyles({
  icon: {
    fontSize: 30,
    color: '#7df3e1',
  },
});

/** Meshwork's mark: nodes of a mesh. */
export const LogoIcon = () => {
  const classes = useStyles();
  return <BubbleChartIcon className={classes.icon} titleAccess="Meshwork" />;
};
