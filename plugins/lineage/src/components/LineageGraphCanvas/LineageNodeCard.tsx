import { Handle, NodeProps, Position, type Node } from '@xyflow/react';
import { makeStyles, Typography } from '@material-ui/core';
import { memo, useId } from 'react';
import { taskCount } from '../../graph/collapseParentJobs';
import { NODE_HEIGHT, NODE_WIDTH } from '../../graph/layoutGraph';
import { nodeKind } from '../../graph/nodeKind';
import { shortNodeLabel } from '../../graph/shortNodeLabel';
import type { ViewNode } from '../../graph/types';

export type LineageFlowNode = Node<
  {
    view: ViewNode;
    selected: boolean;
    open: (how: { keyboard: boolean }) => void;
  },
  'lineage'
>;

/** A streaming job, service or stream is named so, by its type. */
const kindLabel = (view: ViewNode) =>
  view.kind === 'product'
    ? 'Data product'
    : nodeKind(view.kind, view.marquezType).label;

/**
 * The characters of a name a card shows in bold: about what fits a job's
 * card, the narrower (its rounded ends take more padding).
 */
const LABEL_LENGTH = 22;

const useStyles = makeStyles(theme => ({
  node: {
    width: NODE_WIDTH,
    height: NODE_HEIGHT,
    boxSizing: 'border-box',
    padding: theme.spacing(0.5, 1),
    background: theme.palette.background.paper,
    border: `2px solid`,
    overflow: 'hidden',
    cursor: 'pointer',
  },
  dataset: { borderColor: theme.palette.primary.main, borderRadius: 4 },
  job: {
    borderColor: theme.palette.warning.main,
    borderRadius: NODE_HEIGHT / 2,
    paddingLeft: theme.spacing(2),
    paddingRight: theme.spacing(2),
  },
  product: {
    borderColor: theme.palette.secondary.main,
    borderWidth: 3,
    borderRadius: 10,
  },
  root: { boxShadow: `0 0 0 3px ${theme.palette.action.selected}` },
  selected: { boxShadow: `0 0 0 3px ${theme.palette.info.main}` },
  line: {
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    lineHeight: 1.3,
  },
}));

/** A dataset, job or product: the shape and colour say which. */
export const LineageNodeCard = memo(({ data }: NodeProps<LineageFlowNode>) => {
  const classes = useStyles();
  const { view, selected, open } = data;
  // A product's detail is its ref; a dataset's or job's, its namespace.
  const title =
    view.kind === 'product'
      ? `${kindLabel(view)} ${view.label} (${view.detail})`
      : `${kindLabel(view)} ${view.detail}/${view.label}`;
  const descriptionId = useId();
  // The title, which a description replaces, and what the outline and the
  // product line show the eye; the name is what the card shows.
  const description = [
    title,
    view.root && 'starting point of the lineage',
    view.product && `in data product ${view.product.title}`,
  ]
    .filter(Boolean)
    .join(', ');
  const className = [
    classes.node,
    classes[view.kind],
    view.root ? classes.root : '',
    selected ? classes.selected : '',
  ].join(' ');
  return (
    <div
      className={className}
      data-testid="lineage-node"
      data-kind={view.kind}
      data-node-id={view.id}
      aria-label={nameOf(view)}
      aria-describedby={descriptionId}
      // As a click opens it: the graph's own key handling does not.
      role="button"
      aria-pressed={selected}
      tabIndex={0}
      onKeyDown={event => {
        if ((event.key === 'Enter' || event.key === ' ') && !event.repeat) {
          event.preventDefault();
          open({ keyboard: true });
        }
      }}
      title={title}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <span id={descriptionId} hidden>
        {description}
      </span>
      <Typography variant="caption" color="textSecondary" component="div">
        {kindLabel(view)}
      </Typography>
      <Typography variant="body2" className={classes.line}>
        {/* A product's title reads from its start; a name's end is what
            tells it from its neighbours'. */}
        <b>
          {view.kind === 'product'
            ? view.label
            : shortNodeLabel(view.label, LABEL_LENGTH)}
        </b>
      </Typography>
      {view.tasks && (
        <Typography variant="caption" component="div" className={classes.line}>
          {taskCount(view.tasks)}
          {view.product && ` · ▣ ${view.product.title}`}
        </Typography>
      )}
      {view.kind !== 'product' && !view.tasks && (
        <Typography
          variant="caption"
          component="div"
          className={classes.line}
          color={view.product ? 'secondary' : 'textSecondary'}
        >
          {view.product ? `▣ ${view.product.title}` : view.detail}
        </Typography>
      )}
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
});

/**
 * The node's kind and name, then its tasks and product as the card shows
 * them, so that speech input can name a node by what it reads. The
 * product's mark is said in words: screen readers would spell ▣ out.
 */
function nameOf(view: ViewNode): string {
  const product = view.product && `${view.product.title} (data product)`;
  return [
    `${kindLabel(view)} ${view.label}`,
    view.tasks && taskCount(view.tasks),
    product,
  ]
    .filter(Boolean)
    .join(', ');
}
