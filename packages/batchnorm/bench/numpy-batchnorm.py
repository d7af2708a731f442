"""NumPy baseline for bench/batchnorm.bench.ts: forward (train) + closed-form backward.

Prints one JSON line: {"numpy": "<version>", "results": [{"n": N, "d": D, "median_ms": …, "mean_ms": …, "samples": k}, ...]}.
Usage: python3 numpy-batchnorm.py N1xD1 N2xD2 ... [--time SECONDS_PER_SHAPE] [--warm]

Without --warm, glibc keeps returning NumPy's freed temporaries to the OS (munmap, or trimming the
heap top), so every call page-faults its ~10 temporaries in afresh: on a VM where page faults
are slow that dominates NumPy's time (the "cold" numbers). --warm first frees one large block,
which raises glibc's dynamic mmap and trim thresholds, so the temporaries are recycled from the
heap: NumPy's best case (the "warm" numbers).
"""
import json
import sys
import time

import numpy as np


def forward(x, gamma, beta, param):
    eps = param.get("eps", 1e-5)
    momentum = param.get("momentum", 0.9)
    mean = x.mean(axis=0)
    var = x.var(axis=0)
    std = np.sqrt(var + eps)
    xhat = (x - mean) / std
    out = gamma * xhat + beta
    param["running_mean"] = momentum * param["running_mean"] + (1 - momentum) * mean
    param["running_var"] = momentum * param["running_var"] + (1 - momentum) * var
    return out, (xhat, gamma, std)


def backward_alt(dout, cache):
    xhat, gamma, std = cache
    n = dout.shape[0]
    dbeta = dout.sum(axis=0)
    dgamma = (dout * xhat).sum(axis=0)
    dx = gamma / (n * std) * (n * dout - dbeta - xhat * dgamma)
    return dx, dgamma, dbeta


def main():
    args = sys.argv[1:]
    seconds = 1.0
    if "--time" in args:
        i = args.index("--time")
        seconds = float(args[i + 1])
        del args[i : i + 2]
    if "--warm" in args:
        args.remove("--warm")
        # Freeing one 28 MB block raises glibc's dynamic mmap threshold to 28 MB (the cap is
        # 32 MiB) and its trim threshold to twice that.
        warm = np.ones(3_500_000)
        del warm
    rng = np.random.RandomState(0)
    results = []
    for spec in args:
        n, d = (int(v) for v in spec.split("x"))
        x = rng.randn(n, d) * 3 + 1
        dout = rng.randn(n, d)
        gamma = rng.randn(d)
        beta = rng.randn(d)
        param = {"running_mean": np.zeros(d), "running_var": np.ones(d)}

        def step():
            _, cache = forward(x, gamma, beta, param)
            backward_alt(dout, cache)

        for _ in range(3):
            step()
        times = []
        deadline = time.perf_counter() + seconds
        while time.perf_counter() < deadline or len(times) < 10:
            t0 = time.perf_counter()
            step()
            times.append(time.perf_counter() - t0)
        times.sort()
        median = times[len(times) // 2] if len(times) % 2 else (times[len(times) // 2 - 1] + times[len(times) // 2]) / 2
        results.append({"n": n, "d": d, "median_ms": 1000 * median, "mean_ms": 1000 * sum(times) / len(times), "samples": len(times)})
    print(json.dumps({"numpy": np.__version__, "results": results}))


if __name__ == "__main__":
    main()
