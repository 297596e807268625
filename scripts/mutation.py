#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Source mutation testing of the model (issue 20).

Every candidate site of src/model, src/kvm, src/hw and src/check is ranked by
a hash of SEED and the site's own text (its file, its line's text, the
operator, which of the line's sites, which of the file's equal lines), and the
first COUNT that are not listed in scripts/mutation-equivalent.txt are tried:
same seed and same source, same mutants; a bigger COUNT tries a superset; and
a change elsewhere in the source (a line added, a test written, dead code
deleted) leaves the other sites' ranks alone, so a sample stays the same
sample while its survivors are triaged.

Verdicts are cached in DIR/verdicts.json by the mutated file's whole text:
a mutant whose file has not changed since it was killed (or failed to build)
is not run again; a survivor always is. Adding tests can only turn survivors
into kills, so a run after triage re-runs exactly what it must
(--no-cache runs everything). Each mutant is written
into a private copy of the tree (build-mut/wN/tree, synced from the
developer's tree at start, so the tree itself is never mutated even if this
is killed), built incrementally in its ASan+UBSan build (build-mut/wN/tree/build-mut)
and run against the kill set: the scenario library in one `gmemsim run`, then
the cmocka unit binaries and the shell tests of the scenarios suite, in that
order, stopping at the first failure. A failure, a sanitizer report (a leak
included: ASAN_OPTIONS=detect_leaks=1, G_SLICE=always-malloc) or the timeout
kills the mutant; one that does not build is left out of the score.

