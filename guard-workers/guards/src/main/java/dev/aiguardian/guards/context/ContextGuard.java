package dev.aiguardian.guards.context;

import java.time.Instant;

import dev.aiguardian.schemas.ServiceType;
import dev.aiguardian.schemas.Verdict;
import dev.aiguardian.guards.guard.GuardInput;
import dev.aiguardian.guards.guard.GuardOutcome;
import dev.aiguardian.guards.guard.InvalidOptionException;
import dev.aiguardian.guards.semantic.DenseCentroid;
import dev.aiguardian.guards.semantic.SemanticLayer;
import dev.aiguardian.guards.tokens.TokenCounter;

/**
 * The stateful guard as a pure function: {@code (memory before, request, now) -> (outcome, memory
 * after)}. The caller owns the state (a Kafka Streams store keyed by session id) and must apply
 * steps of one session in order. Payload options: {@code role} (user|assistant|system, default
 * user), {@code pin}, {@code reset}, {@code max_context_tokens}, {@code semantic} (default true: where
 * the semantic layer is loaded, drift also compares the turn's embedding with the session's). Verdict
 * {@code flag} on drift.
 * Thread-safe.
 */
public final class ContextGuard {

    private final TokenCounter counter;
    private final DriftDetector detector;
    private final ContextSettings settings;
    private final SemanticLayer semantic;

    public ContextGuard(TokenCounter counter, ContextSettings settings) {
        this(counter, new DriftDetector(settings.drift()), settings, null);
    }

    /** With the semantic layer judging drift in embedding space too ({@code semantic} may be null). */
    public ContextGuard(TokenCounter counter, ContextSettings settings, SemanticLayer semantic) {
        this(counter, new DriftDetector(settings.drift()), settings, semantic);
    }

    public ContextGuard(TokenCounter counter, DriftDetector detector, ContextSettings settings) {
        this(counter, detector, settings, null);
    }

    public ContextGuard(TokenCounter counter, DriftDetector detector, ContextSettings settings, SemanticLayer semantic) {
        this.semantic = semantic;
        this.counter = counter;
        this.detector = detector;
        this.settings = settings;
    }

    /** The service type this guard answers, for wiring it to its request topic. */
    public ServiceType type() {
        return ServiceType.CONTEXTGUARD;
    }

    public ContextSettings settings() {
        return settings;
    }

    /**
     * Applies one request to a session.
     *
     * @param before the stored memory, or null for a session never seen
     * @param input  text (the new turn; blank = only read the window) and options
     * @param now    the request's time (event time, so replays give the same answer)
     * @throws InvalidOptionException for an unusable option; the memory is then unchanged
     */
    public ContextStep apply(SessionMemory before, GuardInput input, Instant now) {
        ContextOptions options = ContextOptions.parse(input);
        String role = options.role();
        boolean pin = options.pin();
        boolean reset = options.reset();
        int budget = options.maxContextTokens() != null ? options.maxContextTokens() : settings.defaultWindowTokens();

        SessionMemory memory = before == null ? SessionMemory.empty() : before;
        boolean expired = memory.expired(now, settings.limits().idleTtl());
        if (expired || reset) {
            memory = memory.reset();
        }

        String text = input.text() == null ? "" : input.text();
        DriftResult drift;
        if (text.isBlank()) {
            drift = new DriftResult(0, 0, false, "no turn");
        } else {
            // System turns set the topic; they are not judged against it.
            float[] embedding = options.semantic() && semantic != null ? semantic.embedTurn(text, semantic.budget()) : null;
            DriftDetector.Reading reading = detector.read(text);
            drift = Turn.SYSTEM.equals(role) ? new DriftResult(0, 0, false, "system turn") : detector.judge(memory, reading);
            if (embedding != null && !Turn.SYSTEM.equals(role)) {
                drift = SemanticDrift.combine(drift, memory, text, embedding, settings.drift());
            }
            if (embedding != null) {
                memory = memory.withSemanticTopic(DenseCentroid.update(memory.semanticCentroid(), embedding,
                        settings.drift().decay()));
            }
            Turn turn = new Turn(text, role, counter.count(text, settings.encoding()), now, pin);
            int topicTurns = memory.topicTurns() + (Turn.SYSTEM.equals(role) ? 0 : 1);
            memory = memory.withTopic(detector.update(memory.centroid(), reading.vector()), topicTurns)
                    .append(turn, settings.limits());
        }

        ContextWindow window = ContextWindow.select(memory.turns(), budget, counter, settings.encoding());
        ContextReport report = new ContextReport(drift.driftScore(), drift.drift(), drift.similarity(),
                settings.drift().threshold(), drift.reason(), window.turns(), window.tokens(), window.omitted(),
                memory.turns().size(), memory.tokenTotal(), reset, expired, drift.semanticSimilarity());
        GuardOutcome outcome = new GuardOutcome(drift.drift() ? Verdict.FLAG : Verdict.ALLOW, drift.driftScore(), report);
        return new ContextStep(outcome, memory);
    }
}
