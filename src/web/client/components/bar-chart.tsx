/**
 * A bar chart drawn by chart.js, bundled with the page (no CDN). The numbers it shows are always in a
 * table beside it as well: the chart is for looking, the table for reading and for screen readers.
 */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

export interface BarSeries {
  label: string;
  /** One per label; null (a withheld cell) draws no bar. */
  values: (number | null)[];
  color: string;
}

export function BarChart(props: {
  title: string;
  labels: string[];
  series: BarSeries[];
  stacked?: boolean;
  /** The values count things: the axis shows whole numbers only. */
  counts?: boolean;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const chart = new Chart(canvas.current!, {
      type: 'bar',
      data: {
        labels: props.labels,
        datasets: props.series.map((s) => ({ label: s.label, data: s.values, backgroundColor: s.color })),
      },
      options: {
        // Drawn at once: a report is read, not watched.
        animation: false,
        maintainAspectRatio: false,
        plugins: { legend: { display: props.series.length > 1 } },
        scales: {
          x: { stacked: props.stacked },
          y: { stacked: props.stacked, beginAtZero: true, ticks: { precision: props.counts ? 0 : undefined } },
        },
      },
    });
    return () => chart.destroy();
  }, [props.labels, props.series, props.stacked, props.counts]);
  return (
    <div class="chart">
      <canvas ref={canvas} role="img" aria-label={props.title} />
    </div>
  );
}