Operators: negate (if/while condition), relop (< <=, > >=, == !=),
logic (&& ||), delete (a call or assignment statement), const (0 1, N N+1),
errno (-EINVAL -EFAULT, others -EINVAL), break (dropped).
"""
import argparse
import concurrent.futures
import fnmatch
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time

FOLDERS = ['src/model', 'src/kvm', 'src/hw', 'src/check']
EQUIV_FILE = 'scripts/mutation-equivalent.txt'
SAN_ENV = {
    'ASAN_OPTIONS': 'detect_leaks=1',
    'UBSAN_OPTIONS': 'halt_on_error=1:print_stacktrace=1',
    'G_SLICE': 'always-malloc',
}
# meson tests not in the kill set: slow (hostile inputs, deep explorer
# searches, a headless browser), or testing the tree rather than behaviour
# (the layer rules, the design table, every scenario's graph through
# Graphviz, an install; `dot` alone was a quarter of a survivor's cost)
DEFAULT_SKIP = ['hostile', 'explore', 'matrix-html', 'layers', 'test_oracle',
                'oracle-diff', 'fuzz-replay', 'matrix', 'dot', 'install']

TOKEN = re.compile(r'0[xX][0-9a-fA-F]+[uUlL]*|\d+[uUlL]*|[A-Za-z_]\w*|->|'
                   r'\+\+|--|<<=|>>=|<<|>>|<=|>=|==|!=|&&|\|\||'
                   r'[-+*/%&|^]=|[-+*/%&|^!~<>=?:;,(){}\[\].]')
RELOP = {'<': '<=', '<=': '<', '>': '>=', '>=': '>', '==': '!=', '!=': '=='}
KEYWORDS = {'return', 'if', 'else', 'for', 'while', 'do', 'switch', 'case',
            'default', 'goto', 'break', 'continue', 'struct', 'union',
            'enum', 'typedef', 'static', 'const', 'volatile', 'extern',
            'unsigned', 'signed', 'sizeof'}
ASSIGN = {'=', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '<<=', '>>=',
          '++', '--'}
# lines whose only effect is an assertion of the model's own invariants
ASSERT_CALL = re.compile(r'\b(GMS_WARN_ON(?:_ONCE)?|g_assert\w*|assert)\s*\(')


def mask_code(text):
    """@text with comments, string and char literals blanked (newlines kept)."""
    out = list(text)
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith('//', i):
            j = text.find('\n', i)
            j = n if j < 0 else j
        elif text.startswith('/*', i):
            j = text.find('*/', i + 2)
            j = n if j < 0 else j + 2
        elif c in '"\'':
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == '\\' else 1
            j += 1
        else:
            i += 1
            continue
        for k in range(i, min(j, n)):
            if out[k] != '\n':
                out[k] = ' '
        i = j
    return ''.join(out)


def match_paren(code, i):
    """Offset of the ')' closing the '(' at @i, or -1."""
    depth = 0
    for j in range(i, len(code)):
        if code[j] == '(':
            depth += 1
        elif code[j] == ')':
            depth -= 1
            if depth == 0:
                return j
    return -1


class Site:
    def __init__(self, path, line, op, edits, text):
        self.path, self.line, self.op, self.edits = path, line, op, edits
        self.text = text  # the file's, shared by its sites
        self.k = 0

    @property
    def orig(self):
        return self.text[line_start(self.text, self.line):].split('\n', 1)[0]

    @property
    def mutated(self):
        """The mutated line: the same line of the mutated text, shifted by
        what the edits before it removed or added."""
        start = line_start(self.text, self.line)
        shift = sum(len(r) - (e - s) for s, e, r in self.edits if s < start)
        mutated = apply_edits(self.text, self.edits)
        return mutated[start + shift:].split('\n', 1)[0]

    @property
    def ident(self):
        return f'{self.path}:{self.line}:{self.op}:{self.k}'


def line_start(text, line):
    pos = 0
    for _ in range(line - 1):
        pos = text.index('\n', pos) + 1
    return pos


def cache_orig(sites):
    """The original line of each site, read once (equivalence matching), and
    which of its file's sites with the same line text, operator and k it is
    (a file has many `return 0;`)."""
    lines = {}
    nth = {}
    for st in sites:
        if st.path not in lines:
            lines[st.path] = st.text.split('\n')
        st.orig_line = lines[st.path][st.line - 1]
        key = (st.path, st.orig_line.strip(), st.op, st.k)
        st.nth = nth.get(key, 0)
        nth[key] = st.nth + 1


def rank(site, seed):
    """The site's place in the draw: a hash of the seed and of the site's
    text, not of its line number, so that editing another part of the
    source does not redraw the sample."""
    key = f'{seed}\0{site.path}\0{site.orig_line.strip()}\0{site.op}\0' \
        f'{site.k}\0{site.nth}'
    return hashlib.sha256(key.encode()).hexdigest()


def mutant_key(site):
    """The cache's key: the mutated file's whole text, and its path."""
    text = apply_edits(site.text, site.edits)
    return site.path + ':' + hashlib.sha256(text.encode()).hexdigest()


def apply_edits(text, edits):
    for s, e, r in sorted(edits, reverse=True):
        text = text[:s] + r + text[e:]
    return text


def skipped_spans(code):
    """Spans of preprocessor lines and of assertion calls' arguments."""
    spans = []
    pos = 0
    cont = False
    for ln in code.split('\n'):
        if cont or ln.lstrip().startswith('#'):
            spans.append((pos, pos + len(ln)))
            cont = ln.rstrip().endswith('\\')
        pos += len(ln) + 1
    for m in ASSERT_CALL.finditer(code):
        close = match_paren(code, m.end() - 1)
        if close > 0:
            spans.append((m.end(), close))
    return spans


