import {
  Background,
  Controls,
  Edge,
  MarkerType,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useTheme } from '@material-ui/core';
import { useEffect, useMemo, useRef } from 'react';
import { layoutGraph } from '../../graph/layoutGraph';
import type { ViewGraph } from '../../graph/types';
import { LineageFlowNode, LineageNodeCard } from './LineageNodeCard';

const nodeTypes = { lineage: LineageNodeCard };

type Props = {
  graph: ViewGraph;
  selectedId?: string;
  onNodeClick: (id: string) => void;
  height?: number;
};

/**
 * The lineage graph, left to right, with zoom, pan and fit. Only the nodes
 * in view are rendered, so large graphs stay responsive.
 */
export const LineageGraphCanvas = (props: Props) => (
  <ReactFlowProvider>
    <Canvas {...props} />
  </ReactFlowProvider>
);

function Canvas({ graph, selectedId, onNodeClick, height = 560 }: Props) {
  const theme = useTheme();
  const { fitView } = useReactFlow();
  // The latest handler, without drawing every node again when it changes.
  const clicked = useRef(onNodeClick);
  clicked.current = onNodeClick;
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
  useEffect(() => {
    // New nodes after an expansion or a depth change: show them all.
    const frame = requestAnimationFrame(() => fitView({ duration: 200 }));
    return () => cancelAnimationFrame(frame);
  }, [graph, fitView]);

  return (
    <div
      style={{ height, width: '100%' }}
      role="figure"
      aria-label="Lineage graph"
      data-node-count={graph.nodes.length}
    >
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodeClick={(_event, node) => onNodeClick(node.id)}
        onlyRenderVisibleElements
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        // Each node's card is the one focusable part: a button.
        nodesFocusable={false}
        edgesFocusable={false}
        minZoom={0.05}
        fitView
      >
        <Background />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
