// Accuracy and the per-class precision, recall and F1 of one evaluated split, as a table.
import type { EvaluationSummary } from '../../../electron/contract/insight-responses.ts';
import { percent } from './confusion-grid.ts';

type Report = NonNullable<EvaluationSummary['reports']['validation']>;

export function ClassMetrics({ report, classNames }: { readonly report: Report; readonly classNames: readonly string[] }) {
  return (
    <section className="class-metrics" aria-labelledby="metrics-title">
      <h3 id="metrics-title">
        Accuracy <strong>{percent(report.accuracy)}</strong> <span className="muted">on {report.count} photos · mean loss {report.meanLoss.toFixed(3)}</span>
      </h3>
      <table className="metrics-table">
        <thead>
          <tr>
            <th scope="col">Class</th>
            <th scope="col" title="Of the photos predicted as this class, how many are">Precision</th>
            <th scope="col" title="Of the photos of this class, how many were found">Recall</th>
            <th scope="col" title="The balance of precision and recall">F1</th>
            <th scope="col">Photos</th>
          </tr>
        </thead>
        <tbody>
          {report.perClass.map((scores, i) => (
            <tr key={classNames[i]}>
              <th scope="row">{classNames[i]}</th>
              <td>{percent(scores.precision)}</td>
              <td>{percent(scores.recall)}</td>
              <td>{scores.f1.toFixed(3)}</td>
              <td>{scores.support}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
