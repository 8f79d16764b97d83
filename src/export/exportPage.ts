/**
 * index.html of an exported policy: a canvas, a status line and the check of the tfjs model against
 * the package's forward pass, filled in by page.js (src/export/page/main.ts).
 *
 * @module
 */
import { escapeXml } from '../report/learningCurves.js';
import type { ExportMetadata } from './exportedPolicy.js';

/**
 * The page's HTML for an export with `metadata` (the env id and training progress in its title).
 *
 * @example writeFileSync('out/index.html', exportPageHtml(exportMetadataOf(saved, null)))
 */
export const exportPageHtml = (metadata: ExportMetadata): string => {
  const title = escapeXml(`${metadata.env}: exported trpo-streams policy`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<link rel="icon" href="data:,">
<title>${title}</title>
<style>
  body { font-family: sans-serif; margin: 1.5em; color: #222; }
  canvas { border: 1px solid #999; display: block; margin: 0.8em 0; }
  #check { color: #555; font-size: 0.85em; max-width: 600px; }
</style>
</head>
<body>
<h1 style="font-size: 1.2em">${title}</h1>
<div id="status">loading model.json …</div>
<canvas id="frame" width="600" height="400"></canvas>
<div id="check"></div>
<script type="module" src="page.js"></script>
</body>
</html>
`;
};
