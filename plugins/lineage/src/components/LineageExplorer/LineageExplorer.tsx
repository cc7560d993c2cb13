import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  Box,
  FormControl,
  FormControlLabel,
  Grid,
  InputLabel,
  LinearProgress,
  MenuItem,
  Select,
  Switch,
  Typography,
} from '@material-ui/core';
import { Alert, ToggleButton, ToggleButtonGroup } from '@material-ui/lab';
import {
  parseNodeId,
  type LineageGraph,
} from '@meshwork/plugin-lineage-common';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { DatasetOwner, lineageApiRef } from '../../api';
import { undefinedWhenNotFound } from '../../api/undefinedWhenNotFound';
import {
  collapseParentJobs,
  hasParentJobs,
} from '../../graph/collapseParentJobs';
import { mergeGraphs } from '../../graph/mergeGraphs';
import { productNeighbourhood } from '../../graph/productNeighbourhood';
import { spelledOtherwise } from '../../graph/spelledOtherwise';
import { toViewGraph } from '../../graph/toViewGraph';
import type { ViewGraph } from '../../graph/types';
import { LineageGraphCanvas } from '../LineageGraphCanvas';
import { NodeDetailsPanel } from '../NodeDetailsPanel';
import {
  DEPTHS,
  settingsParams,
  useExplorerSettings,
} from './useExplorerSettings';

type DeclaredProduct = { entityRef: string; title: string };

/** Nodes fetched per root at first; expanding a node adds its neighbours. */
const INITIAL_NODES = 500;
/** Beyond this the graph stops growing, so the tab never freezes. */
const MAX_NODES = 2_000;
const EXPANSION_NODES = 200;

type Props = {
  /** `dataset:` or `job:` node ids the graph starts from. */
  roots: string[];
  /** The product the page is about, for the product-level view. */
  productRef?: string;
  /**
   * Products of jobs by `job:` node id, as a product's
   * `meshwork.dev/openlineage-jobs` annotation names them: a job writing
   * no port is labelled with its product too. When not given (the Lineage
   * page), those of the jobs drawn and their parents are asked for.
   */
  declaredJobs?: ReadonlyMap<string, DeclaredProduct>;
  /** Keep the view, depths and edges in the page's address (see useExplorerSettings). */
  settingsInAddress?: boolean;
};

/**
 * Lineage around some datasets or jobs: dataset-level (datasets and jobs)
 * or product-level, with upstream and downstream depth, and nodes that
 * expand on click and show their details.
 */
