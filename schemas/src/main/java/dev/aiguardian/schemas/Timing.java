package dev.aiguardian.schemas;

/** Where a request's time went, in milliseconds. */
public record Timing(double totalMs, double queueMs, double processingMs) {
}
