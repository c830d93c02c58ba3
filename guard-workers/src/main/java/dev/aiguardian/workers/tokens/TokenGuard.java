package dev.aiguardian.workers.tokens;

import dev.aiguardian.schemas.ServiceType;
import dev.aiguardian.schemas.Verdict;
import dev.aiguardian.workers.guard.Guard;
import dev.aiguardian.workers.guard.GuardInput;
import dev.aiguardian.workers.guard.GuardOutcome;
import dev.aiguardian.workers.guard.InvalidOptionException;

/** Counts tokens exactly; flags a text over the caller's {@code max_tokens}. */
public final class TokenGuard implements Guard {

    /** The result's {@code result} object. */
    public record TokenReport(int tokenCount, String encoding, Long maxTokens, Integer charCount) {
    }

    private final TokenCounter counter;

    public TokenGuard(TokenCounter counter) {
        this.counter = counter;
    }

    @Override
    public ServiceType type() {
        return ServiceType.TOKENGUARD;
    }

    @Override
    public GuardOutcome inspect(GuardInput input) {
        TokenCounter.Bpe bpe = input.stringOption("encoding")
                .map(name -> TokenCounter.Bpe.find(name).orElseThrow(() -> new InvalidOptionException("encoding",
                        "'" + name + "' is not supported; use one of " + TokenCounter.Bpe.wireNames())))
                .orElse(TokenCounter.Bpe.CL100K_BASE);
        Long maxTokens = input.longOption("max_tokens", 1, Integer.MAX_VALUE).orElse(null);
        int count = counter.count(input.text(), bpe);
        boolean over = maxTokens != null && count > maxTokens;
        // Risk grows with how far past the limit the text is, saturating at twice the limit.
        double score = over ? Math.min(1.0, 0.5 + 0.5 * (count - maxTokens) / (double) maxTokens) : 0.0;
        return new GuardOutcome(over ? Verdict.FLAG : Verdict.ALLOW, score,
                new TokenReport(count, bpe.wireName(), maxTokens, input.text().length()));
    }
}