def statement_sites(path, text, code, lineno_of, skip):
    """Whole call or assignment statements that start a line."""
    pos = 0
    prev = ''
    for ln in code.split('\n'):
        stripped = ln.strip()
        start = pos + len(ln) - len(ln.lstrip())
        pos += len(ln) + 1
        boundary = prev == '' or prev[-1] in ';{}):' or prev.endswith('else')
        if stripped:
            prev = stripped
        if not stripped or not boundary or skip(start):
            continue
        end = statement_end(code, start)
        if end < 0:
            continue
        toks = [m.group() for m in TOKEN.finditer(code[start:end])]
        if not toks or toks[0] in KEYWORDS or ASSERT_CALL.match(
                code[start:end]):
            continue
        depth = 0
        lhs = []
        kind = None
        for t in toks:
            if t in '([':
                depth += 1
            elif t in ')]':
                depth -= 1
            elif depth == 0 and t in ASSIGN:
                kind = 'assign'
                break
            if depth == 0 and t not in '([)]':
                lhs.append(t)
        if kind is None:
            if re.fullmatch(r'[A-Za-z_]\w*', toks[0]) and toks[1:2] == ['('] \
                    and match_paren(code, start + code[start:].index('(')) \
                    == end - 1:
                kind = 'call'
            else:
                continue
        elif sum(1 for t in lhs if re.fullmatch(r'[A-Za-z_]\w*', t)) > 1 \
                and not any(t in ('->', '.') for t in lhs):
            continue  # a declaration with its initialiser
        yield Site(path, lineno_of(start), 'delete',
                   [(start, end + 1, ';')], text)


def statement_end(code, start):
    depth = 0
    for j in range(start, len(code)):
        c = code[j]
        if c in '([{':
            depth += 1
        elif c in ')]}':
            depth -= 1
            if depth < 0:
                return -1
        elif c == ';' and depth == 0:
            return j
    return -1


def falls_into_empty_default(code, toks, idx):
    """`break; default: break; }`: falling through reaches a last label
    whose only statement is the switch's final break, which changes
    nothing."""
    words = [t.group() for t in toks[idx:idx + 4]]
    return words == ['default', ':', 'break', ';'] and \
        last_in_switch(code, toks, idx + 4)


def last_in_switch(code, toks, idx):
    """Does the token at @idx close a switch's body (so that a `break;`
    just before it changes nothing)?"""
    if idx >= len(toks) or toks[idx].group() != '}':
        return False
    depth = 0
    for j in range(toks[idx].start(), -1, -1):
        c = code[j]
        if c == '}':
            depth += 1
        elif c == '{':
            depth -= 1
            if depth == 0:
                head = code[:j].rstrip()
                if not head.endswith(')'):
                    return False
                k = head.rfind('(')
                depth_p = 0
                for m in range(len(head) - 1, -1, -1):
                    if head[m] == ')':
                        depth_p += 1
                    elif head[m] == '(':
                        depth_p -= 1
                        if depth_p == 0:
                            k = m
                            break
                return re.search(r'\bswitch\s*$', head[:k]) is not None
    return False


def file_sites(path, text):
    code = mask_code(text)
    newlines = [m.start() for m in re.finditer('\n', text)]

    def lineno_of(off):
        lo, hi = 0, len(newlines)
        while lo < hi:
            mid = (lo + hi) // 2
            if newlines[mid] < off:
                lo = mid + 1
            else:
                hi = mid
        return lo + 1

    spans = skipped_spans(code)

    def skip(off):
        return any(s <= off < e for s, e in spans)

    sites = []
    toks = list(TOKEN.finditer(code))
    for idx, m in enumerate(toks):
        t, s, e = m.group(), m.start(), m.end()
        if skip(s):
            continue
        nxt = toks[idx + 1].group() if idx + 1 < len(toks) else ''
        if t in ('if', 'while') and nxt == '(':
            op = toks[idx + 1].start()
            close = match_paren(code, op)
            if close > 0:
                sites.append(Site(path, lineno_of(s), 'negate',
                                  [(op + 1, op + 1, '!('),
                                   (close, close, ')')], text))
        elif t in RELOP:
            sites.append(Site(path, lineno_of(s), 'relop',
                              [(s, e, RELOP[t])], text))
        elif t in ('&&', '||'):
            sites.append(Site(path, lineno_of(s), 'logic',
                              [(s, e, '||' if t == '&&' else '&&')], text))
        elif t == '-' and re.fullmatch(r'E[A-Z0-9]+', nxt) and \
                toks[idx + 1].start() == e:
            new = 'EFAULT' if nxt == 'EINVAL' else 'EINVAL'
            n = toks[idx + 1]
            sites.append(Site(path, lineno_of(s), 'errno',
                              [(n.start(), n.end(), new)], text))
        elif t == 'break' and nxt == ';':
            if last_in_switch(code, toks, idx + 2) or \
                    falls_into_empty_default(code, toks, idx + 2):
                continue  # the switch ends there anyway: equivalent
            sites.append(Site(path, lineno_of(s), 'break',
                              [(s, toks[idx + 1].end(), ';')], text))
        elif re.fullmatch(r'\d+[uUlL]*|0[xX][0-9a-fA-F]+[uUlL]*', t):
            num = re.match(r'0[xX][0-9a-fA-F]+|\d+', t).group()
            suffix = t[len(num):]
            v = int(num, 0)
            if num.startswith('0') and len(num) > 1 and not \
                    num.lower().startswith('0x'):
                continue  # octal: leave alone
            nv = 1 if v == 0 else 0 if v == 1 else v + 1
            new = (hex(nv) if num.lower().startswith('0x') else str(nv))
            sites.append(Site(path, lineno_of(s), 'const',
                              [(s, e, new + suffix)], text))
    sites.extend(statement_sites(path, text, code, lineno_of, skip))
    sites.sort(key=lambda x: (x.line, x.op, x.edits))
    seen = {}
    for st in sites:
        key = (st.line, st.op)
        st.k = seen.get(key, 0)
        seen[key] = st.k + 1
    return sites


