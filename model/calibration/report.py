"""The calibration's figures: each parameter's posterior against its prior, and the pairs.

Weighted histograms over each prior's range (the prior is flat: a marginal that fills its range
evenly was not informed by the targets), and a lower-triangle grid of weighted scatter plots of
every pair, where correlations (parameters that trade off against each other) show.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def plot_marginals(posterior, priors: dict[str, tuple[float, float]], path: Path) -> Path:
    """One panel per parameter: the posterior's weighted histogram over the prior's range."""
    plt = _pyplot()
    names = list(priors)
    cols = min(4, len(names))
    rows = int(np.ceil(len(names) / cols))
    fig, axes = plt.subplots(rows, cols, figsize=(3.2 * cols, 2.4 * rows), squeeze=False)
    weights = posterior["weight"].to_numpy()
    for ax, name in zip(axes.ravel(), names, strict=False):
        low, high = priors[name]
        ax.hist(posterior[name], bins=20, range=(low, high), weights=weights, density=True, color="#3b6ea5")
        ax.axhline(1.0 / (high - low), color="grey", linestyle="--", linewidth=1, label="prior")
        ax.set_title(name, fontsize=8)
        ax.tick_params(labelsize=7)
    for ax in axes.ravel()[len(names):]:
        ax.axis("off")
    fig.suptitle("Posterior marginals (bars) against the uniform priors (dashed)", fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def plot_pairs(posterior, priors: dict[str, tuple[float, float]], path: Path) -> Path:
    """Lower triangle of weighted scatter plots of every pair of parameters, over their prior ranges."""
    plt = _pyplot()
    names = list(priors)
    k = len(names)
    fig, axes = plt.subplots(k, k, figsize=(1.6 * k + 1, 1.6 * k + 1), squeeze=False)
    sizes = 400 * posterior["weight"].to_numpy()
    for i, y in enumerate(names):
        for j, x in enumerate(names):
            ax = axes[i, j]
            if j >= i:
                ax.axis("off")
                continue
            ax.scatter(posterior[x], posterior[y], s=sizes, alpha=0.4, color="#3b6ea5", linewidths=0)
            ax.set_xlim(priors[x])
            ax.set_ylim(priors[y])
            ax.tick_params(labelsize=5)
            if i == k - 1:
                ax.set_xlabel(x, fontsize=6)
            if j == 0:
                ax.set_ylabel(y, fontsize=6)
    fig.suptitle("Posterior pairs (point size: weight)", fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path
