package dev.aiguardian.gateway.auth;

import java.io.PrintStream;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.aiguardian.gateway.ratelimit.Rate;
import dev.aiguardian.schemas.Json;

/**
 * Mints a tenant API key: prints the key once (hand it to the tenant; it is not kept anywhere) and the
 * entry to add to {@code API_KEYS_FILE} / {@code API_KEYS}, which holds only its SHA-256.
 * {@code scripts/mint-api-key.sh --tenant acme --scopes guards:process,jobs:read [--name acme-2] [--rate-limit 600/min]}
 */
public final class MintApiKey {
    private MintApiKey() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    /** Returns the exit status: 0, or 2 for a usage error (one line on {@code err}). */
    static int run(List<String> args, PrintStream out, PrintStream err) {
        String tenant = null;
        String name = null;
        String scopes = Scope.GUARDS_PROCESS.wireName() + "," + Scope.JOBS_READ.wireName();
        String rate = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String v = i + 1 < args.size() ? args.get(i + 1) : null;
            switch (a) {
                case "--tenant" -> tenant = v;
                case "--name" -> name = v;
                case "--scopes" -> scopes = v;
                case "--rate-limit" -> rate = v;
                default -> {
                    return usage(err, "unknown argument '" + a + "'");
                }
            }
            if (v == null) {
                return usage(err, a + " needs a value");
            }
            i++;
        }
        if (tenant == null) {
            return usage(err, "--tenant is required");
        }
        Set<Scope> granted = EnumSet.noneOf(Scope.class);
        for (String s : scopes.split(",")) {
            Optional<Scope> scope = Scope.find(s.trim());
            if (scope.isEmpty()) {
                return usage(err, "unknown scope '" + s.trim() + "'; use " + Scope.names());
            }
            granted.add(scope.get());
        }
        Optional<Rate> limit;
        try {
            limit = rate == null ? Optional.empty() : Rate.parse(rate);
        } catch (IllegalArgumentException e) {
            return usage(err, "--rate-limit " + e.getMessage());
        }
        String key = ApiKeys.mint();
        String entry = Json.toString(ApiKeys.entry(tenant, name == null ? tenant : name, key, granted, limit));
        try {
            // The entry goes through the gateway's own parsing, so that what is printed is what it accepts.
            ApiKeys.parse("[" + entry + "]");
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage().replace("entry 0: ", ""));
        }
        out.println("key:   " + key);
        out.println("entry: " + entry);
        return 0;
    }

    private static int usage(PrintStream err, String problem) {
        err.println("mint-api-key: " + problem);
        err.println("usage: mint-api-key --tenant NAME [--name KEY_NAME] [--scopes " + Scope.names().replace(", ", ",")
                + "] [--rate-limit 600/min]");
        return 2;
    }
}
