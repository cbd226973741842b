/** Bridge benchmarks (not part of the test suite): run with bench/bridge/run.sh, figures in bench/README-bridge.md. */
package no.formidling.bridge.bench;
