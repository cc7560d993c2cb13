import {
  Background,
  Controls,
  Edge,
  MarkerType,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  useStore,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useTheme } from '@material-ui/core';
import { useEffect, useMemo, useRef } from 'react';
import { layoutGraph, NODE_HEIGHT, NODE_WIDTH } from '../../graph/layoutGraph';
import type { ViewGraph } from '../../graph/types';
import { LineageFlowNode, LineageNodeCard } from './LineageNodeCard';

const nodeTypes = { lineage: LineageNodeCard };

/** The zoom at which a node's 14 px label still reads as 10 px. */
const READABLE_ZOOM = 0.7;
/**
 * Up to this many nodes all are rendered, in view or not, so that panning
 * shows them at once; only larger graphs render just the nodes in view.
 */
const RENDER_ALL_NODES = 300;
/** React Flow's default margin around a fitted graph. */
const FIT_PADDING = 0.1;

type Props = {
  graph: ViewGraph;
  selectedId?: string;
  onNodeClick: (id: string) => void;
  height?: number;
};

/**
 * The lineage graph, left to right, with zoom, pan and fit. It
 * takes the window's height, at least `height`. A graph too large to read
 * whole opens at a readable zoom around the selected or starting node.
 */
export const LineageGraphCanvas = (props: Props) => (
  <ReactFlowProvider>
    <Canvas {...props} />
  </ReactFlowProvider>
);

function Canvas({ graph, selectedId, onNodeClick, height = 560 }: Props) {
  const theme = useTheme();
  const { fitView } = useReactFlow();
  const paneWidth = useStore(s => s.width);
  const paneHeight = useStore(s => s.height);
  // The latest handler, without drawing every node again when it changes.
  const clicked = useRef(onNodeClick);
  clicked.current = onNodeClick;
  // Selecting a node keeps the view; a new graph centres on the selection.
  const focusId = useRef(selectedId);
  focusId.current = selectedId;
  const positions = useMemo(
    () => layoutGraph(graph.nodes, graph.edges),
    [graph],
  );
  const nodes: LineageFlowNode[] = useMemo(
    () =>
      graph.nodes.map(view => ({
        id: view.id,
        type: 'lineage',
        position: positions.get(view.id)!,
        data: {
          view,
          selected: view.id === selectedId,
          open: () => clicked.current(view.id),
        },
        draggable: false,
        connectable: false,
      })),
    [graph, positions, selectedId],
  );
  const edges: Edge[] = useMemo(
    () =>
      graph.edges.map(edge => ({
        id: `${edge.source}>${edge.target}`,
        source: edge.source,
        target: edge.target,
        markerEnd: { type: MarkerType.ArrowClosed },
        style: {
          stroke: theme.palette.text.secondary,
          strokeDasharray: edge.dashed ? '6 4' : undefined,
        },
      })),
    [graph, theme],
  );
  const size = useMemo(() => graphSize(positions), [positions]);
  useEffect(() => {
    if (!paneWidth || !paneHeight) return undefined;
    // New nodes after an expansion or a depth change: show them all if
    // they can be read, else read around the focus and pan to the rest.
    const wholeZoom = Math.min(
      paneWidth / (size.width * (1 + 2 * FIT_PADDING)),
      paneHeight / (size.height * (1 + 2 * FIT_PADDING)),
    );
    const focus =
      graph.nodes.find(n => n.id === focusId.current) ??
      graph.nodes.find(n => n.root);
    const frame = requestAnimationFrame(() =>
      fitView(
        wholeZoom >= READABLE_ZOOM || !focus
          ? { duration: 200, minZoom: READABLE_ZOOM, maxZoom: 1 }
          : {
              duration: 200,
              nodes: [{ id: focus.id }],
              minZoom: READABLE_ZOOM,
              maxZoom: READABLE_ZOOM,
            },
      ),
    );
    return () => cancelAnimationFrame(frame);
  }, [graph, size, paneWidth, paneHeight, fitView]);

  return (
    <div
      // The window's height less the page header above the graph.
      style={{ height: `max(${height}px, calc(100vh - 200px))`, width: '100%' }}
      role="figure"
      aria-label="Lineage graph"
      data-node-count={graph.nodes.length}
    >
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodeClick={(_event, node) => onNodeClick(node.id)}
        onlyRenderVisibleElements={graph.nodes.length > RENDER_ALL_NODES}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        // Each node's card is the one focusable part: a button.
        nodesFocusable={false}
        edgesFocusable={false}
        minZoom={0.05}
      >
        <Background />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}

/** The width and height the laid-out nodes span. */
function graphSize(positions: Map<string, { x: number; y: number }>) {
  const xs = [...positions.values()].map(p => p.x);
  const ys = [...positions.values()].map(p => p.y);
  return {
    width: Math.max(...xs) - Math.min(...xs) + NODE_WIDTH,
    height: Math.max(...ys) - Math.min(...ys) + NODE_HEIGHT,
  };
}
