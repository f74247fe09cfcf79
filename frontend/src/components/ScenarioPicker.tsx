import { useEffect, useMemo, useState } from 'react';
import { loadScenario, rescanScenarios } from '../store/actions';
import { useSim } from '../store/sim';
import { checkParam, checkSeed, describeChanged, randomSeed } from '../lib/runSpec';
import type { ParamValue, RescanResult, Scenario, ScenarioParameter } from '../api/types';

/**
 * The choice of model and of the run: picking a scenario (or the ⚙ beside it) opens a small form —
 * seed with a random-seed button, the scenario's parameters with units, ranges and help, defaults —
 * and the header shows the active seed and the changed parameters.
 */
export function ScenarioPicker() {
  const scenarios = useSim((s) => s.scenarios);
  const state = useSim((s) => s.state);
  const active = state?.scenario ?? scenarios.find((s) => s.active)?.id ?? '';
  const [editing, setEditing] = useState<string | null>(null);
  if (scenarios.length === 0) return null;
  const current = scenarios.find((s) => s.id === active);
  const changed = describeChanged(state?.params_changed);
  const seedShown = state?.seed !== undefined && state.seed !== (current?.default_seed ?? 42);
  return (
    <div className="scenario">
      <label title={current?.description}>
        Scenario
        <select data-testid="scenario" value={editing ?? active} onChange={(e) => setEditing(e.target.value)}>
          {!current && <option value="">—</option>}
          {scenarios.map((s) => <option key={s.id} value={s.id}>{s.title || s.id}</option>)}
        </select>
      </label>
      <button className="icon" data-testid="btn-run-settings" title="Seed and parameters of the run" onClick={() => setEditing(active)}>⚙</button>
      {state && (
        <span className="run-spec muted" data-testid="run-spec" title="The seed and the parameters changed from the scenario's defaults">
          seed {state.seed ?? '—'}{seedShown ? '' : ' (default)'}{changed ? ` · ${changed}` : ''}
        </span>
      )}
      {editing && (
        <RunForm key={editing} scenario={scenarios.find((s) => s.id === editing)!} isActive={editing === active}
          onClose={() => setEditing(null)} />
      )}
    </div>
  );
}

function initialText(p: ScenarioParameter, current: Record<string, ParamValue> | undefined): string | boolean {
  const v = current?.[p.name] ?? p.default_value;
  return p.type === 'boolean' ? Boolean(v) : String(v);
}

/** The form for one run: what it checks, it checks as the server does, and the server's refusal shows beside its field. */
function RunForm({ scenario, isActive, onClose }: { scenario: Scenario; isActive: boolean; onClose: () => void }) {
  const state = useSim((s) => s.state);
  const params = scenario.parameters ?? [];
  const defaultSeed = scenario.default_seed ?? 42;
  const [seedText, setSeedText] = useState(String(isActive && state?.seed !== undefined ? state.seed : defaultSeed));
  const [texts, setTexts] = useState<Record<string, string | boolean>>(() =>
    Object.fromEntries(params.map((p) => [p.name, initialText(p, isActive ? state?.params : undefined)])));
  const [serverError, setServerError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [rescan, setRescan] = useState<RescanResult | null>(null);

  const checks = useMemo(() => Object.fromEntries(params.map((p) => [p.name, checkParam(p, texts[p.name])])), [params, texts]);
  const seed = checkSeed(seedText);
  const valid = seed.error === undefined && Object.values(checks).every((c) => c.error === undefined);

  useEffect(() => setServerError(null), [texts, seedText]);

  const submit = async () => {
    if (!valid) return;
    setBusy(true);
    const values: Record<string, ParamValue> = {};
    for (const p of params) {
      const v = checks[p.name].value!;
      if (v !== p.default_value) values[p.name] = v;
    }
    const refused = await loadScenario(scenario.id, { seed: seed.value, params: values });
    setBusy(false);
    if (refused) setServerError(refused);
    else onClose();
  };

  return (
    <div className="run-form" data-testid="run-form" role="dialog" aria-label={`Run ${scenario.title}`}
      onKeyDown={(e) => { if (e.key === 'Escape') onClose(); }}>
      <div className="run-form-head">
        <b>{scenario.title}</b>
        {scenario.source && scenario.source !== 'built-in' && <span className="badge" title="where this model comes from">{scenario.source}</span>}
        <button className="icon" onClick={onClose} title="Close">×</button>
      </div>
      <p className="run-form-desc" data-testid="run-form-description">{scenario.description}</p>
      <form onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <div className="run-form-row">
          <label htmlFor="run-seed">Seed</label>
          <input id="run-seed" data-testid="run-seed" value={seedText} onChange={(e) => setSeedText(e.target.value)} size={12} />
          <button type="button" data-testid="btn-random-seed" onClick={() => setSeedText(String(randomSeed()))}>random seed</button>
          {seed.error && <span className="field-error" data-testid="error-seed">{seed.error}</span>}
        </div>
        {params.map((p) => (
          <div className="run-form-row" key={p.name} title={p.help}>
            <label htmlFor={`param-${p.name}`}>{p.label}</label>
            {p.type === 'boolean' ? (
              <input id={`param-${p.name}`} data-testid={`param-${p.name}`} type="checkbox" checked={Boolean(texts[p.name])}
                onChange={(e) => setTexts((t) => ({ ...t, [p.name]: e.target.checked }))} />
            ) : p.type === 'choice' ? (
              <select id={`param-${p.name}`} data-testid={`param-${p.name}`} value={String(texts[p.name])}
                onChange={(e) => setTexts((t) => ({ ...t, [p.name]: e.target.value }))}>
                {p.choices.map((c) => <option key={c} value={c}>{c}</option>)}
              </select>
            ) : (
              <input id={`param-${p.name}`} data-testid={`param-${p.name}`} value={String(texts[p.name])} size={10}
                onChange={(e) => setTexts((t) => ({ ...t, [p.name]: e.target.value }))} />
            )}
            <span className="muted small">{p.unit}{rangeText(p)}</span>
            {checks[p.name].error && <span className="field-error" data-testid={`error-${p.name}`}>{checks[p.name].error}</span>}
          </div>
        ))}
        {serverError && <div className="field-error" data-testid="run-form-error">{serverError}</div>}
        <div className="run-form-actions">
          <button type="button" data-testid="btn-defaults" onClick={() => {
            setSeedText(String(defaultSeed));
            setTexts(Object.fromEntries(params.map((p) => [p.name, initialText(p, undefined)])));
          }}>Defaults</button>
          <button type="button" data-testid="btn-rescan" title="Read the models folder again" onClick={() => void rescanScenarios().then(setRescan)}>Rescan models</button>
          <span className="spacer" />
          <button type="submit" className="primary" data-testid="btn-run-scenario" disabled={!valid || busy}>{busy ? 'Loading…' : 'Run'}</button>
        </div>
        {rescan && (
          <div className="rescan" data-testid="rescan-result">
            {rescan.scenarios} scenarios{rescan.models_dir ? ` (models folder ${rescan.models_dir})` : ''}
            {rescan.problems.length === 0 ? ', no problems' : ':'}
            {rescan.problems.map((p, i) => <div key={i} className="field-error">{p.source}: {p.message}</div>)}
          </div>
        )}
      </form>
    </div>
  );
}

function rangeText(p: ScenarioParameter): string {
  if (p.min === null && p.max === null) return '';
  const lo = p.min ?? '−∞';
  const hi = p.max ?? '∞';
  return ` (${lo}–${hi})`;
}
