package dev.aiguardian.gateway.http;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import dev.aiguardian.schemas.GuardRequest;

/**
 * A validated call to one guard: the request to publish, how long a sync caller waits, whether the
 * caller waits at all, and where to POST the result.
 */
record GuardCall(GuardRequest request, Duration deadline, boolean async, Optional<URI> callbackUrl) {
}
