import { useEffect } from 'react';
import { useSim } from '../store/sim';
import { cardDismissed, dismissCard, useUi } from '../store/ui';

/**
 * The loaded model's description: open on first load (until the user dismisses it for this model) and on demand
 * (the ⓘ button), so a new user reads what the model is and what to watch before the charts mean anything.
 */
export function ScenarioCard() {
  const scenarioId = useSim((s) => s.state?.scenario ?? null);
  const scenario = useSim((s) => s.scenarios.find((x) => x.id === scenarioId));
  const open = useUi((s) => s.cardOpen);
  // a new model: its own card decides again
  useEffect(() => useUi.setState({ cardOpen: null }), [scenarioId]);
  if (!scenario || !scenarioId) return null;
  const shown = open ?? !cardDismissed(scenarioId);
  if (!shown) return null;
  return (
    <div className="scenario-card" role="dialog" aria-label={`About ${scenario.title}`} data-testid="scenario-card">
      <div className="scenario-card-head">
        <b data-testid="scenario-card-title">{scenario.title || scenario.id}</b>
        <span className="spacer" />
        <button className="icon" title="Close (it stays closed for this model; ⓘ opens it again)" data-testid="scenario-card-close"
          onClick={() => dismissCard(scenarioId)}>×</button>
      </div>
      <div className="scenario-card-text" data-testid="scenario-card-text">{scenario.description || 'No description.'}</div>
      <div className="scenario-card-foot">
        <span className="muted small">Step or Play to start; ? lists the keyboard shortcuts.</span>
        <span className="spacer" />
        <button data-testid="scenario-card-ok" onClick={() => dismissCard(scenarioId)}>Got it</button>
      </div>
    </div>
  );
}

/** Opens (or closes) the description card. */
export function AboutButton() {
  const scenarioId = useSim((s) => s.state?.scenario ?? null);
  const open = useUi((s) => s.cardOpen);
  const shown = open ?? (scenarioId ? !cardDismissed(scenarioId) : false);
  return (
    <button className="small-btn" data-testid="btn-about" title="What this model is (its description)" onClick={() => useUi.setState({ cardOpen: !shown })}>
      About this model
    </button>
  );
}
