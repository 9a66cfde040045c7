import { escapeText } from './escape.js';
import { paletteCss } from './palette.js';

/** A report section with an id for the table of contents. */
export function section(id: string, title: string, body: string): string {
  return `<section id="${id}"><h2>${escapeText(title)}</h2>${body}</section>`;
}

/** A figure holding a chart (or image grid) with a caption under it. */
export function figure(content: string, caption: string): string {
  return `<figure>${content}<figcaption>${escapeText(caption)}</figcaption></figure>`;
}

/** A column header: its text, and where the text is an abbreviation, what it stands for (shown on hover). */
export type TableHeader = string | { text: string; title: string };

function headerText(header: TableHeader): string {
  return typeof header === 'string'
    ? escapeText(header)
    : `<abbr title="${escapeText(header.title)}">${escapeText(header.text)}</abbr>`;
}

/**
 * A plain table; cells are HTML (callers escape data), `rowClasses` marks rows such as the best run,
 * `className` gives the table a class for a layout of its own (the runs table's).
 */
export function table(
  headers: TableHeader[],
  rows: string[][],
  options: {
    numeric?: number[];
    rowClasses?: (string | undefined)[];
    caption?: string;
    className?: string;
  } = {},
): string {
  const numeric = new Set(options.numeric ?? []);
  const cellClass = (index: number) => (numeric.has(index) ? ' class="num"' : '');
  const head = headers
    .map((header, index) => `<th scope="col"${cellClass(index)}>${headerText(header)}</th>`)
    .join('');
  const body = rows
    .map((cells, rowIndex) => {
      const rowClass = options.rowClasses?.[rowIndex];
      return `<tr${rowClass === undefined ? '' : ` class="${rowClass}"`}>${cells.map((cell, index) => `<td${cellClass(index)}>${cell}</td>`).join('')}</tr>`;
    })
    .join('');
  const caption =
    options.caption === undefined ? '' : `<caption>${escapeText(options.caption)}</caption>`;
  const tableClass = options.className === undefined ? '' : ` class="${options.className}"`;
  return `<div class="table-wrap"><table${tableClass}>${caption}<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
}

/** The page margin the report asks for in print; tables are laid out to fit inside it on A4. */
export const PRINT_PAGE_MARGIN_MM = 12;

const CSS = `
:root{color-scheme:light dark;--bg:#ffffff;--fg:#1b1f24;--muted:#57606a;--grid:#e3e6ea;--border:#d0d7de;--panel:#f6f8fa;--accent:#0b6aa8;--best:#fff4c2;--best-border:#b08800;${paletteCss('light')}}
@media (prefers-color-scheme:dark){:root{--bg:#0f1419;--fg:#e6edf3;--muted:#9aa6b2;--grid:#2a323c;--border:#3a434e;--panel:#161d25;--accent:#62b6f0;--best:#3a3113;--best-border:#e3b341;${paletteCss('dark')}}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}
main{max-width:1240px;margin:0 auto;padding:24px 20px 64px}
h1{font-size:1.8rem;margin:0 0 4px}h2{font-size:1.35rem;margin:40px 0 8px;padding-top:8px;border-top:1px solid var(--border)}h3{font-size:1.05rem;margin:24px 0 6px}
p{max-width:72ch}.muted{color:var(--muted)}
.answer{font-size:1.15rem;background:var(--panel);border-left:4px solid var(--accent);padding:12px 16px;max-width:none}
nav ol{columns:3;padding-left:20px;margin:8px 0}nav a{color:var(--accent)}
a{color:var(--accent)}
code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.88em}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;margin:8px 0;font-size:.86rem}
caption{text-align:left;color:var(--muted);padding-bottom:4px}
th,td{border-bottom:1px solid var(--border);padding:4px 6px;text-align:left;vertical-align:top;white-space:nowrap}td code{white-space:normal}
th{background:var(--panel);white-space:normal;vertical-align:bottom}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}td .mono{white-space:nowrap}
table.runs th,table.runs td{white-space:normal}table.runs td.num{white-space:nowrap}table.runs .run-id{white-space:normal}
table.runs th,table.runs td{padding:4px 5px}table.runs .note{display:inline-block;max-width:7em;white-space:normal}.keep{white-space:nowrap}
tr.best td{background:var(--best)}tr.best td:first-child{box-shadow:inset 4px 0 0 var(--best-border)}
.badge{display:inline-block;font-size:.87em;font-weight:600;border:1px solid var(--best-border);border-radius:8px;padding:0 6px;margin-top:2px}
.swatch{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:6px;vertical-align:baseline}
figure{margin:12px 0;display:inline-block;vertical-align:top;max-width:100%}
figcaption{color:var(--muted);font-size:.85rem;max-width:60ch}
.charts{display:flex;flex-wrap:wrap;gap:8px 24px}
.chart{max-width:100%;height:auto;font:11px system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;overflow:visible}
.chart text{fill:var(--fg)}.chart .axis line{stroke:var(--muted)}.chart .grid line{stroke:var(--grid)}
.chart .axis-title{fill:var(--muted);font-size:11px}.chart .empty{fill:var(--muted)}
.chart .gap{opacity:.13}.chart .series{fill:none;stroke-width:2;stroke-linejoin:round;stroke-linecap:round}.chart .series.dashed{stroke-dasharray:6 4}
.chart .direct-label{font-weight:600}.chart .marker line{stroke:var(--muted);stroke-dasharray:2 3}.chart .marker text{fill:var(--muted)}
.chart .leader{stroke:var(--grid)}.chart .highlight .dot{stroke:var(--fg);stroke-width:1.5}.chart .highlight text{font-weight:700}
.chart .highlight .bar{stroke:var(--fg);stroke-width:1.5}
.chart .cell{stroke:var(--bg);stroke-width:1}.chart .cell.zero{fill:var(--panel)}.chart text.count.zero{fill:var(--muted)}
.gallery{display:flex;flex-wrap:wrap;gap:10px;margin:8px 0}
.gallery figure{margin:0;width:104px;text-align:center}
.gallery figcaption{font-size:.72rem;line-height:1.25}
.pixels{width:56px;height:56px;image-rendering:pixelated;image-rendering:crisp-edges;display:block;margin:0 auto 2px;border:1px solid var(--border)}
.gallery figure.explained{width:auto;text-align:left;margin-right:6px}.explained figcaption{max-width:152px}
.explain-grid{display:grid;gap:2px 4px;margin-bottom:2px}.explain-grid .pixels{width:48px;height:48px;margin:0}
.explain-grid .head{font-size:.58rem;line-height:1.2;color:var(--muted);text-align:center;white-space:nowrap;overflow:hidden}
.no-heat{width:48px;height:48px;display:flex;align-items:center;justify-content:center;font-size:.62rem;color:var(--muted);border:1px dashed var(--border)}
.heat-legend{display:block;margin:2px 0 6px;font:10px system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}.heat-legend text{fill:var(--muted)}
.chart .plot-frame{fill:none;stroke:var(--grid)}.chart .mistakes{fill:none;stroke:var(--fg);stroke-width:.8;opacity:.75}
.chart .sprite{image-rendering:pixelated}.chart .cluster-label{font-weight:700;font-size:12px;paint-order:stroke;stroke:var(--bg);stroke-width:3px;stroke-linejoin:round}
.dataset-row{display:flex;align-items:center;gap:12px;margin:4px 0}
.dataset-row .class-name{width:160px;flex:none}
.dataset-row .images{display:flex;gap:4px;flex-wrap:wrap}
.dataset-row .pixels{width:42px;height:42px;margin:0}
.notice{border:1px solid var(--best-border);background:var(--best);padding:8px 12px;border-radius:4px;max-width:none}
ul.problems li{margin:2px 0}
@media print{:root{--bg:#fff;--fg:#000;--muted:#444;--panel:#f2f2f2;--grid:#ddd;--border:#bbb;${paletteCss('light')}}
body{font-size:11pt}main{max-width:none;padding:0}nav{display:none}
h2{break-before:auto;break-after:avoid}figure,table,.dataset-row,.gallery figure{break-inside:avoid}
a{color:inherit;text-decoration:none}abbr[title]{text-decoration:none}.table-wrap{overflow:visible}
table.runs{font-size:8pt}.swatch,tr.best td,.heat-legend rect{-webkit-print-color-adjust:exact;print-color-adjust:exact}table.runs th,table.runs td{padding:3px}}
@page{margin:${PRINT_PAGE_MARGIN_MM}mm}
`;

/**
 * The whole HTML document around the sections: inline CSS only, no scripts, no external resources.
 * `extraCss` adds the rules of a report kind of its own (the sweep report's figure and bars).
 */
export function page(title: string, body: string, extraCss = ''): string {
  return (
    '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width,initial-scale=1">' +
    // Nothing in the file may load anything: this policy makes any stray reference fail loudly.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">` +
    `<title>${escapeText(title)}</title><style>${CSS.trim()}${extraCss}</style></head>` +
    `<body><main>${body}</main></body></html>\n`
  );
}
