// Bundle the UI into the Python package (src/newsgraph/api/static): one JS, one CSS, the HTML shell,
// and the Swagger UI files for /docs. Everything comes from node_modules (pinned by package-lock.json).
import { build } from "esbuild";
import { cpSync, mkdirSync, rmSync } from "node:fs";

const out = "../src/newsgraph/api/static";
rmSync(out, { recursive: true, force: true });
mkdirSync(`${out}/assets/swagger`, { recursive: true });
await build({
  entryPoints: ["src/main.js"],
  bundle: true,
  minify: true,
  sourcemap: false,
  format: "iife",
  target: ["chrome100", "firefox100", "safari15"],
  outfile: `${out}/assets/app.js`,
  loader: { ".png": "file", ".svg": "file", ".json": "json" },
  assetNames: "[name]-[hash]",
  logLevel: "warning",
});
cpSync("src/index.html", `${out}/index.html`);
for (const f of ["swagger-ui-bundle.js", "swagger-ui.css"]) {
  cpSync(`node_modules/swagger-ui-dist/${f}`, `${out}/assets/swagger/${f}`);
}
console.log(`UI built into ${out}`);
