import { Box, makeStyles, Typography } from '@material-ui/core';
import { type Level, levels } from '@meshwork/plugin-governance-common';

// Best level first, as people read a leaderboard.
const LEVELS_BEST_FIRST = [...levels].reverse();

const useStyles = makeStyles(theme => ({
  bar: {
    display: 'flex',
    height: 12,
    minWidth: 120,
    borderRadius: 6,
    overflow: 'hidden',
    backgroundColor: theme.palette.action.hover,
  },
  gold: { backgroundColor: '#d4af37' },
  silver: { backgroundColor: '#a8a9ad' },
  bronze: { backgroundColor: '#cd7f32' },
  none: { backgroundColor: theme.palette.grey[500] },
}));

/** How many products are at each level: a stacked bar, then the counts in words. */
export function LevelDistributionBar(props: { levels: Record<Level, number> }) {
  const classes = useStyles();
  const counts = LEVELS_BEST_FIRST.map(level => ({
    level,
    count: props.levels[level] ?? 0,
  }));
  const total = counts.reduce((sum, { count }) => sum + count, 0);
  const summary = counts.map(({ level, count }) => `${level} ${count}`);
  return (
    <Box>
      <div
        className={classes.bar}
        role="img"
        aria-label={`Levels: ${summary.join(', ')}`}
      >
        {total > 0 &&
          counts
            .filter(({ count }) => count > 0)
            .map(({ level, count }) => (
              <div
                key={level}
                className={classes[level]}
                style={{ width: `${(count / total) * 100}%` }}
              />
            ))}
      </div>
      <Typography variant="caption" color="textSecondary">
        {summary.join(' · ')}
      </Typography>
    </Box>
  );
}
