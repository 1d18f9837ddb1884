#!/usr/bin/env python3
"""Runs the reference ONNX checker (onnx.checker.check_model, full_check) on each exported file given.

Use Debian's python3-onnx (/usr/bin/python3 build/onnx/check_onnx.py model.onnx ...); exits 1 if any fails.
"""
import sys

import onnx
import onnx.checker


def check(path):
    model = onnx.load(path, load_external_data=False)
    # full_check also runs shape inference, which catches attribute and shape mistakes the structure check misses.
    onnx.checker.check_model(model, full_check=True)
    opsets = ", ".join(f"{o.domain or 'ai.onnx'} {o.version}" for o in model.opset_import)
    return f"IR {model.ir_version}, opset {opsets}, {len(model.graph.node)} nodes"


def main(paths):
    if not paths:
        print("usage: check_onnx.py MODEL.onnx ...", file=sys.stderr)
        return 2
    passed = 0
    for path in paths:
        try:
            print(f"ok    {path}: {check(path)}")
            passed += 1
        except Exception as error:  # noqa: BLE001 - every failure is reported, not raised
            print(f"FAIL  {path}: {error}")
    print(f"{passed} of {len(paths)} models pass onnx.checker (onnx {onnx.__version__})")
    return 0 if passed == len(paths) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
