"""The course's initialization notebook, plot-free: its computations as the course writes them
(init_utils.py and the notebook's model), run with Debian's Python and NumPy.

Two uses, both by hand (never by the tests):
    /usr/bin/python3 initialization_course.py --fixture ../test/fixtures/initialization-course.json
writes the values the tests compare lab against (then `pnpm biome format --write` the file);
    /usr/bin/python3 initialization_course.py
trains the three models and prints one JSON line each: the baseline of bench/initialization.bench.ts.

The reference is NumPy calling the C library (glibc) for exp and log, as on the course's machines:
NumPy >= 1.22 on a CPU with AVX-512 uses its own vectorized routines for np.exp/np.log/np.sin/np.cos
(results a few ulp away), so this script switches them off with NPY_DISABLE_CPU_FEATURES before
importing NumPy. The data are scikit-learn's make_circles after np.random.seed, as the course loads them.
Costs are written as numbers, or the string "Infinity" for +inf (the run record's convention).
"""
import os

os.environ["NPY_DISABLE_CPU_FEATURES"] = "AVX512F AVX512CD AVX512_SKX AVX512_CLX AVX512_CNL AVX512_ICL"
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import json  # noqa: E402
import math  # noqa: E402
import sys  # noqa: E402
import warnings  # noqa: E402

warnings.simplefilter("ignore")  # NumPy warns about features it cannot disable, and about log(0) and inf * 0

import numpy as np  # noqa: E402
import sklearn  # noqa: E402
import sklearn.datasets  # noqa: E402


def load_dataset():
    np.random.seed(1)
    train_X, train_Y = sklearn.datasets.make_circles(n_samples=300, noise=0.05)
    np.random.seed(2)
    test_X, test_Y = sklearn.datasets.make_circles(n_samples=100, noise=0.05)
    return train_X.T, train_Y.reshape((1, train_Y.shape[0])), test_X.T, test_Y.reshape((1, test_Y.shape[0]))


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def relu(x):
    return np.maximum(0, x)


def forward_propagation(X, parameters):
    W1, b1, W2, b2, W3, b3 = (parameters[k] for k in ("W1", "b1", "W2", "b2", "W3", "b3"))
    z1 = np.dot(W1, X) + b1
    a1 = relu(z1)
    z2 = np.dot(W2, a1) + b2
    a2 = relu(z2)
    z3 = np.dot(W3, a2) + b3
    a3 = sigmoid(z3)
    return a3, (z1, a1, W1, b1, z2, a2, W2, b2, z3, a3, W3, b3)


def backward_propagation(X, Y, cache):
    m = X.shape[1]
    (z1, a1, W1, b1, z2, a2, W2, b2, z3, a3, W3, b3) = cache
    dz3 = 1.0 / m * (a3 - Y)
    dW3 = np.dot(dz3, a2.T)
    db3 = np.sum(dz3, axis=1, keepdims=True)
    da2 = np.dot(W3.T, dz3)
    dz2 = np.multiply(da2, np.int64(a2 > 0))
    dW2 = np.dot(dz2, a1.T)
    db2 = np.sum(dz2, axis=1, keepdims=True)
    da1 = np.dot(W2.T, dz2)
    dz1 = np.multiply(da1, np.int64(a1 > 0))
    dW1 = np.dot(dz1, X.T)
    db1 = np.sum(dz1, axis=1, keepdims=True)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2, "dW3": dW3, "db3": db3}


def compute_loss(a3, Y):
    m = Y.shape[1]
    logprobs = np.multiply(-np.log(a3), Y) + np.multiply(-np.log(1 - a3), 1 - Y)
    return 1.0 / m * np.nansum(logprobs)


def update_parameters(parameters, grads, learning_rate):
    for k in range(1, 4):
        parameters["W%d" % k] = parameters["W%d" % k] - learning_rate * grads["dW%d" % k]
        parameters["b%d" % k] = parameters["b%d" % k] - learning_rate * grads["db%d" % k]
    return parameters


def initialize_parameters_zeros(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = np.zeros((layers_dims[l], layers_dims[l - 1]))
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


def initialize_parameters_random(layers_dims):
    np.random.seed(3)
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * 10
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


def initialize_parameters_he(layers_dims):
    np.random.seed(3)
    parameters = {}
    L = len(layers_dims) - 1
    for l in range(1, L + 1):
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * np.sqrt(2.0 / layers_dims[l - 1])
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


INITIALIZE = {"zeros": initialize_parameters_zeros, "random": initialize_parameters_random, "he": initialize_parameters_he}


def model(X, Y, learning_rate=0.01, num_iterations=15000, initialization="he"):
    costs = []
    parameters = INITIALIZE[initialization]([X.shape[0], 10, 5, 1])
    for i in range(0, num_iterations):
        a3, cache = forward_propagation(X, parameters)
        cost = compute_loss(a3, Y)
        grads = backward_propagation(X, Y, cache)
        parameters = update_parameters(parameters, grads, learning_rate)
        if i % 1000 == 0:
            costs.append(float(cost))
    return parameters, costs


def predict(X, y, parameters):
    a3, _ = forward_propagation(X, parameters)
    p = (a3 > 0.5).astype(int)
    return float(np.mean(p[0, :] == y[0, :]))


def recorded(cost):
    return "Infinity" if cost == math.inf else cost


def main():
    train_X, train_Y, test_X, test_Y = load_dataset()
    models = []
    for name in ("zeros", "random", "he"):
        parameters, costs = model(train_X, train_Y, initialization=name)
        result = {
            "name": name,
            "costs": [{"iteration": 1000 * k, "cost": recorded(c)} for k, c in enumerate(costs)],
            "trainAccuracy": predict(train_X, train_Y, parameters),
            "testAccuracy": predict(test_X, test_Y, parameters),
        }
        models.append(result)
        if "--fixture" not in sys.argv:
            print(json.dumps(result), flush=True)
    if "--fixture" in sys.argv:
        fixture = {
            "about": (
                "The course's initialization notebook (its init_utils computations and model()) run with NumPy "
                f"{np.__version__} (exp/log through glibc) and scikit-learn {sklearn.__version__} by "
                "scripts/initialization_course.py: 15000 iterations of gradient descent, learning rate 0.01, "
                "costs every 1000 iterations before that iteration's update."
            ),
            "models": models,
        }
        with open(sys.argv[sys.argv.index("--fixture") + 1], "w") as out:
            json.dump(fixture, out, indent=2)


if __name__ == "__main__":
    main()
