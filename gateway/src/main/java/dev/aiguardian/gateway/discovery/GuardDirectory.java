package dev.aiguardian.gateway.discovery;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;


import dev.aiguardian.gateway.GatewayConfig;
import dev.aiguardian.kafka.CompactedView;
import dev.aiguardian.schemas.Heartbeat;
import dev.aiguardian.schemas.ServiceType;

/**
 * Which guards are alive, from the compacted heartbeat topic: every instance reads all of it (it is
 * small) from the beginning, keeps the latest beat per worker, and counts a worker live while its
 * last beat is younger than three of its intervals.
 */
public final class GuardDirectory implements AutoCloseable {
    private static final int MISSED_BEATS = 3;

    private final CompactedView<Heartbeat> beats;
    private final Clock clock;
    private volatile LagMonitor lags;

    public GuardDirectory(GatewayConfig config, Clock clock) {
        this.beats = CompactedView.heartbeats(config.kafka(), config.clientId());
        this.clock = clock;
    }

    public void start() {
        beats.start();
    }

    /** True once the heartbeats that existed at start-up have been read. */
    public boolean isCaughtUp() {
        return beats.isCaughtUp();
    }

    /** Adds consumer lag to the statuses; without it they come from heartbeats alone. */
    public void useLag(LagMonitor monitor) {
        this.lags = monitor;
    }

    public GuardStatus status(ServiceType guard) {
        Instant now = clock.instant();
        List<Heartbeat> live = new ArrayList<>();
        Instant last = null;
        for (Heartbeat hb : beats.all()) {
            if (hb.serviceType() != guard) {
                continue;
            }
            if (last == null || hb.sentAt().isAfter(last)) {
                last = hb.sentAt();
            }
            if (hb.sentAt().plusMillis(MISSED_BEATS * hb.intervalMs()).isAfter(now)) {
                live.add(hb);
            }
        }
        long processed = live.stream().mapToLong(Heartbeat::processed).sum();
        long failed = live.stream().mapToLong(Heartbeat::failed).sum();
        long inFlight = live.stream().mapToLong(Heartbeat::inFlight).sum();
        Double p95 = live.isEmpty() ? null : live.stream().mapToDouble(Heartbeat::p95ProcessingMs).max().orElse(0);
        LagMonitor.Lag lag = lags == null ? null : lags.lag(guard);
        String status = live.isEmpty() ? GuardStatus.UNAVAILABLE
                : lag != null && lag.growing() ? GuardStatus.DEGRADED : GuardStatus.HEALTHY;
        return new GuardStatus(status, live.size(), live.stream().map(Heartbeat::worker).sorted().toList(),
                guard.requestTopic(), processed, failed, inFlight, p95, last,
                lag == null ? null : lag.records(), lag == null ? null : lag.growing());
    }

    public Map<ServiceType, GuardStatus> statuses() {
        Map<ServiceType, GuardStatus> all = new EnumMap<>(ServiceType.class);
        for (ServiceType g : ServiceType.values()) {
            all.put(g, status(g));
        }
        return all;
    }

    @Override
    public void close() throws InterruptedException {
        beats.close();
    }
}
