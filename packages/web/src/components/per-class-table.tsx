import type { Evaluation } from '@fashion-lab/run';
import { formatPercent } from '../lib/format';

interface PerClassTableProps {
  perClass: Evaluation['perClass'];
  confusion: Evaluation['confusion'];
  classNames: readonly string[];
}

/** Precision, recall and F1 of every class, with its support (test images of that class). */
export function PerClassTable({ perClass, confusion, classNames }: PerClassTableProps) {
  return (
    <table className="data per-class">
      <thead>
        <tr>
          <th>Class</th>
          <th className="num">Precision</th>
          <th className="num">Recall</th>
          <th className="num">F1</th>
          <th className="num">Support</th>
        </tr>
      </thead>
      <tbody>
        {perClass.map((row) => (
          <tr key={row.label}>
            <td>{classNames[row.label] ?? row.label}</td>
            <td className="num">{formatPercent(row.precision)}</td>
            <td className="num">{formatPercent(row.recall)}</td>
            <td className="num">{formatPercent(row.f1)}</td>
            <td className="num">
              {(confusion[row.label] ?? []).reduce((sum, n) => sum + n, 0).toLocaleString('en-US')}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
