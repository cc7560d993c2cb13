import { getCompoundEntityRef } from '@backstage/catalog-model';
import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  Box,
  Chip,
  List,
  ListItem,
  ListItemText,
  Typography,
} from '@material-ui/core';
import { formatTime } from '@meshwork/plugin-data-products-common';
import {
  describeLevel,
  type ScorecardCheck,
} from '@meshwork/plugin-governance-common';
import useAsync from 'react-use/esm/useAsync';
import { governanceApiRef } from '../../api';
import {
  cardTitleAsHeading,
  useErrorTextStyles,
} from '@meshwork/plugin-data-products-react';

const STATUS_LABELS: Record<ScorecardCheck['status'], string> = {
  fail: 'Fails',
  unknown: 'Unknown',
  exempt: 'Exempt',
  pass: 'Passes',
};

/**
 * A product's governance scorecard: score and level, and why it has that
 * level, then its checks by
 * category with what fails first, each failure with how to fix it.
 */
export function GovernanceScorecardCard() {
  const { entity } = useEntity();
  const governanceApi = useApi(governanceApiRef);
  const errorText = useErrorTextStyles();
  const scorecard = useAsync(
    () => governanceApi.getScorecard(getCompoundEntityRef(entity)),
    [governanceApi, entity],
  );
  let content;
  if (scorecard.loading) {
    content = <Progress />;
  } else if (scorecard.error) {
    content = <ResponseErrorPanel error={scorecard.error} />;
  } else if (!scorecard.value) {
    content = (
      <EmptyState
        missing="data"
        title="Not scored yet"
        description="The governance backend scores every product on a schedule; this one has not had its turn."
      />
    );
  } else {
    const { score, level, checks, evaluatedAt, problems } = scorecard.value;
    const categories = [...new Set(checks.map(check => check.category))];
    content = (
      <>
        <Box display="flex" alignItems="center" style={{ gap: 12 }} mb={1}>
          <Typography variant="h4" component="p">
            {score}
            <Typography variant="body2" component="span">
              {' '}
              / 100
            </Typography>
          </Typography>
          <Chip label={level} aria-label={`Level ${level}`} />
          <Typography variant="caption" color="textSecondary">
            Evaluated {formatTime(evaluatedAt)}
          </Typography>
        </Box>
        {/* The level follows the strongest failing severity, not the score. */}
        <Typography variant="body2" paragraph>
          Level {describeLevel({ level, checks })}
        </Typography>
        {problems?.map(problem => (
          <Box key={problem} mb={1}>
            <WarningPanel
              title="Not scored as configured"
              message={problem}
              defaultExpanded
            />
          </Box>
        ))}
        {categories.map(category => (
          <Box key={category} mb={1}>
            <Typography variant="overline">{category}</Typography>
            <List disablePadding aria-label={`${category} checks`}>
              {checks
                .filter(check => check.category === category)
                .map(check => (
                  <ListItem key={check.id} disableGutters>
                    <ListItemText
                      primary={`${STATUS_LABELS[check.status]}: ${
                        check.title
                      } (${check.severity})`}
                      secondary={
                        check.status === 'fail'
                          ? `${check.message} Fix: ${check.remediation}`
                          : check.message
                      }
                      primaryTypographyProps={
                        check.status === 'fail'
                          ? { className: errorText.root }
                          : { color: 'textPrimary' }
                      }
                    />
                  </ListItem>
                ))}
            </List>
          </Box>
        ))}
      </>
    );
  }
  return (
    <InfoCard
      title="Governance scorecard"
      titleTypographyProps={cardTitleAsHeading}
    >
      {content}
    </InfoCard>
  );
}
