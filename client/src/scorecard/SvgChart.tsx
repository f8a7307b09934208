import { createElement, type ReactNode } from 'react';
import type { Chart, SvgNode } from '../../../shared/report/charts/svg';

/** SVG attribute names as React spells them: `stroke-width` → `strokeWidth`; `aria-*`, `data-*` and `role` stay. */
const reactName = (name: string) => (/^(aria|data)-/.test(name) || name === 'xmlns' ? name : name.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase()));

function toReact(node: SvgNode, key?: number): ReactNode {
  const props: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(node.attrs)) if (name !== 'xmlns') props[reactName(name)] = value;
  return createElement(node.tag, { key, ...props }, node.text, ...(node.children ?? []).map((child, i) => toReact(child, i)));
}

/**
 * A chart from `shared/report/charts`, drawn by React from the same model the Markdown and HTML reports print,
 * with its data as a table a click away (and always there for screen readers through the SVG's description).
 */
export function SvgChart({ chart, table = true }: { chart: Chart; table?: boolean }) {
  return (
    <figure className="chart" data-chart={chart.id}>
      <div className="chart-svg">{toReact(chart.svg)}</div>
      {table && chart.rows.length ? (
        <details className="chart-table no-print">
          <summary>{chart.title}: as a table</summary>
          <table className="table">
            <thead><tr>{chart.head.map((h) => <th key={h} scope="col">{h}</th>)}</tr></thead>
            <tbody>{chart.rows.map((row, i) => <tr key={i}>{row.map((cell, j) => (j === 0 ? <th key={j} scope="row">{cell}</th> : <td key={j}>{cell}</td>))}</tr>)}</tbody>
          </table>
        </details>
      ) : null}
    </figure>
  );
}
