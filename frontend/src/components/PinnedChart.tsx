import { useState } from 'react';
import { api, maxPointsFor } from '../api/client';
import type { Series } from '../api/types';
import { useLayout, type PinnedChart } from '../store/layout';
import { useLoader, useRefreshKey, useUnit } from '../lib/hooks';
import { applySparkMode, nextSparkMode, SPARK_MODE_LABEL } from '../lib/transforms';
import { UPlotChart } from './UPlotChart';

const EMPTY: Series = { times: [], values: [] };

/** A chart pinned on the graph: an entity metric (from its stored history) or a probe's series. */
export function PinnedChartBody({ pin }: { pin: PinnedChart }) {
  const unit = useUnit();
  const refresh = useRefreshKey(700);
  const [width, setWidth] = useState(280);
  const mp = maxPointsFor(width);
  const key = pin.kind === 'probe' ? `p:${pin.probe}:${mp}:${refresh}` : `e:${pin.entity}:${mp}:${refresh}`;
  const { data } = useLoader<Series>(key, async (signal) => {
    if (pin.kind === 'probe') {
      const a = await api.timeseries(pin.probe, { max_points: mp }, signal);
      return { times: a.times, values: a.values };
    }
    const h = await api.entityHistory(pin.entity, mp, signal);
    return h.metrics[pin.metric] ?? EMPTY;
  });
  const series = pin.kind === 'entity_metric' ? applySparkMode(data ?? EMPTY, pin.mode) : data ?? EMPTY;
  return (
    <div className="pinned-body">
      {pin.kind === 'entity_metric' && (
        <button className="mode" title="total → /s → avg → p99"
          onClick={() => useLayout.getState().update((l) => ({ ...l, pinned: l.pinned.map((p) => (p.id === pin.id && p.kind === 'entity_metric' ? { ...p, mode: nextSparkMode(p.mode) } : p)) }))}>
          {SPARK_MODE_LABEL[pin.mode]}
        </button>
      )}
      {data && series.times.length === 0 && <div className="empty small pinned-empty">No data yet</div>}
      <UPlotChart series={series} unit={unit} compact color={pin.kind === 'probe' ? '#3b82f6' : '#22c55e'} onPlotWidth={setWidth} />
    </div>
  );
}
