#!/usr/bin/env python3
"""The man page svg-ai-cli.1 documents every command svg-ai-cli lists, every
option of convert, batch and bench, and the exit codes.
Usage: test-packaging-man.py SVG_AI_CLI MAN_PAGE"""
import os
import re
import subprocess
import sys

cli, man_path = sys.argv[1], sys.argv[2]
env = dict(os.environ, LC_ALL='C', LANGUAGE='')
man = open(man_path, encoding='utf-8').read().replace('\\-', '-')
results = []


def check(what, ok):
    results.append((what, bool(ok)))


top = subprocess.run([cli, '--help'], capture_output=True, text=True, env=env).stdout
commands = re.findall(r'^  (\S+)\s{2,}', top.split('Commands:')[1].split('\n\n')[0], re.M)
check('svg-ai-cli --help lists commands', commands)
for c in commands:
    check(f'command {c}', re.search(r'^\.B ' + re.escape(c) + r'$', man, re.M))
for c in ('convert', 'batch', 'bench'):
    help_text = subprocess.run([cli, c, '--help'], capture_output=True, text=True, env=env).stdout
    for opt in sorted(set(re.findall(r'^\s+(?:-\w, )?(--[a-z][a-z-]*)', help_text, re.M)) - {'--help'}):
        check(f'{c} {opt}', opt in man)
for code in ('0', '1', '2'):
    check(f'exit status {code}', re.search(r'^\.SH EXIT STATUS$(?:.|\n)*^\.B ' + code + '$', man, re.M))
check('--version documented', '--version' in man)

print(f'1..{len(results)}')
for n, (what, ok) in enumerate(results, 1):
    print(f'{"ok" if ok else "not ok"} {n} - {what}')
sys.exit(0 if all(ok for _, ok in results) else 1)