export const LineageExplorer = ({
  roots,
  productRef,
  declaredJobs,
  settingsInAddress = false,
}: Props) => {
  const lineageApi = useApi(lineageApiRef);
  const catalogApi = useApi(catalogApiRef);
  // Edges off at first: those a job has not been seen on lately are history.
  const [settings, updateSettings] = useExplorerSettings(settingsInAddress);
  const { view, upstreamDepth, downstreamDepth, allEdges } = settings;
  const edgesShown = allEdges ? 'all' : 'current';
  // What the switch says now, for an expansion answered after it moved.
  const edgesNow = useRef(edgesShown);
  edgesNow.current = edgesShown;
  const [expansions, setExpansions] = useState(new Map<string, LineageGraph>());
  // Expansions read with the other edges setting would mix both, whatever
  // changed it (the switch, Back, a link).
  useEffect(() => setExpansions(new Map()), [edgesShown]);
  const [selectedId, setSelectedId] = useState<string>();
  /** Counts nodes opened from the keyboard in a row; 0 after a click. */
  const [panelFocus, setPanelFocus] = useState(0);
  const graphAndPanel = useRef<HTMLDivElement>(null);
  /** Why the last click expanded nothing. */
  const [expansionProblem, setExpansionProblem] = useState<string>();
  // Until the user flips the switch, tasks are grouped only when the page
  // opens their parent job (a DAG opened by name): a product's own jobs
  // stay in sight.
  const [groupTasks, setGroupTasks] = useState<boolean>();
  const [expandedParents, setExpandedParents] = useState(new Set<string>());
  // Dataset owners already asked for, so an expansion asks only for new ones.
  const owners = useRef(new Map<string, DatasetOwner | null>()).current;
  // Likewise the products naming jobs, by `job:` node id, when not given.
  const jobProducts = useRef(new Map<string, DeclaredProduct | null>()).current;

  const base = useAsync(async () => {
    // A root no event has mentioned yet (a port not produced yet) has no
    // graph; the others still do.
    const graphs = await Promise.all(
      roots.map(root =>
        undefinedWhenNotFound(
          lineageApi.graph(root, {
            upstreamDepth,
            downstreamDepth,
            maxNodes: INITIAL_NODES,
            edges: edgesShown,
          }),
        ),
      ),
    );
    return {
      graphs: graphs.filter((g): g is LineageGraph => g !== undefined),
      unseen: roots.filter((_, index) => !graphs[index]),
    };
  }, [
    lineageApi,
    roots.join('\n'),
    upstreamDepth,
    downstreamDepth,
    edgesShown,
  ]);
  const merged = useMemo(
    () =>
      base.value?.graphs.length
        ? mergeGraphs(base.value.graphs, MAX_NODES, [...expansions.values()])
        : undefined,
    [base.value, expansions],
  );
  /**
   * The graph with its datasets' products, and why they could not be read
   * if so: part of the answer, so that an older call answering late cannot
   * set it over a newer one's.
   */
  const datasetGraph = useAsync(async () => {
    if (!merged) return undefined;
    const unknown = merged.nodes.filter(
      n => n.type === 'dataset' && !owners.has(`${n.namespace}\u0000${n.name}`),
    );
    // A task is labelled with the product naming its parent (a DAG).
    const unknownJobs = declaredJobs
      ? []
      : [
          ...new Set(
            merged.nodes.flatMap(n =>
              n.type === 'job' ? [n.id, ...(n.parent ? [n.parent] : [])] : [],
            ),
          ),
        ].filter(id => !jobProducts.has(id));
    // Each answer is kept without the other, and the graph is worth drawing
    // without either (the catalog behind them may be slow or down); what
    // could not be read is asked again next time.
    const [found, declared] = await Promise.allSettled([
      lineageApi.datasetOwners(
        unknown.map(({ namespace, name }) => ({ namespace, name })),
      ),
      unknownJobs.length > 0 ? lineageApi.declaredJobProducts(unknownJobs) : [],
    ]);
    if (found.status === 'fulfilled') {
      unknown.forEach(n => owners.set(`${n.namespace}\u0000${n.name}`, null));
      // Of a dataset two products declare, the first listed labels it.
      found.value.forEach(o => {
        const key = `${o.namespace}\u0000${o.name}`;
        if (!owners.get(key)) owners.set(key, o);
      });
    }
    if (declared.status === 'fulfilled') {
      unknownJobs.forEach(id => jobProducts.set(id, null));
      declared.value.forEach(({ job, product }) => {
        if (!jobProducts.get(job)) jobProducts.set(job, product);
      });
    }
    const failed = [found, declared].find(
      (answer): answer is PromiseRejectedResult => answer.status === 'rejected',
    );
    const ownersProblem: string | undefined = failed?.reason?.message;
    return {
      graph: toViewGraph(
        merged,
        [...owners.values()].filter(isOwner),
        declaredJobs ?? declaredProducts(jobProducts),
      ),
      ownersProblem,
    };
  }, [merged, declaredJobs]);
  const datasetView = datasetGraph.value?.graph;
  const ownersProblem = datasetGraph.value?.ownersProblem;

  const productRoots = useMemo(() => {
    if (productRef) return [productRef];
    const graph = datasetView;
    const rootProducts = graph?.nodes
      .filter(n => n.root && n.product)
      .map(n => n.product!.entityRef);
    return [...new Set(rootProducts ?? [])];
  }, [productRef, datasetView]);
  const productGraph = useAsync(async (): Promise<ViewGraph | undefined> => {
    if (view !== 'product') return undefined;
    const { edges } = await lineageApi.productGraph();
    // Product edges carry refs only: the owners of datasets drawn in the
    // dataset view have their titles, and the catalog titles every product.
    const titles = new Map(
      [...owners.values()]
        .filter(isOwner)
        .map(o => [o.product.entityRef, o.product.title]),
    );
    const refs = [
      ...new Set([
        ...productRoots,
        ...edges.flatMap(e => [e.source, e.target]),
      ]),
    ];
    try {
      const { items } = await catalogApi.getEntitiesByRefs({
        entityRefs: refs,
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.title',
        ],
      });
      refs.forEach((ref, i) => {
        const title = items[i]?.metadata.title;
        if (title) titles.set(ref, title);
      });
    } catch {
      // Without the catalog, products not drawn above show their names.
    }
    return productNeighbourhood(
      edges,
      productRoots,
      upstreamDepth,
      downstreamDepth,
      titles,
    );
  }, [view, productRoots, upstreamDepth, downstreamDepth]);

  const toggleExpand = useCallback(
    async (id: string) => {
      setExpansionProblem(undefined);
      if (expansions.has(id)) {
        const next = new Map(expansions);
        next.delete(id);
        setExpansions(next);
        return;
      }
      if ((merged?.nodes.length ?? 0) >= MAX_NODES) {
        setExpansionProblem(
          `The graph shows as many nodes as it can (${MAX_NODES}): collapse some neighbours or lower the depth to expand others.`,
        );
        return;
      }
      let around: LineageGraph;
      try {
        around = await lineageApi.graph(id, {
          upstreamDepth: 1,
          downstreamDepth: 1,
          maxNodes: EXPANSION_NODES,
          edges: edgesShown,
        });
      } catch (e) {
        if (edgesNow.current !== edgesShown) return;
        setExpansionProblem(
          `Could not expand the neighbours of ${id}: ${
            e instanceof Error ? e.message : e
          }`,
        );
        return;
      }
      if (edgesNow.current !== edgesShown) return;
      setExpansions(current => new Map(current).set(id, around));
    },
    [expansions, lineageApi, merged, edgesShown],
  );

  const parented = datasetView ? hasParentJobs(datasetView) : false;
  // Of the graphs the page asked for, not of expansions: a node clicked
  // does not group the tasks.
  const rootIsParent = Boolean(
    base.value?.graphs.some(g => g.nodes.some(n => n.parent === g.root)),
  );
  const grouping = parented && (groupTasks ?? rootIsParent);
  const shownDatasetGraph = useMemo(
    () =>
      datasetView && grouping
        ? collapseParentJobs(datasetView, expandedParents)
        : datasetView,
    [datasetView, grouping, expandedParents],
  );
  const toggleParent = (id: string) => {
    const next = new Set(expandedParents);
    if (!next.delete(id)) next.add(id);
    setExpandedParents(next);
  };

  const current =
    view === 'product'
      ? productGraph
      : { ...datasetGraph, value: shownDatasetGraph };
  // The product view of a page with no product finds its roots through
  // the dataset graph's owners.
  const rootsFrom =
    view === 'product' && !productRef ? datasetGraph : undefined;
  const loading =
    base.loading || current.loading || Boolean(rootsFrom?.loading);
  // While reloading, the last error is not this load's. The product view
  // of a page with no product has no roots without the owners.
  const rootsProblem =
    rootsFrom && ownersProblem && productRoots.length === 0
      ? new Error(ownersProblem)
      : undefined;
  const error = loading
    ? undefined
    : base.error ?? current.error ?? rootsFrom?.error ?? rootsProblem;
  const unseen = base.value?.unseen ?? [];
  // What lineage knows under another spelling of a root no event named, as
  // a hint: a port or a job annotation must name it as its producer does.
  const otherSpellings = useAsync(async () => {
    const found = await Promise.all(
      unseen.map(async root => {
        const parsed = parseNodeId(root);
        const term = parsed?.candidates[0]?.name;
        if (!term || parsed.type === 'datasetField') return [];
        const results = await lineageApi
          .search(term, parsed.type)
          .catch(() => []);
        return spelledOtherwise(root, results).map(node => ({
          root,
          id: node.id,
        }));
      }),
    );
    return found.flat();
  }, [lineageApi, unseen.join('\n')]);
  const noLineage =
    !loading && view === 'dataset' && base.value?.graphs.length === 0;
  const graph = current.value;
  const selected = graph?.nodes.find(n => n.id === selectedId);
  const onNodeClick = (id: string, { keyboard }: { keyboard: boolean }) => {
    setSelectedId(id);
    // From the keyboard, into the panel; a click leaves focus where it is.
    setPanelFocus(request => (keyboard ? request + 1 : 0));
    const collapsed = graph?.nodes.find(n => n.id === id)?.tasks;
    if (view === 'dataset' && !collapsed && !expansions.has(id)) {
      toggleExpand(id);
    }
  };

  return (
    <Box display="flex" flexDirection="column" style={{ gap: 12 }}>
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        style={{ gap: 16 }}
      >
        <ToggleButtonGroup
          exclusive
          size="small"
          value={view}
          onChange={(_e, value) => {
            if (value) {
              updateSettings({ view: value });
              setSelectedId(undefined);
            }
          }}
          aria-label="Lineage level"
        >
          <ToggleButton value="dataset">Datasets and jobs</ToggleButton>
          <ToggleButton value="product">Data products</ToggleButton>
        </ToggleButtonGroup>
        <DepthSelect
          label="Upstream depth"
          value={upstreamDepth}
          onChange={depth => updateSettings({ upstreamDepth: depth })}
        />
        <DepthSelect
          label="Downstream depth"
          value={downstreamDepth}
          onChange={depth => updateSettings({ downstreamDepth: depth })}
        />
        {view === 'dataset' && (
          <FormControlLabel
            control={
              <Switch
                size="small"
                color="primary"
                checked={allEdges}
                onChange={(_e, checked) =>
                  updateSettings({ allEdges: checked })
                }
                inputProps={{ 'aria-label': 'Show edges no longer seen' }}
              />
            }
            label="Show edges no longer seen"
          />
        )}
        {view === 'dataset' && parented && (
          <FormControlLabel
            control={
              <Switch
                size="small"
                color="primary"
                checked={grouping}
                onChange={(_e, checked) => setGroupTasks(checked)}
                inputProps={{ 'aria-label': 'Group tasks by parent job' }}
              />
            }
            label="Group tasks by parent job"
          />
        )}
        {graph && (
          <Typography variant="body2" color="textSecondary">
            {`${counted(graph.nodes.length, 'node')}, ${counted(
              graph.edges.length,
              'edge',
            )}`}
          </Typography>
        )}
      </Box>
      {view === 'dataset' && merged?.truncated && (
        <Alert severity="info">
          The graph was cut at {counted(merged.nodes.length, 'node')}. Lower the
          depth, or click a node to expand its neighbours.
        </Alert>
      )}
      {view === 'product' &&
        productRoots.length === 0 &&
        graph &&
        !loading &&
        !error && (
          <Alert severity="info">
            No data product owns these datasets, so there is no product view.
          </Alert>
        )}
      {view === 'dataset' && unseen.length > 0 && !loading && (
        <Alert severity="info">
          No lineage yet for {unseen.join(', ')}: no OpenLineage event has named{' '}
          {unseen.length === 1 ? 'it' : 'them'}.
          {otherSpellings.value?.map(({ root, id }) => (
            <Typography key={`${root}\n${id}`} variant="body2">
              Lineage has {id}, spelled otherwise than {root}: name it as its
              producer reports it.
            </Typography>
          ))}
        </Alert>
      )}
      {view === 'dataset' && expansionProblem && (
        <Alert severity="warning">{expansionProblem}</Alert>
      )}
      {view === 'dataset' && ownersProblem && (
        <Alert severity="warning">
          Drawn without the data products of some of its datasets or jobs, which
          could not be read: {ownersProblem}
        </Alert>
      )}
      {error && <ResponseErrorPanel error={error} />}
      {loading && graph && <LinearProgress aria-label="Updating the graph" />}
      {!graph && !error && !noLineage && <Progress />}
      {graph && !noLineage && (
        <Grid container spacing={2} ref={graphAndPanel}>
          <Grid item xs={12} md={selected ? 8 : 12}>
            <LineageGraphCanvas
              graph={graph}
              selectedId={selectedId}
              onNodeClick={onNodeClick}
            />
          </Grid>
          {selected && (
            <Grid item xs={12} md={4}>
              <NodeDetailsPanel
                node={selected}
                pageSettings={settingsParams(settings).toString()}
                expanded={expansions.has(selected.id)}
                onToggleExpand={
                  view === 'dataset' && !selected.tasks
                    ? () => toggleExpand(selected.id)
                    : undefined
                }
                onExpandTasks={
                  view === 'dataset' && selected.tasks
                    ? () => toggleParent(selected.id)
                    : undefined
                }
                onCollapseIntoParent={
                  view === 'dataset' &&
                  grouping &&
                  selected.parent &&
                  expandedParents.has(selected.parent)
                    ? () => {
                        toggleParent(selected.parent!);
                        setSelectedId(selected.parent);
                      }
                    : undefined
                }
                focusRequest={panelFocus}
                onClose={() => {
                  setSelectedId(undefined);
                  // Back to the node the panel was of, not to the page's
                  // start, as the panel and its Close button go.
                  focusNode(graphAndPanel.current, selected.id);
                }}
                productProblem={ownersProblem}
              />
            </Grid>
          )}
        </Grid>
      )}
    </Box>
  );
};

