"""The batch-norm experiment's deep-MLP training in PyTorch, for the trainer benchmark's same-run ratio.

Reads {"data": path, "train": N, "val": V, "features": D, "classes": C, "hidden": [..], "weightScale": s,
"learningRate": lr, "batchSize": B, "epochs": E} as JSON on the first line of stdin. The data file holds
(N + V) rows of D float64 inputs, then N + V labels (float64), as the benchmark writes it. For
each normalization ("none", "batchnorm") it builds CS231n's FullyConnectedNet in float64
({affine - [batch norm] - relu} x L - affine, weights weightScale * randn, biases 0), trains it
with Adam on shuffled mini-batches for E epochs, and measures train and validation accuracy
(eval mode) before training and after every epoch, as lab's runJob does. One thread
(torch.set_num_threads(1)).

Every timed run is a warm one, as lab's are: after one untimed training of each normalization
the process prints {"ready": true}; then each line "run" on stdin times one training of each
normalization and prints one JSON line per normalization: {"name", "seconds" (wall clock),
"cpuSeconds" (the process's CPU time over the same span: on a shared machine, what the training
itself cost), "torch"}. EOF ends it. The benchmark starts one process per round, between its
own runs, so that a busy spell of the machine hits both alike.

Run with Debian's /usr/bin/python3 (python3-torch).
"""
import json
import sys
import time

import numpy as np
import torch


def build(features, hidden, classes, batchnorm, weight_scale, generator):
    layers = []
    previous = features
    for units in hidden:
        linear = torch.nn.Linear(previous, units)
        layers.append(linear)
        if batchnorm:
            # CS231n's momentum 0.9 on the running average is PyTorch's momentum=0.1.
            layers.append(torch.nn.BatchNorm1d(units, eps=1e-5, momentum=0.1))
        layers.append(torch.nn.ReLU())
        previous = units
    layers.append(torch.nn.Linear(previous, classes))
    model = torch.nn.Sequential(*layers)
    with torch.no_grad():
        for module in model:
            if isinstance(module, torch.nn.Linear):
                module.weight.copy_(weight_scale * torch.randn(module.weight.shape, generator=generator))
                module.bias.zero_()
    return model


def accuracy(model, x, y):
    model.eval()
    with torch.no_grad():
        result = (model(x).argmax(dim=1) == y).double().mean().item()
    model.train()
    return result


def run(spec, x_train, y_train, x_val, y_val, batchnorm):
    generator = torch.Generator().manual_seed(231)
    model = build(spec["features"], spec["hidden"], spec["classes"], batchnorm, spec["weightScale"], generator)
    optimizer = torch.optim.Adam(model.parameters(), lr=spec["learningRate"], betas=(0.9, 0.999), eps=1e-8)
    loss_fn = torch.nn.CrossEntropyLoss()
    n = x_train.shape[0]
    batch = spec["batchSize"]
    start = time.perf_counter()
    cpu_start = time.process_time()
    history = [(accuracy(model, x_train, y_train), accuracy(model, x_val, y_val))]
    losses = []
    for _ in range(spec["epochs"]):
        order = torch.randperm(n, generator=generator)
        for first in range(0, n, batch):
            rows = order[first : first + batch]
            loss = loss_fn(model(x_train[rows]), y_train[rows])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
        history.append((accuracy(model, x_train, y_train), accuracy(model, x_val, y_val)))
    return time.perf_counter() - start, time.process_time() - cpu_start, history


def main():
    torch.set_num_threads(1)
    torch.set_default_dtype(torch.float64)
    spec = json.loads(sys.stdin.readline())
    n, v, d = spec["train"], spec["val"], spec["features"]
    raw = np.fromfile(spec["data"], dtype=np.float64)
    x = torch.from_numpy(raw[: (n + v) * d].reshape(n + v, d).copy())
    y = torch.from_numpy(raw[(n + v) * d :].astype(np.int64))
    normalizations = (("none", False), ("batchnorm", True))
    # One untimed training of each first: PyTorch's first calls in a process pay for lazy set-up.
    for _, batchnorm in normalizations:
        run(spec, x[:n], y[:n], x[n:], y[n:], batchnorm)
    print(json.dumps({"ready": True}), flush=True)
    while True:
        line = sys.stdin.readline()
        if line == "":
            return
        if line.strip() != "run":
            continue
        for name, batchnorm in normalizations:
            seconds, cpu_seconds, _ = run(spec, x[:n], y[:n], x[n:], y[n:], batchnorm)
            print(json.dumps({"name": name, "seconds": seconds, "cpuSeconds": cpu_seconds, "torch": torch.__version__}), flush=True)


if __name__ == "__main__":
    main()
