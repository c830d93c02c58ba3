package dev.aiguardian.config;

import java.util.LinkedHashSet;
import java.util.List;

/** Start-up configuration was invalid; carries one line per bad value, safe to print. */
public final class ConfigException extends RuntimeException {
    private final List<String> problems;

    // A process with several roles reads shared settings (KAFKA_CLIENT_*) once per role: each problem is said once.
    public ConfigException(List<String> problems) {
        super(String.join("; ", new LinkedHashSet<>(problems)));
        this.problems = List.copyOf(new LinkedHashSet<>(problems));
    }

    public List<String> problems() {
        return problems;
    }

    /** Prints each problem on its own line to stderr and exits with status 2, as a usage error. */
    public static void exitWith(ConfigException e, String program) {
        for (String p : e.problems()) {
            System.err.println(program + ": configuration error: " + Redaction.redact(p));
        }
        System.exit(2);
    }
}
