#!/bin/sh
# Conformance ratchet against libvirt 9.0's test data (../shared/corpus).
# Skips (77) when the corpus is not beside the checkout.
# usage: run.sh SOURCE_ROOT DOMXML_BINARY
src=$1
bin=$2
shared=$src/../shared
if [ ! -d "$shared/corpus" ] || [ ! -f "$shared/tools/score.py" ]; then
    echo "conformance: $shared/corpus not found, skipping"
    exit 77
fi
exec python3 "$shared/tools/score.py" --bin "$bin" --jobs 4 \
    --require "$src/tests/conformance/passing.txt" "$shared/corpus"
