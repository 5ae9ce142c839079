"""Drives docs/examples/torch_logger.py's RunLogger (its numpy part) one command at a time, for
FolderFollowerTest: the test says when each checkpoint is written and reads when it is committed.

    python3 logger_driver.py EXAMPLES_DIR RUN_DIR NAME PROBE_ID N C

Commands on stdin, one a line; each answers one line on stdout:
    log      commits the next checkpoint          -> "committed <index>"
    finish   finishes the run                     -> "finished"
    die-mid  writes the next checkpoint's prediction rows and metrics line, then kills itself
             with SIGKILL before steps.npy commits it (no answer: the process is gone)
"""
import os
import signal
import sys

examples, folder, name, probe_id, n, c = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), int(sys.argv[6])
sys.path.insert(0, examples)
import numpy as np  # noqa: E402
from torch_logger import RunLogger  # noqa: E402

labels = np.arange(n) % c
rng = np.random.default_rng(7)


def rows(k):
    """Softmax rows drifting from uniform towards the labels, with noise: a trajectory of its own."""
    logits = 4.0 * np.tanh(k / 4) * np.eye(c)[labels] + 0.3 * rng.normal(size=(n, c))
    p = np.exp(logits - logits.max(-1, keepdims=True))
    return p / p.sum(-1, keepdims=True)


log = RunLogger(folder, name, probe_id, labels, c, test_labels=labels, spec={"dataset": "synthetic", "optimizer": "sgd"})
print("created", flush=True)
k = 0
for command in sys.stdin:
    command = command.strip()
    if command == "log":
        p = rows(k)
        log.log(10 * k, p, rows(k + 0.5), {"epoch": k, "train_loss": 1.0 / (1 + k), "train_accuracy": min(1.0, 0.1 * k)})
        print("committed", k, flush=True)
        k += 1
    elif command == "finish":
        log.finish("finished", {"test_accuracy": 0.5})
        print("finished", flush=True)
    elif command == "die-mid":
        log.steps.append = lambda row: os.kill(os.getpid(), signal.SIGKILL)  # killed just before the commit
        log.log(10 * k, rows(k), rows(k + 0.5), {"epoch": k})
    else:
        print("unknown command", command, flush=True)
