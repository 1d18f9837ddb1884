// The network's final answer: every class's probability, most probable first, as bars with the number.
import { percent } from '../evaluation/confusion-grid.ts';

export function Probabilities({ classNames, probabilities }: { readonly classNames: readonly string[]; readonly probabilities: Float32Array }) {
  const order = classNames.map((_, i) => i).sort((a, b) => probabilities[b] - probabilities[a] || a - b);
  return (
    <section className="explain-panel" aria-labelledby="probabilities-title">
      <h3 id="probabilities-title">Probabilities</h3>
      <p className="hint">The dense layers weigh the last feature maps; softmax turns the scores into probabilities that add up to 100%.</p>
      <ol className="probabilities">
        {order.map((i) => (
          <li key={classNames[i]}>
            <span className="class-name">{classNames[i]}</span>
            <span className="bar" aria-hidden="true">
              <span style={{ width: percent(probabilities[i]) }} />
            </span>
            <span className="value">{percent(probabilities[i])}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