def all_sites(root, filters):
    # "under src/": `model` is src/model, as the help says
    filters = [f if f.startswith('src/') or f.startswith('*') else 'src/' + f
               for f in filters]
    sites = []
    for folder in FOLDERS:
        for name in sorted(os.listdir(os.path.join(root, folder))):
            path = f'{folder}/{name}'
            if not name.endswith('.c'):
                continue
            if filters and not any(path == f or path.startswith(
                    f.rstrip('/') + '/') or fnmatch.fnmatch(path, f)
                    for f in filters):
                continue
            with open(os.path.join(root, path)) as fh:
                sites.extend(file_sites(path, fh.read()))
    return sites


def load_equivalents(root):
    """Entries `file-glob | operator | regex of the original line | why`;
    the operator may name one of a line's sites (`relop:0`, the first)."""
    entries = []
    path = os.path.join(root, EQUIV_FILE)
    if not os.path.exists(path):
        return entries
    with open(path) as fh:
        for n, ln in enumerate(fh, 1):
            if not ln.strip() or ln.startswith('#'):
                continue
            parts = [p.strip() for p in ln.rstrip('\n').split(' | ')]
            if len(parts) != 4 or not parts[3]:
                sys.exit(f'{path}:{n}: want "file | op | regex | why"')
            entries.append((parts[0], parts[1], re.compile(parts[2])))
    return entries


def is_equivalent(site, entries):
    return any(fnmatch.fnmatch(site.path, f) and
               op in ('*', site.op, f'{site.op}:{site.k}') and
               rx.search(site.orig_line) for f, op, rx in entries)


def sync_tree(root, dest):
    """Copy the tracked and unignored files of @root into @dest, writing only
    what differs so that ninja rebuilds only what changed."""
    files = subprocess.run(
        ['git', 'ls-files', '-co', '--exclude-standard', '-z'], cwd=root,
        check=True, capture_output=True).stdout.decode().split('\0')
    for f in filter(None, files):
        src = os.path.join(root, f)
        if not os.path.isfile(src):
            continue
        dst = os.path.join(dest, f)
        with open(src, 'rb') as fh:
            data = fh.read()
        try:
            with open(dst, 'rb') as fh:
                if fh.read() == data:
                    continue
        except FileNotFoundError:
            os.makedirs(os.path.dirname(dst), exist_ok=True)
        with open(dst, 'wb') as fh:
            fh.write(data)
        shutil.copymode(src, dst)


