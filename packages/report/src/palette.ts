/**
 * One color per optimizer and per model, used by every chart and legend of the report, with a
 * darker shade for light pages and a lighter one for dark pages (both at least 3:1 against the
 * page background, the WCAG contrast for graphics). Charts refer to them as CSS variables.
 */
const OPTIMIZER_COLORS: Record<string, { light: string; dark: string }> = {
  sgd: { light: '#c0440a', dark: '#ff8a4c' },
  rmsprop: { light: '#a23d8a', dark: '#e58fcd' },
  adam: { light: '#0b6aa8', dark: '#62b6f0' },
  nadam: { light: '#007a5a', dark: '#3fcf9e' },
};

const MODEL_COLORS: Record<string, { light: string; dark: string }> = {
  dense: { light: '#5b4bc4', dark: '#aa9df6' },
  cnn: { light: '#9a6700', dark: '#f2c14e' },
  'cnn-regularized': { light: '#00808c', dark: '#4fd3de' },
  'cnn-strong': { light: '#b3261e', dark: '#ff8f85' },
};

const OTHER = { light: '#5f6b76', dark: '#a9b4bf' };

/** The CSS color of an optimizer's series, e.g. `var(--opt-adam)`. */
export function optimizerColor(optimizer: string): string {
  return optimizer in OPTIMIZER_COLORS ? `var(--opt-${optimizer})` : 'var(--series-other)';
}

/** The CSS color of a model's series, e.g. `var(--model-cnn)`. */
export function modelColor(model: string): string {
  return model in MODEL_COLORS ? `var(--model-${model})` : 'var(--series-other)';
}

/** The custom properties behind optimizerColor/modelColor for one scheme. */
export function paletteCss(scheme: 'light' | 'dark'): string {
  const entries = [
    ...Object.entries(OPTIMIZER_COLORS).map(([name, color]) => [`--opt-${name}`, color[scheme]]),
    ...Object.entries(MODEL_COLORS).map(([name, color]) => [`--model-${name}`, color[scheme]]),
    ['--series-other', OTHER[scheme]],
  ];
  return entries.map(([name, color]) => `${name}:${color};`).join('');
}
