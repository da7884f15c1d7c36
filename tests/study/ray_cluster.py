"""Start a real multi-node Ray cluster on this machine for the tests, loopback only, token auth on.

Run as a helper process by the test fixture (so the test process itself never
starts Ray): ``python ray_cluster.py NODES CPUS_PER_NODE``. It starts a head
node plus NODES-1 worker nodes with :class:`ray.cluster_utils.Cluster` (each a
real raylet with its own worker processes, all sharing one GCS), prints the
GCS address on one line, then waits until its stdin closes and shuts the
cluster down (killing exactly the processes it started).

The fixture sets the environment: ``HOME`` and ``RAY_TMPDIR`` under a
temporary directory, ``RAY_AUTH_MODE=token`` with the token in
``$HOME/.ray/auth_token``, ``RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER=0`` (Ray's
switch that makes a node use 127.0.0.1 for every service).
"""

import sys


def main() -> None:
    nodes, cpus = int(sys.argv[1]), int(sys.argv[2])
    from ray.cluster_utils import Cluster

    args = dict(num_cpus=cpus, include_dashboard=False, object_store_memory=80 * 1024**2,
                node_ip_address="127.0.0.1")
    cluster = Cluster(initialize_head=True, connect=False, head_node_args=args)
    try:
        for _ in range(nodes - 1):
            cluster.add_node(**{k: v for k, v in args.items() if k != "include_dashboard"})
        cluster.wait_for_nodes()
        print(cluster.address, flush=True)
        sys.stdin.read()  # until the fixture closes our stdin
    finally:
        cluster.shutdown()


if __name__ == "__main__":
    main()