class Worker:
    def __init__(self, root, base, n, skip_tests):
        # absolute: the tests run with the build directory as their cwd
        self.dir = os.path.join(os.path.abspath(base), f'w{n}')
        # the build inside its tree, as the developer's: __FILE__ is then
        # ../src/..., which the tests of the warn log expect
        self.src = os.path.join(self.dir, 'tree')
        self.build = os.path.join(self.src, 'build-mut')
        os.makedirs(self.src, exist_ok=True)
        sync_tree(root, self.src)
        if not os.path.exists(os.path.join(self.build, 'build.ninja')):
            subprocess.run(['meson', 'setup', self.build, self.src,
                            '-Db_sanitize=address,undefined',
                            '-Db_lundef=false', '-Dfuzz=disabled'],
                           check=True, stdout=subprocess.DEVNULL)
        self.skip_tests = skip_tests
        self.tests = None
        self.times = {}

    def kill_set(self):
        """[(name, argv, env)], fastest first: the scenario library in one
        run, the cmocka binaries, then the shell tests."""
        out = subprocess.run(['meson', 'introspect', '--tests', self.build],
                             check=True, capture_output=True, text=True)
        tests = json.loads(out.stdout)
        gmemsim = os.path.join(self.build, 'src', 'cli', 'gmemsim')
        first = [('scenarios/', [gmemsim, 'run',
                                 os.path.join(self.src, 'scenarios')], {})]
        binaries, scripts = [], []
        for t in tests:
            suites = {x.split(':')[-1] for x in t['suite']}
            if not {'unit', 'scenarios'} & suites or \
                    t['name'] in self.skip_tests or \
                    t['cmd'][0] == gmemsim and t['cmd'][1:2] == ['run']:
                continue
            entry = (t['name'], t['cmd'], t['env'])
            (binaries if t['cmd'][0].startswith(self.build)
             else scripts).append(entry)
        return first + binaries + scripts

    def ninja(self, targets, timeout=None):
        try:
            r = subprocess.run(['ninja', '-C', self.build] + targets,
                               capture_output=True, text=True,
                               timeout=timeout)
        except subprocess.TimeoutExpired:
            return False, 'build timed out'
        return r.returncode == 0, r.stdout[-3000:] + r.stderr[-2000:]

    def run_tests(self, timeout, build_timeout=None):
        """(verdict, the test that decided it). Each program is linked just
        before it runs: a mutant the scenario library kills costs one link.
        Only the tests' own time counts against @timeout."""
        left = timeout
        env = dict(os.environ, **SAN_ENV)
        for name, argv, tenv in self.tests:
            if argv[0].startswith(self.build + os.sep):
                ok, log = self.ninja([os.path.relpath(argv[0], self.build)],
                                     build_timeout)
                if not ok:
                    return 'not compiled', log
            if left <= 0:
                return 'killed', f'timeout ({timeout:.0f}s)'
            t0 = time.monotonic()
            # a session of its own: a timeout ends the shell tests' children
            # the build directory, as meson runs a test without workdir
            p = subprocess.Popen(argv, env=dict(env, **tenv), cwd=self.build,
                                 stdout=subprocess.DEVNULL,
                                 stderr=subprocess.PIPE,
                                 start_new_session=True)
            try:
                _, err = p.communicate(timeout=left)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.communicate()
                return 'killed', f'timeout ({timeout:.0f}s) in {name}'
            left -= time.monotonic() - t0
            self.times[name] = time.monotonic() - t0
            if p.returncode != 0:
                why = 'leak' if b'LeakSanitizer' in err else \
                    'sanitizer' if b'Sanitizer' in err else \
                    f'exit {p.returncode}'
                return 'killed', f'{name} ({why})'
        return 'survived', ''

    def baseline(self, timeout):
        self.tests = self.kill_set()
        t0 = time.monotonic()
        verdict, why = self.run_tests(timeout)
        if verdict == 'not compiled':
            sys.exit(f'the unmutated tree does not build:\n{why}')
        if verdict != 'survived':
            sys.exit(f'the unmutated tree fails its kill set: {why}')
        return time.monotonic() - t0

    def run(self, site, timeout, build_timeout):
        path = os.path.join(self.src, site.path)
        with open(path) as fh:
            orig = fh.read()
        try:
            with open(path, 'w') as fh:
                fh.write(apply_edits(orig, site.edits))
            t0 = time.monotonic()
            verdict, why = self.run_tests(timeout, build_timeout)
            if verdict == 'not compiled':
                why = ''
            return verdict, why, time.monotonic() - t0
        finally:
            with open(path, 'w') as fh:
                fh.write(orig)


