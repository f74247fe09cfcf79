import { loadScenario } from '../store/actions';
import { useSim } from '../store/sim';

export function ScenarioPicker() {
  const scenarios = useSim((s) => s.scenarios);
  const active = useSim((s) => s.state?.scenario) ?? scenarios.find((s) => s.active)?.id ?? '';
  if (scenarios.length === 0) return null;
  const current = scenarios.find((s) => s.id === active);
  return (
    <label className="scenario" title={current?.description}>
      Scenario
      <select data-testid="scenario" value={active} onChange={(e) => void loadScenario(e.target.value)}>
        {!current && <option value="">—</option>}
        {scenarios.map((s) => <option key={s.id} value={s.id}>{s.title || s.id}</option>)}
      </select>
    </label>
  );
}
