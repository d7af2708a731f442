"""The course's three regularization models in NumPy, for the trainer benchmark's same-run ratio.

Reads {"trainX": [[x1, x2], ...], "trainY": [...], "iterations": n, "repeats": r} as JSON on stdin (batch-first,
as @lab/datasets loads football.mat), runs the course's code path (features-major, np.dot,
masks reseeded with 1 at every forward pass) r times per model, and prints one JSON line per
model: {"name", "seconds" (the fastest of the r runs), "cpuSeconds" (the least CPU time of the r runs), "cost0"}.
"""
import json
import sys
import time

import numpy as np


def initialize(layer_dims):
    np.random.seed(3)
    params = {}
    for l in range(1, len(layer_dims)):
        params[f"W{l}"] = np.random.randn(layer_dims[l], layer_dims[l - 1]) / np.sqrt(layer_dims[l - 1])
        params[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return params


def relu(z):
    return np.maximum(0, z)


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def forward(x, p, keep_prob):
    if keep_prob < 1:
        np.random.seed(1)
    a1 = relu(np.dot(p["W1"], x) + p["b1"])
    d1 = None
    if keep_prob < 1:
        d1 = np.random.rand(*a1.shape) < keep_prob
        a1 = a1 * d1 / keep_prob
    a2 = relu(np.dot(p["W2"], a1) + p["b2"])
    d2 = None
    if keep_prob < 1:
        d2 = np.random.rand(*a2.shape) < keep_prob
        a2 = a2 * d2 / keep_prob
    a3 = sigmoid(np.dot(p["W3"], a2) + p["b3"])
    return a3, (a1, d1, a2, d2)


def cost(a3, y, p, lambd):
    m = y.shape[1]
    logprobs = np.multiply(-np.log(a3), y) + np.multiply(-np.log(1 - a3), 1 - y)
    total = 1.0 / m * np.nansum(logprobs)
    if lambd:
        total += (1.0 / m) * (lambd / 2) * sum(np.sum(np.square(p[f"W{l}"])) for l in (1, 2, 3))
    return total


def backward(x, y, p, cache, a3, lambd, keep_prob):
    m = x.shape[1]
    a1, d1, a2, d2 = cache
    g = {}
    dz3 = a3 - y
    g["W3"] = 1.0 / m * np.dot(dz3, a2.T) + (lambd / m) * p["W3"]
    g["b3"] = 1.0 / m * np.sum(dz3, axis=1, keepdims=True)
    da2 = np.dot(p["W3"].T, dz3)
    if keep_prob < 1:
        da2 = da2 * d2 / keep_prob
    dz2 = np.multiply(da2, np.int64(a2 > 0))
    g["W2"] = 1.0 / m * np.dot(dz2, a1.T) + (lambd / m) * p["W2"]
    g["b2"] = 1.0 / m * np.sum(dz2, axis=1, keepdims=True)
    da1 = np.dot(p["W2"].T, dz2)
    if keep_prob < 1:
        da1 = da1 * d1 / keep_prob
    dz1 = np.multiply(da1, np.int64(a1 > 0))
    g["W1"] = 1.0 / m * np.dot(dz1, x.T) + (lambd / m) * p["W1"]
    g["b1"] = 1.0 / m * np.sum(dz1, axis=1, keepdims=True)
    return g


def main():
    data = json.load(sys.stdin)
    x = np.array(data["trainX"], dtype=np.float64).T
    y = np.array(data["trainY"], dtype=np.float64).reshape(1, -1)
    iterations = int(data["iterations"])
    repeats = int(data.get("repeats", 1))
    for name, lambd, keep_prob in (("no regularization", 0, 1), ("L2", 0.7, 1), ("dropout", 0, 0.86)):
        best = float("inf")
        best_cpu = float("inf")
        cost0 = None
        for _ in range(repeats):
            p = initialize([x.shape[0], 20, 3, 1])
            start = time.perf_counter()
            cpu_start = time.process_time()
            for i in range(iterations):
                a3, cache = forward(x, p, keep_prob)
                c = cost(a3, y, p, lambd)
                if i == 0:
                    cost0 = float(c)
                g = backward(x, y, p, cache, a3, lambd, keep_prob)
                for k in g:
                    p[k] = p[k] - 0.3 * g[k]
            best = min(best, time.perf_counter() - start)
            best_cpu = min(best_cpu, time.process_time() - cpu_start)
        print(json.dumps({"name": name, "seconds": best, "cpuSeconds": best_cpu, "cost0": cost0}), flush=True)


if __name__ == "__main__":
    main()