def score_table(results, key):
    rows = {}
    for site, verdict, _, _ in results:
        k = key(site)
        r = rows.setdefault(k, [0, 0, 0])
        if verdict == 'not compiled':
            r[2] += 1
        else:
            r[1] += 1
            r[0] += verdict == 'killed'
    lines = [f'| {"folder" if key is folder_of else "file"} | killed | '
             'compiled | score | not compiled |', '|---|---|---|---|---|']
    for k in sorted(rows):
        killed, compiled, nc = rows[k]
        pct = f'{100 * killed / compiled:.0f}%' if compiled else '-'
        lines.append(f'| {k} | {killed} | {compiled} | {pct} | {nc} |')
    return lines


def folder_of(site):
    return os.path.dirname(site.path)


def report(results, args, per_mutant, skipped_equiv):
    compiled = [r for r in results if r[1] != 'not compiled']
    killed = [r for r in compiled if r[1] == 'killed']
    survivors = [r for r in compiled if r[1] == 'survived']
    out = ['# Mutation report', '',
           f'seed {args.seed}, count {args.count}, filter '
           f'{" ".join(args.filter) or "(all)"}; {len(results)} mutants '
           f'tried, {len(compiled)} compiled, {len(killed)} killed '
           f'({100 * len(killed) / max(len(compiled), 1):.0f}%); '
           f'{skipped_equiv} listed equivalent skipped; '
           f'{per_mutant:.1f} s per mutant', '',
           '## Per folder', ''] + score_table(results, folder_of) + \
        ['', '## Per file', ''] + score_table(results, lambda s: s.path) + \
        ['', f'## Survivors ({len(survivors)})', '']
    for site, _, _, _ in sorted(survivors, key=lambda r: (r[0].path,
                                                          r[0].line)):
        out += [f'- `{site.ident}` {site.path}:{site.line} ({site.op})',
                f'  - original: `{site.orig.strip()}`',
                f'  - mutated:  `{site.mutated.strip()}`']
    out += ['', '## Every mutant', '']
    for site, verdict, why, secs in results:
        out.append(f'- `{site.ident}` {verdict}{": " + why if why else ""}'
                   f' ({secs:.0f} s)')
    return '\n'.join(out) + '\n', survivors


