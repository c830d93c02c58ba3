package dev.aiguardian.gateway.http;

import java.time.Duration;

import dev.aiguardian.schemas.GuardRequest;

/** A validated call to one guard: the request to publish and how long the caller will wait. */
record GuardCall(GuardRequest request, Duration deadline) {
}
