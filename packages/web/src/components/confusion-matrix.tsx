import Link from 'next/link';

interface ConfusionMatrixProps {
  confusion: readonly (readonly number[])[];
  classNames: readonly string[];
  /** The cell whose images the gallery shows. */
  selected?: { label: number; predicted: number } | undefined;
  /** Where clicking cell (true label, predicted) leads. */
  cellHref: (label: number, predicted: number) => string;
}

/**
 * The 10x10 confusion matrix, rows = true class, columns = predicted; shading is the row share,
 * so rare mistakes stay visible. Every cell is a link that drills into its test images.
 */
export function ConfusionMatrix({
  confusion,
  classNames,
  selected,
  cellHref,
}: ConfusionMatrixProps) {
  return (
    <table className="confusion">
      <thead>
        <tr>
          <th className="corner">true \ predicted</th>
          {classNames.map((name, predicted) => (
            <th key={predicted} scope="col" title={name}>
              {name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {confusion.map((row, label) => {
          const total = row.reduce((sum, n) => sum + n, 0) || 1;
          return (
            <tr key={label}>
              <th scope="row">{classNames[label] ?? label}</th>
              {row.map((count, predicted) => {
                const share = count / total;
                const isSelected = selected?.label === label && selected.predicted === predicted;
                const hue = label === predicted ? '140 55%' : '8 75%';
                return (
                  <td
                    key={predicted}
                    className={isSelected ? 'selected' : undefined}
                    style={{
                      background:
                        count > 0 ? `hsl(${hue} ${(96 - share * 56).toFixed(1)}%)` : undefined,
                    }}
                  >
                    <Link
                      href={cellHref(label, predicted)}
                      scroll={false}
                      data-cell={`${label}-${predicted}`}
                      title={`${classNames[label]} predicted as ${classNames[predicted]}: ${count}`}
                    >
                      {count}
                    </Link>
                  </td>
                );
              })}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