def main():
    root = subprocess.run(['git', 'rev-parse', '--show-toplevel'],
                          cwd=os.path.dirname(os.path.abspath(__file__)),
                          check=True, capture_output=True,
                          text=True).stdout.strip()
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--count', type=int, default=20,
                    help='mutants to try (0: every site)')
    ap.add_argument('--filter', nargs='*', default=[],
                    help='folders, files or globs under src/ to mutate')
    ap.add_argument('--only', nargs='*', default=[],
                    help='mutant ids (file:line:op:k) to try')
    ap.add_argument('--timeout', type=float, default=300,
                    help='seconds of tests per mutant (a timeout kills)')
    ap.add_argument('--timeout-factor', type=float, default=3,
                    help='a mutant whose tests run longer than this many '
                    'times the baseline kill set (at least 60 s, at most '
                    '--timeout) hangs: a timeout, which kills')
    ap.add_argument('--build-timeout', type=float, default=900)
    ap.add_argument('--jobs', type=int, default=1)
    ap.add_argument('--dir', default=os.path.join(root, 'build-mut'))
    ap.add_argument('--skip-tests', default=','.join(DEFAULT_SKIP),
                    help='meson tests left out of the kill set')
    ap.add_argument('--report', help='markdown report (DIR/mutation-report.md)')
    ap.add_argument('--no-cache', action='store_true',
                    help='run every mutant, not reusing DIR/verdicts.json')
    ap.add_argument('--list', action='store_true',
                    help='print the chosen mutants and stop')
    ap.add_argument('--fail-on-survivor', action='store_true',
                    help='exit 1 if a mutant survives (the CI floor)')
    args = ap.parse_args()

    sites = all_sites(root, args.filter)
    cache_orig(sites)
    sites.sort(key=lambda st: rank(st, args.seed))
    equiv = load_equivalents(root)
    chosen, skipped_equiv = [], 0
    for s in sites:
        if args.only and s.ident not in args.only:
            continue
        if is_equivalent(s, equiv):
            skipped_equiv += 1
            continue
        chosen.append(s)
        if args.count and len(chosen) == args.count and not args.only:
            break
    print(f'{len(sites)} sites; trying {len(chosen)}', flush=True)
    if args.list:
        for s in chosen:
            print(f'{s.ident}\n  - {s.orig.strip()}\n  + {s.mutated.strip()}')
        return 0

    skip = set(filter(None, args.skip_tests.split(',')))
    workers = [Worker(root, args.dir, n, skip) for n in range(args.jobs)]
    # the baselines at once, as the mutants will run
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as ex:
        base = list(ex.map(lambda w: w.baseline(args.timeout), workers))
    for w, secs in zip(workers, base):
        # a survivor runs the whole kill set once, as the baseline did; a
        # mutant that loops for ever need not cost the whole --timeout
        w.timeout = min(args.timeout, max(60, args.timeout_factor * secs))
        slow = sorted(w.times.items(), key=lambda x: -x[1])[:4]
        print(f'{w.dir}: baseline passes its kill set in {secs:.0f} s '
              f'({len(w.tests)} programs; slowest: ' +
              ', '.join(f'{n} {t:.0f} s' for n, t in slow) +
              f'); a mutant times out after {w.timeout:.0f} s', flush=True)
    print('kill set: ' + ', '.join(n for n, _, _ in workers[0].tests),
          flush=True)
    free = list(workers)
    lock = threading.Lock()
    results = []
    t0 = time.monotonic()
    cache_path = os.path.join(args.dir, 'verdicts.json')
    cache = {}
    if not args.no_cache and os.path.exists(cache_path):
        with open(cache_path) as fh:
            cache = json.load(fh)

    def one(site):
        key = mutant_key(site)
        hit = cache.get(key)
        if hit and hit[0] in ('killed', 'not compiled'):
            verdict, why, secs = hit[0], 'cached' + (
                ': ' + hit[1] if hit[1] else ''), 0
        else:
            with lock:
                w = free.pop()
            try:
                verdict, why, secs = w.run(site, w.timeout,
                                           args.build_timeout)
            finally:
                with lock:
                    free.append(w)
        with lock:
            cache[key] = [verdict, why.removeprefix('cached: ')
                          .removeprefix('cached')]
            with open(cache_path + '.tmp', 'w') as fh:
                json.dump(cache, fh)
            os.replace(cache_path + '.tmp', cache_path)
            results.append((site, verdict, why, secs))
            print(f'[{len(results)}/{len(chosen)}] {site.ident} {verdict}'
                  f'{": " + why if why else ""} ({secs:.0f} s)', flush=True)
            if verdict == 'survived':
                print(f'    - {site.orig.strip()}\n'
                      f'    + {site.mutated.strip()}', flush=True)

    with concurrent.futures.ThreadPoolExecutor(args.jobs) as ex:
        list(ex.map(one, chosen))
    order = {s.ident: i for i, s in enumerate(chosen)}
    results.sort(key=lambda r: order[r[0].ident])
    per_mutant = (time.monotonic() - t0) / max(len(results), 1) * args.jobs
    text, survivors = report(results, args, per_mutant, skipped_equiv)
    path = args.report or os.path.join(args.dir, 'mutation-report.md')
    with open(path, 'w') as fh:
        fh.write(text)
    print(text.split('\n## Every mutant')[0])
    print(f'report: {path}')
    return 1 if args.fail_on_survivor and survivors else 0


if __name__ == '__main__':
    sys.exit(main())
