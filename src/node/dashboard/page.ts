/**
 * The dashboard's HTML: a shell that loads uPlot and the page script (dist/dashboard/page/main.js),
 * which connects to `/events` and draws.
 *
 * @module
 */

/** What a dashboard page shows: one live run (`trpo train --dashboard`) or run directories (`trpo dashboard`). */
export type DashboardMode = 'live' | 'runs';

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The page for a mode and title (the title is escaped).
 *
 * @example dashboardPage({ mode: 'live', title: 'CartPole-v1 seed 0' }).startsWith('<!doctype html>') // true
 */
export const dashboardPage = (options: { readonly mode: DashboardMode; readonly title: string }): string => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escapeHtml(options.title)} · trpo dashboard</title>
<link rel="stylesheet" href="/vendor/uPlot.min.css">
<style>
  :root { --fg: #1f2328; --muted: #656d76; --line: #d0d7de; --bg: #f6f8fa; --card: #fff; --accent: #0969da; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
  header { display: flex; gap: 16px; align-items: baseline; padding: 12px 20px; background: var(--card); border-bottom: 1px solid var(--line); }
  header h1 { font-size: 18px; margin: 0; }
  #status { color: var(--muted); }
  #status.live::before { content: "● "; color: #1a7f37; }
  #status.down::before { content: "● "; color: #cf222e; }
  #summary { margin-left: auto; color: var(--muted); font-variant-numeric: tabular-nums; }
  main { display: grid; grid-template-columns: repeat(auto-fill, minmax(460px, 1fr)); gap: 12px; padding: 12px 20px; }
  .card { background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; min-width: 0; }
  .card h2 { font-size: 13px; font-weight: 600; margin: 0 0 4px; }
  .card .note { color: var(--muted); font-size: 12px; }
  section.group { grid-column: 1 / -1; display: grid; grid-template-columns: repeat(auto-fill, minmax(460px, 1fr)); gap: 12px; }
  section.group > h2 { grid-column: 1 / -1; font-size: 15px; margin: 8px 0 0; }
  canvas#play { width: 100%; max-width: 440px; aspect-ratio: 3 / 2; display: block; background: #fff; }
</style>
</head>
<body data-mode="${options.mode}">
<header><h1>${escapeHtml(options.title)}</h1><span id="status">connecting…</span><span id="summary"></span></header>
<main id="charts"></main>
<script src="/vendor/uPlot.iife.min.js"></script>
<script type="module" src="/static/main.js"></script>
</body>
</html>
`;
