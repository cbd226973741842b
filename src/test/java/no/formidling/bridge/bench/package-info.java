/** Bridge benchmarks (not part of the test suite): run with bench/bridge/run.sh, figures in bench/README.md. */
package no.formidling.bridge.bench;
