// Injection helper for bench/inject.sh: parses JavaScript / TypeScript with the TypeScript compiler API
// (Debian's node-typescript) and makes one mistake of the asked kind in a real file.
// stdin: one JSON object a line {path, kind, seed}; stdout: one JSON line each,
// {path, ok, text (the new file), line (1-based injected line), injected (the inserted text)}.
const fs = require('fs');
const ts = require(process.env.TYPESCRIPT || '/usr/share/nodejs/typescript');
const readline = require('readline');

function rng(seed) { let s = seed >>> 0 || 1; return () => ((s = (s * 1103515245 + 12345) >>> 0) / 4294967296); }
function pick(r, xs) { return xs[Math.floor(r() * xs.length)]; }
function lineOf(sf, pos) { return sf.getLineAndCharacterOfPosition(pos).line + 1; }
function all(sf) { const out = []; (function walk(n) { out.push(n); ts.forEachChild(n, walk); })(sf); return out; }
function mentions(node, name) { let hit = false; (function w(n) { if (ts.isIdentifier(n) && n.text === name) hit = true; ts.forEachChild(n, w); })(node); return hit; }
function lineStart(text, pos) { return text.lastIndexOf('\n', pos - 1) + 1; }

function inject(path, kind, seed) {
    const text = fs.readFileSync(path, 'utf8');
    const kindOf = /\.(ts|mts|cts)$/.test(path) ? ts.ScriptKind.TS : ts.ScriptKind.JS;
    const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, kindOf);
    if (sf.parseDiagnostics && sf.parseDiagnostics.length) return null;
    const r = rng(seed);
    const nodes = all(sf);
    const insert = (pos, s) => text.slice(0, pos) + s + text.slice(pos);
    if (kind === 'param') {
        const fns = nodes.filter(n => (ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isMethodDeclaration(n)
            || ts.isArrowFunction(n) || ts.isMethodSignature(n) || ts.isConstructorDeclaration(n))
            && n.parameters.length > 0 && n.parameters.every(p => ts.isIdentifier(p.name) && !p.dotDotDotToken && p.name.text !== 'this')
            && n.getChildren(sf).some(c => c.kind === ts.SyntaxKind.OpenParenToken));
        if (!fns.length) return null;
        const fn = pick(r, fns), p = pick(r, fn.parameters), last = fn.parameters[fn.parameters.length - 1];
        let s = ', ' + p.name.text;
        if (p.type) s += ': ' + p.type.getText(sf);
        if (last.initializer || last.questionToken) s += p.type ? ' | undefined = undefined' : ' = undefined';
        return { text: insert(last.end, s), line: lineOf(sf, last.end), injected: s.slice(2) };
    }
    if (kind === 'key') {
        const props = nodes.filter(n => ts.isPropertyAssignment(n) && (ts.isIdentifier(n.name) || ts.isStringLiteral(n.name))
            && ts.isObjectLiteralExpression(n.parent) && lineOf(sf, n.getStart(sf)) === lineOf(sf, n.end));
        if (!props.length) return null;
        const p = pick(r, props);
        const copy = p.getText(sf);
        const s = ', ' + (copy.length <= 80 ? copy : p.name.getText(sf) + ': undefined');
        return { text: insert(p.end, s), line: lineOf(sf, p.end), injected: s.slice(2) };
    }
    if (kind === 'import' || kind === 'require') {
        const imps = sf.statements.filter(st => (kind === 'import' && ts.isImportDeclaration(st) && st.importClause
            || kind === 'require' && ts.isVariableStatement(st) && st.declarationList.declarations.length === 1
               && st.declarationList.declarations[0].initializer && ts.isCallExpression(st.declarationList.declarations[0].initializer)
               && st.declarationList.declarations[0].initializer.expression.getText(sf) === 'require')
            && lineOf(sf, st.getStart(sf)) === lineOf(sf, st.end));
        if (!imps.length) return null;
        const lastImp = imps[imps.length - 1], src = pick(r, imps);
        const s = '\n' + src.getText(sf);
        return { text: insert(lastImp.end, s), line: lineOf(sf, lastImp.end) + 1, injected: src.getText(sf),
                 form: ts.isImportDeclaration(src) ? 'import' : 'require' };
    }
    if (kind === 'deadstore') {
        const sts = nodes.filter(n => ts.isExpressionStatement(n) && ts.isBinaryExpression(n.expression)
            && n.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(n.expression.left)
            && !mentions(n.expression.right, n.expression.left.text) && n.expression.left.text !== 'undefined'
            && (ts.isBlock(n.parent) || ts.isSourceFile(n.parent) || ts.isCaseClause(n.parent) || ts.isDefaultClause(n.parent))
            && !(ts.isBlock(n.parent) && ts.isTryStatement(n.parent.parent) && n.parent.parent.tryBlock === n.parent)
            && /^[ \t]*$/.test(text.slice(lineStart(text, n.getStart(sf)), n.getStart(sf))));
        if (!sts.length) return null;
        const st = pick(r, sts), start = st.getStart(sf), ls = lineStart(text, start);
        const indent = text.slice(ls, start), name = st.expression.left.text;
        const s = indent + name + ' = ' + pick(r, ['null', '0', "''", '[]', '{}']) + ';\n';
        return { text: insert(ls, s), line: lineOf(sf, start), injected: s.trim() };
    }
    if (kind === 'function') {
        const fns = sf.statements.filter(st => ts.isFunctionDeclaration(st) && st.name && st.body);
        if (!fns.length) return null;
        const fn = pick(r, fns), src = text.slice(lineStart(text, fn.getStart(sf)), fn.end);
        const body = text.endsWith('\n') ? text : text + '\n';
        const s = '\n' + src + '\n';
        const newText = body + s;
        const defLine = body.split('\n').length + 1;
        return { text: newText, line: defLine, injected: 'function ' + fn.name.text + ' pasted again at the end' };
    }
    return null;
}

const rl = readline.createInterface({ input: process.stdin });
rl.on('line', l => {
    const req = JSON.parse(l);
    let res = null;
    try { res = inject(req.path, req.kind, req.seed); } catch (e) { res = null; }
    process.stdout.write(JSON.stringify(Object.assign({ path: req.path, ok: !!res }, res || {})) + '\n');
});
