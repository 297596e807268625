#!/bin/bash -eu
# ClusterFuzzLite / OSS-Fuzz entry point: the targets, dictionaries, options,
# seed corpora and the shared libraries they load land in $OUT.
exec "$SRC/gmemsim/fuzz/build.sh"
