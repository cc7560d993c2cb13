import { useCallback, useState } from 'react';
import { useSearchParams } from 'react-router-dom';

export type ExplorerSettings = {
  view: 'dataset' | 'product';
  upstreamDepth: number;
  downstreamDepth: number;
  /** Edges no longer seen shown too. */
  allEdges: boolean;
};

/** The depths offered, one hop to ten. */
export const DEPTHS = [0, 1, 2, 3, 4, 5, 6, 8, 10];

const DEFAULTS: ExplorerSettings = {
  view: 'dataset',
  upstreamDepth: 2,
  downstreamDepth: 2,
  allEdges: false,
};

/** The settings an address gives, each one it gives wrong as by default. */
function settingsOf(params: URLSearchParams): ExplorerSettings {
  const depth = (name: string, fallback: number) => {
    const value = Number(params.get(name));
    return params.has(name) && DEPTHS.includes(value) ? value : fallback;
  };
  return {
    view: params.get('view') === 'product' ? 'product' : DEFAULTS.view,
    upstreamDepth: depth('up', DEFAULTS.upstreamDepth),
    downstreamDepth: depth('down', DEFAULTS.downstreamDepth),
    allEdges: params.get('edges') === 'all',
  };
}

/** The address parameters that give `settings`. */
export function settingsParams(settings: ExplorerSettings): URLSearchParams {
  return new URLSearchParams({
    view: settings.view,
    up: String(settings.upstreamDepth),
    down: String(settings.downstreamDepth),
    edges: settings.allEdges ? 'all' : 'current',
  });
}

/**
 * The explorer's view, depths and edges: kept in the page's address when
 * `inAddress` (a link then opens the same view, and Back returns to it), in
 * the component otherwise (an entity's tab, whose address is the entity's).
 * A change replaces the address's entry: it is a setting of the node shown,
 * not a step to go back through.
 */
export function useExplorerSettings(
  inAddress: boolean,
): [ExplorerSettings, (change: Partial<ExplorerSettings>) => void] {
  const [params, setParams] = useSearchParams();
  const [local, setLocal] = useState(DEFAULTS);
  const update = useCallback(
    (change: Partial<ExplorerSettings>) => {
      if (!inAddress) {
        setLocal(current => ({ ...current, ...change }));
        return;
      }
      setParams(
        current => {
          const next = new URLSearchParams(current);
          settingsParams({ ...settingsOf(current), ...change }).forEach(
            (value, name) => next.set(name, value),
          );
          return next;
        },
        { replace: true },
      );
    },
    [inAddress, setParams],
  );
  return [inAddress ? settingsOf(params) : local, update];
}
