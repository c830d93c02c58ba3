/**
 * Nothing of ours: this module only puts Kafka's own tools (EndToEndLatency) on a classpath that
 * scripts/bench-sync.sh runs against the same broker as our gateway, as the baseline.
 */
package dev.aiguardian.benchmarks;
