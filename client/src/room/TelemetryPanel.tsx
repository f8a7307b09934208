import { useView } from '../session/DrillSession';
import { Panel } from '../ui/bits';
import { Sparkline } from '../ui/Sparkline';

/** The scenario's simulated dashboards, one small chart per series with its latest value in large type. */
export function TelemetryPanel() {
  const view = useView();
  const series = view.scenario.telemetry;
  if (series.length === 0) return null;
  return (
    <Panel title="Dashboards" id="telemetry">
      <ul className="telemetry-list">
        {series.map((s) => {
          const points = view.state.telemetry[s.id] ?? [];
          const last = points[points.length - 1];
          return (
            <li key={s.id} className="telemetry" data-testid={`telemetry-${s.id}`}>
              <div className="telemetry-head">
                <span className="small">{s.title}</span>
                <strong className="telemetry-value tabular">{last ? `${last.value}${s.unit ?? ''}` : '—'}</strong>
              </div>
              <Sparkline points={points} label={s.title} width={240} height={44} />
            </li>
          );
        })}
      </ul>
    </Panel>
  );
}
