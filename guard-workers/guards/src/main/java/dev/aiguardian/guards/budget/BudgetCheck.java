package dev.aiguardian.guards.budget;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.aiguardian.schemas.UsageTotals;
import dev.aiguardian.schemas.Verdict;

/**
 * Judges one request against a user's budgets: {@code used} (the totals so far in the current UTC
 * day/month) plus this request gives the projected use; at or above the flag ratio of a limit the
 * verdict is {@code flag}, above the limit {@code block}. Pure.
 */
public final class BudgetCheck {

    /**
     * One limit's line in the result.
     *
     * @param window    "day" or "month"
     * @param unit      "tokens" or "usd"
     * @param used      use so far in the window, before this request
     * @param request   this request's share
     * @param projected used + request
     * @param ratio     projected / limit
     * @param state     "ok", "near" (at or above the flag ratio) or "over" (above the limit)
     */
    public record Line(String window, String unit, double used, double request, double projected, double limit,
            double ratio, String state) {
    }

    /** The {@code budget} object of a tokenguard result. */
    public record Report(String userId, Verdict verdict, double flagRatio, List<Line> limits) {
    }

    private BudgetCheck() {
    }

    /** The report, or null when no budget is configured or the request names no user. */
    public static Report evaluate(BudgetSettings settings, String userId, UsageTotals totals, long requestTokens,
                                  double requestUsd, Instant now) {
        if (!settings.any() || userId == null || userId.isEmpty()) {
            return null;
        }
        UsageTotals t = totals == null ? UsageTotals.empty(UsageTotals.USER, userId) : totals;
        List<Line> lines = new ArrayList<>(4);
        settings.dailyTokens().ifPresent(l -> lines.add(line("day", "tokens", t.dayTokens(now), requestTokens, l,
                settings.flagRatio())));
        settings.monthlyTokens().ifPresent(l -> lines.add(line("month", "tokens", t.monthTokens(now), requestTokens,
                l, settings.flagRatio())));
        settings.dailyUsd().ifPresent(l -> lines.add(line("day", "usd", t.dayCostUsd(now), requestUsd, l,
                settings.flagRatio())));
        settings.monthlyUsd().ifPresent(l -> lines.add(line("month", "usd", t.monthCostUsd(now), requestUsd, l,
                settings.flagRatio())));
        Verdict verdict = Verdict.ALLOW;
        for (Line line : lines) {
            verdict = verdict.strictest(switch (line.state()) {
                case "over" -> Verdict.BLOCK;
                case "near" -> Verdict.FLAG;
                default -> Verdict.ALLOW;
            });
        }
        return new Report(userId, verdict, settings.flagRatio(), List.copyOf(lines));
    }

    /** A risk score for the verdict: near a budget is worth a look, over it is a stop. */
    public static double score(Report report) {
        if (report == null) {
            return 0.0;
        }
        double worst = report.limits().stream().mapToDouble(Line::ratio).max().orElse(0);
        return switch (report.verdict()) {
            case BLOCK -> 1.0;
            case FLAG -> Math.min(0.9, 0.5 + 0.4 * worst);
            case ALLOW -> 0.0;
        };
    }

    private static Line line(String window, String unit, double used, double request, double limit, double flagAt) {
        double projected = used + request;
        double ratio = projected / limit;
        String state = projected > limit ? "over" : ratio >= flagAt ? "near" : "ok";
        return new Line(window, unit, used, request, projected, limit, ratio, state);
    }
}
