"""PyTorch reference for `nx run core:bench -- --compare`: the same four architectures as
core's registry (Keras layouts: 'valid' 3x3 convolutions, channels last in spirit), trained with
Adam on the same images the bench uses, on a fixed number of threads. Prints one JSON line per
model: {"model", "trainSamplesPerSec", "inferenceSamplesPerSec", "threads", "torch"}.

Optional and never run by tests; needs `torch` and `numpy` (Debian: python3-torch).
Usage: torch_reference.py --images FILE --labels FILE --count N [--models dense,cnn]
       [--batches N] [--batch-size 128] [--threads 2]
Images are raw uint8 pixels (N x 784), labels raw uint8 (N), as the bench writes them.
"""

import argparse
import json
import time

import numpy as np
import torch
from torch import nn

L2 = 1e-4
WARMUP_BATCHES = 10  # as the TypeScript bench
INFERENCE_BATCH = 1000
INFERENCE_RUNS = 2


def dense():
    return nn.Sequential(
        nn.Flatten(),
        nn.Linear(784, 256), nn.ReLU(),
        nn.Linear(256, 256), nn.ReLU(),
        nn.Linear(256, 10),
    )


def cnn():
    return nn.Sequential(
        nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(64, 64, 3), nn.ReLU(),
        nn.Flatten(),
        nn.Linear(576, 64), nn.ReLU(),
        nn.Linear(64, 10),
    )


def cnn_regularized():
    # Keras order: conv (relu) -> BatchNorm; momentum 0.9 in Keras is 0.1 in PyTorch's convention.
    def block(cin, cout):
        return [nn.Conv2d(cin, cout, 3), nn.ReLU(), nn.BatchNorm2d(cout, momentum=0.1, eps=1e-3)]

    return nn.Sequential(
        *block(1, 32), nn.MaxPool2d(2), nn.Dropout(0.25),
        *block(32, 64), nn.MaxPool2d(2), nn.Dropout(0.25),
        *block(64, 64),
        nn.Flatten(),
        nn.Linear(576, 64), nn.ReLU(), nn.Dropout(0.5),
        nn.Linear(64, 10),
    )


def cnn_strong():
    # Three blocks of 'same' 3x3 conv (relu) -> BatchNorm -> 2x2 max-pool; dropout around dense 128.
    def block(cin, cout):
        return [nn.Conv2d(cin, cout, 3, padding=1), nn.ReLU(), nn.BatchNorm2d(cout, momentum=0.1, eps=1e-3), nn.MaxPool2d(2)]

    return nn.Sequential(
        *block(1, 32), *block(32, 64), *block(64, 128),
        nn.Flatten(),
        nn.Dropout(0.3), nn.Linear(1152, 128), nn.ReLU(),
        nn.Dropout(0.3), nn.Linear(128, 10),
    )


MODELS = {
    "dense": (dense, False),
    "cnn": (cnn, False),
    "cnn-regularized": (cnn_regularized, True),
    "cnn-strong": (cnn_strong, False),
}


def l2_penalty(model):
    # Keras' l2(1e-4) on conv and dense kernels (not biases, not BatchNorm): part of the loss.
    return L2 * sum((m.weight ** 2).sum() for m in model.modules() if isinstance(m, (nn.Conv2d, nn.Linear)))


def measure(name, pixels, labels, batches, batch_size):
    build, regularized = MODELS[name]
    torch.manual_seed(1)
    model = build()
    optimizer = torch.optim.Adam(model.parameters(), lr=0.001, betas=(0.9, 0.999), eps=1e-7)
    loss_fn = nn.CrossEntropyLoss()
    count = len(labels)

    def batch_at(index, size):
        start = (index * size) % (count - size + 1)
        return pixels[start:start + size], labels[start:start + size]

    def train_step(index):
        x, y = batch_at(index, batch_size)
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(model(x), y)
        if regularized:
            loss = loss + l2_penalty(model)
        loss.backward()
        optimizer.step()
        loss.item()

    model.train()
    for i in range(WARMUP_BATCHES):
        train_step(i)
    start = time.perf_counter()
    for i in range(batches):
        train_step(WARMUP_BATCHES + i)
    train_rate = batches * batch_size / (time.perf_counter() - start)

    model.eval()
    with torch.no_grad():
        model(batch_at(0, 100)[0])
        start = time.perf_counter()
        for i in range(INFERENCE_RUNS):
            torch.softmax(model(batch_at(1 + i, INFERENCE_BATCH)[0]), dim=1).numpy()
        inference_rate = INFERENCE_RUNS * INFERENCE_BATCH / (time.perf_counter() - start)
    return train_rate, inference_rate


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--images", required=True)
    parser.add_argument("--labels", required=True)
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--models", default=",".join(MODELS))
    parser.add_argument("--batches", type=int, default=20)
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    raw = np.fromfile(args.images, dtype=np.uint8, count=args.count * 784)
    pixels = torch.from_numpy(raw.astype(np.float32) / 255.0).reshape(args.count, 1, 28, 28)
    labels = torch.from_numpy(np.fromfile(args.labels, dtype=np.uint8, count=args.count).astype(np.int64))
    for name in args.models.split(","):
        if name not in MODELS:
            parser.error(f"unknown model {name!r} (choose from {', '.join(MODELS)})")
        train_rate, inference_rate = measure(name, pixels, labels, args.batches, args.batch_size)
        print(json.dumps({
            "model": name,
            "trainSamplesPerSec": train_rate,
            "inferenceSamplesPerSec": inference_rate,
            "threads": torch.get_num_threads(),
            "torch": torch.__version__,
        }), flush=True)


if __name__ == "__main__":
    main()
