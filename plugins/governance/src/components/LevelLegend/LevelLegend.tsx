import { Box, Typography } from '@material-ui/core';
import { LEVEL_MEANINGS, levels } from '@meshwork/plugin-governance-common';

// Best level first, as the distribution bar reads.
const LEVELS_BEST_FIRST = [...levels].reverse();

/**
 * What each level means: set by the strongest severity that fails, not by
 * the score, so that a 92 at none and an 89 at bronze read as they are.
 */
export function LevelLegend() {
  return (
    <Box component="ul" aria-label="What the levels mean" m={0} mt={2} pl={2}>
      {LEVELS_BEST_FIRST.map(level => (
        <Typography
          key={level}
          component="li"
          variant="caption"
          color="textSecondary"
          display="block"
        >
          {level}: {LEVEL_MEANINGS[level]}
        </Typography>
      ))}
    </Box>
  );
}
