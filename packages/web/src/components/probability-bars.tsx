import { formatPercent } from '../lib/format';

interface ProbabilityBarsProps {
  probabilities: readonly number[];
  classNames: readonly string[];
}

/** Ten horizontal bars, one per class; the most likely class is highlighted. */
export function ProbabilityBars({ probabilities, classNames }: ProbabilityBarsProps) {
  const best = probabilities.indexOf(Math.max(...probabilities));
  return (
    <ol className="probabilities" data-testid="probabilities">
      {probabilities.map((p, i) => (
        <li key={i} className={i === best ? 'best' : undefined} data-probability={p}>
          <span className="class-name">{classNames[i] ?? i}</span>
          <span className="bar">
            <span style={{ width: `${(p * 100).toFixed(1)}%` }} />
          </span>
          <span className="num">{formatPercent(p)}</span>
        </li>
      ))}
    </ol>
  );
}
