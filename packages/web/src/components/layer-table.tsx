import type { LayerSummary } from '../lib/run-types';

/** The model's Keras-style summary: layer, type, output shape, parameters. */
export function LayerTable({
  layers,
  params,
}: {
  layers: readonly LayerSummary[];
  params: number;
}) {
  return (
    <table className="data layers">
      <thead>
        <tr>
          <th>Layer</th>
          <th>Type</th>
          <th>Output shape</th>
          <th className="num">Params</th>
        </tr>
      </thead>
      <tbody>
        {layers.map((layer) => (
          <tr key={layer.name}>
            <td>{layer.name}</td>
            <td>{layer.type}</td>
            <td>
              <code>[{layer.outputShape.map((d) => (d === null ? 'null' : d)).join(', ')}]</code>
            </td>
            <td className="num">{layer.params.toLocaleString('en-US')}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <td colSpan={3}>Total</td>
          <td className="num">{params.toLocaleString('en-US')}</td>
        </tr>
      </tfoot>
    </table>
  );
}
