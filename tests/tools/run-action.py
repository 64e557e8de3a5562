#!/usr/bin/env python3
"""Runs the steps of a composite action (action.yml) here, as a GitHub
runner would, for tests/cli/test_action.sh.

usage: run-action.py ACTION_DIR [--input NAME=VALUE]... [--runner-temp DIR]
                     [--summary FILE]

The current directory is the workspace (the checked-out repository). Each
step's `run` is executed with `sh -e` (GitHub's `sh` shell) with the step's
`env`, GITHUB_ACTION_PATH, GITHUB_OUTPUT (read back as the step's outputs),
GITHUB_STEP_SUMMARY and RUNNER_TEMP. Expressions: inputs.NAME,
github.action_path and steps.ID.outputs.NAME inside ${{ }}, and `if:`
conditions of the form `X == 'literal'` or `X != 'literal'`. Anything else
in the action (a `uses` step, another shell, another expression, a
multi-line output) is an error here, so the action cannot rely on
something this runner would silently get wrong. A failing step stops the
run with its status. Prints "output NAME=VALUE" for the action's outputs.
"""
import os
import re
import subprocess
import sys
import tempfile

import yaml


def fail(message):
    sys.stderr.write("run-action.py: %s\n" % message)
    sys.exit(90)


def main(argv):
    if len(argv) < 2:
        fail("usage: run-action.py ACTION_DIR [--input NAME=VALUE]...")
    action_dir = os.path.abspath(argv[1])
    given, runner_temp, summary = {}, None, None
    args = iter(argv[2:])
    for a in args:
        if a == "--input":
            name, _, value = next(args).partition("=")
            given[name] = value
        elif a == "--runner-temp":
            runner_temp = next(args)
        elif a == "--summary":
            summary = next(args)
        else:
            fail("unknown argument %s" % a)
    with open(os.path.join(action_dir, "action.yml"), encoding="utf-8") as f:
        action = yaml.safe_load(f)
    if action.get("runs", {}).get("using") != "composite":
        fail("not a composite action")
    inputs = {}
    for name, spec in (action.get("inputs") or {}).items():
        inputs[name] = str(spec.get("default", ""))
    for name, value in given.items():
        if name not in inputs:
            fail("the action has no input %s" % name)
        inputs[name] = value
    runner_temp = runner_temp or tempfile.mkdtemp()
    summary = summary or os.path.join(runner_temp, "summary.md")
    steps = {}

    def value_of(expr):
        expr = expr.strip()
        m = re.fullmatch(r"inputs\.([A-Za-z0-9_-]+)", expr)
        if m:
            if m.group(1) not in inputs:
                fail("unknown input in ${{ %s }}" % expr)
            return inputs[m.group(1)]
        if expr == "github.action_path":
            return action_dir
        m = re.fullmatch(r"steps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)", expr)
        if m:
            return steps.get(m.group(1), {}).get(m.group(2), "")
        fail("unsupported expression ${{ %s }}" % expr)

    def expand(text):
        return re.sub(r"\$\{\{(.*?)\}\}", lambda m: value_of(m.group(1)), str(text))

    def condition(text):
        text = str(text).strip()
        if text.startswith("${{") and text.endswith("}}"):
            text = text[3:-2].strip()
        m = re.fullmatch(r"(\S+)\s*(==|!=)\s*'([^']*)'", text)
        if not m:
            fail("unsupported condition: %s" % text)
        equal = value_of(m.group(1)) == m.group(3)
        return equal if m.group(2) == "==" else not equal

    for i, step in enumerate(action["runs"]["steps"]):
        label = step.get("name", "step %d" % (i + 1))
        for key in step:
            if key not in ("name", "id", "if", "shell", "run", "env"):
                fail("%s: unsupported key %s" % (label, key))
        if step.get("shell") != "sh":
            fail("%s: only `shell: sh` is run here" % label)
        if "if" in step and not condition(step["if"]):
            print("== skipped: %s" % label, flush=True)
            continue
        print("== %s" % label, flush=True)
        env = dict(os.environ)
        for name, value in (step.get("env") or {}).items():
            env[name] = expand(value)
        out_file = os.path.join(runner_temp, "output.%d" % i)
        open(out_file, "w").close()
        env.update(GITHUB_ACTION_PATH=action_dir, GITHUB_OUTPUT=out_file,
                   GITHUB_STEP_SUMMARY=summary, RUNNER_TEMP=runner_temp)
        script = os.path.join(runner_temp, "step.%d.sh" % i)
        with open(script, "w", encoding="utf-8") as f:
            f.write(expand(step["run"]))
        status = subprocess.call(["sh", "-e", script], env=env)
        outputs = {}
        with open(out_file, encoding="utf-8") as f:
            for line in f.read().splitlines():
                if "<<" in line.split("=", 1)[0]:
                    fail("%s: multi-line outputs are not supported" % label)
                name, _, value = line.partition("=")
                outputs[name] = value
        if "id" in step:
            steps[step["id"]] = outputs
        if status != 0:
            print("== failed (%d): %s" % (status, label), flush=True)
            return status
    for name, spec in (action.get("outputs") or {}).items():
        print("output %s=%s" % (name, expand(spec.get("value", ""))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
