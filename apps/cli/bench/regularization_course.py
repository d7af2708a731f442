"""The course's regularization notebook, end to end and plot-free: the NumPy baseline of the CLI's
end-to-end benchmark (bench/startup.bench.ts).

Run as a whole process, like `lab experiment regularization --data football.mat`:
    /usr/bin/python3 regularization_course.py football.mat
It loads the MAT file (scipy.io.loadmat, as the course's load_2D_dataset), trains the course's three
models (no regularization, L2 with lambda 0.7, dropout with keep_prob 0.86; 30000 iterations of
full-batch gradient descent, learning rate 0.3, the cost computed at every iteration), predicts on
the training and the test set, and prints one JSON line per model with its accuracies, so that the
benchmark can check this baseline did the real work (they are the published numbers).
The code path is the course's: features-major arrays, np.dot, dropout masks reseeded with 1 at every
forward pass.
"""
import json
import sys

import numpy as np
import scipy.io


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


def predict(x, y, p):
    a3, _ = forward(x, p, 1)
    return float(np.mean((a3 > 0.5) == y))


def main():
    data = scipy.io.loadmat(sys.argv[1])
    train_x, train_y = data["X"].T, data["y"].T
    test_x, test_y = data["Xval"].T, data["yval"].T
    for name, lambd, keep_prob in (("no regularization", 0, 1), ("L2", 0.7, 1), ("dropout", 0, 0.86)):
        p = initialize([train_x.shape[0], 20, 3, 1])
        costs = []
        for i in range(30000):
            a3, cache = forward(train_x, p, keep_prob)
            c = cost(a3, train_y, p, lambd)
            if i % 1000 == 0:
                costs.append(float(c))
            g = backward(train_x, train_y, p, cache, a3, lambd, keep_prob)
            for k in g:
                p[k] = p[k] - 0.3 * g[k]
        print(
            json.dumps(
                {
                    "name": name,
                    "cost0": costs[0],
                    "trainAccuracy": predict(train_x, train_y, p),
                    "testAccuracy": predict(test_x, test_y, p),
                }
            ),
            flush=True,
        )


if __name__ == "__main__":
    main()
