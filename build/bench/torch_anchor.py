"""The PyTorch anchor for `npm run bench -- --compare`: W1 and W2 (core/spec/presets.ts) trained and run on
the CPU exactly as our engine bench does them (batch 64, float32, one random batch repeated, cross-entropy,
SGD with momentum 0.9 at lr 0.01; inference in eval mode through the softmax), printing one JSON line per figure.
Denormals are flushed, as our native kernels flush them. Usage: python3 torch_anchor.py --threads 1 [--seconds 3]
"""
import argparse
import json
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def w1():
    # conv 8@5×5 same, relu, pool 2; conv 16@5×5 same, relu, pool 2; dense 10 (input 28×28×1)
    return nn.Sequential(
        nn.Conv2d(1, 8, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(8, 16, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(7 * 7 * 16, 10),
    ), (1, 28, 28)


def w2():
    # (conv 3×3 same, relu) ×2 at 32 and at 64 filters, each pair pooled; dense 128, relu, dense 10 (32×32×3)
    return nn.Sequential(
        nn.Conv2d(3, 32, 3, padding=1), nn.ReLU(), nn.Conv2d(32, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.Conv2d(64, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(8 * 8 * 64, 128), nn.ReLU(), nn.Linear(128, 10),
    ), (3, 32, 32)


def rate(fn, seconds):
    """Calls per second of fn over `seconds`, after one warm-up call (as engine-throughput.ts measures)."""
    fn()
    start = time.perf_counter()
    calls = 0
    while time.perf_counter() - start < seconds:
        fn()
        calls += 1
    return calls / (time.perf_counter() - start)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--threads', type=int, default=1)
    parser.add_argument('--seconds', type=float, default=3)
    parser.add_argument('--batch', type=int, default=64)
    parser.add_argument('--workload', action='append', choices=['w1', 'w2'])
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.set_flush_denormal(True)
    torch.manual_seed(1)
    for name in args.workload or ['w1', 'w2']:
        net, shape = {'w1': w1, 'w2': w2}[name]()
        x = torch.rand(args.batch, *shape)
        labels = torch.randint(0, 10, (args.batch,))
        optimizer = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.9)

        def train_step():
            optimizer.zero_grad(set_to_none=True)
            F.cross_entropy(net(x), labels).backward()
            optimizer.step()

        def infer():
            with torch.no_grad():
                F.softmax(net(x), dim=1)

        net.train()
        train = rate(train_step, args.seconds)
        net.eval()
        inference = rate(infer, args.seconds)
        for phase, steps in (('train', train), ('inference', inference)):
            print(json.dumps({'workload': name, 'phase': phase, 'threads': torch.get_num_threads(),
                              'images_per_s': round(steps * args.batch, 1), 'torch': torch.__version__}), flush=True)


if __name__ == '__main__':
    main()