/** The jobs found named by a product, without those found named by none. */
function declaredProducts(
  found: ReadonlyMap<string, DeclaredProduct | null>,
): Map<string, DeclaredProduct> {
  return new Map(
    [...found].flatMap(([job, product]) => (product ? [[job, product]] : [])),
  );
}

/** Focuses the graph's node `id` under `container`, if drawn. */
function focusNode(container: HTMLElement | null, id: string) {
  const node = Array.from(
    container?.querySelectorAll<HTMLElement>('[data-node-id]') ?? [],
  ).find(element => element.dataset.nodeId === id);
  // The pane is panned by React Flow, not scrolled.
  node?.focus({ preventScroll: true });
}

/** "1 node", "2 nodes". */
function counted(count: number, noun: string) {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function isOwner(owner: DatasetOwner | null): owner is DatasetOwner {
  return owner !== null;
}

function DepthSelect(props: {
  label: string;
  value: number;
  onChange: (depth: number) => void;
}) {
  const id = `lineage-${props.label.replace(/\s/g, '-').toLowerCase()}`;
  return (
    <FormControl size="small" style={{ minWidth: 140 }}>
      <InputLabel id={id}>{props.label}</InputLabel>
      <Select
        labelId={id}
        value={props.value}
        onChange={event => props.onChange(Number(event.target.value))}
        inputProps={{ 'aria-label': props.label }}
      >
        {DEPTHS.map(depth => (
          <MenuItem key={depth} value={depth}>
            {depth}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}
