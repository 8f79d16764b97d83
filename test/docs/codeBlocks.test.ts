import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

// Every fenced code block in README.md and docs/*.md is checked, so the guide cannot drift from
// the code: a ```ts block is part of a program in examples/ (which `npm test` runs) or is
// typechecked here against the package (as a user's file importing 'trpo-streams'); a ```sh block
// runs only commands we know, and its `trpo` commands and flags are in `trpo <command> --help`; a
// ```text block is illustrative output or a synopsis, and is not checked. A fence without one of
// these languages fails. Needs the built package (dist/), as the examples do.

interface CodeBlock {
  readonly file: string;
  readonly line: number;
  readonly lang: string;
  readonly code: string;
}

const documents = ['README.md', ...readdirSync('docs').filter((f) => f.endsWith('.md')).map((f) => path.join('docs', f))];

/** The fenced blocks of a Markdown text, with the line their fence opens on. */
export const fencedBlocks = (file: string, text: string): CodeBlock[] => {
  const blocks: CodeBlock[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*$/.exec(lines[i]);
    if (!open) continue;
    const end = lines.findIndex((l, j) => j > i && /^```\s*$/.test(l));
    assert.ok(end > i, `${file}:${i + 1}: a code fence is never closed`);
    blocks.push({ file, line: i + 1, lang: open[1], code: lines.slice(i + 1, end).join('\n') });
    i = end;
  }
  return blocks;
};

const blocks = documents.flatMap((file) => fencedBlocks(file, readFileSync(file, 'utf8')));
const where = (b: CodeBlock) => `${b.file}:${b.line}`;

test('fencedBlocks finds blocks, their language and their line', () => {
  assert.equal(fencedBlocks('x.md', 'a\n```ts\nconst a = 1;\n```\n\n```\nplain\n```\n'), [
    { file: 'x.md', line: 2, lang: 'ts', code: 'const a = 1;' },
    { file: 'x.md', line: 6, lang: '', code: 'plain' },
  ]);
});

test('every code block says what it is: ts, sh or text', () => {
  assert.ok(blocks.length >= 20, `${blocks.length} blocks`);
  const unmarked = blocks.filter((b) => !['ts', 'sh', 'text'].includes(b.lang)).map((b) => `${where(b)} (\`\`\`${b.lang})`);
  assert.equal(unmarked, [], 'mark commands ```sh, TypeScript ```ts, and output or synopses ```text');
});

// ts: part of an example, or typechecked as a file of its own
const examples = readdirSync('examples').filter((f) => f.endsWith('.ts')).map((f) => readFileSync(path.join('examples', f), 'utf8'));
const compiled = blocks.filter((b) => b.lang === 'ts' && !examples.some((source) => source.includes(b.code)));

test(`ts blocks not in examples/ typecheck against the package (${compiled.length} blocks)`, () => {
  const config = ts.getParsedCommandLineOfConfigFile('tsconfig.json', {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => assert.unreachable(String(d.messageText)) });
  assert.ok(config);
  // snippets sit in the repository so that 'trpo-streams' resolves to this package, as in examples/
  const files = new Map(compiled.map((b, i) => [path.resolve('examples', `.docs-block-${i}.ts`), b]));
  const options: ts.CompilerOptions = { ...config.options, noEmit: true, noUnusedLocals: false };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host), fileExists = host.fileExists.bind(host), getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (f) => files.get(path.resolve(f))?.code ?? readFile(f);
  host.fileExists = (f) => files.has(path.resolve(f)) || fileExists(f);
  host.getSourceFile = (f, language, onError) => {
    const block = files.get(path.resolve(f));
    return block ? ts.createSourceFile(f, `${block.code}\nexport {};\n`, language) : getSourceFile(f, language, onError);
  };
  const program = ts.createProgram([...files.keys()], options, host);
  const problems = ts.getPreEmitDiagnostics(program).map((d) => {
    const block = d.file ? files.get(path.resolve(d.file.fileName)) : undefined;
    const at = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line : 0;
    return `${block ? `${block.file}:${block.line + 1 + at}` : d.file?.fileName ?? '?'}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
  assert.equal(problems, []);
  assert.ok(compiled.length >= 5, `the guide compiles its own snippets: ${compiled.length}`);
});

// sh: known programs only; trpo commands and flags from --help
const helpOf = new Map<string, string>();
const help = (command: string): string => {
  if (!helpOf.has(command)) {
    const r = spawnSync(process.execPath, ['dist/cli/main.js', ...(command ? [command] : []), '--help'], { encoding: 'utf8' });
    helpOf.set(command, r.stdout);
  }
  return helpOf.get(command) as string;
};
const commands = () => [...help('').matchAll(/^ {2}(\w+)\b/gm)].map((m) => m[1]).filter((c) => c !== 'help');
const knownPrograms = new Set(['npm', 'node', 'bash', 'python3', 'for', 'cd', 'jq', 'diff', 'ls', 'cat', 'redis-server', 'curl']);

/** Problems of one shell block: unknown programs, trpo commands or flags. */
const shellProblems = (block: CodeBlock): string[] => {
  const text = block.code.replace(/\\\n/g, ' ');
  return text.split('\n').flatMap((raw) => {
    // leading VAR=value assignments (quoted values may hold spaces) set the command's environment
    const line = raw.replace(/(^|\s)#.*$/, '').replace(/\s+/g, ' ').trim().replace(/^(\w+=("[^"]*"|\S*) )+/, '');
    if (!line) return [];
    const words = line.split(/\s+/);
    if (!knownPrograms.has(words[0]) && words[0] !== 'trpo') return [`unknown program '${words[0]}' in: ${line}`];
    const problems: string[] = [];
    words.forEach((word, i) => {
      if (word !== 'trpo' && word !== 'dist/cli/main.js') return;
      const command = words[i + 1];
      if (command === undefined || command.startsWith('-')) return;
      if (!commands().includes(command)) return void problems.push(`unknown command 'trpo ${command}' in: ${line}`);
      const flags = help(command);
      for (let j = i + 2; j < words.length && !/^(;|&&|\|\||\||done;?)$/.test(words[j]); j++) {
        const flag = /^(--[\w-]+)/.exec(words[j])?.[1];
        if (flag && !new RegExp(`(^|[\\s,])${flag}\\b`).test(flags)) problems.push(`'trpo ${command}' has no ${flag} (${line})`);
      }
    });
    return problems;
  });
};

test('sh blocks: known programs, and trpo commands and flags that --help lists', () => {
  const sh = blocks.filter((b) => b.lang === 'sh');
  assert.ok(sh.length >= 8, `${sh.length} sh blocks`);
  assert.equal(
    sh.flatMap((b) => shellProblems(b).map((p) => `${where(b)}: ${p}`)),
    [],
  );
  // the check itself catches a flag that does not exist
  assert.equal(shellProblems({ file: 'x', line: 1, lang: 'sh', code: 'trpo plot --runs a --out b.svg --panels kl \\\n  --colour red' }), ["'trpo plot' has no --colour (trpo plot --runs a --out b.svg --panels kl --colour red)"]);
  assert.equal(shellProblems({ file: 'x', line: 1, lang: 'sh', code: 'trpo plto --runs a' }), ["unknown command 'trpo plto' in: trpo plto --runs a"]);
});

test.run();
