import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { DatasetComponent, DataZoomComponent, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import i18n from '../i18n';

echarts.use([
  BarChart,
  LineChart,
  PieChart,
  DatasetComponent,
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

export type ChartOption = echarts.EChartsCoreOption;

/** One ECharts instance on a div: the option replaced whenever it changes (not when an equal one is given again), resized with its box, disposed on unmount. */
export function useECharts(option: ChartOption | null) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const instance = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  const shown = useRef<string | null>(null);
  useEffect(() => {
    if (!option) return;
    // The same chart again (the page re-rendered for a new date before its answer came): not rebuilt. Formatters by their
    // source and the language they speak, since they may close over the labels.
    const same = `${i18n.language}\u0000${JSON.stringify(option, (_, value: unknown) => (typeof value === 'function' ? String(value) : value))}`;
    if (same === shown.current) return;
    shown.current = same;
    // Short transitions: a change of organ or date reads as a change, not as a slow chart.
    chart.current?.setOption({ animationDuration: 300, animationDurationUpdate: 300, ...option }, { notMerge: true });
  }, [option]);

  return ref;
}
