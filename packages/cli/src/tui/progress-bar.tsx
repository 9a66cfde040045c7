import { Text } from 'ink';

const PARTIAL_BLOCKS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** The bar's characters for `fraction` of `width` cells, with eighth-cell precision. */
export function barText(fraction: number, width: number): { filled: string; empty: string } {
  const clamped = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
  const eighths = Math.round(clamped * width * 8);
  const full = Math.floor(eighths / 8);
  const partial = PARTIAL_BLOCKS[eighths % 8] ?? '';
  const filled = '█'.repeat(full) + partial;
  return { filled, empty: '░'.repeat(Math.max(0, width - full - (partial ? 1 : 0))) };
}

/** Props of ProgressBar. */
export interface ProgressBarProps {
  label: string;
  fraction: number;
  width: number;
  /** Text after the percentage, e.g. "batch 120/422". */
  detail?: string;
  color?: string;
}

/** One labelled progress bar: `epoch 3/10 ████▌░░░░  45%  batch 190/422`. */
export function ProgressBar({ label, fraction, width, detail, color = 'cyan' }: ProgressBarProps) {
  const { filled, empty } = barText(fraction, width);
  const percent = `${Math.floor(Math.min(1, Math.max(0, fraction)) * 100)}%`.padStart(4);
  return (
    <Text>
      {label} <Text color={color}>{filled}</Text>
      <Text dimColor>{empty}</Text> {percent}
      {detail ? <Text dimColor>{`  ${detail}`}</Text> : null}
    </Text>
  );
}
