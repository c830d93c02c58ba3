package dev.aiguardian.guards.tokens;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One model's price: USD per million input and output tokens, and the tiktoken encoding we count
 * it in ({@code exactTokenizer} false when that encoding only approximates the vendor's tokenizer).
 */
public record ModelPrice(String model, String provider, TokenCounter.Bpe encoding, boolean exactTokenizer,
        BigDecimal inputPerMillion, BigDecimal outputPerMillion) {

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    public ModelPrice {
        if (inputPerMillion.signum() < 0 || outputPerMillion.signum() < 0) {
            throw new IllegalArgumentException("prices must be >= 0 for " + model);
        }
    }

    /** The cost in USD, exact to 1e-10 (BigDecimal: no binary rounding drift on small prices). */
    public double cost(long inputTokens, long outputTokens) {
        BigDecimal usd = inputPerMillion.multiply(BigDecimal.valueOf(inputTokens))
                .add(outputPerMillion.multiply(BigDecimal.valueOf(outputTokens)))
                .divide(MILLION, 10, RoundingMode.HALF_UP);
        return usd.doubleValue();
    }
}
