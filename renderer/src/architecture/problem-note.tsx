// An impossible layer's problem where it is: the engine's message and a button per one-click fix.
import type { ModelSpec } from '../../../core/spec/model-spec.ts';
import type { DraftProblem } from './spec-analysis.ts';

export function ProblemNote({ problem, onFix }: { readonly problem: DraftProblem; readonly onFix: (spec: ModelSpec) => void }) {
  return (
    <div className="problem-note">
      <p>
        <span className="problem-badge" aria-hidden="true">!</span>
        <strong>Problem: </strong>
        {problem.message}
      </p>
      {problem.fixes.length > 0 && (
        <div className="fixes" role="group" aria-label="Fixes">
          {problem.fixes.map((fix) => (
            <button key={fix.description} type="button" onClick={() => onFix(fix.spec)}>
              Fix: {fix.description}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
