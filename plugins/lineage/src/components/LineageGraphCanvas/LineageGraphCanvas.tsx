import {
  Background,
  Controls,
  Edge,
  getViewportForBounds,
  MarkerType,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  useStore,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useTheme } from '@material-ui/core';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { layoutGraph, NODE_HEIGHT, NODE_WIDTH } from '../../graph/layoutGraph';
import type { ViewGraph } from '../../graph/types';
import { LineageFlowNode, LineageNodeCard } from './LineageNodeCard';

const nodeTypes = { lineage: LineageNodeCard };

/** The zoom at which a node's 14 px label still reads as 10 px. */
const READABLE_ZOOM = 0.7;
/**
 * Up to this many nodes all are rendered, in view or not, so that panning
 * shows them at once; a larger graph renders just the nodes in view.
 */
const RENDER_ALL_NODES = 300;
/** The least zoom: far enough out to fit a graph of a few hundred nodes. */
const MIN_ZOOM = 0.05;
/** Space below the graph, as the page leaves below its content. */
const BOTTOM_MARGIN = 24;

type Props = {
  graph: ViewGraph;
  selectedId?: string;
  /** `keyboard` when opened by Enter or Space, not by a click. */
  onNodeClick: (id: string, how: { keyboard: boolean }) => void;
  height?: number;
};

/**
 * The lineage graph, left to right, with zoom, pan and fit. It reaches
 * down to the window's bottom, and is at least `height` tall. It opens with
 * the whole graph in view, as it does again when the graph or the pane's
 * size changes; a graph too large to read whole in the pane opens at a
 * readable zoom around the selected node, or else the starting nodes.
 */
export const LineageGraphCanvas = (props: Props) => (
  <ReactFlowProvider>
    <Canvas {...props} />
  </ReactFlowProvider>
);

function Canvas({ graph, selectedId, onNodeClick, height = 400 }: Props) {
  const theme = useTheme();
  const { fitView } = useReactFlow();
  const paneWidth = useStore(s => s.width);
  const paneHeight = useStore(s => s.height);
  // The latest handler, without drawing every node again when it changes.
  const clicked = useRef(onNodeClick);
  clicked.current = onNodeClick;
  // Selecting a node keeps the view; a new graph too large to fit opens
  // around the selection.
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
          open: how => clicked.current(view.id, how),
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
  useEffect(() => {
    if (!paneWidth || !paneHeight) return undefined;
    const selected = graph.nodes.find(n => n.id === focusId.current);
    const focus = selected ? [selected] : graph.nodes.filter(n => n.root);
    const readable =
      fittedZoom([...positions.values()], paneWidth, paneHeight) >=
      READABLE_ZOOM;
    // Fitted once React Flow has measured the nodes, which it waits for.
    const frame = requestAnimationFrame(() =>
      fitView(
        readable || !focus.length
          ? { duration: 200, maxZoom: 1 }
          : {
              duration: 200,
              nodes: focus.map(({ id }) => ({ id })),
              minZoom: READABLE_ZOOM,
              maxZoom: READABLE_ZOOM,
            },
      ),
    );
    return () => cancelAnimationFrame(frame);
  }, [graph, positions, paneWidth, paneHeight, fitView]);
  const { ref, height: windowHeight } = useHeightToWindowBottom();

  return (
    <div
      ref={ref}
      style={{ height: Math.max(height, windowHeight), width: '100%' }}
      role="figure"
      aria-label="Lineage graph"
      data-node-count={graph.nodes.length}
    >
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodeClick={(_event, node) =>
          onNodeClick(node.id, { keyboard: false })
        }
        onlyRenderVisibleElements={graph.nodes.length > RENDER_ALL_NODES}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        // Each node's card is the one focusable part: a button.
        nodesFocusable={false}
        edgesFocusable={false}
        minZoom={MIN_ZOOM}
        // Its controls and background follow the app's theme: light ones
        // on a dark page were blank white squares.
        colorMode={theme.palette.type}
      >
        <Background />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}

/** The zoom at which nodes placed at `positions` fit a pane, as fitView fits. */
function fittedZoom(
  positions: { x: number; y: number }[],
  width: number,
  height: number,
) {
  if (!positions.length) return 1;
  const xs = positions.map(p => p.x);
  const ys = positions.map(p => p.y);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  const bounds = {
    x,
    y,
    width: Math.max(...xs) + NODE_WIDTH - x,
    height: Math.max(...ys) + NODE_HEIGHT - y,
  };
  return getViewportForBounds(bounds, width, height, MIN_ZOOM, 1, 0.1).zoom;
}

/**
 * The height from an element's top down to the window's bottom. The
 * controls and notes above the graph take more or less room as the window
 * narrows, so it is measured after each render and on resizing the window.
 */
function useHeightToWindowBottom() {
  const ref = useRef<HTMLDivElement>(null);
  const [height, setHeight] = useState(0);
  useLayoutEffect(() => {
    const measure = () => {
      if (!ref.current) return;
      const top = ref.current.getBoundingClientRect().top + window.scrollY;
      setHeight(Math.round(window.innerHeight - top - BOTTOM_MARGIN));
    };
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  });
  return { ref, height };
}
